//! Counter search: one box for names (any part, Chinese too), phones, plates,
//! VINs, serials and job numbers, Chinese names by pinyin, ranked. Exact identifiers first (a barcode scan
//! of a job number lands on that job), then prefixes, then text anywhere.
//!
//! Tests: tests/core/records/search.rs.

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::job::{JobState, JobSummary};
use crate::model::settings::ShopSettings;
use crate::store;
use crate::store::PlannedEachTime;
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

/// Which search for text anywhere a query takes: its trigrams (three or
/// more characters), a Chinese bigram (two Chinese characters), or else the
/// start of a Latin name.
#[derive(Clone, Copy, PartialEq)]
enum Text {
    Trigram,
    Bigram,
    NamePrefix,
}

/// The text search's reads: documents holding the text anywhere (by its
/// trigrams, or as a Chinese bigram), and customers whose Latin name starts
/// with it; each is `None` when not asked.
type TextReads = (
    Option<PlannedEachTime<store::Read<'static, Vec<store::search::TextHit>>>>,
    Option<store::Read<'static, Vec<store::search::TextHit>>>,
    Option<store::Read<'static, Vec<i64>>>,
);

/// The text search `text` for `lower` as reads, or nothing when not `ask`ed.
fn text_reads(ctx: &Ctx, text: Text, lower: &str, ask: bool) -> TextReads {
    let asked = |t: Text| ask && text == t;
    (
        asked(Text::Trigram).then(|| store::search::by_trigram_read(ctx.tx, lower, CANDIDATES)),
        asked(Text::Bigram).then(|| store::search::by_bigram_read(lower, CANDIDATES)),
        asked(Text::NamePrefix).then(|| store::search::customers_by_name_prefix_read(lower, 20)),
    )
}

/// Searches every kind of record at once. On the shop's server the lookups
/// go together in one round trip, the text search with them unless what
/// they find can make it unneeded; a query of a job's last digits adds a
/// trip for the numbers they make, and describing the hits one more. The
/// search is a lookup (api/list.rs): the server plans its b-tree reads once
/// per connection, and only the trigram read for each text.
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
    let n = lower.chars().count();
    let text = if n >= 3 {
        Text::Trigram
    } else if n == 2 && !store::search::cjk_bigrams(&lower).is_empty() {
        Text::Bigram
    } else {
        Text::NamePrefix
    };
    // Digits that start a phone, job number, plate or serial are answered by the
    // b-tree lookups, whatever the shop's size; the trigram scan (digits in
    // the middle, such as a phone's last four) runs only when those found nothing,
    // because digit trigrams match a share of every document and grow with the shop.
    let digits_only = q
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'));
    // A job, invoice or card number found by its prefix (a number with four
    // or more digits, typed or scanned off the paper) is what was meant: the
    // trigram scan, whose digit trigrams match a share of every document,
    // would only add noise and time.
    let many_digits = q.chars().filter(char::is_ascii_digit).count() >= 4;
    let text_waits = digits_only || many_digits;
    let sequence = sequence_number(q);
    let upper_q = q.to_uppercase();
    let (by_number, settings, by_document, by_phone, by_identifier, by_pinyin, asked) =
        ctx.tx.together((
            store::search::jobs_by_number_prefix_read(&upper_q, 10),
            sequence.map(|_| store::settings::get_shop_read()),
            (upper.chars().count() >= 3)
                .then(|| store::search::jobs_by_document_prefix_read(&upper_q, 10)),
            crate::base::text::phone("query", q)
                .ok()
                .map(|p| store::search::customers_by_phone_prefix_read(&p, 20)),
            (upper.chars().count() >= 2)
                .then(|| store::search::items_by_identifier_prefix_read(&upper, 20)),
            // Pinyin: "wxm", "wang xiao ming" or "wangx" find 王小明 (b-tree prefix).
            crate::base::pinyin::query_key(q)
                .filter(|k| k.len() >= 2)
                .map(|k| store::search::customers_by_pinyin_read(&k, 20)),
            text_reads(ctx, text, &lower, !text_waits),
        ))?;
    let by_sequence = match (sequence, settings) {
        (Some(seq), Some(settings)) => jobs_by_sequence(ctx, seq, &settings.unwrap_or_default())?,
        _ => Vec::new(),
    };

    let mut found: Vec<(HitKind, i64, i64)> = Vec::new();
    let mut put = |kind: HitKind, ids: Vec<i64>, score: i64| {
        found.extend(ids.into_iter().map(|id| (kind, id, score)));
    };
    put(HitKind::Job, by_number, 900);
    put(HitKind::Job, by_sequence, 890);
    put(HitKind::Job, by_document.unwrap_or_default(), 880);
    put(HitKind::Customer, by_phone.unwrap_or_default(), 800);
    put(HitKind::Item, by_identifier.unwrap_or_default(), 850);
    for (id, whole) in by_pinyin.unwrap_or_default() {
        found.push((HitKind::Customer, id, if whole { 870 } else { 650 }));
    }
    let document_number = many_digits && found.iter().any(|f| f.0 == HitKind::Job && f.2 >= 880);
    let (by_trigrams, by_bigram, names) = if !text_waits {
        asked
    } else if (digits_only && !found.is_empty()) || document_number {
        (None, None, None)
    } else {
        ctx.tx.together(text_reads(ctx, text, &lower, true))?
    };
    let anywhere = by_trigrams.or(by_bigram);
    for id in names.unwrap_or_default() {
        found.push((HitKind::Customer, id, 600));
    }
    for h in anywhere.unwrap_or_default() {
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
/// one to seven digits is a sequence number.
fn sequence_number(q: &str) -> Option<i64> {
    if q.is_empty() || q.len() > 7 || !q.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    q.parse::<i64>().ok().filter(|&seq| seq != 0)
}

/// The jobs with sequence number `seq` in this year's, last year's or the
/// year before's numbering: exact lookups, whatever the shop's size, asked
/// together.
fn jobs_by_sequence(ctx: &Ctx, seq: i64, s: &ShopSettings) -> Result<Vec<i64>> {
    use chrono::Datelike;
    let numbers = (0..3).map(|years_back| {
        let at = ctx
            .now
            .with_day(1)
            .and_then(|t| t.with_year(ctx.now.year() - years_back))
            .unwrap_or(ctx.now);
        crate::model::numbering::format(&s.job_number_format, at, seq)
    });
    let jobs = ctx.tx.together(
        numbers
            .map(|n| store::jobs::by_number_read(&n))
            .collect::<Vec<_>>(),
    )?;
    let mut out = Vec::new();
    for j in jobs.into_iter().flatten() {
        if !out.contains(&j.id) {
            out.push(j.id);
        }
    }
    Ok(out)
}

/// The hits chosen, described: their customers (and items' owners), items
/// and jobs each read for all of them at once, in one round trip on the
/// shop's server.
fn describe(ctx: &Ctx, chosen: &[(HitKind, i64, i64)], q: &str) -> Result<Vec<Hit>> {
    let of = |k: HitKind| -> Vec<i64> { chosen.iter().filter(|c| c.0 == k).map(|c| c.1).collect() };
    let item_ids = of(HitKind::Item);
    let (items, mut cards, owners, jobs) = ctx.tx.together((
        store::items::by_ids_read(&item_ids),
        store::search::customer_cards_read(&of(HitKind::Customer)),
        store::search::owner_cards_read(&item_ids),
        store::jobs::summaries_of_read(&of(HitKind::Job), &ctx.now_text()),
    ))?;
    cards.extend(owners);
    let jobs: HashMap<i64, JobSummary> = jobs.into_iter().map(|j| (j.id, j)).collect();
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
