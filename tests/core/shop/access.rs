//! Sign-in, permissions and the manager's PIN for one action (src/shop/access.rs,
//! src/api/access.rs, src/api/session.rs): a locked core acts only for the
//! signed-in person, whatever `staff_id` the UI sends.

use crate::common::{id, t0, Shop};
use chrono::Duration;
use jobcard::api::Authorisation;
use jobcard::ErrorCode;
use serde_json::{json, Value};

/// A shop whose counter (Tom, 1357), technician (Ivan, 2580) and inspector
/// (Nadia, 4826) have PINs (the manager Helen's is 2468), then locked.
fn locked() -> Shop {
    let mut s = Shop::new();
    for (who, pin) in [(s.counter, "1357"), (s.tech, "2580"), (s.inspector, "4826")] {
        let m = s.manager;
        s.call(
            "staff.set_secret",
            json!({ "staff_id": m, "id": who, "secret": pin }),
        );
    }
    s.core.lock(true);
    s
}

fn code(r: Result<Value, jobcard::Error>) -> ErrorCode {
    r.expect_err("should be refused").code
}

#[test]
fn a_locked_counter_does_nothing_until_someone_signs_in() {
    let mut s = locked();
    let c = s.customer;
    assert_eq!(
        code(s.core.call("customer.get", json!({ "id": c }))),
        ErrorCode::SignInRequired
    );
    assert_eq!(
        code(s.core.call("customer.create", json!({ "staff_id": s.manager, "customer": { "kind": "person", "name": "X", "phones": ["1"] } }))),
        ErrorCode::SignInRequired
    );
    // What the sign-in screen needs is open.
    assert!(s.core.call("shop.status", json!({})).is_ok());
    assert!(s.core.call("staff.list", json!({})).is_ok());
    assert!(s.core.session().unwrap().is_none());
}

#[test]
fn the_signed_in_person_acts_whatever_staff_id_the_ui_sends() {
    let mut s = locked();
    let info = s.core.sign_in(s.counter, "1357").unwrap();
    assert_eq!(info.staff.id, s.counter);
    assert!(info
        .permissions
        .contains(&jobcard::model::access::Permission::Receive));
    assert!(!info
        .permissions
        .contains(&jobcard::model::access::Permission::Settings));
    // Sending the manager's id does not make Tom the manager.
    let e = s
        .core
        .call(
            "settings.update",
            json!({ "staff_id": s.manager, "settings": { "legal_name": "Hijacked" } }),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("Tom"), "{}", e.message);
    // And what Tom does is recorded as Tom's.
    let c = s
        .core
        .call("customer.create", json!({ "staff_id": s.manager, "customer": { "kind": "person", "name": "Li Lei", "phones": ["13800000001"] } }))
        .unwrap();
    let by: i64 = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT created_by FROM customers WHERE id = ?1",
            [id(&c)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by, s.counter);
}

#[test]
fn five_wrong_pins_lock_that_person_out_for_a_minute() {
    let mut s = locked();
    for left in (1..=4).rev() {
        let e = s.core.sign_in(s.counter, "9999").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("secret"));
        assert!(
            e.message.contains(&format!("{left} tries left")),
            "{}",
            e.message
        );
    }
    let e = s.core.sign_in(s.counter, "9999").unwrap_err();
    assert!(e.message.contains("locked"), "{}", e.message);
    // Even the right PIN waits out the minute ...
    let e = s.core.sign_in(s.counter, "1357").unwrap_err();
    assert!(e.message.contains("try again in"), "{}", e.message);
    // ... others are not affected ...
    assert!(s.core.sign_in(s.tech, "2580").is_ok());
    // ... and after it the right PIN works and the count starts afresh.
    s.core.set_now(Some(t0() + Duration::seconds(61)));
    assert!(s.core.sign_in(s.counter, "1357").is_ok());
    let failed: i64 = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT failed FROM staff_credentials WHERE staff_id = ?1",
            [s.counter],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(failed, 0);
}

