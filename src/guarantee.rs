//! Quality-guarantee cards (质量保证卡): issued with the invoice, covering the
//! job's billed work and parts on the shop's terms for the repair category (per
//! line where a line has its own terms). Cover lasts the days and/or distance,
//! whichever ends first, from completion or from handover (a setting). The day
//! cover starts is day 1: 10 days from 2 November cover up to and including
//! 11 November. The card belongs to the item, so it stays valid for a later owner.
//! A claim opens a new job linked to the card; covered lines are priced at zero.

use crate::api::Ctx;
use crate::customers::Customer;
use crate::error::{Error, Result};
use crate::estimate::{Line, PartKind};
use crate::guarantee_terms::{check_terms, AppliesTo, GuaranteeTerm, RepairCategory};
use crate::invoice::{InvoiceDocument, ItemOnDocument, LineTerms, Party};
use crate::items::{Item, ItemSpec, VehicleClass};
use crate::job::Job;
use crate::money::{Money, Qty};
use crate::settings::{GuaranteeStart, LocalText, ShopSettings};
use crate::store;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardLine {
    pub line_id: i64,
    pub description: String,
    pub part_kind: Option<PartKind>,
    pub brand: Option<String>,
    pub part_number: Option<String>,
    pub quantity: Qty,
    pub amount: Money,
    pub days: Option<u32>,
    pub km: Option<u32>,
}

/// What the card prints, frozen at issue.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct CardDocument {
    pub shop: Party,
    pub customer_name: String,
    pub item: ItemOnDocument,
    pub job_number: String,
    pub invoice_number: String,
    pub category: RepairCategory,
    pub category_label: LocalText,
    pub lines: Vec<CardLine>,
    pub coverage: LocalText,
    pub exclusions: LocalText,
    pub how_to_claim: LocalText,
    pub starts_at: GuaranteeStart,
    pub certificate_number: Option<String>,
    pub language: crate::settings::Lang,
    pub currency: crate::settings::Currency,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Card {
    pub id: i64,
    pub number: String,
    pub job_id: i64,
    pub item_id: i64,
    pub issued_at: String,
    /// First day of cover (shop's local date); none until handover when cover starts then.
    pub starts_on: Option<String>,
    /// The longest cover of any line.
    pub days: Option<u32>,
    pub km: Option<u32>,
    pub odometer_start: Option<i64>,
    /// The card whose claim this card's work redid, when the period restarted.
    pub restarts_card_id: Option<i64>,
    pub document: CardDocument,
}

/// What a card will cover: the table row and each line's terms.
pub struct Plan {
    row: GuaranteeTerm,
    lines: Vec<(i64, Option<u32>, Option<u32>)>,
}

fn applies_to(item: &Item) -> AppliesTo {
    match &item.spec {
        ItemSpec::Vehicle {
            vehicle_class: VehicleClass::Car,
            ..
        } => AppliesTo::Car,
        ItemSpec::Vehicle {
            vehicle_class: VehicleClass::Motorcycle,
            ..
        } => AppliesTo::Motorcycle,
        ItemSpec::Vehicle { .. } => AppliesTo::OtherVehicle,
        ItemSpec::Device { .. } => AppliesTo::Device,
    }
}

