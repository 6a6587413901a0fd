//! Backups and restore (src/store/backup.rs, src/api/backup.rs,
//! src/model/backup.rs): verified copies of a live database, the rotation, the
//! counter's warning, and a restore that brings the shop back row for row.

use crate::common::{t0, Shop};
use chrono::Duration;
use jobcard::store::backup::{digests, inspect_file};
use jobcard::ErrorCode;
use serde_json::json;
use std::path::{Path, PathBuf};

fn add_customer(s: &mut Shop, name: &str) -> i64 {
    let c = s.counter;
    s.call("customer.create", json!({ "staff_id": c, "customer": { "kind": "person", "name": name, "phones": ["13811112222"] } }))["id"]
        .as_i64()
        .unwrap()
}

fn backups_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sqlite" || e == "age"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_backup_is_verified_recorded_and_shown_on_the_counter() {
    let mut s = Shop::new();
    s.invoiced();
    let status = s.core.backup_status().unwrap();
    assert!(status.warn && status.due && status.last_good.is_none());
    let mut steps = 0;
    let b = s
        .core
        .backup_now(&mut |p| {
            steps += 1;
            assert!(p.pages_done <= p.pages_total);
        })
        .unwrap();
    assert!(steps >= 1);
    assert!(b.verified, "{:?}", b.problem);
    let file = PathBuf::from(&b.path);
    assert_eq!(file.parent().unwrap(), s.dir.path().join("backups"));
    assert!(
        Path::new(&format!("{}.json", b.path)).is_file(),
        "manifest beside it"
    );
    // The copy is a whole, plain database holding what the shop holds.
    let report = inspect_file(&file).unwrap();
    assert_eq!(report.integrity, "ok");
    // Everything but the record of this backup and its audit entry, written after.
    let live = digests(s.core.connection().unwrap()).unwrap();
    for (a, b) in report.tables.iter().zip(&live) {
        if a.table != "backups" && a.table != "audit_log" {
            assert_eq!(a, b, "{}", a.table);
        }
    }
    let status = s.core.backup_status().unwrap();
    assert!(!status.warn && !status.due);
    assert_eq!(status.age_hours, Some(0));
    // Next day a backup is due again; after two days the counter is warned.
    s.core.set_now(Some(t0() + Duration::days(1)));
    let status = s.core.backup_status().unwrap();
    assert!(status.due && !status.warn);
    s.core.set_now(Some(t0() + Duration::days(3)));
    assert!(s.core.backup_status().unwrap().warn);
}

#[test]
fn restore_brings_back_the_shop_row_for_row_and_keeps_the_current_file() {
    let mut s = Shop::new();
    s.invoiced();
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    // The shop goes on: a customer, a new PIN for the manager.
    s.core.set_now(Some(t0() + Duration::hours(3)));
    let later = add_customer(&mut s, "Later Customer");
    let m = s.manager;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": m, "secret": "9753" }),
    );
    // A second app on the same file, its person signed in, following the
    // shop: the first's everyday writes are news to it, not a restore.
    let mut other = s.second_counter();
    other.lock(true);
    other.sign_in(m, "9753").unwrap();
    assert!(!other.changed_elsewhere().unwrap());
    add_customer(&mut s, "Another Customer");
    assert!(other.changed_elsewhere().unwrap());
    assert!(!other.changed_elsewhere().unwrap());
    let restored = s.core.restore(Path::new(&b.path), None).unwrap();
    // The second app is told at its next look and signs its person out.
    let told = other.changed_elsewhere().unwrap_err();
    assert_eq!(told.code, ErrorCode::SignInRequired);
    assert!(told.message.contains("restored the shop"), "{told:?}");
    assert!(told.message_zh.contains("恢复"));
    assert!(other.changed_elsewhere().is_ok());
    // Every table's rows are the backup's (the audit entry of the restore
    // and the record of the backup restored from aside).
    let at_backup = &restored.report.tables;
    let now = digests(s.core.connection().unwrap()).unwrap();
    assert_eq!(at_backup.len(), now.len());
    for (a, b) in at_backup.iter().zip(&now) {
        if a.table != "audit_log" && a.table != "backups" {
            assert_eq!(a, b, "{}", a.table);
        }
    }
    // The home does not say "no backup yet": the one restored from is the last.
    let last = s.core.backup_status().unwrap().last_good.unwrap();
    assert_eq!(last.path, b.path);
    assert_eq!(last.sha256, b.sha256);
    assert_eq!(
        s.count("audit_log"),
        at_backup
            .iter()
            .find(|t| t.table == "audit_log")
            .unwrap()
            .rows
            + 1
    );
    let e = s.fails("customer.get", json!({ "id": later }));
    assert_eq!(e.code, ErrorCode::NotFound);
    // The file as it was before the restore is kept, with the later customers.
    let kept = inspect_file(Path::new(&restored.kept_copy)).unwrap();
    let customers = |r: &jobcard::store::backup::FileReport| {
        r.tables
            .iter()
            .find(|t| t.table == "customers")
            .unwrap()
            .rows
    };
    assert_eq!(customers(&kept), customers(&restored.report) + 2);
    // Sign-in credentials are the backup's: the old PIN works again.
    s.core.lock(true);
    assert!(s.core.sign_in(m, "9753").is_err());
    assert!(s.core.sign_in(m, "2468").is_ok());
    // The chain still verifies across the restore.
    let r: jobcard::model::audit::ChainReport = s.core.exec("audit.verify", json!({})).unwrap();
    assert!(r.intact, "{r:?}");
    // The second app's person signs in with the backup's PIN; the restored
    // shop goes on, and the second app follows it as before.
    assert!(other.sign_in(m, "9753").is_err());
    other.sign_in(m, "2468").unwrap();
    add_customer(&mut s, "After The Restore");
    assert!(other.changed_elsewhere().unwrap());
}

