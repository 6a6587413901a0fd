//! Counter search: one box for names (any part, Chinese too), phones, plates,
//! VINs, serials and job numbers, Chinese names by pinyin, ranked. Exact identifiers first (a barcode scan
//! of a job number lands on that job), then prefixes, then text anywhere.
//!
//! Tests: tests/core/records/search.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::job::{JobState, JobSummary};
use crate::store;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Customer,
    Item,
    Job,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Hit {
    pub kind: HitKind,
    pub id: i64,
    /// Job number for jobs.
    pub key: String,
    pub title: String,
    pub detail: String,
    /// A job's state, for the screen to name in its language.
    pub state: Option<JobState>,
    pub score: i64,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SearchInput {
    pub query: String,
    /// Most results (default 20, at most 100).
    pub limit: Option<i64>,
}

const CANDIDATES: i64 = 50;

pub fn search(ctx: &Ctx, input: SearchInput) -> Result<Vec<Hit>> {
    let q = input.query.trim();
    let limit = input.limit.unwrap_or(20).clamp(1, 100) as usize;
    if q.is_empty() {
        return Err(Error::invalid(
            "query",
            "Type something to search for",
            "请输入搜索内容",
        ));
    }
    if q.chars().count() > 100 {
        return Err(Error::invalid(
            "query",
            "The search text is too long",
            "搜索内容过长",
        ));
    }
    let upper: String = q
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    let lower = q.to_lowercase();
    let mut found: Vec<(HitKind, i64, i64)> = Vec::new();

    for id in store::search::jobs_by_number_prefix(ctx.tx, &q.to_uppercase(), 10)? {
        found.push((HitKind::Job, id, 900));
    }
    for id in jobs_by_last_digits(ctx, q)? {
        found.push((HitKind::Job, id, 890));
    }
    if upper.chars().count() >= 3 {
        for id in store::search::jobs_by_document_prefix(ctx.tx, &q.to_uppercase(), 10)? {
            found.push((HitKind::Job, id, 880));
        }
    }
    if let Ok(p) = crate::base::text::phone("query", q) {
        for id in store::search::customers_by_phone_prefix(ctx.tx, &p, 20)? {
            found.push((HitKind::Customer, id, 800));
        }
    }
    if upper.chars().count() >= 2 {
        for id in store::search::items_by_identifier_prefix(ctx.tx, &upper, 20)? {
            found.push((HitKind::Item, id, 850));
        }
    }
    // Pinyin: "wxm", "wang xiao ming" or "wangx" find 王小明 (b-tree prefix).
    if let Some(key) = crate::base::pinyin::query_key(q).filter(|k| k.len() >= 2) {
        for (id, whole) in store::search::customers_by_pinyin(ctx.tx, &key, 20)? {
            found.push((HitKind::Customer, id, if whole { 870 } else { 650 }));
        }
    }
    let n = lower.chars().count();
    // Digits that start a phone, job number, plate or serial are answered by the
    // b-tree lookups above, whatever the shop's size; the trigram scan (digits in
    // the middle, such as a phone's last four) runs only when those found nothing,
    // because digit trigrams match a share of every document and grow with the shop.
    let digits_only = q
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'));
    // A job, invoice or card number found by its prefix (a number with four
    // or more digits, typed or scanned off the paper) is what was meant: the
    // trigram scan, whose digit trigrams match a share of every document,
    // would only add noise and time.
    let document_number = q.chars().filter(char::is_ascii_digit).count() >= 4
        && found.iter().any(|f| f.0 == HitKind::Job && f.2 >= 880);
    let text_hits = if (digits_only && !found.is_empty()) || document_number {
        vec![]
    } else if n >= 3 {
        store::search::by_trigram(ctx.tx, &lower, CANDIDATES)?
    } else if n == 2 && !store::search::cjk_bigrams(&lower).is_empty() {
        store::search::by_bigram(ctx.tx, &lower, CANDIDATES)?
    } else {
        for id in store::search::customers_by_name_prefix(ctx.tx, &lower, 20)? {
            found.push((HitKind::Customer, id, 600));
        }
        vec![]
    };
    for h in text_hits {
        let kind = if h.kind == "customer" {
            HitKind::Customer
        } else {
            HitKind::Item
        };
        found.push((kind, h.ref_id, 500 + h.quality));
    }

    found.sort_by_key(|f| std::cmp::Reverse(f.2));
    let mut seen = std::collections::HashSet::new();
    let mut chosen = Vec::new();
    for (kind, id, score) in found {
        if chosen.len() >= limit || !seen.insert((kind, id)) {
            continue;
        }
        chosen.push((kind, id, score));
    }
    let mut hits = describe(ctx, &chosen, q)?;
    hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.title.cmp(&b.title)));
    Ok(hits)
}

