//! Every command of the list, thrown hostile JSON (huge, negative, overflowing,
//! empty, duplicate, wrong-script values under the names commands use): no
//! panic, an error of the documented shape in both languages, and nothing
//! changed by a refused command.

use crate::common::*;
use jobcard::api::commands;
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::cell::RefCell;

/// Field names the commands take, so inputs get past the first check.
const KEYS: &[&str] = &[
    "staff_id",
    "job",
    "id",
    "line_id",
    "part_id",
    "item_id",
    "customer_id",
    "invoice",
    "card",
    "number",
    "quantity",
    "amount",
    "unit_price",
    "odometer",
    "odometer_in",
    "odometer_out",
    "reading",
    "reason",
    "consequence",
    "method",
    "decision",
    "decisions",
    "line",
    "lines",
    "part",
    "item",
    "customer",
    "settings",
    "kind",
    "description",
    "query",
    "limit",
    "complaint",
    "promised_at",
    "tendered",
    "results",
    "category",
    "technician_id",
    "new_owner_id",
    "lang",
    "paper",
    "source",
    "discount_bp",
    "discount_amount",
    "name",
    "roles",
];

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![
            Just(i64::MIN),
            Just(i64::MAX),
            Just(-1_i64),
            Just(0_i64),
            Just(1_i64),
            Just(10_000_000_000_000_i64),
            any::<i64>()
        ]
        .prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        prop_oneof![
            Just(String::new()),
            Just("   ".to_string()),
            Just("J2026-000001".to_string()),
            Just("INV2026-000001".to_string()),
            Just("王伟 🚗 ✓".to_string()),
            Just("1e400".to_string()),
            Just("-0.0001".to_string()),
            Just("x".repeat(5_000)),
            "\\PC{0,40}",
        ]
        .prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..6).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// A value that fits what the key usually holds, or a hostile one of that kind,
/// so inputs get past deserialising and reach the rules.
fn plausible(key: &str) -> BoxedStrategy<Value> {
    let ids = prop_oneof![
        1_i64..6,
        Just(0_i64),
        Just(-1_i64),
        Just(i64::MIN),
        Just(i64::MAX)
    ]
    .prop_map(Value::from);
    let qty = prop_oneof![
        Just("1"),
        Just("0.5"),
        Just("0"),
        Just("-1"),
        Just("1000000"),
        Just("1000000.001"),
        Just("1e9"),
        Just("12,000"),
        Just("")
    ]
    .prop_map(Value::from);
    let money = prop_oneof![
        Just(100_i64),
        Just(0_i64),
        Just(-1_i64),
        Just(10_000_000_000_000_i64),
        Just(i64::MAX),
        Just(i64::MIN)
    ]
    .prop_map(Value::from);
    let text = prop_oneof![
        Just(""),
        Just("Brakes"),
        Just("王伟 🚗"),
        Just("J2026-000001"),
        Just("INV2026-000001"),
        Just("QG2026-000001")
    ]
    .prop_map(Value::from);
    match key {
        "staff_id" | "id" | "line_id" | "part_id" | "item_id" | "customer_id" | "technician_id" | "new_owner_id" | "limit" => {
            ids.boxed()
        }
        "quantity" | "reading" => prop_oneof![qty, money.clone()].boxed(),
        "amount" | "unit_price" | "tendered" | "discount_amount" | "odometer" | "odometer_in" | "odometer_out" | "discount_bp" => {
            money.boxed()
        }
        "job" => Just(Value::from("J2026-000001")).boxed(),
        "method" => prop_oneof![Just("cash"), Just("phone"), Just("in_person"), Just("electronic"), Just("teleport")].prop_map(Value::from).boxed(),
        "kind" => prop_oneof![Just("labour"), Just("part"), Just("other"), Just("vehicle"), Just("device")].prop_map(Value::from).boxed(),
        "decision" => prop_oneof![Just("approved"), Just("declined")].prop_map(Value::from).boxed(),
        "line" => (text.clone(), qty_line()).prop_map(|(d, (kind, q, p))| json!({ "kind": kind, "description": d, "quantity": q, "unit_price": p })).boxed(),
        _ => prop_oneof![text, value()].boxed(),
    }
}