/// Decides what the job's card covers, refusing terms below an enforced minimum.
pub fn plan(
    job: &Job,
    item: &Item,
    billed: &[&Line],
    overrides: &[LineTerms],
    s: &ShopSettings,
) -> Result<Option<Plan>> {
    let category = job.repair_category.ok_or_else(|| {
        Error::state(
            "Set the repair category first: it decides the guarantee",
            "请先设置维修类别：它决定质量保证期",
        )
    })?;
    let kind = applies_to(item);
    let row = s
        .guarantee_table
        .iter()
        .find(|t| t.category == category && t.applies_to == kind)
        .cloned()
        .ok_or_else(|| {
            Error::state(
                format!(
                    "The guarantee table has no terms for {} on this kind of item",
                    category.code()
                ),
                format!("质量保证表中没有“{}”对该类物品的期限", category.labels().1),
            )
        })?;
    let claim = job.claim_card_id.is_some();
    let covered: Vec<&&Line> = billed
        .iter()
        .filter(|l| l.part_kind != Some(PartKind::CustomerSupplied))
        .filter(|l| !l.covered_by_card || (claim && s.guarantee_restarts_on_claim))
        .collect();
    for (i, o) in overrides.iter().enumerate() {
        if !covered.iter().any(|l| l.id == o.line_id) {
            return Err(Error::invalid(
                &format!("line_terms[{i}]"),
                "This line is not covered by the card",
                "该项目不在质量保证范围内",
            ));
        }
        check_terms(&format!("line_terms[{i}]"), &row, o.days, o.km)?;
    }
    if covered.is_empty() {
        return Ok(None);
    }
    let lines = covered
        .iter()
        .map(|l| match overrides.iter().find(|o| o.line_id == l.id) {
            Some(o) => (l.id, o.days, o.km),
            None => (l.id, row.days, row.km),
        })
        .collect();
    Ok(Some(Plan { row, lines }))
}

