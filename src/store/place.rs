//! Where the shop's database file lives: SQLite shares a file between
//! processes through the file system's locks and, in WAL mode, a shared-memory
//! index beside the file — neither of which network file systems (NFS, SMB/CIFS,
//! AFP, WebDAV, 9P, Ceph, AFS) provide reliably, so a shop file on a network
//! share is corrupted sooner or later. The store refuses to open one; several
//! counters share a shop through a database server instead. On Linux a
//! network share is also often a program's file system (FUSE): sshfs,
//! rclone, or the desktop's gvfs, where the file manager mounts the SMB
//! shares it opened; mountinfo names the program and gvfs's folder the share.
//! A leaf: it reads the file system's type and nothing else. Tests: below.

use std::path::{Path, PathBuf};

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
    let magic = st.f_type as i64;
    if magic != FUSE {
        return linux_kind(magic);
    }
    // A program's file system: mountinfo names the program, and gvfs's
    // folders say which share each is.
    let folder = std::fs::canonicalize(folder).ok()?;
    let info = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
    let (point, fstype) = mount_of(&info, &folder)?;
    fuse_kind(&fstype, folder.strip_prefix(&point).ok()?)
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
    use std::os::windows::ffi::OsStrExt;
    use std::path::{Component, Prefix};
    let folder = std::path::absolute(folder).ok()?;
    let Some(Component::Prefix(prefix)) = folder.components().next() else {
        return None;
    };
    let letter = match prefix.kind() {
        // \\server\share\… and \\?\UNC\server\share\…
        Prefix::UNC(..) | Prefix::VerbatimUNC(..) => return Some("SMB"),
        Prefix::Disk(l) | Prefix::VerbatimDisk(l) => l,
        _ => return None,
    };
    // A drive letter mapped to a share (Z: for \\nas\shop) is one too: the
    // drive's type says so.
    let root: Vec<u16> = std::ffi::OsStr::new(&format!("{}:\\", letter as char))
        .encode_wide()
        .chain(std::iter::once(0))
        .collect();
    // SAFETY: `root` is a NUL-terminated wide string that outlives the call.
    (unsafe { GetDriveTypeW(root.as_ptr()) } == DRIVE_REMOTE).then_some("SMB")
}

/// Windows' drive type of a mapped network drive (`GetDriveTypeW`).
#[cfg(windows)]
const DRIVE_REMOTE: u32 = 4;

