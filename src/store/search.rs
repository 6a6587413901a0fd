//! SQL for search: the `search_docs` documents, their trigram FTS5 index and the
//! CJK bigram table, plus the b-tree prefix lookups on numbers, phones, plates,
//! VINs and serials. The text search is FTS5 on SQLite and `pg_trgm` on the
//! server; the lookups are [`Read`]s, so the counter's search asks them all
//! in one round trip on the server (records/search.rs). Tests:
//! tests/core/records/search.rs (both backends) and the unit tests below.

use super::driver::read::{self, Read, Reads};
use super::Tx;
use crate::base::error::Result;
use std::collections::HashMap;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF)
}

/// The two-character windows of every run of CJK characters in `text`.
pub fn cjk_bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(2) {
        if is_cjk(w[0]) && is_cjk(w[1]) {
            let g: String = w.iter().collect();
            if !out.contains(&g) {
                out.push(g);
            }
        }
    }
    out
}

fn put_doc(tx: &Tx, kind: &str, ref_id: i64, body: &str) -> Result<()> {
    let body = body.to_lowercase();
    tx.sql().execute(
        "INSERT INTO search_docs (kind, ref_id, body) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, ref_id) DO UPDATE SET body = excluded.body",
        (kind, ref_id, &body),
    )?;
    let doc_id: i64 = tx.sql().query_row(
        "SELECT id FROM search_docs WHERE kind = ?1 AND ref_id = ?2",
        (kind, ref_id),
        |r| r.get(0),
    )?;
    tx.sql()
        .execute("DELETE FROM search_bigrams WHERE doc_id = ?1", [doc_id])?;
    let mut st = tx
        .sql()
        .prepare_cached("INSERT INTO search_bigrams (gram, doc_id) VALUES (?1, ?2)")?;
    for g in cjk_bigrams(&body) {
        st.execute((g, doc_id))?;
    }
    Ok(())
}

pub fn index_customer(tx: &Tx, id: i64) -> Result<()> {
    let Some(c) = super::customers::get(tx, id)? else {
        return Ok(());
    };
    super::name_keys::put(tx.sql(), id, &c.name)?;
    let mut parts = vec![c.name];
    parts.extend(c.phones);
    parts.extend(c.email);
    put_doc(tx, "customer", id, &parts.join(" "))
}

/// Customers whose name's pinyin (full or initials) starts with `key`, those
/// whose key matches whole first: (customer, whether it matched whole). Two
/// index range reads, each stopped at `limit`.
pub fn customers_by_pinyin_read(key: &str, limit: i64) -> impl Reads<Out = Vec<(i64, bool)>> {
    (
        Read::all(
            "SELECT customer_id FROM customer_name_keys WHERE key = ?1 LIMIT ?2",
            (key.to_string(), limit),
            |r| r.get::<_, i64>(0),
        ),
        ids_read(
            "SELECT customer_id FROM customer_name_keys WHERE key > ?1 AND key < ?2 LIMIT ?3",
            key,
            limit,
        ),
    )
        .then(move |(whole, prefix)| {
            let mut out: Vec<(i64, bool)> = whole.into_iter().map(|id| (id, true)).collect();
            for id in prefix {
                if !out.iter().any(|(o, _)| *o == id) {
                    out.push((id, false));
                }
            }
            out.truncate(limit as usize);
            Ok(out)
        })
}

pub fn index_item(tx: &Tx, id: i64) -> Result<()> {
    if let Some(item) = super::items::get(tx, id)? {
        put_doc(tx, "item", id, &item.spec.search_body())?;
    }
    Ok(())
}

/// A document found by text, with how well it matched (0–200).
pub struct TextHit {
    pub kind: String,
    pub ref_id: i64,
    pub quality: i64,
}

/// Match quality: the query at the start of the document (+100), at the start of
/// a word (+50), and how much of that word it covers (up to +50), so "12345"
/// ranks plate 粤B12345 above phone 13912345678.
fn text_hit(q: &str, kind: String, ref_id: i64, body: String) -> TextHit {
    let qn = q.chars().count() as i64;
    let word = body
        .split_whitespace()
        .filter(|w| w.contains(q))
        .map(|w| {
            (if w.starts_with(q) { 50 } else { 0 }) + 50 * qn / w.chars().count().max(1) as i64
        })
        .max()
        .unwrap_or(0);
    let quality = if body.starts_with(q) { 100 } else { 0 } + word;
    TextHit {
        kind,
        ref_id,
        quality,
    }
}