/// The counter often says only a job's last digits ("job 1234"): a query of
/// one to seven digits finds the job with that sequence number in this year's,
/// last year's or the year before's numbering — exact lookups, whatever the
/// shop's size.
fn jobs_by_last_digits(ctx: &Ctx, q: &str) -> Result<Vec<i64>> {
    if q.is_empty() || q.len() > 7 || !q.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(Vec::new());
    }
    let Ok(seq) = q.parse::<i64>() else {
        return Ok(Vec::new());
    };
    if seq == 0 {
        return Ok(Vec::new());
    }
    let s = crate::shop::settings::load(ctx)?;
    let mut out = Vec::new();
    for years_back in 0..3 {
        use chrono::Datelike;
        let year = ctx.now.year() - years_back;
        let at = ctx
            .now
            .with_day(1)
            .and_then(|t| t.with_year(year))
            .unwrap_or(ctx.now);
        let number = crate::model::numbering::format(&s.job_number_format, at, seq);
        if let Some(j) = store::jobs::by_number(ctx.tx, &number)? {
            if !out.contains(&j.id) {
                out.push(j.id);
            }
        }
    }
    Ok(out)
}

/// The hits chosen, described: their customers, items and jobs each read
/// for all of them at once (a round trip each on the shop's server).
fn describe(ctx: &Ctx, chosen: &[(HitKind, i64, i64)], q: &str) -> Result<Vec<Hit>> {
    let of = |k: HitKind| -> Vec<i64> { chosen.iter().filter(|c| c.0 == k).map(|c| c.1).collect() };
    let items = store::items::by_ids(ctx.tx, &of(HitKind::Item))?;
    let mut people = of(HitKind::Customer);
    people.extend(items.values().map(|i| i.owner_id));
    let cards = store::search::customer_cards(ctx.tx, &people)?;
    let jobs: HashMap<i64, JobSummary> =
        store::jobs::summaries_of(ctx.tx, &of(HitKind::Job), &ctx.now_text())?
            .into_iter()
            .map(|j| (j.id, j))
            .collect();
    let vanished = |what: &str| Error::internal(format!("{what} vanished during search"));
    chosen
        .iter()
        .map(|&(kind, id, score)| {
            Ok(match kind {
                HitKind::Customer => {
                    let (title, detail) = cards
                        .get(&id)
                        .cloned()
                        .ok_or_else(|| vanished("customer"))?;
                    Hit {
                        kind,
                        id,
                        key: id.to_string(),
                        title,
                        detail,
                        state: None,
                        score,
                    }
                }
                HitKind::Item => {
                    let i = items.get(&id).ok_or_else(|| vanished("item"))?;
                    let (owner, _) = cards
                        .get(&i.owner_id)
                        .cloned()
                        .ok_or_else(|| vanished("owner"))?;
                    Hit {
                        kind,
                        id,
                        key: id.to_string(),
                        title: i.label.clone(),
                        detail: owner,
                        state: None,
                        score,
                    }
                }
                HitKind::Job => {
                    let j = jobs.get(&id).ok_or_else(|| vanished("job"))?;
                    let exact = j.number.eq_ignore_ascii_case(q);
                    Hit {
                        kind,
                        id,
                        key: j.number.clone(),
                        title: j.number.clone(),
                        detail: format!("{} · {}", j.customer_name, j.item_label),
                        state: Some(j.state),
                        score: if exact { 1000 } else { score },
                    }
                }
            })
        })
        .collect()
}
