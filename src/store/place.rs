//! Where the shop's database file lives: SQLite shares a file between
//! processes through the file system's locks and, in WAL mode, a shared-memory
//! index beside the file — neither of which network file systems (NFS, SMB/CIFS,
//! AFP, WebDAV, 9P, Ceph, AFS) provide reliably, so a shop file on a network
//! share is corrupted sooner or later. The store refuses to open one; several
//! counters share a shop through a database server instead. A leaf: it reads
//! the file system's type and nothing else. Tests: below.

use std::path::Path;

/// The network file system the folder of `path` is on, if it is on one.
pub fn network_file_system(path: &Path) -> Option<&'static str> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    of_folder(folder)
}

#[cfg(target_os = "linux")]
fn of_folder(folder: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `st` a properly sized out-parameter.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    linux_kind(st.f_type as i64)
}

#[cfg(target_os = "macos")]
fn of_folder(folder: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(folder.as_os_str().as_bytes()).ok()?;
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c` is a valid C string and `st` a properly sized out-parameter.
    if unsafe { libc::statfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    let name: Vec<u8> = st
        .f_fstypename
        .iter()
        .take_while(|&&b| b != 0)
        .map(|&b| b as u8)
        .collect();
    mac_kind(&String::from_utf8_lossy(&name))
}

#[cfg(windows)]
fn of_folder(folder: &Path) -> Option<&'static str> {
    // A UNC path (\\server\share\…) is a network share.
    let s = folder.to_string_lossy();
    (s.starts_with(r"\\") && !s.starts_with(r"\\?\")).then_some("a Windows network share (SMB)")
}

#[cfg(not(any(target_os = "linux", target_os = "macos", windows)))]
fn of_folder(_: &Path) -> Option<&'static str> {
    None
}

/// The network file systems among Linux's `statfs` magic numbers.
pub fn linux_kind(magic: i64) -> Option<&'static str> {
    Some(match magic {
        0x6969 => "NFS",
        0x517B => "SMB",
        0xFF53_4D42 => "CIFS",
        0xFE53_4D42 => "SMB2",
        0x5346_414F => "AFS",
        0x7375_7245 => "Coda",
        0x0102_1997 => "9P",
        0x00C3_6400 => "Ceph",
        0x564C => "NCP",
        _ => return None,
    })
}

/// The network file systems among macOS's file system type names.
pub fn mac_kind(name: &str) -> Option<&'static str> {
    Some(match name {
        "nfs" => "NFS",
        "smbfs" => "SMB",
        "afpfs" => "AFP",
        "webdav" => "WebDAV",
        "cifs" => "CIFS",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_file_systems_are_named_and_local_ones_are_not() {
        assert_eq!(linux_kind(0x6969), Some("NFS"));
        assert_eq!(linux_kind(0xFF53_4D42), Some("CIFS"));
        assert_eq!(linux_kind(0xFE53_4D42), Some("SMB2"));
        assert_eq!(linux_kind(0xEF53), None, "ext4");
        assert_eq!(linux_kind(0x0102_1994), None, "tmpfs");
        assert_eq!(linux_kind(0x5846_5342), None, "xfs");
        assert_eq!(mac_kind("smbfs"), Some("SMB"));
        assert_eq!(mac_kind("apfs"), None);
        // The test's own temporary folder is local.
        let dir = std::env::temp_dir().join("jobcard.db");
        assert_eq!(network_file_system(&dir), None);
    }
}