/// Documents containing `q` (lower-cased, 3+ characters) anywhere, via trigrams.
/// On SQLite the FTS5 trigram table answers; on a server, `pg_trgm`'s
/// trigram index on the documents answers the same `LIKE` (sql/0002_shop.sql),
/// planned for each pattern: how many documents hold a text differs by
/// thousands from one text to the next, and the search's other reads are
/// planned once (`read::planned_each_time`).
pub fn by_trigram_read(
    tx: &Tx,
    q: &str,
    limit: i64,
) -> read::PlannedEachTime<Read<'static, Vec<TextHit>>> {
    let (sql, pattern) = if tx.sql().is_pg() {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        (
            "SELECT d.kind, d.ref_id, d.body FROM search_docs d WHERE d.body ILIKE ?1 LIMIT ?2",
            format!("%{escaped}%"),
        )
    } else {
        (
            "SELECT d.kind, d.ref_id, d.body FROM search_fts f JOIN search_docs d ON d.id = f.rowid
         WHERE search_fts MATCH ?1 LIMIT ?2",
            format!("\"{}\"", q.replace('"', "\"\"")),
        )
    };
    read::planned_each_time(text_hits_read(sql, pattern, q, limit))
}

/// Documents containing the two-character CJK string `q`.
pub fn by_bigram_read(q: &str, limit: i64) -> Read<'static, Vec<TextHit>> {
    text_hits_read(
        "SELECT d.kind, d.ref_id, d.body FROM search_bigrams g JOIN search_docs d ON d.id = g.doc_id
         WHERE g.gram = ?1 LIMIT ?2",
        q.to_string(),
        q,
        limit,
    )
}

fn text_hits_read(
    sql: &'static str,
    pattern: String,
    q: &str,
    limit: i64,
) -> Read<'static, Vec<TextHit>> {
    let q = q.to_string();
    Read::all(sql, (pattern, limit), move |r| {
        Ok(text_hit(&q, r.get(0)?, r.get(1)?, r.get(2)?))
    })
}

const CARD_SELECT: &str = "SELECT c.id, c.name, COALESCE((SELECT group_concat(p.phone, ', ') FROM customer_phones p WHERE p.customer_id = c.id), '')
     FROM customers c WHERE c.id IN";

/// What a search hit shows of each of the customers `ids`: name and phones
/// (a query per 256).
pub fn customer_cards_read(ids: &[i64]) -> impl Reads<Out = HashMap<i64, (String, String)>> {
    cards_read(ids, |ids| ids.to_string())
}

/// The same of the owners of the items `item_ids`, keyed by the owner: read
/// with the items themselves rather than after them.
pub fn owner_cards_read(item_ids: &[i64]) -> impl Reads<Out = HashMap<i64, (String, String)>> {
    cards_read(item_ids, |ids| {
        format!("SELECT i.owner_id FROM items i WHERE i.id IN ({ids})")
    })
}

/// The cards of the customers that `of` picks, given a chunk's placeholders.
fn cards_read(
    ids: &[i64],
    of: fn(&str) -> String,
) -> impl Reads<Out = HashMap<i64, (String, String)>> {
    read::of_ids(
        ids,
        &[],
        move |ids| format!("{CARD_SELECT} ({})", of(ids)),
        |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))),
    )
    .then(|cards| Ok(cards.into_iter().collect()))
}

