//! Is a card still valid: cover by days and/or distance, whichever ends first
//! (the first day counts), per line; card lookup. Tests: tests/core/job/guarantee.rs.

use super::today;
use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::model::card::Card;
use crate::model::item::MAX_ODOMETER;
use crate::model::settings::ShopSettings;
use crate::store;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    Valid,
    Expired,
    /// Cover starts at handover, which has not happened yet.
    NotStarted,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Cover {
    pub validity: Validity,
    /// Why it expired: `days` or `distance`.
    pub expired_by: Option<String>,
    /// Last day of cover (inclusive).
    pub last_day: Option<String>,
    pub days_left: Option<i64>,
    pub km_left: Option<i64>,
}

/// Cover under `days`/`km` from `starts_on` and `odometer_start`, on `today` at `odometer`.
pub fn cover(
    starts_on: Option<NaiveDate>,
    days: Option<u32>,
    km: Option<u32>,
    odometer_start: Option<i64>,
    today: NaiveDate,
    odometer: Option<i64>,
) -> Cover {
    let Some(start) = starts_on else {
        return Cover {
            validity: Validity::NotStarted,
            expired_by: None,
            last_day: None,
            days_left: None,
            km_left: None,
        };
    };
    let last_day = days.map(|d| start + Duration::days(d as i64 - 1));
    let days_left = last_day.map(|l| (l - today).num_days());
    let km_left = match (km, odometer_start, odometer) {
        // Readings are bounded where they enter; saturating keeps an old row sane.
        (Some(k), Some(s), Some(now)) => Some(s.saturating_add(k as i64).saturating_sub(now)),
        _ => None,
    };
    let expired_by = if days_left.is_some_and(|d| d < 0) {
        Some("days".to_string())
    } else if km_left.is_some_and(|k| k < 0) {
        Some("distance".to_string())
    } else {
        None
    };
    Cover {
        validity: if expired_by.is_some() {
            Validity::Expired
        } else {
            Validity::Valid
        },
        expired_by,
        last_day: last_day.map(|d| d.to_string()),
        days_left,
        km_left,
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct LineCover {
    pub line_id: i64,
    pub description: String,
    pub cover: Cover,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardStatus {
    pub card: Card,
    /// The card as a whole: valid while any line is covered.
    pub cover: Cover,
    pub lines: Vec<LineCover>,
    /// The odometer the distance was judged at.
    pub odometer: Option<i64>,
}

pub fn status(
    ctx: &Ctx,
    card: Card,
    odometer: Option<i64>,
    s: &ShopSettings,
) -> Result<CardStatus> {
    let start = card
        .starts_on
        .as_deref()
        .map(|d| d.parse::<NaiveDate>())
        .transpose()
        .map_err(Error::internal)?;
    let today = today(ctx, s);
    let odometer = match odometer {
        Some(o) if !(0..=MAX_ODOMETER).contains(&o) => {
            return Err(Error::invalid(
                "odometer",
                "Odometer must be 0 to 10,000,000 km",
                "里程必须在 0 到 10,000,000 公里之间",
            ))
        }
        Some(o) => Some(o),
        None => crate::records::items::load(ctx, card.item_id)?.odometer,
    };
    let lines: Vec<LineCover> = card
        .document
        .lines
        .iter()
        .map(|l| LineCover {
            line_id: l.line_id,
            description: l.description.clone(),
            cover: cover(start, l.days, l.km, card.odometer_start, today, odometer),
        })
        .collect();
    let mut whole = cover(
        start,
        card.days,
        card.km,
        card.odometer_start,
        today,
        odometer,
    );
    if whole.validity == Validity::Valid
        && !lines.iter().any(|l| l.cover.validity == Validity::Valid)
    {
        whole.validity = Validity::Expired;
        whole.expired_by = lines.iter().find_map(|l| l.cover.expired_by.clone());
    }
    Ok(CardStatus {
        card,
        cover: whole,
        lines,
        odometer,
    })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Lookup {
    /// A card number …
    pub card: Option<String>,
    /// … or every card of an item.
    pub item_id: Option<i64>,
    /// Today's odometer (vehicles); defaults to the item's latest reading.
    pub odometer: Option<i64>,
}

pub fn lookup(ctx: &Ctx, input: Lookup) -> Result<Vec<CardStatus>> {
    let s = crate::shop::settings::load(ctx)?;
    let cards = match (&input.card, input.item_id) {
        (Some(n), _) => vec![load(ctx, n)?],
        (None, Some(item)) => {
            crate::records::items::load(ctx, item)?;
            store::cards::for_item(ctx.tx, item)?
        }
        (None, None) => {
            return Err(Error::invalid(
                "card",
                "Give a card number or an item",
                "请输入卡号或选择物品",
            ))
        }
    };
    cards
        .into_iter()
        .map(|c| status(ctx, c, input.odometer, &s))
        .collect()
}

pub fn load(ctx: &Ctx, number: &str) -> Result<Card> {
    store::cards::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Guarantee card", "质量保证卡", number).at("card"))
}