fn qty_line() -> impl Strategy<Value = (&'static str, Value, Value)> {
    (
        prop_oneof![Just("labour"), Just("part"), Just("other")],
        prop_oneof![Just("1"), Just("1000000"), Just("-1"), Just("0.0001")].prop_map(Value::from),
        prop_oneof![
            Just(100_i64),
            Just(-1_i64),
            Just(10_000_000_000_i64),
            Just(i64::MAX)
        ]
        .prop_map(Value::from),
    )
}

/// An input for command `which`: every property its schema requires, each a
/// plausible or hostile value for its name, sometimes plus stray keys; now and
/// then something else entirely.
fn input(which: usize) -> BoxedStrategy<Value> {
    let schema = serde_json::to_value((commands()[which].input_schema)()).unwrap();
    let required: Vec<String> = schema["required"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|k| k.as_str())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    let fields: Vec<BoxedStrategy<(String, Value)>> = required
        .into_iter()
        .map(|k| plausible(&k).prop_map(move |v| (k.clone(), v)).boxed())
        .collect();
    let extra = prop::collection::vec(
        prop::sample::select(KEYS)
            .prop_flat_map(|k| plausible(k).prop_map(move |v| (k.to_string(), v))),
        0..3,
    );
    prop_oneof![
        1 => value(),
        6 => (fields, extra).prop_map(|(f, x)| {
            Value::Object(f.into_iter().chain(x).collect::<Map<_, _>>())
        }),
    ]
    .boxed()
}

/// Every table's row count and a digest of its rows: what "nothing changed" means.
fn fingerprint(s: &mut Shop) -> Vec<jobcard::store::digest::TableDigest> {
    s.core.table_digests().unwrap()
}

/// The shop the cases share on this thread. A server connection closes
/// through a runtime of its own, which a thread's exit may no longer offer,
/// so on the server it closes on a thread of its own (left open, it would
/// keep receiving the other tests' change notices unread).
struct Kept(Option<(Shop, String)>);

impl Drop for Kept {
    fn drop(&mut self) {
        if let Some(shop) = self.0.take() {
            let _ = std::thread::spawn(move || drop(shop)).join();
        }
    }
}

thread_local! {
    static SHOP: RefCell<Kept> = const { RefCell::new(Kept(None)) };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: crate::common::hostile_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_input_to_any_command_is_a_clear_refusal_or_a_success(
        (which, input) in (0..commands().len()).prop_flat_map(|w| (Just(w), input(w))),
    ) {
        let name = commands()[which].name;
        SHOP.with(|cell| {
            let mut cell = cell.borrow_mut();
            let (shop, _) = cell.0.get_or_insert_with(|| {
                let mut s = Shop::new();
                let j = s.receive();
                (s, j)
            });
            let before = fingerprint(shop);
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| shop.core.call(name, input.clone())));
            let out = match out {
                Ok(out) => out,
                Err(_) => panic!("{name} panicked on {input}"),
            };
            if std::env::var_os("JOBCARD_HOSTILE_STATS").is_some() {
                eprintln!("STAT {name} {}", match &out { Ok(_) => "ok".to_string(), Err(e) => format!("{:?} {:?}", e.code, e.field) });
            }
            if let Err(e) = out {
                assert!(!e.message.trim().is_empty() && !e.message_zh.trim().is_empty(), "{name}: {e:?}");
                assert_ne!(e.code, jobcard::ErrorCode::Internal, "{name} on {input}: {e:?}");
                let after = fingerprint(shop);
                assert!(before == after, "{name} was refused ({e:?}) but changed the database, on {input}");
            }
        });
    }
}
