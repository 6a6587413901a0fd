//! SQL for `guarantee_cards`. A card never changes once its cover has started
//! (the schema's trigger refuses it); the only update is setting the start at
//! handover, once.

use super::driver::read::{self, Read, Reads};
use super::driver::{DbRow as Row, OptionalExtension};
use super::{Key, Tx};
use crate::base::error::{Error, Result};
use crate::model::card::{covers, Card, CardDocument};
use std::collections::HashMap;

pub struct NewCard<'a> {
    pub number: &'a str,
    pub job_id: i64,
    pub invoice_id: i64,
    pub item_id: i64,
    pub category: &'a str,
    pub issued_at: &'a str,
    pub starts_on: Option<&'a str>,
    pub days: Option<u32>,
    pub km: Option<u32>,
    pub odometer_start: Option<i64>,
    pub restarts_card_id: Option<i64>,
    pub document: &'a CardDocument,
}

pub fn insert(tx: &Tx, c: &NewCard) -> Result<i64> {
    let doc = serde_json::to_string(c.document).map_err(Error::internal)?;
    tx.sql().execute(
        "INSERT INTO guarantee_cards (number, job_id, invoice_id, item_id, category, issued_at, starts_on, days, km,
         odometer_start, restarts_card_id, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        crate::sql_params![c.number, c.job_id, c.invoice_id, c.item_id, c.category, c.issued_at, c.starts_on, c.days, c.km, c.odometer_start, c.restarts_card_id, doc],
    )?;
    Ok(tx.sql().last_insert_rowid()?)
}

const COLUMNS: &str = "id, number, job_id, item_id, issued_at, starts_on, days, km, odometer_start, restarts_card_id, document";

fn from_row(r: &Row) -> super::driver::SqlResult<(Card, String)> {
    let doc: String = r.get(10)?;
    let document: CardDocument = serde_json::from_str(&doc)
        .map_err(|e| super::driver::SqlError::Convert(format!("column 10: {e}")))?;
    Ok((
        Card {
            id: r.get(0)?,
            number: r.get(1)?,
            job_id: r.get(2)?,
            item_id: r.get(3)?,
            issued_at: r.get(4)?,
            starts_on: r.get(5)?,
            days: r.get(6)?,
            km: r.get(7)?,
            odometer_start: r.get(8)?,
            restarts_card_id: r.get(9)?,
            document,
        },
        doc,
    ))
}

fn one(tx: &Tx, filter: &str, key: impl super::driver::ToValue) -> Result<Option<Card>> {
    Ok(tx
        .sql()
        .query_row(
            &format!("SELECT {COLUMNS} FROM guarantee_cards WHERE {filter}"),
            [key],
            from_row,
        )
        .optional()?
        .map(|(c, _)| c))
}

pub fn get(tx: &Tx, id: i64) -> Result<Option<Card>> {
    one(tx, "id = ?1", id)
}

pub fn by_number(tx: &Tx, number: &str) -> Result<Option<Card>> {
    one(tx, "number = ?1", number)
}

pub fn number(tx: &Tx, id: i64) -> Result<String> {
    Ok(tx.sql().query_row(
        "SELECT number FROM guarantee_cards WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

fn many(filter: &str, key: impl Into<Key>) -> Read<'static, Vec<Card>> {
    Read::all(
        format!("SELECT {COLUMNS} FROM guarantee_cards WHERE {filter} ORDER BY id DESC"),
        key.into(),
        |r| from_row(r).map(|(c, _)| c),
    )
}

/// The item's cards, newest first.
pub fn for_item(tx: &Tx, item_id: i64) -> Result<Vec<Card>> {
    tx.together(many("item_id = ?1", item_id))
}

pub fn for_job(tx: &Tx, job_id: i64) -> Result<Vec<Card>> {
    tx.together(for_job_read(job_id))
}

/// The number of the card a claim job was opened under, if it is one.
pub fn claimed_by_job_read(job_id: i64) -> Read<'static, Option<String>> {
    Read::first(
        "SELECT c.number FROM jobs j JOIN guarantee_cards c ON c.id = j.claim_card_id
         WHERE j.id = ?1",
        [job_id],
        |r| r.get(0),
    )
}

/// The job's cards, newest first.
pub fn for_job_read(job: impl Into<Key>) -> Read<'static, Vec<Card>> {
    let job = job.into();
    many(&format!("job_id = {}", job.sql()), job)
}

/// The numbers of the job's cards, newest first: all an opened job shows of
/// them. On the server `guarantee_cards_job_numbers` answers it from the
/// index alone (pg/sql/0006_covering_opening.sql), with no card's document
/// read or parsed.
pub fn numbers_for_job_read(job: impl Into<Key>) -> Read<'static, Vec<String>> {
    let job = job.into();
    Read::all(
        format!(
            "SELECT number FROM guarantee_cards WHERE job_id = {} ORDER BY id DESC",
            job.sql()
        ),
        job,
        |r| r.get(0),
    )
}

pub fn start_unstarted(tx: &Tx, job_id: i64, date: &str) -> Result<()> {
    tx.sql().execute(
        "UPDATE guarantee_cards SET starts_on = ?2 WHERE job_id = ?1 AND starts_on IS NULL",
        (job_id, date),
    )?;
    Ok(())
}

pub fn link_claim(tx: &Tx, job_id: i64, card_id: i64) -> Result<()> {
    tx.sql().execute(
        "UPDATE jobs SET claim_card_id = ?2 WHERE id = ?1",
        (job_id, card_id),
    )?;
    Ok(())
}

/// For each of `item_ids` with one, the newest card still covering `today`
/// (YYYY-MM-DD). The cards that have started are read with their first day
/// and length, and which still cover the day is the model's rule
/// ([`covers`]), not a date sum on the server for each of an item's ten years
/// of cards: that cost the calls list a millisecond (docs/benchmarks.md).
pub fn valid_for_items_read(
    item_ids: &[i64],
    today: &str,
) -> impl Reads<Out = HashMap<i64, String>> {
    let today =
        chrono::NaiveDate::parse_from_str(today.get(..10).unwrap_or(today), "%Y-%m-%d").ok();
    read::of_ids(
        item_ids,
        &[],
        |ids| {
            format!(
                "SELECT item_id, number, starts_on, days FROM guarantee_cards
                 WHERE item_id IN ({ids}) AND starts_on IS NOT NULL
                 ORDER BY id DESC"
            )
        },
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        },
    )
    .then(move |rows| {
        let mut found = HashMap::new();
        for (id, number, starts_on, days) in rows {
            if today.is_some_and(|t| covers(&starts_on, days, t)) {
                found.entry(id).or_insert(number);
            }
        }
        Ok(found)
    })
}
