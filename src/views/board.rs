//! The counter's day: every open job placed where the clerk should look at it —
//! overdue, at risk (promised within two hours and the work not done), due
//! today, waiting for the customer's approval (and since when), ready for
//! pickup (customer told or not), and the rest of the workshop — each card with
//! its amount and the clocks running on it.
//!
//! A job sits in exactly one section, decided by `section_of` (a pure rule,
//! unit-tested below); the board reads at most `per_state` jobs of each open
//! state through the (state, promised_at) index, every state in one
//! statement, so a ten-year shop's board costs what its open jobs cost, and
//! builds cards (amounts, waits) only for the first `per_section` of each
//! section while counting them all. Those cards' discounts, lines (their
//! prices only: a card shows none of their words) and times, whether the ready ones were told
//! and the clocks running are read together: on the shop's server the board is
//! two round trips (settings with the jobs, then the rest), not one per card or per
//! state. Tests: here and tests/core/views/board.rs.

use crate::base::error::{Error, Result};
use crate::base::money::Money;
use crate::base::time::time_text;
use crate::base::totals::{JobDiscount, Priced};
use crate::ctx::Ctx;
use crate::model::job::{JobState, JobSummary};
use crate::model::line::LineStatus;
use crate::store;
use chrono::{DateTime, Duration, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// How long before its promise a job whose work is not done counts as at risk.
pub const AT_RISK_HOURS: i64 = 2;

/// Where a job stands in the clerk's day, in the order the board shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum BoardSection {
    Overdue,
    AtRisk,
    DueToday,
    AwaitingApproval,
    ReadyForPickup,
    Later,
}

impl BoardSection {
    pub const ALL: [BoardSection; 6] = [
        BoardSection::Overdue,
        BoardSection::AtRisk,
        BoardSection::DueToday,
        BoardSection::AwaitingApproval,
        BoardSection::ReadyForPickup,
        BoardSection::Later,
    ];
}

/// The instants that divide the day: now, the at-risk horizon, and the end
/// of the shop's local day (all as stored time texts).
pub struct DayMarks {
    pub now: String,
    pub at_risk_until: String,
    pub end_of_day: String,
}

impl DayMarks {
    pub fn at(now: DateTime<Utc>, utc_offset_minutes: i64) -> DayMarks {
        let off = Duration::minutes(utc_offset_minutes);
        let local_date = (now + off).date_naive();
        let next = local_date.succ_opt().unwrap_or(local_date);
        let end = next.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - off;
        DayMarks {
            now: time_text(now),
            at_risk_until: time_text(now + Duration::hours(AT_RISK_HOURS)),
            end_of_day: time_text(end),
        }
    }
}

/// The section a job belongs in. Ready (and invoiced, not yet collected) jobs
/// wait for the customer; a job awaiting approval waits for the customer too,
/// however near its promise; the rest go by their promise. Work counts as done
/// once it is in the quality check, so that is never "at risk".
pub fn section_of(state: JobState, promised_at: Option<&str>, day: &DayMarks) -> BoardSection {
    use JobState::*;
    match state {
        Ready | Invoiced => return BoardSection::ReadyForPickup,
        AwaitingApproval => return BoardSection::AwaitingApproval,
        _ => {}
    }
    let Some(p) = promised_at else {
        return BoardSection::Later;
    };
    if p < day.now.as_str() {
        BoardSection::Overdue
    } else if p < day.at_risk_until.as_str() && state != QualityCheck {
        BoardSection::AtRisk
    } else if p < day.end_of_day.as_str() {
        BoardSection::DueToday
    } else {
        BoardSection::Later
    }
}

