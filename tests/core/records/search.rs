//! Counter search: names (any part, Chinese too), phones, plates, VINs, serials
//! and job numbers, ranked.

use crate::common::*;
use serde_json::{json, Value};

fn first(s: &mut Shop, q: &str) -> Value {
    let hits = s.call("search", json!({ "query": q }));
    hits.as_array()
        .unwrap()
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("nothing found for {q}"))
}

fn kinds(s: &mut Shop, q: &str) -> Vec<(String, String)> {
    s.call("search", json!({ "query": q }))
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["kind"].as_str().unwrap().to_string(),
                h["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn finds_by_every_kind_of_key() {
    let mut s = Shop::new();
    for (name, phone) in [
        ("John Johnson", "+1 555 0142"),
        ("张伟", "13912345678"),
        ("欧阳小明", "13700001111"),
    ] {
        s.call("customer.create", json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": name, "phones": [phone] } }));
    }
    let j = s.receive();
    // Two characters of a Chinese name, anywhere in it.
    let hits = kinds(&mut s, "小明");
    assert!(
        hits.contains(&("customer".into(), "王小明".into()))
            && hits.contains(&("customer".into(), "欧阳小明".into())),
        "{hits:?}"
    );
    assert_eq!(first(&mut s, "张伟")["title"], "张伟");
    // Part of a Latin name, mid-word; case does not matter.
    assert_eq!(first(&mut s, "OHNSO")["title"], "John Johnson");
    // A phone prefix and a phone's last digits.
    assert_eq!(first(&mut s, "1380013")["title"], "王小明");
    assert_eq!(first(&mut s, "5678")["title"], "张伟");
    // A plate fragment, with or without spaces and in any case.
    assert_eq!(first(&mut s, "粤b 123")["kind"], "item");
    assert_eq!(first(&mut s, "12345")["kind"], "item");
    // VIN tail and serial.
    assert_eq!(first(&mut s, "2183294")["kind"], "item");
    assert_eq!(
        first(&mut s, "f2lxk0")["title"],
        "Apple iPhone 13 (F2LXK0AAP1GC)"
    );
    // A scanned job number is the first hit, exactly.
    let hit = first(&mut s, &j);
    assert_eq!(
        (
            hit["kind"].as_str(),
            hit["key"].as_str(),
            hit["score"].as_i64()
        ),
        (Some("job"), Some(j.as_str()), Some(1000))
    );
    assert_eq!(first(&mut s, "J2026-0000")["kind"], "job");
    // Two Latin letters: name prefix.
    assert_eq!(first(&mut s, "jo")["title"], "John Johnson");
    assert!(s
        .call("search", json!({ "query": "zzzzqqq" }))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn renamed_customers_are_found_by_their_new_name_only() {
    let mut s = Shop::new();
    let c = s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "Margaret Old" } }),
    );
    s.call("customer.update", json!({ "staff_id": s.counter, "id": c["id"], "customer": { "kind": "person", "name": "Margaret Newname" } }));
    assert_eq!(first(&mut s, "newname")["title"], "Margaret Newname");
    assert!(s
        .call("search", json!({ "query": "old" }))
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["title"] != "Margaret Newname"));
}

#[test]
fn exact_and_prefix_matches_rank_above_mid_text() {
    let mut s = Shop::new();
    for name in ["Annabel Smith", "Joanna Annan"] {
        s.call(
            "customer.create",
            json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": name } }),
        );
    }
    let hits = kinds(&mut s, "anna");
    assert_eq!(hits[0].1, "Annabel Smith", "{hits:?}");
}

#[test]
fn a_job_hit_carries_its_state_typed_not_as_a_code_in_its_text() {
    let mut s = Shop::new();
    let j = s.receive();
    let hits = s.call("search", json!({ "query": j }));
    let hit = &hits[0];
    assert_eq!(
        (hit["kind"].as_str(), hit["state"].as_str()),
        (Some("job"), Some("received"))
    );
    assert!(
        !hit["detail"].as_str().unwrap().contains("received"),
        "{hit}"
    );
}