/// The upper bound of a prefix range: every string starting with `p` sorts below it.
fn prefix_end(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

/// The ids a prefix range read finds: `sql` takes the prefix, its upper
/// bound and the limit.
fn ids_read(sql: &'static str, p: &str, limit: i64) -> Read<'static, Vec<i64>> {
    Read::all(sql, (p.to_string(), prefix_end(p), limit), |r| r.get(0))
}

/// Customers whose Latin name starts with `p` (lower case), for 1–2 letter queries.
pub fn customers_by_name_prefix_read(p: &str, limit: i64) -> Read<'static, Vec<i64>> {
    ids_read("SELECT id FROM customers WHERE lower(name) >= ?1 AND lower(name) < ?2 ORDER BY lower(name) LIMIT ?3", p, limit)
}

/// Customers with a phone starting with `p`, in the phones' order, each
/// once: the first `limit` phones found (a customer with two of them is
/// named once, so there may be fewer customers). Read in the phone index's
/// order, the one plan the server keeps for it is that index whatever the
/// prefix.
pub fn customers_by_phone_prefix_read(p: &str, limit: i64) -> impl Reads<Out = Vec<i64>> {
    ids_read(
        "SELECT customer_id FROM customer_phones WHERE phone >= ?1 AND phone < ?2 ORDER BY phone LIMIT ?3",
        p,
        limit,
    )
    .then(|ids| {
        let mut out: Vec<i64> = Vec::with_capacity(ids.len());
        for id in ids {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        Ok(out)
    })
}

pub fn jobs_by_number_prefix_read(p: &str, limit: i64) -> Read<'static, Vec<i64>> {
    ids_read(
        "SELECT id FROM jobs WHERE number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3",
        p,
        limit,
    )
}

/// Jobs whose invoice or guarantee card number starts with `p` (upper case): a
/// customer holding the paper finds the job by the number on it.
pub fn jobs_by_document_prefix_read(p: &str, limit: i64) -> impl Reads<Out = Vec<i64>> {
    (
        ids_read(
            "SELECT job_id FROM invoices WHERE number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3",
            p,
            limit,
        ),
        ids_read(
            "SELECT job_id FROM guarantee_cards WHERE number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3",
            p,
            limit,
        ),
    )
        .then(|(mut invoiced, carded)| {
            invoiced.extend(carded);
            Ok(invoiced)
        })
}

/// Items whose plate, VIN or serial starts with `p` (upper case), each in its
/// index's order: the one plan the server keeps for them is that index,
/// stopped at `limit`, however many items a short prefix matches.
pub fn items_by_identifier_prefix_read(p: &str, limit: i64) -> impl Reads<Out = Vec<i64>> {
    (
        ids_read(
            "SELECT id FROM items WHERE plate >= ?1 AND plate < ?2 ORDER BY plate LIMIT ?3",
            p,
            limit,
        ),
        ids_read(
            "SELECT id FROM items WHERE vin >= ?1 AND vin < ?2 ORDER BY vin LIMIT ?3",
            p,
            limit,
        ),
        ids_read(
            "SELECT id FROM items WHERE serial >= ?1 AND serial < ?2 ORDER BY serial LIMIT ?3",
            p,
            limit,
        ),
    )
        .then(|(mut out, vins, serials)| {
            out.extend(vins);
            out.extend(serials);
            out.dedup();
            Ok(out)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_only_from_cjk_runs() {
        assert_eq!(cjk_bigrams("王小明 13800"), vec!["王小", "小明"]);
        assert!(cjk_bigrams("John Smith").is_empty());
    }

    #[test]
    fn finds_by_trigram_and_bigram_and_reindexes() {
        let mut conn = crate::store::open_in_memory().unwrap();
        let tx = crate::store::write_tx(&mut conn).unwrap();
        put_doc(&tx, "customer", 1, "王小明 13800138000").unwrap();
        put_doc(&tx, "customer", 2, "John Johnson 5551234").unwrap();
        let by_bigram = |q: &str, n| tx.together(by_bigram_read(q, n));
        let by_trigram = |q: &str, n| tx.together(by_trigram_read(&tx, q, n));
        assert_eq!(by_bigram("小明", 10).unwrap()[0].ref_id, 1);
        let h = by_trigram("ohnso", 10).unwrap();
        assert_eq!(h.len(), 1);
        assert!(h[0].quality < by_trigram("johnson", 10).unwrap()[0].quality);
        assert_eq!(by_trigram("8001", 10).unwrap()[0].ref_id, 1);
        put_doc(&tx, "customer", 1, "李四 139").unwrap();
        assert!(by_bigram("小明", 10).unwrap().is_empty());
        assert!(by_trigram("13800", 10).unwrap().is_empty());
        // A quote in the query is data, not FTS syntax.
        assert!(by_trigram("a\"b OR", 10).unwrap().is_empty());
    }
}
