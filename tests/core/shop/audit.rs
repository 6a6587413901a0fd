//! The audit chain (src/shop/audit.rs, src/model/audit.rs): approvals, invoices,
//! credit notes, payments, checks, settings and sign-ins append hash-chained
//! entries; a row changed or removed behind the app's back is named.

use crate::common::Shop;
use jobcard::model::audit::ChainReport;
use serde_json::json;

fn verify(s: &mut Shop) -> ChainReport {
    s.core.exec("audit.verify", json!({})).unwrap()
}

fn actions(s: &mut Shop) -> Vec<String> {
    let checks = s.core.checks();
    let conn = checks.sql();
    let mut st = conn
        .prepare("SELECT action FROM audit_log ORDER BY id")
        .unwrap();
    st.query_map((), |r| r.get(0))
        .unwrap()
        .map(|a| a.unwrap())
        .collect()
}

/// A shop that has taken an approval, a check, an invoice, a payment and a
/// credit note, with a settings change and a sign-in.
fn busy_shop() -> Shop {
    let mut s = Shop::new();
    let (job, invoice, _) = s.invoiced();
    let (c, m) = (s.counter, s.manager);
    let due = s.call("invoice.get", json!({ "invoice": invoice }))["balance_due"]
        .as_i64()
        .unwrap();
    s.call("invoice.pay", json!({ "staff_id": c, "invoice": invoice, "method": "cash", "amount": due, "tendered": due }));
    s.call("job.deliver", json!({ "staff_id": c, "job": job }));
    s.call(
        "invoice.credit",
        json!({ "staff_id": m, "invoice": invoice, "reason": "Goodwill", "lines": null }),
    );
    let mut settings = s.call("settings.get", json!({}));
    settings["phone"] = json!("020 1234 5678");
    s.call(
        "settings.update",
        json!({ "staff_id": m, "settings": settings }),
    );
    s.core.lock(true);
    s.core.sign_in(m, "2468").unwrap();
    s
}

#[test]
fn every_audited_action_is_chained_and_the_chain_verifies() {
    let mut s = busy_shop();
    let a = actions(&mut s);
    for want in [
        "shop.setup",
        "staff.add",
        "approval.record",
        "quality.record",
        "invoice.issue",
        "invoice.pay",
        "job.deliver",
        "invoice.credit",
        "settings.update",
        "session.sign_in",
    ] {
        assert!(a.iter().any(|x| x == want), "{want} missing from {a:?}");
    }
    let r = verify(&mut s);
    assert!(r.intact, "{r:?}");
    assert_eq!(r.entries as usize, a.len());
    // Reads and refused commands add nothing.
    let before = a.len();
    let _ = s.core.call("settings.get", json!({}));
    let _ = s.core.call(
        "invoice.credit",
        json!({ "invoice": "NOPE", "reason": "x" }),
    );
    assert_eq!(actions(&mut s).len(), before);
}

#[test]
fn the_log_refuses_changes_through_the_app_s_own_connection() {
    let mut s = busy_shop();
    let checks = s.core.checks();
    let conn = checks.sql();
    assert!(conn
        .execute("UPDATE audit_log SET content = '{}' WHERE id = 2", ())
        .is_err());
    assert!(conn
        .execute("DELETE FROM audit_log WHERE id = 2", ())
        .is_err());
    // Quality-check item results joined the append-only tables.
    assert!(conn
        .execute("UPDATE quality_check_items SET passed = 0", ())
        .is_err());
    assert!(conn.execute("DELETE FROM quality_check_items", ()).is_err());
}

#[test]
fn a_row_changed_with_sqlite3_behind_the_app_s_back_is_named() {
    let mut s = busy_shop();
    let path = s.dir.path().join("shop.db");
    let target: i64 = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT id FROM audit_log WHERE action = 'invoice.pay'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    // Another program, triggers dropped, lowers the amount paid in the log.
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch(&format!(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET content = replace(content, 'cash', 'card') WHERE id = {target};"
        ))
        .unwrap();
    let r = verify(&mut s);
    assert!(!r.intact);
    assert_eq!(r.first_broken, Some(target));
    assert!(r.problem.unwrap().contains("changed"));
    assert!(r.problem_zh.unwrap().contains("修改"));
}

#[test]
fn a_row_removed_behind_the_app_s_back_is_named() {
    let mut s = busy_shop();
    let path = s.dir.path().join("shop.db");
    let other = rusqlite::Connection::open(&path).unwrap();
    other
        .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;")
        .unwrap();
    let r = verify(&mut s);
    assert_eq!(
        r.first_broken,
        Some(4),
        "the entry after the gap no longer follows"
    );
    // The command line says so with exit status 1.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobcard"))
        .args(["--db", path.to_str().unwrap(), "audit", "verify"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let e: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["code"], "database_corrupt");
    assert!(e["message"].as_str().unwrap().contains("Audit entry 4"));
}
