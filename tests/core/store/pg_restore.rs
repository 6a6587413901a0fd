//! A shop on the server restores its `pg_dump` backup from the backup screen
//! (src/api/restore.rs, src/store/pg/dump.rs, src/store/transfer.rs): what the
//! backup holds is shown first; the restore keeps a dump of the shop as it
//! was, then brings every table back row for row, the credentials with them,
//! and the audit chain still verifies; a shop file's backup is refused with
//! the way to bring it to the server; only a manager restores. On the
//! throwaway cluster (JOBCARD_TEST_PG); without one these say so and pass.

use crate::common::{t0, Shop};
use chrono::Duration;
use jobcard::ErrorCode;
use serde_json::json;
use std::path::Path;

/// Backups (and the copy kept before a restore) go to a folder of the test's.
fn use_folder(s: &mut Shop) -> std::path::PathBuf {
    let folder = s.dir.path().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    let mut settings = s.call("settings.get", json!({}));
    settings["backup"]["folder"] = json!(folder.display().to_string());
    let m = s.manager;
    s.call(
        "settings.update",
        json!({ "staff_id": m, "settings": settings }),
    );
    folder
}

fn rows(tables: &[jobcard::store::digest::TableDigest], table: &str) -> i64 {
    tables.iter().find(|t| t.table == table).unwrap().rows
}

#[test]
fn a_server_shop_restores_its_dump_row_for_row() {
    // In the `public` schema, as a shop's own server holds it (the dump then
    // creates a schema every database has).
    let Some(mut s) = Shop::on_test_server_public() else {
        return;
    };
    let (job, _, _) = s.invoiced();
    let folder = use_folder(&mut s);
    let b = s.core.backup_now(&mut |_| {}).unwrap();
    assert!(b.verified && b.path.ends_with(".pgdump"), "{b:?}");

    // The shop goes on: a customer, the manager's new PIN.
    s.core.set_now(Some(t0() + Duration::hours(3)));
    let later = s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": {
        "kind": "person", "name": "Later Customer", "phones": ["139 1111 2222"] } }),
    )["id"]
        .as_i64()
        .unwrap();
    let m = s.manager;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": m, "secret": "9753" }),
    );

    // What the backup holds, before anything is replaced.
    let seen = s.core.inspect_backup(Path::new(&b.path), None).unwrap();
    assert_eq!(seen.integrity, "ok");
    let now = s.core.table_digests().unwrap();
    assert_eq!(rows(&seen.tables, "customers") + 1, rows(&now, "customers"));

    // Only a manager restores.
    let counter = s.counter;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": counter, "secret": "1357" }),
    );
    s.core.lock(true);
    s.core.sign_in(counter, "1357").unwrap();
    assert_eq!(
        s.core.restore(Path::new(&b.path), None).unwrap_err().code,
        ErrorCode::Forbidden
    );
    // Another counter, signed in, following the shop.
    let mut other = s.second_counter();
    other.lock(true);
    other.sign_in(counter, "1357").unwrap();
    assert!(!other.changed_elsewhere().unwrap());
    s.core.sign_in(m, "9753").unwrap();
    let restored = s.core.restore(Path::new(&b.path), None).unwrap();

    // It is told at its next look, signed out, and asked to sign in again.
    let told = other.changed_elsewhere().unwrap_err();
    assert_eq!(told.code, ErrorCode::SignInRequired);
    assert!(told.message.contains("restored"), "{}", told.message);
    let e = other
        .call(
            "customer.create",
            json!({ "customer": {
            "kind": "person", "name": "Too Late", "phones": ["139 0000 0000"] } }),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::SignInRequired);
    assert!(!other.changed_elsewhere().unwrap());

    // Every table is the backup's (the restore's own audit entry and the
    // record of the backup restored from aside).
    let after = s.core.table_digests().unwrap();
    for t in &seen.tables {
        let a = after.iter().find(|x| x.table == t.table).unwrap();
        if t.table != "audit_log" && t.table != "backups" {
            assert_eq!(t, a, "{}", t.table);
        }
    }
    assert_eq!(
        rows(&after, "audit_log"),
        rows(&seen.tables, "audit_log") + 1
    );
    s.core.sign_in(m, "2468").unwrap();
    // The backup restored from is the shop's last good backup.
    let status = s.core.backup_status().unwrap();
    let last = status.last_good.expect("the restored backup is on record");
    assert_eq!(last.path, b.path);
    assert!(last.verified);
    // The other counter's person signs in with the backup's PIN, not the later one.
    assert!(
        other.sign_in(counter, "1357").is_err(),
        "the backup's PINs now"
    );
    let e = s
        .core
        .call("customer.get", json!({ "id": later }))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(s.core.call("job.get", json!({ "job": job })).is_ok());
    // The shop as it was is kept beside the backups, a dump with the later customer.
    assert!(restored.kept_copy.ends_with(".pgdump"));
    assert!(Path::new(&restored.kept_copy).starts_with(&folder));
    assert!(jobcard::store::pg::dump::is_dump(Path::new(
        &restored.kept_copy
    )));
    let kept = s
        .core
        .inspect_backup(Path::new(&restored.kept_copy), None)
        .unwrap();
    assert_eq!(
        rows(&kept.tables, "customers"),
        rows(&seen.tables, "customers") + 1
    );
    // The old PIN works again; the chain verifies across the restore; numbers go on.
    s.core.lock(true);
    assert!(s.core.sign_in(m, "9753").is_err());
    s.core.sign_in(m, "2468").unwrap();
    let r: jobcard::model::audit::ChainReport = s.core.exec("audit.verify", json!({})).unwrap();
    assert!(r.intact, "{r:?}");
    let next = s.receive();
    assert!(next > job, "{next} after {job}");
}

#[test]
fn a_shop_files_backup_is_refused_on_the_server_and_nothing_changes() {
    let Some(mut s) = Shop::on_test_server() else {
        return;
    };
    let folder = use_folder(&mut s);
    let file = s.dir.path().join("jobcard-2026-01-01-000000.sqlite");
    std::fs::write(&file, b"SQLite format 3\0not really").unwrap();
    let before = s.core.table_digests().unwrap();
    let e = s.core.restore(&file, None).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("path"), "{e:?}");
    assert!(e.message.contains("move that shop"), "{e:?}");
    assert!(!e.message_zh.is_empty());
    let e = s.core.inspect_backup(&file, None).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("path"));
    // A damaged dump: refused by pg_restore, the shop untouched.
    let dump = s.dir.path().join("jobcard-2026-01-01-000000.pgdump");
    std::fs::write(&dump, b"PGDMP\x01\x0e\x00garbage").unwrap();
    let e = s.core.restore(&dump, None).unwrap_err();
    assert_eq!(e.code, ErrorCode::Storage, "{e:?}");
    let after = s.core.table_digests().unwrap();
    assert_eq!(before, after);
    // A bad backup leaves no copy behind either.
    assert!(std::fs::read_dir(&folder).unwrap().next().is_none());
}