/// One job on the board.
#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct BoardCard {
    #[serde(flatten)]
    #[ts(flatten)]
    pub job: JobSummary,
    /// What the job comes to, tax and discounts included: the approved work
    /// once it is ready, else every line still on the estimate.
    pub amount: Money,
    /// When it entered its present state (the wait for an approval).
    pub since: Option<String>,
    /// Ready for pickup: when the customer was told (`None`: not yet).
    pub told_at: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct BoardColumn {
    pub section: BoardSection,
    /// How many open jobs the section holds (more than `jobs` when cut at `per_section`).
    pub total: usize,
    pub jobs: Vec<BoardCard>,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct Board {
    /// Every section, in order, even when empty.
    pub columns: Vec<BoardColumn>,
    pub overdue: usize,
    /// Ready jobs whose customer has not been told yet.
    pub not_told: usize,
    /// Every job clock running in the shop, for the cards of their jobs.
    pub running_clocks: Vec<BoardClock>,
}

/// A running clock on the board: the job's number, whose clock, since when.
#[derive(Debug, Serialize, JsonSchema, TS)]
pub struct BoardClock {
    pub job_number: String,
    pub technician: String,
    pub since: String,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct BoardInput {
    /// Most jobs read per state (default 50).
    pub per_state: Option<i64>,
    /// Most cards sent per section, soonest promise first (default: all read);
    /// the section's `total` still counts every one.
    pub per_section: Option<i64>,
}

/// The day's board: open jobs by section, soonest promise first.
pub fn board(ctx: &Ctx, input: BoardInput) -> Result<Board> {
    let per = input.per_state.unwrap_or(50).clamp(1, 500);
    let open: Vec<JobState> = JobState::ALL
        .into_iter()
        .filter(|s| !matches!(s, JobState::Delivered | JobState::Cancelled))
        .collect();
    let (settings, open_jobs) = ctx.tx.together((
        store::settings::get_shop_read(),
        store::jobs::in_states_read(&open, &time_text(ctx.now), per),
    ))?;
    let settings = settings.unwrap_or_default();
    let day = DayMarks::at(ctx.now, settings.utc_offset_minutes.into());
    let mut sorted: Vec<Vec<JobSummary>> = BoardSection::ALL.iter().map(|_| Vec::new()).collect();
    for job in open_jobs {
        let section = section_of(job.state, job.promised_at.as_deref(), &day);
        sorted[section as usize].push(job);
    }
    let overdue = sorted.iter().flatten().filter(|j| j.overdue).count();
    let ready_ids: Vec<i64> = sorted[BoardSection::ReadyForPickup as usize]
        .iter()
        .map(|j| j.id)
        .collect();
    let cut = input
        .per_section
        .map_or(usize::MAX, |n| n.clamp(1, 500) as usize);
    for jobs in &mut sorted {
        jobs.sort_by(|a, b| {
            let key = |j: &JobSummary| (j.promised_at.is_none(), j.promised_at.clone());
            key(a).cmp(&key(b)).then(a.id.cmp(&b.id))
        });
    }
    // Every card's job, lines and times, whether the ready ones were told,
    // and the clocks running: read together, one round trip on a server
    // for the whole board (one per card would be hundreds), shared with a
    // second connection in the same snapshot (store/pg/client/second.rs).
    let shown: Vec<i64> = sorted
        .iter()
        .flat_map(|jobs| jobs.iter().take(cut).map(|j| j.id))
        .collect();
    let (discounts, lines, since, told, clocks) = ctx.tx.together_shared((
        store::jobs::discounts_read(&shown),
        store::lines::priced_for_jobs_read(&shown),
        store::events::latest_of_read(&shown, "state"),
        store::events::latest_of_read(&ready_ids, "customer_told_ready"),
        store::work::running_in_shop_read(),
    ))?;
    let not_told = ready_ids.iter().filter(|id| !told.contains_key(id)).count();
    let mut facts = CardFacts {
        discounts,
        lines,
        since,
        told,
    };
    let mut columns = Vec::new();
    for (section, jobs) in BoardSection::ALL.into_iter().zip(sorted) {
        let total = jobs.len();
        let cards = jobs
            .into_iter()
            .take(cut)
            .map(|j| card(&mut facts, j, &settings))
            .collect::<Result<Vec<_>>>()?;
        columns.push(BoardColumn {
            section,
            total,
            jobs: cards,
        });
    }
    let running_clocks = clocks
        .into_iter()
        .map(|c| BoardClock {
            job_number: c.job_number,
            technician: c.technician,
            since: c.since,
        })
        .collect();
    Ok(Board {
        columns,
        overdue,
        not_told,
        running_clocks,
    })
}

/// What the board's cards are made of, read for all of them at once.
struct CardFacts {
    discounts: HashMap<i64, JobDiscount>,
    lines: HashMap<i64, Vec<(LineStatus, Priced)>>,
    since: HashMap<i64, String>,
    told: HashMap<i64, String>,
}

fn card(
    facts: &mut CardFacts,
    summary: JobSummary,
    settings: &crate::model::settings::ShopSettings,
) -> Result<BoardCard> {
    let discount = facts
        .discounts
        .remove(&summary.id)
        .ok_or_else(|| Error::not_found("Job", "工单", summary.id).at("job"))?;
    let lines = facts.lines.remove(&summary.id).unwrap_or_default();
    let ready = matches!(summary.state, JobState::Ready | JobState::Invoiced);
    let priced: Vec<Priced> = lines
        .into_iter()
        .filter(|(status, _)| {
            *status == LineStatus::Approved || (!ready && *status == LineStatus::Proposed)
        })
        .map(|(_, p)| p)
        .collect();
    let totals = crate::model::line::priced_totals(discount, &priced, settings);
    Ok(BoardCard {
        amount: totals.total,
        since: facts.since.remove(&summary.id),
        told_at: if ready {
            facts.told.get(&summary.id).cloned()
        } else {
            None
        },
        job: summary,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day() -> DayMarks {
        // 10:00 in a shop at UTC+8 is 02:00 UTC; its day ends at 16:00 UTC.
        DayMarks::at(Utc.with_ymd_and_hms(2026, 3, 2, 2, 0, 0).unwrap(), 480)
    }

    #[test]
    fn the_day_ends_at_the_shops_local_midnight() {
        let d = day();
        assert_eq!(d.end_of_day, "2026-03-02T16:00:00Z");
        assert_eq!(d.at_risk_until, "2026-03-02T04:00:00Z");
    }

    #[test]
    fn each_job_lands_in_one_section() {
        use JobState::*;
        let d = day();
        let s = |st, p: Option<&str>| section_of(st, p, &d);
        assert_eq!(
            s(InWork, Some("2026-03-02T01:59:00Z")),
            BoardSection::Overdue
        );
        assert_eq!(
            s(InWork, Some("2026-03-02T03:00:00Z")),
            BoardSection::AtRisk
        );
        // In the check the work is done: due today, not at risk.
        assert_eq!(
            s(QualityCheck, Some("2026-03-02T03:00:00Z")),
            BoardSection::DueToday
        );
        assert_eq!(
            s(Received, Some("2026-03-02T15:59:00Z")),
            BoardSection::DueToday
        );
        assert_eq!(
            s(Received, Some("2026-03-02T16:00:00Z")),
            BoardSection::Later
        );
        assert_eq!(s(Received, None), BoardSection::Later);
        assert_eq!(
            s(AwaitingApproval, Some("2026-03-01T00:00:00Z")),
            BoardSection::AwaitingApproval
        );
        assert_eq!(s(Ready, None), BoardSection::ReadyForPickup);
        assert_eq!(
            s(Invoiced, Some("2026-03-01T00:00:00Z")),
            BoardSection::ReadyForPickup
        );
    }
}
