//! Satisfaction: surveys on the call, at the counter and from paper; an
//! unhappy answer opens a complaint; the report against a hand-computed
//! fixture (care/satisfaction.rs).

use crate::common::*;
use chrono::{TimeZone, Utc};
use jobcard::ErrorCode;
use serde_json::{json, Value};

fn answers(overall: u8, quality: u8, recommend: u8, comment: &str) -> Value {
    json!({ "stages": [
        { "stage": "reception", "score": 5 },
        { "stage": "explanation", "score": 4 },
        { "stage": "waiting", "score": 3 },
        { "stage": "quality", "score": quality },
        { "stage": "invitation", "score": null }
    ], "overall": overall, "recommend": recommend, "comment": comment })
}

#[test]
fn the_call_takes_the_survey_and_an_unhappy_answer_opens_a_complaint() {
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    s.at(Utc.with_ymd_and_hms(2026, 11, 5, 9, 30, 0).unwrap());
    let id = s.call("callback.list", json!({ "day": "2026-11-05" }))["calls"][0]["callback"]["id"]
        .clone();
    // A score outside the scale is refused at its field and nothing is kept.
    let e = s.refused(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": id, "outcome": "reached", "survey": answers(6, 5, 9, "") }),
        ErrorCode::InvalidInput,
    );
    assert_eq!(e.field.as_deref(), Some("survey.overall"));
    assert_eq!(s.count("callback_attempts"), 0);
    let r = s.call(
        "callback.record",
        json!({ "staff_id": s.counter, "callback_id": id, "outcome": "reached",
        "comment": "刹车还是有点响", "survey": answers(4, 2, 6, "刹车还是有点响") }),
    );
    assert_eq!(r["call"]["callback"]["state"], "reached");
    let number = r["complaint"]
        .as_str()
        .expect("an unhappy answer opens a complaint")
        .to_string();
    let c = s.call("complaint.get", json!({ "complaint": number }));
    assert_eq!(c["source"], "callback");
    assert_eq!(c["category"], "repair_quality");
    assert_eq!(c["job_number"], j.as_str());
    assert!(c["facts"]["what_happened"]
        .as_str()
        .unwrap()
        .contains("刹车还是有点响"));
    assert_eq!(c["facts"]["staff_involved"], json!([s.counter]));
    let sv = s.call("survey.get", json!({ "job": j }));
    assert_eq!(sv["via"], "callback");
    assert_eq!(sv["answers"]["overall"], 4);
    // One survey per job.
    s.refused(
        "survey.record",
        json!({ "staff_id": s.counter, "job": j, "via": "counter", "answers": answers(5, 5, 10, "") }),
        ErrorCode::InvalidState,
    );
}

#[test]
fn the_survey_form_prints_with_the_job_in_both_languages() {
    use jobcard::documents::Kind;
    use jobcard::model::settings::Lang;
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    let (en, _) = crate::documents::print(&mut s.core, Kind::SurveyForm, &j, Lang::En, None);
    for want in [
        "Customer satisfaction survey",
        j.as_str(),
        "王小明",
        "Reception courtesy",
        "Repair quality",
        "Would you recommend us? (0–10)",
    ] {
        assert!(en.contains(want), "{want} missing in:\n{en}");
    }
    let (zh, _) = crate::documents::print(&mut s.core, Kind::SurveyForm, &j, Lang::ZhCn, None);
    for want in ["客户满意度调查表", "礼貌接车", "维修质量", "您的意见和建议"]
    {
        assert!(zh.contains(want), "{want} missing in:\n{zh}");
    }
}

#[test]
fn surveys_are_checked_and_happy_ones_open_nothing() {
    let mut s = Shop::new();
    let (j, _, _) = s.delivered();
    let (open_job, _, _) = s.awaiting();
    s.refused(
        "survey.record",
        json!({ "staff_id": s.counter, "job": open_job, "via": "counter", "answers": answers(5, 5, 10, "") }),
        ErrorCode::InvalidState,
    );
    for (a, field) in [
        (json!({ "stages": [], "overall": 0 }), "overall"),
        (
            json!({ "stages": [{ "stage": "quality", "score": 9 }], "overall": 3 }),
            "stages[0]",
        ),
        (
            json!({ "stages": [{ "stage": "quality", "score": 3 }, { "stage": "quality", "score": 4 }], "overall": 3 }),
            "stages[1]",
        ),
        (
            json!({ "stages": [], "overall": 3, "recommend": 11 }),
            "recommend",
        ),
        (
            json!({ "stages": [], "overall": 3, "comment": "x".repeat(2001) }),
            "comment",
        ),
    ] {
        let e = s.refused(
            "survey.record",
            json!({ "staff_id": s.counter, "job": j, "via": "paper", "answers": a }),
            ErrorCode::InvalidInput,
        );
        assert_eq!(e.field.as_deref(), Some(field));
    }
    s.refused(
        "survey.record",
        json!({ "staff_id": s.tech, "job": j, "via": "counter", "answers": answers(5, 5, 10, "") }),
        ErrorCode::Forbidden,
    );
    let r = s.call("survey.record", json!({ "staff_id": s.counter, "job": j, "via": "counter", "answers": answers(5, 5, 10, "Great") }));
    assert!(r["complaint"].is_null());
    assert_eq!(s.count("complaints"), 0);
}

