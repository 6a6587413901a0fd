//! A shop file on a network share, mounted for real (src/store/place.rs): a
//! program's file system (FUSE) that the kernel names only "FUSE". Here it is
//! rclone mounting a local folder, which mountinfo names `fuse.rclone` as it
//! does for a cloud or SFTP remote. The shop is refused before anything is
//! opened, the program named in both languages, and nothing is written to
//! the share. Beside it, a folder that is not on a share opens. Needs rclone
//! and FUSE (scripts/linux-prereqs.sh installs them); a machine that cannot
//! mount says so and passes, unless JOBCARD_REQUIRE_FUSE is set (CI).

use jobcard::{Core, ErrorCode};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A local folder mounted through rclone's FUSE program; unmounted when dropped.
struct Mount {
    at: PathBuf,
}

impl Mount {
    fn start(from: &Path, at: &Path) -> Option<Mount> {
        let why = match Command::new("rclone")
            .arg("mount")
            .args([from, at])
            .args(["--daemon", "--quiet"])
            .status()
        {
            Ok(s) if s.success() => None,
            Ok(s) => Some(format!("rclone mount failed: {s}")),
            Err(e) => Some(format!("rclone is missing: {e}")),
        };
        let mounted = || {
            std::fs::read_to_string("/proc/self/mountinfo")
                .is_ok_and(|m| m.contains(&format!(" {} ", at.display())))
        };
        let t = Instant::now();
        while why.is_none() && !mounted() && t.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let why = why.or_else(|| (!mounted()).then(|| "the mount did not appear".into()));
        if let Some(why) = why {
            assert!(
                std::env::var_os("JOBCARD_REQUIRE_FUSE").is_none(),
                "JOBCARD_REQUIRE_FUSE is set but this machine cannot mount a FUSE share: {why}"
            );
            eprintln!("no FUSE share to test on ({why}): skipped; scripts/linux-prereqs.sh installs rclone");
            return None;
        }
        Some(Mount {
            at: at.to_path_buf(),
        })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("fusermount3").arg("-u").arg(&self.at).status();
    }
}

#[test]
fn a_shop_file_on_a_fuse_share_is_refused_and_nothing_is_written() {
    let share = tempfile::tempdir().unwrap();
    let at = tempfile::tempdir().unwrap();
    let Some(_mount) = Mount::start(share.path(), at.path()) else {
        return;
    };
    let folder = at.path().join("counter");
    std::fs::create_dir(&folder).unwrap();
    let Err(e) = Core::open(&folder.join("shop.db")) else {
        panic!("a shop file on a FUSE share was opened");
    };
    assert_eq!(e.code, ErrorCode::Storage, "{e:?}");
    assert_eq!(e.field.as_deref(), Some("db"));
    assert!(
        e.message.contains("on a network drive (rclone)"),
        "{}",
        e.message
    );
    assert!(e.message.contains("PostgreSQL server"), "{}", e.message);
    assert!(
        e.message_zh.contains("网络驱动器（rclone）"),
        "{}",
        e.message_zh
    );
    // Nothing was created on the share: only the folder the test made.
    let names: Vec<_> = std::fs::read_dir(share.path().join("counter"))
        .unwrap()
        .map(|d| d.unwrap().file_name())
        .collect();
    assert!(names.is_empty(), "{names:?}");
    // The same file on this computer's own disk opens.
    let local = tempfile::tempdir().unwrap();
    Core::open(&local.path().join("shop.db")).unwrap();
}