#[cfg(windows)]
#[link(name = "kernel32")]
unsafe extern "system" {
    fn GetDriveTypeW(root: *const u16) -> u32;
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

/// FUSE's `statfs` magic: the file system is a program in user space
/// (sshfs, rclone, the desktop's gvfs …), which only mountinfo names.
pub const FUSE: i64 = 0x6573_5546;

/// The mount that holds `folder` (canonical), from the text of
/// `/proc/self/mountinfo`: its mount point and file system type. The longest
/// mount point holding the folder wins, and among equal ones the last listed,
/// which covers those before it.
pub fn mount_of(mountinfo: &str, folder: &Path) -> Option<(PathBuf, String)> {
    let mut best: Option<(PathBuf, String)> = None;
    for line in mountinfo.lines() {
        let Some((left, right)) = line.split_once(" - ") else {
            continue;
        };
        let (Some(point), Some(fstype)) = (
            left.split_whitespace().nth(4),
            right.split_whitespace().next(),
        ) else {
            continue;
        };
        let point = PathBuf::from(unescape(point));
        let longer = best
            .as_ref()
            .is_none_or(|(b, _)| point.components().count() >= b.components().count());
        if folder.starts_with(&point) && longer {
            best = Some((point, fstype.to_string()));
        }
    }
    best
}

/// mountinfo's octal escapes (`\040` for a space, `\011`, `\012`, `\134`).
fn unescape(field: &str) -> String {
    let b = field.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let octal = b
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|c| (b'0'..=b'7').contains(c)));
        match octal {
            Some(d) if b[i] == b'\\' => {
                out.push(
                    d.iter()
                        .fold(0u8, |n, c| n.wrapping_mul(8).wrapping_add(c - b'0')),
                );
                i += 4;
            }
            _ => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The network file systems among FUSE programs (mountinfo's `fuse.NAME`,
/// or the bare name). GNOME's and other desktops' gvfs mounts every share
/// the file manager opened under one folder, where the share's own folder
/// (`inside`, the path below the mount point) says what it is:
/// `smb-share:server=…` is a network share, a phone's `mtp:host=…` is not.
pub fn fuse_kind(fstype: &str, inside: &Path) -> Option<&'static str> {
    let program = fstype.strip_prefix("fuse.").unwrap_or(fstype);
    Some(match program {
        "sshfs" => "SSHFS",
        "rclone" => "rclone",
        "s3fs" => "s3fs",
        "goofys" => "goofys",
        "gcsfuse" => "gcsfuse",
        "glusterfs" => "GlusterFS",
        "ceph-fuse" => "Ceph",
        "smbnetfs" | "fusesmb" => "SMB",
        "davfs" => "WebDAV",
        "curlftpfs" => "FTP",
        "gvfsd-fuse" => {
            let share = inside.components().next()?.as_os_str().to_str()?;
            match share.split(':').next()? {
                "smb-share" | "smb-server" => "SMB",
                "sftp" => "SFTP",
                "dav" | "davs" => "WebDAV",
                "ftp" | "ftps" => "FTP",
                "afp-volume" | "afp-server" => "AFP",
                "nfs" => "NFS",
                "google-drive" => "Google Drive",
                "onedrive" => "OneDrive",
                _ => return None,
            }
        }
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
        assert_eq!(linux_kind(FUSE), None, "which program: mountinfo says");
        // The test's own temporary folder is local.
        let dir = std::env::temp_dir().join("jobcard.db");
        assert_eq!(network_file_system(&dir), None);
    }

    /// A desktop's mounts as mountinfo lists them: a root, a home, a USB
    /// stick whose name has a space, the desktop's gvfs, an sshfs inside the
    /// home, and a second mount over the same folder.
    const MOUNTINFO: &str = "\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
30 22 8:2 / /home rw,relatime shared:2 - ext4 /dev/sda2 rw
41 22 8:17 / /media/ann/SHOP\\040DISK rw,nosuid - vfat /dev/sdb1 rw
52 30 0:48 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw
53 30 0:49 / /home/ann/garage rw,nosuid,nodev - fuse.sshfs ann@garage:/srv rw
54 30 0:50 / /home/ann/garage rw,nosuid,nodev - fuse.bindfs /srv/local rw
55 30 0:51 / /mnt/box rw - fuse.rclone box: rw
";

    #[test]
    fn the_mount_holding_a_folder_is_the_longest_and_last() {
        let of =
            |p: &str| mount_of(MOUNTINFO, Path::new(p)).map(|(m, t)| (m.display().to_string(), t));
        assert_eq!(of("/home/ann/shop"), Some(("/home".into(), "ext4".into())));
        assert_eq!(of("/srv"), Some(("/".into(), "ext4".into())));
        assert_eq!(
            of("/media/ann/SHOP DISK/jobcard"),
            Some(("/media/ann/SHOP DISK".into(), "vfat".into()))
        );
        // Not a prefix by characters: /home/ann/garage2 is in /home.
        assert_eq!(
            of("/home/ann/garage2"),
            Some(("/home".into(), "ext4".into()))
        );
        // The later mount over the same folder covers the earlier.
        assert_eq!(
            of("/home/ann/garage/db"),
            Some(("/home/ann/garage".into(), "fuse.bindfs".into()))
        );
        assert_eq!(mount_of("", Path::new("/x")), None);
        assert_eq!(
            mount_of("garbage\nno separator here\n1 2 - \n", Path::new("/x")),
            None
        );
    }

    #[test]
    fn network_programs_are_named_and_local_ones_are_not() {
        let none = Path::new("");
        assert_eq!(fuse_kind("fuse.sshfs", none), Some("SSHFS"));
        assert_eq!(fuse_kind("fuse.rclone", Path::new("shop")), Some("rclone"));
        assert_eq!(fuse_kind("davfs", none), Some("WebDAV"));
        assert_eq!(fuse_kind("fuse.bindfs", none), None);
        assert_eq!(fuse_kind("fuseblk", none), None, "ntfs-3g on a local disk");
        assert_eq!(fuse_kind("fuse.ntfs-3g", none), None);
        // gvfs: the share's folder says what it is.
        let gvfs = |inside: &str| fuse_kind("fuse.gvfsd-fuse", Path::new(inside));
        assert_eq!(gvfs("smb-share:server=nas,share=shop/jobcard"), Some("SMB"));
        assert_eq!(gvfs("sftp:host=garage/srv"), Some("SFTP"));
        assert_eq!(
            gvfs("davs:host=cloud.example.com,ssl=true/shop"),
            Some("WebDAV")
        );
        assert_eq!(gvfs("nfs:host=nas,volume=/export"), Some("NFS"));
        assert_eq!(
            gvfs("mtp:host=Xiaomi_Redmi/Internal"),
            None,
            "a phone on USB"
        );
        assert_eq!(gvfs(""), None, "gvfs's own folder");
    }

    #[test]
    fn mountinfo_escapes_are_read_and_stray_backslashes_kept() {
        assert_eq!(unescape("/a\\040b\\011c\\134d"), "/a b\tc\\d");
        assert_eq!(unescape("/a\\x\\04"), "/a\\x\\04");
        assert_eq!(unescape("/商店\\040盘"), "/商店 盘");
    }
}