#[test]
fn the_number_on_an_invoice_or_a_guarantee_card_finds_its_job() {
    let mut s = Shop::new();
    let (job, invoice, card) = s.invoiced();
    for q in [invoice.as_str(), card.as_str(), &invoice.to_lowercase()] {
        let hit = first(&mut s, q);
        assert_eq!(hit["kind"], "job", "{q}");
        assert_eq!(hit["key"], job.as_str(), "{q}");
    }
    // A prefix of the series lists the job too.
    let prefix: String = invoice.chars().take(6).collect();
    assert!(kinds(&mut s, &prefix).iter().any(|(k, _)| k == "job"));
}

#[test]
fn a_job_is_found_by_its_last_digits() {
    let mut s = Shop::new();
    let j1 = s.receive();
    let j2 = s.receive();
    assert_eq!((j1.as_str(), j2.as_str()), ("J2026-000001", "J2026-000002"));
    let hits = s.call("search", json!({ "query": "2" }));
    assert_eq!(hits[0]["kind"], "job", "{hits}");
    assert_eq!(hits[0]["key"], "J2026-000002");
    let hits = s.call("search", json!({ "query": "000001" }));
    assert_eq!(hits[0]["key"], "J2026-000001");
    // Last year's numbering too, and nothing for a sequence that does not exist.
    s.at(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2027, 1, 5, 9, 0, 0).unwrap());
    let hits = s.call("search", json!({ "query": "1" }));
    assert_eq!(hits[0]["key"], "J2026-000001");
    let hits = s.call("search", json!({ "query": "9999999" }));
    assert!(
        hits.as_array().unwrap().iter().all(|h| h["kind"] != "job"),
        "{hits}"
    );
}

#[test]
fn chinese_names_are_found_by_pinyin_initials_or_full_pinyin() {
    let mut s = Shop::new(); // the shop's customer is 王小明
    for q in [
        "wxm",
        "WXM",
        "wangxiaoming",
        "wang xiao ming",
        "wangx",
        "wang xiao'ming",
    ] {
        assert_eq!(first(&mut s, q)["title"], "王小明", "{q}");
    }
    // A two-character name by its two initials.
    let c = s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "李四", "phones": ["13900000001"] } }),
    );
    assert_eq!(first(&mut s, "ls")["title"], "李四");
    assert_eq!(first(&mut s, "lisi")["title"], "李四");
    // Renamed: the old keys go with the old name.
    s.call("customer.update", json!({ "staff_id": s.counter, "id": c["id"], "customer": { "kind": "person", "name": "张三" } }));
    assert!(kinds(&mut s, "lisi").iter().all(|(_, t)| t != "张三"));
    assert_eq!(first(&mut s, "zs")["title"], "张三");
    // The whole key ranks above a longer name that merely starts with it.
    s.call(
        "customer.create",
        json!({ "staff_id": s.counter, "customer": { "kind": "person", "name": "张三丰" } }),
    );
    assert_eq!(first(&mut s, "zhangsan")["title"], "张三");
    assert_eq!(first(&mut s, "zsf")["title"], "张三丰");
}

/// Whatever is typed or scanned into the box, the search answers with hits
/// or refuses with a clear message on the query; it never fails inside, on
/// either backend (each lookup it asks only when the query can be one).
#[test]
fn odd_queries_answer_or_are_refused_plainly() {
    let mut s = Shop::new();
    s.invoiced();
    let long_digits = "9".repeat(100);
    let long_chinese = "王".repeat(100);
    let too_long = "x".repeat(101);
    for q in [
        "0",
        "0000000",
        "00000001",
        "+",
        "-",
        "+-",
        "%",
        "_",
        "\\",
        "'",
        "\"",
        "%_%",
        "a\"b OR c",
        "😀",
        "😀😀😀",
        "王",
        "王a",
        "a",
        "J",
        "J2026-",
        "INV",
        "1-2-3",
        "(138) 0013",
        "٣٤٥",
        "\u{200b}",
        long_digits.as_str(),
        long_chinese.as_str(),
        too_long.as_str(),
        "\t \n",
    ] {
        match s.core.call("search", json!({ "query": q })) {
            Ok(hits) => assert!(hits.is_array(), "{q:?}: {hits}"),
            Err(e) => {
                assert_eq!(e.code, jobcard::ErrorCode::InvalidInput, "{q:?}: {e:?}");
                assert_eq!(e.field.as_deref(), Some("query"), "{q:?}");
            }
        }
    }
    // And the shop's job is still found by its number after all of them.
    assert_eq!(first(&mut s, "J2026-000001")["kind"], "job");
}