#[test]
fn pins_are_stored_only_as_slow_salted_hashes() {
    let mut s = locked();
    let hashes: Vec<String> = {
        let checks = s.core.checks();
        let conn = checks.sql();
        let mut st = conn.prepare("SELECT hash FROM staff_credentials").unwrap();
        st.query_map((), |r| r.get(0))
            .unwrap()
            .map(|h| h.unwrap())
            .collect()
    };
    assert_eq!(hashes.len(), 4);
    for h in &hashes {
        assert!(h.starts_with("$argon2id$"), "{h}");
        for pin in ["1357", "2580", "4826", "2468"] {
            assert!(!h.contains(pin));
        }
    }
    let distinct: std::collections::BTreeSet<_> = hashes.iter().collect();
    assert_eq!(distinct.len(), 4, "every hash has its own salt");
    // Easy PINs are refused at the field.
    s.core.sign_in(s.counter, "1357").unwrap();
    let c = s.counter;
    let e = s
        .core
        .call("staff.set_secret", json!({ "id": c, "secret": "1111" }))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("secret"));
    // Tom may change his own PIN but not Ivan's.
    assert!(s
        .core
        .call("staff.set_secret", json!({ "id": c, "secret": "5173" }))
        .is_ok());
    let t = s.tech;
    assert_eq!(
        code(
            s.core
                .call("staff.set_secret", json!({ "id": t, "secret": "5173" }))
        ),
        ErrorCode::Forbidden
    );
    s.core.sign_out().unwrap();
    assert!(s.core.sign_in(s.counter, "1357").is_err());
    assert!(s.core.sign_in(s.counter, "5173").is_ok());
}

#[test]
fn each_role_does_its_own_work() {
    let mut s = locked();
    // A technician cannot take payments or receive customers.
    s.core.sign_in(s.tech, "2580").unwrap();
    assert_eq!(
        code(s.core.call(
            "customer.create",
            json!({ "customer": { "kind": "person", "name": "A", "phones": ["1"] } })
        )),
        ErrorCode::Forbidden
    );
    // A counter clerk cannot change settings or staff.
    s.core.sign_in(s.counter, "1357").unwrap();
    assert_eq!(
        code(
            s.core
                .call("staff.add", json!({ "name": "Eve", "roles": ["counter"] }))
        ),
        ErrorCode::Forbidden
    );
}

#[test]
fn a_managers_pin_allows_one_credit_note_and_the_audit_names_both() {
    let mut s = Shop::new();
    let (_, invoice, _) = s.invoiced();
    let m = s.manager;
    let c = s.counter;
    s.call(
        "staff.set_secret",
        json!({ "staff_id": m, "id": c, "secret": "1357" }),
    );
    s.core.lock(true);
    s.core.sign_in(s.counter, "1357").unwrap();
    let credit = json!({ "invoice": invoice, "reason": "Wrong part billed", "lines": null });
    assert_eq!(
        code(s.core.call("invoice.credit", credit.clone())),
        ErrorCode::Forbidden
    );
    // A wrong manager PIN is refused (and counted).
    let wrong = Authorisation {
        staff_id: m,
        secret: "0000".into(),
    };
    let e = s
        .core
        .call_authorised("invoice.credit", credit.clone(), Some(&wrong))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("secret"));
    // A counter clerk's own PIN does not authorise what they may not do.
    let own = Authorisation {
        staff_id: c,
        secret: "1357".into(),
    };
    assert_eq!(
        code(
            s.core
                .call_authorised("invoice.credit", credit.clone(), Some(&own))
        ),
        ErrorCode::Forbidden
    );
    let by = Authorisation {
        staff_id: m,
        secret: "2468".into(),
    };
    let note = s
        .core
        .call_authorised("invoice.credit", credit, Some(&by))
        .unwrap();
    assert!(note["number"].as_str().unwrap().starts_with("CN"));
    let (staff, authorised): (i64, i64) = s
        .core
        .checks()
        .sql()
        .query_row(
            "SELECT staff_id, authorised_by FROM audit_log WHERE action = 'invoice.credit'",
            (),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((staff, authorised), (c, m));
    // The permission was for that one action: the next one is refused again.
    let again = json!({ "invoice": invoice, "reason": "Again", "lines": null });
    assert_eq!(
        code(s.core.call("invoice.credit", again)),
        ErrorCode::Forbidden
    );
}

#[test]
fn a_discount_above_the_counter_limit_needs_a_manager() {
    let mut s = Shop::new();
    let (j, _, _) = s.awaiting();
    let c = s.counter;
    let e = s.refused(
        "estimate.set_discount",
        json!({ "staff_id": c, "job": j, "discount_bp": 1500 }),
        ErrorCode::Forbidden,
    );
    assert_eq!(e.field.as_deref(), Some("discount_bp"));
    assert!(e.message.contains("10.00 %"), "{}", e.message);
    s.call(
        "estimate.set_discount",
        json!({ "staff_id": c, "job": j, "discount_bp": 1000 }),
    );
    let m = s.manager;
    s.call(
        "estimate.set_discount",
        json!({ "staff_id": m, "job": j, "discount_bp": 1500 }),
    );
    // An amount counts by its share of the estimate.
    let gross = s.job(&j)["totals"]["estimate"]["net"].as_i64().unwrap();
    s.call(
        "estimate.set_discount",
        json!({ "staff_id": m, "job": j, "discount_bp": 0 }),
    );
    s.refused(
        "estimate.set_discount",
        json!({ "staff_id": c, "job": j, "discount_amount": gross / 2 }),
        ErrorCode::Forbidden,
    );
}