fn offset(s: &ShopSettings) -> FixedOffset {
    FixedOffset::east_opt(s.utc_offset_minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
}

/// The shop's local date of an RFC 3339 time.
pub fn local_date(s: &ShopSettings, at: &str) -> Result<NaiveDate> {
    let t = DateTime::parse_from_rfc3339(at)
        .map_err(|e| Error::internal(format!("stored time {at}: {e}")))?;
    Ok(t.with_timezone(&offset(s)).date_naive())
}

fn today(ctx: &Ctx, s: &ShopSettings) -> NaiveDate {
    ctx.now.with_timezone(&offset(s)).date_naive()
}

#[allow(clippy::too_many_arguments)]
pub fn issue(
    ctx: &Ctx,
    job: &Job,
    item: &Item,
    customer: &Customer,
    invoice_id: i64,
    inv: &InvoiceDocument,
    number: &str,
    plan: Plan,
    s: &ShopSettings,
) -> Result<Card> {
    let lines: Vec<CardLine> = plan
        .lines
        .iter()
        .filter_map(|(id, days, km)| {
            inv.lines
                .iter()
                .find(|l| l.line_id == *id)
                .map(|l| CardLine {
                    line_id: l.line_id,
                    description: l.description.clone(),
                    part_kind: l.part_kind,
                    brand: l.brand.clone(),
                    part_number: l.part_number.clone(),
                    quantity: l.quantity,
                    amount: l.net,
                    days: *days,
                    km: *km,
                })
        })
        .collect();
    let (en, zh) = plan.row.category.labels();
    let document = CardDocument {
        shop: inv.shop.clone(),
        customer_name: customer.name.clone(),
        item: inv.item.clone(),
        job_number: job.number.clone(),
        invoice_number: inv.number.clone(),
        category: plan.row.category,
        category_label: LocalText::new(en, zh),
        coverage: s.guarantee_coverage.clone(),
        exclusions: s.guarantee_exclusions.clone(),
        how_to_claim: s.guarantee_how_to_claim.clone(),
        starts_at: s.guarantee_starts_at,
        certificate_number: inv.certificate_number.clone(),
        language: inv.language,
        currency: inv.currency.clone(),
        lines,
    };
    let starts_on = match s.guarantee_starts_at {
        GuaranteeStart::Completion => Some(local_date(s, &inv.supplied_at)?.to_string()),
        GuaranteeStart::Handover => None,
    };
    let days = plan.lines.iter().filter_map(|l| l.1).max();
    let km = plan.lines.iter().filter_map(|l| l.2).max();
    let restarts = job.claim_card_id;
    let id = store::cards::insert(
        ctx.tx,
        &store::cards::NewCard {
            number,
            job_id: job.id,
            invoice_id,
            item_id: item.id,
            category: plan.row.category.code(),
            issued_at: &ctx.now_text(),
            starts_on: starts_on.as_deref(),
            days,
            km,
            odometer_start: inv.item.odometer_out,
            restarts_card_id: restarts.filter(|_| s.guarantee_restarts_on_claim),
            document: &document,
        },
    )?;
    store::cards::get(ctx.tx, id)?.ok_or_else(|| Error::internal("card vanished"))
}

/// When cover runs from handover, it starts today for the job's cards.
pub fn start_at_handover(ctx: &Ctx, job: &Job, s: &ShopSettings) -> Result<()> {
    if s.guarantee_starts_at == GuaranteeStart::Handover {
        store::cards::start_unstarted(ctx.tx, job.id, &today(ctx, s).to_string())?;
    }
    Ok(())
}

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
        (Some(k), Some(s), Some(now)) => Some(s + k as i64 - now),
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

fn status(ctx: &Ctx, card: Card, odometer: Option<i64>, s: &ShopSettings) -> Result<CardStatus> {
    let start = card
        .starts_on
        .as_deref()
        .map(|d| d.parse::<NaiveDate>())
        .transpose()
        .map_err(Error::internal)?;
    let today = today(ctx, s);
    let odometer = match odometer {
        Some(o) => Some(o),
        None => crate::items::load(ctx, card.item_id)?.odometer,
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
    let s = crate::settings::load(ctx)?;
    let cards = match (&input.card, input.item_id) {
        (Some(n), _) => vec![load(ctx, n)?],
        (None, Some(item)) => {
            crate::items::load(ctx, item)?;
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

fn load(ctx: &Ctx, number: &str) -> Result<Card> {
    store::cards::by_number(ctx.tx, number.trim())?
        .ok_or_else(|| Error::not_found("Guarantee card", "质量保证卡", number).at("card"))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Claim {
    pub staff_id: i64,
    pub card: String,
    pub complaint: String,
    /// Vehicles: the odometer now.
    pub odometer_in: Option<i64>,
    pub promised_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Claimed {
    pub job: Job,
    pub card: CardStatus,
}

/// Opens a claim job under a valid card, for the item's current owner.
pub fn claim(ctx: &Ctx, input: Claim) -> Result<Claimed> {
    crate::staff::actor(ctx, input.staff_id)?;
    let s = crate::settings::load(ctx)?;
    let card = load(ctx, &input.card)?;
    let st = status(ctx, card, input.odometer_in, &s)?;
    match st.cover.validity {
        Validity::Valid => {}
        Validity::NotStarted => {
            return Err(Error::state(
                "This card's cover has not started (the item was not handed over)",
                "该卡尚未生效（物品尚未交付）",
            ))
        }
        Validity::Expired => {
            let by = st.cover.expired_by.clone().unwrap_or_default();
            return Err(Error::state(
                format!(
                    "Card {} has expired ({by}); the work can be quoted as a normal job",
                    st.card.number
                ),
                format!(
                    "质量保证卡 {} 已过期（{}），可按普通工单报价",
                    st.card.number,
                    if by == "distance" { "里程" } else { "天数" }
                ),
            )
            .at("card"));
        }
    }
    let item = crate::items::load(ctx, st.card.item_id)?;
    let received = crate::reception::receive(
        ctx,
        crate::reception::Receive {
            staff_id: input.staff_id,
            customer: crate::reception::Pick::Existing { id: item.owner_id },
            item: crate::reception::Pick::Existing { id: item.id },
            odometer_in: input.odometer_in,
            complaint: input.complaint,
            requested_work: Some(format!(
                "Guarantee claim under card {} (job {})",
                st.card.number, st.card.document.job_number
            )),
            promised_at: input.promised_at,
        },
    )?;
    store::cards::link_claim(ctx.tx, received.job.id, st.card.id)?;
    crate::job::record(
        ctx,
        received.job.id,
        input.staff_id,
        "claim",
        json!({ "card": st.card.number, "original_job": st.card.document.job_number }),
    )?;
    Ok(Claimed {
        job: crate::job::by_id(ctx, received.job.id)?,
        card: st,
    })
}
