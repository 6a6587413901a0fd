//! The owner's view: the counter's figures for a period against the one
//! before it (the same number of days, ending the day before), each with its
//! formula in both languages, and the months of the period for the trend.
//! Ratios are exact integers (basis points: 1234 is 12.34 %), rounded half
//! away from zero once, at the end.
//!
//! Speed: every figure is an index range over records that never change
//! once written — `job_figures` (written with each invoice), `approval_figures`
//! (with each approval), handovers, claims, callbacks, surveys and the book —
//! so a year reads no job's lines. They stay correct because what they sum is
//! immutable: an invoice is corrected by a credit note, never edited, and an
//! approval is permanent. Tests: tests/core/views/kpi.rs (a hand-computed shop).

use crate::base::error::{Error, Result};
use crate::ctx::Ctx;
use crate::store;
use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Deserialize, JsonSchema, TS)]
pub struct KpiPeriod {
    /// First local day, YYYY-MM-DD.
    pub from: String,
    /// Last local day, inclusive (a period spans at most two years).
    pub to: String,
}

/// How a figure's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// Minor units of the shop's currency.
    Money,
    /// Money per hour, minor units.
    MoneyPerHour,
    /// Basis points: 1234 is 12.34 %.
    Percent,
    /// Thousandths of an hour.
    Hours,
    /// Hundredths of a score.
    Score,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Figure {
    /// A stable name (the UI's label key and the CSV's row).
    pub key: String,
    pub unit: Unit,
    /// None when there is nothing to divide by.
    pub value: Option<i64>,
    pub previous: Option<i64>,
    pub formula_en: String,
    pub formula_zh: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
pub struct MonthPoint {
    /// YYYY-MM.
    pub month: String,
    pub jobs: i64,
    pub total: i64,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Kpis {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    pub figures: Vec<Figure>,
    pub months: Vec<MonthPoint>,
}

/// `a ÷ b` in basis points, rounded half away from zero; none when `b` is zero.
pub fn ratio_bp(a: i64, b: i64) -> Option<i64> {
    (b > 0).then(|| {
        let (n, b) = (i128::from(a) * 10_000, i128::from(b));
        ((n.abs() * 2 + b) / (2 * b) * n.signum()) as i64
    })
}

/// `a ÷ b` rounded half up (a non-negative `a`); none when `b` is zero.
pub fn div_round(a: i64, b: i64) -> Option<i64> {
    (b > 0).then(|| {
        let (a, b) = (i128::from(a), i128::from(b));
        ((a * 2 + b) / (2 * b)) as i64
    })
}

/// The raw sums one period's figures are made of.
struct Sums {
    inv: store::figures::InvoiceSums,
    presented_amount: i64,
    approved_amount: i64,
    estimates_presented: i64,
    estimates_invoiced: i64,
    handed_over: i64,
    with_promise: i64,
    on_time: i64,
    claims: i64,
    calls_reached: i64,
    surveys: i64,
    overall_sum: i64,
    nps_answers: i64,
    promoters: i64,
    detractors: i64,
    arrived: i64,
    no_shows: i64,
    available_minutes: i64,
}

fn sums(ctx: &Ctx, from: NaiveDate, to: NaiveDate) -> Result<Sums> {
    let text = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let (a, b) = crate::shop::period::bounds(ctx, &text(from), &text(to), 800)?;
    let s = crate::shop::settings::load(ctx)?;
    let (presented_amount, approved_amount) = store::figures::approval_sums(ctx.tx, &a, &b)?;
    let (estimates_presented, estimates_invoiced) =
        store::figures::estimates_presented(ctx.tx, &a, &b)?;
    let (handed_over, with_promise, on_time) = store::figures::handovers(ctx.tx, &a, &b)?;
    let (calls_reached, _) = store::figures::calls_closed(ctx.tx, &a, &b)?;
    let (surveys, overall_sum, nps_answers, promoters, detractors) =
        store::figures::survey_sums(ctx.tx, &a, &b)?;
    let book = store::appointments::state_counts(ctx.tx, &text(from), &text(to))?;
    let count = |st: &str| book.iter().find(|x| x.0 == st).map_or(0, |x| x.1);
    let mut open_days = 0i64;
    let mut d = from;
    while d <= to {
        if !s.care.is_closed(d) {
            open_days += 1;
        }
        d += Duration::days(1);
    }
    Ok(Sums {
        inv: store::figures::invoice_sums(ctx.tx, &a, &b)?,
        presented_amount,
        approved_amount,
        estimates_presented,
        estimates_invoiced,
        handed_over,
        with_promise,
        on_time,
        claims: store::figures::claims_opened(ctx.tx, &a, &b)?,
        calls_reached,
        surveys,
        overall_sum,
        nps_answers,
        promoters,
        detractors,
        arrived: count("arrived"),
        no_shows: count("no_show"),
        available_minutes: open_days * i64::from(s.booking.technician_hours) * 60,
    })
}

/// Each figure: key, unit, how it is computed from the sums, and its formula.
type Rule = (
    &'static str,
    Unit,
    fn(&Sums) -> Option<i64>,
    &'static str,
    &'static str,
);

const RULES: &[Rule] = &[
    ("car_count", Unit::Count, |s| Some(s.inv.jobs), "Jobs invoiced in the period (claims included)", "期内开具结算单的工单数（含返修）"),
    ("average_repair_order", Unit::Money, |s| div_round(s.inv.paying_total, s.inv.paying_jobs), "Invoiced total ÷ paying jobs (claims and zero invoices left out)", "结算总额 ÷ 付费工单数（不含返修及零元工单）"),
    ("close_ratio_amount", Unit::Percent, |s| ratio_bp(s.approved_amount, s.presented_amount), "Amount approved ÷ amount presented, in the approvals of the period (before tax)", "期内客户确认金额 ÷ 报价金额（税前）"),
    ("close_ratio_jobs", Unit::Percent, |s| ratio_bp(s.estimates_invoiced, s.estimates_presented), "Jobs invoiced ÷ first estimates presented in the period", "期内首次报价的工单中已结算的比例"),
    ("show_rate", Unit::Percent, |s| ratio_bp(s.arrived, s.arrived + s.no_shows), "Appointments that came (a job opened) ÷ those that came or did not", "到店预约数 ÷ (到店 + 爽约)"),
    ("labour_hours_sold", Unit::Hours, |s| Some(s.inv.labour_hours), "Approved labour hours on the jobs invoiced", "已结算工单的确认工时"),
    ("effective_labour_rate", Unit::MoneyPerHour, |s| div_round(s.inv.labour_sale.saturating_mul(1000), s.inv.labour_hours), "Labour sold ÷ labour hours sold (before tax and discounts)", "工时收入 ÷ 工时数（税前、折扣前）"),
    ("technician_efficiency", Unit::Percent, |s| ratio_bp(s.inv.labour_hours.saturating_mul(60), s.inv.clocked_minutes.saturating_mul(1000)), "Hours billed ÷ hours clocked on the jobs invoiced", "结算工时 ÷ 实际打卡工时"),
    ("technician_productivity", Unit::Percent, |s| ratio_bp(s.inv.clocked_minutes, s.available_minutes), "Hours clocked on invoiced jobs ÷ technician hours available (the shop's hours a day × open days)", "打卡工时 ÷ 可用技师工时（每日工时 × 营业天数）"),
    ("parts_gross_margin", Unit::Percent, |s| ratio_bp(s.inv.parts_sale - s.inv.parts_cost, s.inv.parts_sale), "(Parts sale − parts cost) ÷ parts sale, on the jobs invoiced", "(配件销售额 − 配件成本) ÷ 配件销售额"),
    ("comeback_rate", Unit::Percent, |s| ratio_bp(s.claims, s.inv.jobs - s.inv.claims), "Claims opened under a card ÷ jobs invoiced (not claims)", "质保返修工单数 ÷ 结算工单数（不含返修）"),
    ("on_time_rate", Unit::Percent, |s| ratio_bp(s.on_time, s.with_promise), "Handed over by the promised time ÷ handed over with a promise", "按承诺时间交车数 ÷ 有承诺时间的交车数"),
    ("satisfaction_average", Unit::Score, |s| div_round(s.overall_sum.saturating_mul(100), s.surveys), "Average overall score of the surveys taken", "满意度调查总体评分平均值"),
    ("nps", Unit::Score, |s| ratio_bp(s.promoters - s.detractors, s.nps_answers), "% promoters (9–10) − % detractors (0–6)", "推荐者（9–10 分）比例 − 贬损者（0–6 分）比例"),
    ("callbacks_done", Unit::Count, |s| Some(s.calls_reached), "Follow-up calls that reached the customer", "成功回访次数"),
    ("appointments_kept", Unit::Count, |s| Some(s.arrived), "Appointments that came", "按约到店数"),
    ("no_shows", Unit::Count, |s| Some(s.no_shows), "Appointments that did not come", "爽约数"),
    ("handed_over", Unit::Count, |s| Some(s.handed_over), "Items handed over", "交车数"),
];

pub fn report(ctx: &Ctx, input: KpiPeriod) -> Result<Kpis> {
    let from = crate::shop::period::date("from", &input.from)?;
    let to = crate::shop::period::date("to", &input.to)?;
    let days = (to - from).num_days();
    if !(0..=731).contains(&days) {
        return Err(Error::invalid(
            "to",
            "The period ends on or after it starts and spans at most two years",
            "期间结束日期不得早于开始日期，且不超过两年",
        ));
    }
    let prev_to = from - Duration::days(1);
    let prev_from = prev_to - Duration::days(days);
    let (now, before) = (sums(ctx, from, to)?, sums(ctx, prev_from, prev_to)?);
    let figures = RULES
        .iter()
        .map(|(key, unit, f, en, zh)| Figure {
            key: (*key).into(),
            unit: *unit,
            value: f(&now),
            previous: f(&before),
            formula_en: (*en).into(),
            formula_zh: (*zh).into(),
        })
        .collect();
    let text = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let offset = crate::shop::settings::load(ctx)?.utc_offset_minutes;
    let months = crate::shop::period::months(from, to, offset);
    let months = store::figures::invoices_by_month(ctx.tx, &months)?
        .into_iter()
        .map(|(month, jobs, total)| MonthPoint { month, jobs, total })
        .collect();
    Ok(Kpis {
        from: text(from),
        to: text(to),
        previous_from: text(prev_from),
        previous_to: text(prev_to),
        figures,
        months,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(key: &str) -> fn(&Sums) -> Option<i64> {
        RULES.iter().find(|r| r.0 == key).map(|r| r.2).unwrap()
    }

    fn sums() -> Sums {
        Sums {
            inv: Default::default(),
            presented_amount: 0,
            approved_amount: 0,
            estimates_presented: 0,
            estimates_invoiced: 0,
            handed_over: 0,
            with_promise: 0,
            on_time: 0,
            claims: 0,
            calls_reached: 0,
            surveys: 0,
            overall_sum: 0,
            nps_answers: 0,
            promoters: 0,
            detractors: 0,
            arrived: 0,
            no_shows: 0,
            available_minutes: 0,
        }
    }

    #[test]
    fn efficiency_divides_exactly_and_nps_rounds_away_from_zero() {
        let mut s = sums();
        // 1.333 h billed (79.98 min) against 80 min clocked: 99.975 %, rounded once.
        s.inv.labour_hours = 1333;
        s.inv.clocked_minutes = 80;
        assert_eq!(rule("technician_efficiency")(&s), Some(9998));
        s.inv.clocked_minutes = 0;
        assert_eq!(rule("technician_efficiency")(&s), None);
        // One promoter, two detractors of three: -33.33.
        s.nps_answers = 3;
        s.promoters = 1;
        s.detractors = 2;
        assert_eq!(rule("nps")(&s), Some(-3333));
        assert_eq!(ratio_bp(1, 8), Some(1250));
        assert_eq!(ratio_bp(-1, 3), Some(-3333));
        assert_eq!(ratio_bp(2, 3), Some(6667));
        assert_eq!(ratio_bp(5, 0), None);
    }
}