#[test]
fn the_counter_locks_itself_after_the_idle_time() {
    let mut s = locked();
    let info = s.core.sign_in(s.counter, "1357").unwrap();
    assert_eq!(info.idle_lock_minutes, 5);
    let c = s.customer;
    s.core.set_now(Some(t0() + Duration::minutes(4)));
    assert!(s.core.call("customer.get", json!({ "id": c })).is_ok());
    // Activity moved the clock on: four more minutes are still fine.
    s.core.set_now(Some(t0() + Duration::minutes(8)));
    assert!(s.core.call("customer.get", json!({ "id": c })).is_ok());
    s.core.set_now(Some(t0() + Duration::minutes(14)));
    let e = s.core.call("customer.get", json!({ "id": c })).unwrap_err();
    assert_eq!(e.code, ErrorCode::SignInRequired);
    assert!(e.message.contains("idle"), "{}", e.message);
    assert!(s.core.session().unwrap().is_none());
}

#[test]
fn the_manager_edits_permissions_but_keeps_control() {
    let mut s = locked();
    s.core.sign_in(s.manager, "2468").unwrap();
    let mut table: Value = s.core.call("access.permissions", json!({})).unwrap();
    // Give technicians reception.
    for row in table.as_array_mut().unwrap() {
        if row["role"] == "technician" {
            row["permissions"]
                .as_array_mut()
                .unwrap()
                .push(json!("receive"));
        }
    }
    s.core
        .call("access.set_permissions", json!({ "table": table.clone() }))
        .unwrap();
    // Taking settings from the manager is refused.
    for row in table.as_array_mut().unwrap() {
        if row["role"] == "manager" {
            row["permissions"] = json!(["receive"]);
        }
    }
    let e = s
        .core
        .call("access.set_permissions", json!({ "table": table }))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("permissions"));
    s.core.sign_in(s.tech, "2580").unwrap();
    assert!(s
        .core
        .call(
            "customer.create",
            json!({ "customer": { "kind": "person", "name": "Wu", "phones": ["13800000002"] } })
        )
        .is_ok());
}

#[test]
fn a_shop_from_before_sign_in_lets_its_manager_in_to_choose_a_pin() {
    let mut s = Shop::new();
    // As a shop upgraded from schema 2: nobody has a secret yet.
    s.core
        .checks()
        .sql()
        .execute("DELETE FROM staff_credentials", ())
        .unwrap();
    s.core.lock(true);
    // Not the counter clerk ...
    let e = s.core.sign_in(s.counter, "").unwrap_err();
    assert!(e.message.contains("no PIN"), "{}", e.message);
    // ... but the manager, who must choose a PIN before anything else.
    let info = s.core.sign_in(s.manager, "").unwrap();
    assert!(info.must_set_secret);
    let c = s.customer;
    assert_eq!(
        code(s.core.call("customer.get", json!({ "id": c }))),
        ErrorCode::SignInRequired
    );
    let m = s.manager;
    s.core
        .call("staff.set_secret", json!({ "id": m, "secret": "8642" }))
        .unwrap();
    assert!(s.core.call("customer.get", json!({ "id": c })).is_ok());
    // From now on the PIN is needed.
    s.core.sign_out().unwrap();
    assert!(s.core.sign_in(s.manager, "").is_err());
    assert!(s.core.sign_in(s.manager, "8642").is_ok());
}

#[test]
fn a_clock_left_running_is_stopped_by_the_counter_not_by_a_technician() {
    let mut s = Shop::new();
    let (j, labour, _) = s.approved();
    let (c, t, m) = (s.counter, s.tech, s.manager);
    s.call("work.clock_on", json!({ "staff_id": t, "line_id": labour }));
    let other = s.call(
        "staff.add",
        json!({ "staff_id": m, "name": "Ola", "roles": ["technician"] }),
    );
    let ola = id(&other);
    // Another technician may not stop Ivan's clock ...
    let e = s.refused(
        "work.clock_off",
        json!({ "staff_id": ola, "line_id": labour, "technician_id": t }),
        ErrorCode::Forbidden,
    );
    assert!(e.message.contains("Ola"), "{}", e.message);
    // ... the counter (dispatch) may, and the job says whose clock it was.
    s.call(
        "work.clock_off",
        json!({ "staff_id": c, "line_id": labour, "technician_id": t }),
    );
    assert!(s.job(&j)["running_clocks"].as_array().unwrap().is_empty());
}
