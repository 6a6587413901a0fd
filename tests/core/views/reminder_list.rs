//! The reminder list's held-back reminders (views/reminder_list.rs,
//! store/reminders.rs `held_back`): each of the three reasons — the item has
//! a booking, the customer opted out, the item has an open job — holds back
//! its own reminders and no others, and a reminder held for two reasons is
//! counted once. The rest of the list: tests/core/care/reminders.rs.

use crate::common::*;
use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

/// The open reminders written straight into the shop: (kind, item, customer,
/// source, due day) each (care/reminders.rs writes them so too).
pub(crate) fn insert_open(s: &mut Shop, rows: &[(&str, i64, i64, i64, &str)]) {
    let values: Vec<String> = rows
        .iter()
        .map(|(kind, item, customer, source, due)| {
            format!(
                "('{kind}', {item}, {customer}, {source}, '{due}', 'open', '2026-11-01T09:00:00Z')"
            )
        })
        .collect();
    s.core
        .checks()
        .sql()
        .execute(
            &format!(
                "INSERT INTO reminders (kind, item_id, customer_id, source_id, due_on, state, created_at) VALUES {}",
                values.join(", ")
            ),
            (),
        )
        .unwrap();
}

/// The list for May 2027: the rows' (customer, item) and how many were held back.
fn listed(s: &mut Shop) -> (Vec<(i64, i64)>, u64) {
    let l: Value = s.call(
        "reminder.list",
        json!({ "from": "2027-05-01", "to": "2027-05-31" }),
    );
    let rows = l["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (id_of(&r["customer_id"]), id_of(&r["item_id"])))
        .collect();
    (rows, l["held_back"].as_u64().unwrap())
}

fn id_of(v: &Value) -> i64 {
    v.as_i64().unwrap()
}

#[test]
fn each_reason_holds_back_only_its_own_reminders_and_each_is_counted_once() {
    let mut s = Shop::new();
    let (customer, car, phone) = (s.customer, s.car, s.phone_item);
    let other = id(&s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "陈静", "phones": ["13700002222"] } }),
    ));
    let bike = id(&s.call(
        "item.create",
        json!({ "staff_id": s.counter, "owner_id": other, "item": { "kind": "vehicle", "plate": "粤B 77777", "make": "Honda", "model": "CB500" } }),
    ));
    // Two customers, three items; the other customer also has one for the car.
    insert_open(
        &mut s,
        &[
            ("service", car, customer, 700_001, "2027-05-01"),
            ("service", phone, customer, 700_002, "2027-05-02"),
            ("service", bike, other, 700_003, "2027-05-03"),
            ("service", car, other, 700_004, "2027-05-04"),
        ],
    );
    s.at(Utc.with_ymd_and_hms(2027, 4, 20, 9, 0, 0).unwrap());
    assert_eq!(
        listed(&mut s),
        (
            vec![
                (customer, car),
                (customer, phone),
                (other, bike),
                (other, car)
            ],
            0
        )
    );

    // A booking for the phone holds back the phone's reminder only.
    s.call(
        "appointment.book",
        json!({ "staff_id": s.counter, "customer": { "id": customer }, "item": { "id": phone },
                "starts_at": "2027-05-04T10:00:00Z", "work": "Screen" }),
    );
    assert_eq!(
        listed(&mut s),
        (vec![(customer, car), (other, bike), (other, car)], 1)
    );

    // The other customer opted out: both of theirs, whatever the item.
    s.core
        .checks()
        .sql()
        .execute(
            "INSERT INTO reminder_opt_outs (customer_id, at, staff_id, note) VALUES (?1, '2027-04-20T09:00:00Z', ?2, 'No calls')",
            (other, s.counter),
        )
        .unwrap();
    assert_eq!(listed(&mut s), (vec![(customer, car)], 3));

    // The car comes in: its reminder is held too; the other customer's one
    // for the car, held for two reasons now, still counts once.
    s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": customer },
                "item": { "id": car }, "odometer_in": 47000, "complaint": "Noise" }),
    );
    assert_eq!(listed(&mut s), (vec![], 4));
}