#[test]
fn a_damaged_backup_is_refused_and_the_shop_is_untouched() {
    let mut s = Shop::new();
    s.invoiced();
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    let mut bytes = std::fs::read(&b.path).unwrap();
    let n = bytes.len();
    for x in &mut bytes[n / 2..n / 2 + 8192] {
        *x = 0x5a;
    }
    let bad = s.dir.path().join("damaged.sqlite");
    std::fs::write(&bad, bytes).unwrap();
    let before = digests(s.core.connection().unwrap()).unwrap();
    let e = s.core.restore(&bad, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::DatabaseCorrupt, "{e:?}");
    assert_eq!(digests(s.core.connection().unwrap()).unwrap(), before);
    let e = s
        .core
        .restore(&s.dir.path().join("nothing-here.sqlite"), None)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[test]
fn old_backups_rotate_to_7_daily_4_weekly_12_monthly() {
    let mut s = Shop::new();
    let folder = s.dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    // Two years of daily backups already there, and a file that is not ours.
    for d in 1..=730 {
        let at = t0() - Duration::days(d);
        std::fs::write(folder.join(jobcard::model::backup::file_name(at)), b"x").unwrap();
    }
    std::fs::write(folder.join("notes.txt"), b"keep me").unwrap();
    let mut settings = s.call("settings.get", json!({}));
    settings["backup"]["folder"] = json!(folder.display().to_string());
    let m = s.manager;
    s.call(
        "settings.update",
        json!({ "staff_id": m, "settings": settings }),
    );
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    assert!(b.verified);
    let left = backups_in(&folder);
    assert!(
        left.len() <= 7 + 4 + 12 && left.len() >= 12,
        "{}",
        left.len()
    );
    assert!(left.contains(&PathBuf::from(&b.path)));
    assert!(folder.join("notes.txt").is_file());
}

#[test]
fn a_missing_backup_folder_is_said_plainly() {
    let mut s = Shop::new();
    let mut settings = s.call("settings.get", json!({}));
    let gone = s.dir.path().join("unplugged-usb-stick");
    settings["backup"]["folder"] = json!(gone.display().to_string());
    let m = s.manager;
    s.call(
        "settings.update",
        json!({ "staff_id": m, "settings": settings }),
    );
    let e = s.core.backup_now(&mut |_| {}).unwrap_err();
    assert_eq!(e.code, ErrorCode::Storage);
    assert!(e.message.contains("missing"), "{}", e.message);
    assert!(!gone.exists(), "not created on the local disk instead");
    let status = s.core.backup_status().unwrap();
    assert!(!status.folder_exists && status.warn);
}

#[test]
fn opening_does_not_read_the_whole_file_the_check_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    {
        let mut s = Shop::new();
        for i in 0..300 {
            add_customer(&mut s, &format!("Customer {i} {}", "x".repeat(150)));
        }
        s.core
            .connection()
            .unwrap()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        std::fs::copy(s.dir.path().join("shop.db"), &path).unwrap();
    }
    // Damage a page near the end (table or index content, not the schema).
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    for x in &mut bytes[n - 3 * 4096 + 100..n - 3 * 4096 + 2000] {
        *x = 0xff;
    }
    std::fs::write(&path, bytes).unwrap();
    let mut core = jobcard::Core::open(&path).expect("opens without reading every page");
    let report = core.check_integrity(true).unwrap();
    assert_ne!(report.integrity, "ok");
    // The command line says so.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(["--db", path.to_str().unwrap(), "check", "--full"])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn the_command_line_backs_up_and_restores() {
    let mut s = Shop::new();
    s.invoiced();
    let db = s.dir.path().join("shop.db");
    let out_dir = s.dir.path().join("cli-backups");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_jobcard"))
            .args(["--db", db.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["backup", "--to", out_dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["verified"], true);
    let later = add_customer(&mut s, "After The Backup");
    drop(s.core);
    let file = record["path"].as_str().unwrap();
    let out = run(&["restore", file]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["call", "customer.get", &format!("{{\"id\":{later}}}")]);
    assert!(!out.status.success(), "the later customer is gone");
    let out = run(&["audit", "verify"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_app_backs_up_at_the_first_start_of_each_day_only() {
    let mut s = Shop::new();
    assert!(s.core.backup_if_due(&mut |_| {}).unwrap().is_some());
    s.core.set_now(Some(t0() + Duration::hours(5)));
    assert!(
        s.core.backup_if_due(&mut |_| {}).unwrap().is_none(),
        "one a day"
    );
    s.core.set_now(Some(t0() + Duration::days(1)));
    assert!(s.core.backup_if_due(&mut |_| {}).unwrap().is_some());
    // The exit backup is taken whenever the shop is set up.
    assert!(s.core.backup_scheduled(&mut |_| {}).unwrap().is_some());
    // A shop not yet set up has nothing to back up.
    let dir = tempfile::tempdir().unwrap();
    let mut empty = jobcard::Core::open(&dir.path().join("new.db")).unwrap();
    assert!(empty.backup_if_due(&mut |_| {}).unwrap().is_none());
    assert!(empty.backup_scheduled(&mut |_| {}).unwrap().is_none());
}

#[test]
fn a_sealed_backup_reads_as_noise_and_restores_only_with_its_passphrase() {
    let mut s = Shop::new();
    s.invoiced();
    let m = s.manager;
    let e = s.fails(
        "backup.set_passphrase",
        json!({ "staff_id": m, "passphrase": "short" }),
    );
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    let sealed = s.call(
        "backup.set_passphrase",
        json!({ "staff_id": m, "passphrase": "blue lorry 47 up the hill" }),
    );
    assert_eq!(sealed["sealed"], true);
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    assert!(b.verified, "{:?}", b.problem);
    assert!(b.path.ends_with(".sqlite.age"), "{}", b.path);
    // Only the sealed file is left in the folder, and it is not a database.
    let folder = s.dir.path().join("backups");
    assert_eq!(backups_in(&folder), vec![PathBuf::from(&b.path)]);
    let bytes = std::fs::read(&b.path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(
        !bytes.windows(6).any(|w| w == b"Garage"),
        "the shop's name is not readable"
    );
    assert!(
        inspect_file(Path::new(&b.path)).is_err()
            || inspect_file(Path::new(&b.path)).unwrap().integrity != "ok"
    );
    // The passphrase never reaches the audit log.
    let leaked: i64 = s
        .core
        .connection()
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE content LIKE '%lorry%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(leaked, 0);
    let later = add_customer(&mut s, "After The Sealed Backup");
    // A wrong passphrase is refused at its field and changes nothing.
    let e = s
        .core
        .restore(Path::new(&b.path), Some("wrong phrase here"))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("passphrase"));
    assert!(s.core.call("customer.get", json!({ "id": later })).is_ok());
    // The shop's own passphrase opens it (the same PC), as does typing it.
    let report = s.core.inspect_backup(Path::new(&b.path), None).unwrap();
    assert_eq!(report.integrity, "ok");
    s.core
        .restore(Path::new(&b.path), Some("blue lorry 47 up the hill"))
        .unwrap();
    assert_eq!(
        s.fails("customer.get", json!({ "id": later })).code,
        ErrorCode::NotFound
    );
    // No unsealed copy is left behind.
    let stray: Vec<_> = std::fs::read_dir(s.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("unsealed"))
        .collect();
    assert!(stray.is_empty());
}

#[test]
fn the_counter_keeps_working_while_a_backup_is_copied() {
    let mut s = Shop::new();
    s.invoiced();
    // Planned under the core, copied on its own connection in another thread
    // while the counter goes on writing, then recorded under the core.
    let job = s.core.plan_backup(None).unwrap();
    let copier = std::thread::spawn(move || {
        let record = job.run(&mut |_| {}).unwrap();
        (job, record)
    });
    for i in 0..20 {
        add_customer(&mut s, &format!("During the backup {i}"));
    }
    let (job, record) = copier.join().unwrap();
    assert!(record.verified, "{:?}", record.problem);
    let saved = s.core.finish_backup(&job, record).unwrap();
    assert!(saved.id > 0);
    assert_eq!(
        s.core.backup_status().unwrap().last_good.unwrap().path,
        saved.path
    );
}