#[test]
fn the_report_matches_a_hand_computed_fixture() {
    let mut s = Shop::new();
    // Three jobs: two surveyed in November, one in December (UTC shop).
    let mut jobs = Vec::new();
    for _ in 0..3 {
        jobs.push(s.delivered().0);
    }
    let take = |s: &mut Shop, j: &str, a: Value| {
        let staff = s.counter;
        s.call(
            "survey.record",
            json!({ "staff_id": staff, "job": j, "via": "paper", "answers": a }),
        )
    };
    // overall 5, quality 5, recommend 10 (promoter)
    take(&mut s, &jobs[0], answers(5, 5, 10, "Fast and friendly"));
    // overall 3, quality 4, recommend 7 (passive)
    take(&mut s, &jobs[1], answers(3, 4, 7, ""));
    s.at(Utc.with_ymd_and_hms(2026, 12, 3, 10, 0, 0).unwrap());
    // overall 4, quality 3, recommend 5 (detractor)
    take(&mut s, &jobs[2], answers(4, 3, 5, "Waited too long"));
    let r = s.call(
        "survey.report",
        json!({ "from": "2026-11-01", "to": "2026-12-31" }),
    );
    let t = &r["total"];
    assert_eq!(t["surveys"], 3);
    // (5 + 3 + 4) / 3 = 4.00
    assert_eq!(t["overall"]["average_hundredths"], 400);
    // NPS: (1 promoter − 1 detractor) / 3 = 0
    assert_eq!(
        (
            t["promoters"].as_i64(),
            t["detractors"].as_i64(),
            t["nps"].as_i64()
        ),
        (Some(1), Some(1), Some(0))
    );
    let stage = |name: &str| {
        t["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["stage"] == name)
            .unwrap()["mean"]
            .clone()
    };
    // quality (5 + 4 + 3) / 3 = 4.00; waiting 3.00 every time: the weakest.
    assert_eq!(stage("quality")["average_hundredths"], 400);
    assert_eq!(stage("waiting")["average_hundredths"], 300);
    assert_eq!(stage("invitation")["count"], 0);
    assert_eq!(r["weakest"], "waiting");
    let months: Vec<(String, i64)> = r["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["key"].as_str().unwrap().to_string(),
                m["figures"]["overall"]["average_hundredths"]
                    .as_i64()
                    .unwrap(),
            )
        })
        .collect();
    // November (5 + 3) / 2 = 4.00; December 4.00
    assert_eq!(
        months,
        vec![("2026-11".to_string(), 400), ("2026-12".to_string(), 400)]
    );
    assert_eq!(r["advisors"][0]["key"], "Tom");
    assert_eq!(r["advisors"][0]["figures"]["surveys"], 3);
    // Newest comment first, verbatim.
    assert_eq!(r["comments"][0]["comment"], "Waited too long");
    assert_eq!(r["comments"][1]["comment"], "Fast and friendly");
    // Three handovers in November, never called back: by December they count as missed.
    assert_eq!(
        (r["calls"]["missed"].as_i64(), r["calls"]["open"].as_i64()),
        (Some(3), Some(0))
    );
    // December only.
    let d = s.call(
        "survey.report",
        json!({ "from": "2026-12-01", "to": "2026-12-31" }),
    );
    assert_eq!(d["total"]["surveys"], 1);
    assert_eq!(d["total"]["nps"], -100);
    s.refused(
        "survey.report",
        json!({ "from": "2026-12-31", "to": "2026-12-01" }),
        ErrorCode::InvalidInput,
    );
    s.refused(
        "survey.report",
        json!({ "from": "yesterday", "to": "2026-12-01" }),
        ErrorCode::InvalidInput,
    );
}
