//! The condition at intake (src/job/intake.rs): fuel, keys, valuables and damage
//! marked on the outline, frozen with the customer's acknowledgment, printed on
//! the intake ticket.

use crate::common::*;
use crate::documents::print;
use jobcard::documents::Kind;
use jobcard::model::settings::Lang;
use jobcard::ErrorCode;
use serde_json::json;

fn started(s: &mut Shop) -> String {
    let j = s.receive();
    s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
    );
    j
}

#[test]
fn fuel_keys_valuables_and_marks_are_recorded_then_frozen() {
    let mut s = Shop::new();
    let j = started(&mut s);
    let insp = s.call(
        "inspection.set_intake",
        json!({ "staff_id": s.counter, "job": j,
        "fuel_eighths": 3, "keys_left": 2, "valuables": "Child seat, sunglasses" }),
    );
    assert_eq!(insp["intake"]["fuel_eighths"], 3);
    assert_eq!(insp["intake"]["keys_left"], 2);
    let insp = s.call(
        "inspection.mark_damage",
        json!({ "staff_id": s.counter, "job": j,
        "x": 120, "y": 80, "kind": "scratch", "note": "front bumper, 10 cm" }),
    );
    let first = insp["marks"][0]["id"].clone();
    s.call(
        "inspection.mark_damage",
        json!({ "staff_id": s.counter, "job": j, "x": 900, "y": 900, "kind": "dent" }),
    );
    // A slip of the finger comes off again.
    let slip = s.call(
        "inspection.mark_damage",
        json!({ "staff_id": s.counter, "job": j, "x": 500, "y": 500, "kind": "other" }),
    );
    let slip_id = slip["marks"][2]["id"].clone();
    let insp = s.call(
        "inspection.remove_mark",
        json!({ "staff_id": s.counter, "job": j, "mark_id": slip_id }),
    );
    assert_eq!(insp["marks"].as_array().unwrap().len(), 2);
    s.call(
        "inspection.all_ok",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.call(
        "inspection.acknowledge",
        json!({ "staff_id": s.counter, "job": j, "name": "王小明", "method": "verbal" }),
    );
    // Acknowledged: nothing changes any more, and nothing was lost.
    for (cmd, input) in [
        (
            "inspection.set_intake",
            json!({ "staff_id": s.counter, "job": j, "fuel_eighths": 8 }),
        ),
        (
            "inspection.mark_damage",
            json!({ "staff_id": s.counter, "job": j, "x": 1, "y": 1, "kind": "chip" }),
        ),
        (
            "inspection.remove_mark",
            json!({ "staff_id": s.counter, "job": j, "mark_id": first }),
        ),
    ] {
        s.refused(cmd, input, ErrorCode::Immutable);
    }
    let d = s.job(&j);
    assert_eq!(d["inspection"]["marks"].as_array().unwrap().len(), 2);
    assert_eq!(d["inspection"]["intake"]["fuel_eighths"], 3);
    // The store itself refuses a late mark, whatever the rules above say.
    assert!(s
        .core
        .checks()
        .sql()
        .execute("DELETE FROM damage_marks", ())
        .is_err());
    // The intake ticket prints it in both languages.
    let (en, _) = print(&mut s.core, Kind::Ticket, &j, Lang::En, None);
    for text in [
        "Condition at intake",
        "3/8",
        "Keys handed over",
        "Child seat, sunglasses",
        "1. Scratch (front left) — front bumper, 10 cm",
        "2. Dent (rear right)",
    ] {
        assert!(en.contains(text), "{text} in:\n{en}");
    }
    let (zh, _) = print(&mut s.core, Kind::Ticket, &j, Lang::ZhCn, None);
    for text in [
        "接车状况",
        "留存钥匙",
        "划痕（前部左侧）",
        "凹陷（后部右侧）",
    ] {
        assert!(zh.replace(' ', "").contains(text), "{text} in:\n{zh}");
    }
}

#[test]
fn hostile_values_are_refused_at_their_fields() {
    let mut s = Shop::new();
    let j = started(&mut s);
    for (input, field) in [
        (json!({ "fuel_eighths": 9 }), "fuel_eighths"),
        (json!({ "fuel_eighths": -1 }), "fuel_eighths"),
        (json!({ "keys_left": 21 }), "keys_left"),
        (json!({ "keys_left": i64::MAX }), "keys_left"),
        (json!({ "valuables": "x".repeat(501) }), "valuables"),
    ] {
        let mut full = json!({ "staff_id": s.counter, "job": j });
        full.as_object_mut()
            .unwrap()
            .extend(input.as_object().unwrap().clone());
        let e = s.refused("inspection.set_intake", full, ErrorCode::InvalidInput);
        assert_eq!(e.field.as_deref(), Some(field));
    }
    for (x, y, field) in [(-1, 5, "x"), (5, 1001, "y"), (i64::MIN, 0, "x")] {
        let e = s.refused(
            "inspection.mark_damage",
            json!({ "staff_id": s.counter, "job": j, "x": x, "y": y, "kind": "dent" }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field));
    }
    for _ in 0..jobcard::job::intake::MAX_MARKS {
        s.call(
            "inspection.mark_damage",
            json!({ "staff_id": s.counter, "job": j, "x": 10, "y": 10, "kind": "chip" }),
        );
    }
    s.refused(
        "inspection.mark_damage",
        json!({ "staff_id": s.counter, "job": j, "x": 10, "y": 10, "kind": "chip" }),
        ErrorCode::InvalidInput,
    );
    s.refused(
        "inspection.remove_mark",
        json!({ "staff_id": s.counter, "job": j, "mark_id": 999_999 }),
        ErrorCode::NotFound,
    );
    // A technician does not receive items.
    s.refused(
        "inspection.set_intake",
        json!({ "staff_id": s.tech, "job": j, "fuel_eighths": 4 }),
        ErrorCode::Forbidden,
    );
}

#[test]
fn a_device_has_no_fuel_keys_or_outline_but_may_hold_valuables() {
    let mut s = Shop::new();
    let r = s.call(
        "job.receive",
        json!({ "staff_id": s.counter, "customer": { "id": s.customer },
        "item": { "id": s.phone_item }, "complaint": "Screen cracked" }),
    );
    let j = r["job"]["number"].as_str().unwrap().to_string();
    s.call(
        "inspection.start",
        json!({ "staff_id": s.counter, "job": j }),
    );
    s.refused(
        "inspection.set_intake",
        json!({ "staff_id": s.counter, "job": j, "fuel_eighths": 4 }),
        ErrorCode::InvalidInput,
    );
    s.refused(
        "inspection.mark_damage",
        json!({ "staff_id": s.counter, "job": j, "x": 4, "y": 4, "kind": "crack" }),
        ErrorCode::InvalidInput,
    );
    let insp = s.call(
        "inspection.set_intake",
        json!({ "staff_id": s.counter, "job": j, "valuables": "Case and SIM card" }),
    );
    assert_eq!(insp["intake"]["valuables"], "Case and SIM card");
}
