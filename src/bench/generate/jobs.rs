//! Ten years of jobs: one job at a time, load (which item, when, what state) →
//! decide (its inspection, lines, approval; billing in bill.rs, the
//! inspection, parts and card in workshop.rs) → write through the store, in
//! batches.
//! Tests: tests/core/faces/cli.rs runs the benchmark at small scale.

use super::bill::Written;
use super::{Gen, BATCH};
use crate::base::error::Result;
use crate::base::money::Qty;
use crate::base::time::time_text;
use crate::base::totals::{self, JobDiscount, LineKind};
use crate::bench::names::Seeded;
use crate::model::job::JobState;
use crate::model::job_event::{JobEventKind, StateChange};
use crate::model::line::{Line, PartKind};
use crate::model::settings::ShopSettings;
use crate::store::{self, Db, Tx};
use chrono::Duration;

/// Every tenth state in the last 300 jobs is still open, so the board has work.
const OPEN_STATES: [JobState; 10] = [
    JobState::Received,
    JobState::Inspected,
    JobState::Estimated,
    JobState::AwaitingApproval,
    JobState::Approved,
    JobState::InWork,
    JobState::WaitingParts,
    JobState::QualityCheck,
    JobState::Ready,
    JobState::Invoiced,
];

impl Gen {
    /// Every job, a batch per transaction, saying how far it got every tenth.
    pub(super) fn jobs(&mut self, db: &mut Db, progress: &mut dyn FnMut(&str)) -> Result<()> {
        let scale = self.scale;
        let open_from = scale.jobs.saturating_sub(300);
        let started = std::time::Instant::now();
        let tenth = (scale.jobs / 10).max(1);
        let mut done = 0usize;
        for chunk in (0..scale.jobs).collect::<Vec<_>>().chunks(BATCH) {
            let tx = store::write_tx(db)?;
            for &k in chunk {
                self.job(&tx, k, open_from)?;
            }
            tx.commit()?;
            let before = done;
            done += chunk.len();
            if done / tenth > before / tenth {
                let secs = started.elapsed().as_secs_f64();
                let left = secs / done as f64 * (scale.jobs - done) as f64;
                progress(&format!(
                    "  jobs {done} of {} ({} %) in {secs:.0} s, about {left:.0} s to go",
                    scale.jobs,
                    done * 100 / scale.jobs
                ));
            }
        }
        Ok(())
    }

    /// One job, from reception to (for most) delivery.
    fn job(&mut self, tx: &Tx, k: usize, open_from: usize) -> Result<()> {
        let job_sample = (self.scale.jobs / 2_000).max(1);
        let Gen {
            r,
            start,
            now,
            tech,
            scale,
            settings,
            counter,
            samples,
            customers,
            items,
            shop_party,
            lines_written,
            invoices,
            ..
        } = self;
        let (start, counter) = (*start, *counter);
        let open_states = OPEN_STATES;
        let item = r.below(items.len());
        let info = &items[item];
        let at_time = start + Duration::seconds((k as i64 * 315_360_000) / scale.jobs as i64);
        let at = time_text(at_time);
        let seq = store::numbers::next(tx, "job")?;
        let number = crate::model::numbering::format(&settings.job_number_format, at_time, seq);
        let open = k >= open_from;
        let state = if open {
            open_states[k % open_states.len()]
        } else if r.chance(80) {
            JobState::Delivered
        } else {
            JobState::Cancelled
        };
        let promised = time_text(at_time + Duration::hours(4 + r.below(72) as i64));
        let id = store::jobs::insert(
            tx,
            &store::jobs::NewJob {
                number: &number,
                customer_id: info.owner as i64 + 1,
                item_id: item as i64 + 1,
                odometer_in: info
                    .plate
                    .as_ref()
                    .map(|_| 10_000 + r.below(150_000) as i64),
                complaint: "Noise from the front when braking",
                requested_work: Some("Check and quote"),
                promised_at: Some(&promised),
                now: &at,
                staff_id: counter,
            },
        )?;
        store::events::append(
            tx,
            id,
            &at,
            counter,
            &JobEventKind::Received {
                customer_id: info.owner as i64 + 1,
                item_id: item as i64 + 1,
                complaint: "Noise from the front when braking".into(),
                promised_at: Some(promised.clone()),
            },
        )?;
        let (customer_id, item_id) = (info.owner as i64 + 1, item as i64 + 1);
        super::book::arrived(tx, r, *now, counter, id, customer_id, item_id, at_time)?;
        if state != JobState::Received {
            let vehicle = info.serial.is_none();
            let customer = &customers[info.owner].0;
            super::workshop::inspect(tx, r, id, vehicle, customer, counter, &at)?;
        }
        let lines = estimate_lines(tx, r, id, settings, &at, counter)?;
        let n = lines.len();
        *lines_written += n;
        let approved = state != JobState::Cancelled
            && !matches!(
                state,
                JobState::Received
                    | JobState::Inspected
                    | JobState::Estimated
                    | JobState::AwaitingApproval
            );
        let declined = approved && r.chance(5);
        let job = Written {
            id,
            item_id: item as i64 + 1,
            number: &number,
            at: &at,
            at_time,
            counter,
        };
        if approved {
            approve(
                tx,
                &job,
                &lines,
                declined,
                item as i64 + 1,
                &customers[info.owner].0,
                settings,
            )?;
        }
        if matches!(state, JobState::Delivered | JobState::Invoiced) {
            let billed: Vec<&Line> = lines
                .iter()
                .take(if declined { n - 1 } else { n })
                .collect();
            let customer = &customers[info.owner];
            let job = Written {
                id,
                item_id: item as i64 + 1,
                number: &number,
                at: &at,
                at_time,
                counter,
            };
            super::bill::bill(
                tx, &job, &billed, state, settings, shop_party, customer, info,
            )?;
            *invoices += 1;
            if state == JobState::Delivered {
                let h = super::care::Handover {
                    job_id: id,
                    customer_id: info.owner as i64 + 1,
                    at: at_time,
                    counter,
                    tech: *tech,
                };
                super::care::aftercare(tx, r, &h, *now)?;
            }
        }
        if state != JobState::Received {
            store::jobs::set_state(tx, id, state)?;
            store::events::append(
                tx,
                id,
                &at,
                counter,
                &JobEventKind::State {
                    from: JobState::Received,
                    to: state,
                    why: StateChange::default(),
                },
            )?;
        }
        if k.is_multiple_of(job_sample) {
            samples.job_numbers.push(number);
            samples.job_ids.push(id);
        }
        Ok(())
    }
}

/// The job's estimate: two labour lines and one to five part lines, written.
fn estimate_lines(
    tx: &Tx,
    r: &mut Seeded,
    id: i64,
    settings: &ShopSettings,
    at: &str,
    counter: i64,
) -> Result<Vec<Line>> {
    let n = 3 + r.below(5);
    let mut lines = Vec::with_capacity(n);
    for p in 0..n {
        let labour = p < 2;
        let mut l = if labour {
            Line::draft(
                id,
                p as i64 + 1,
                0,
                LineKind::Labour,
                ["Replace brake pads", "Diagnose fault", "Service engine"][p % 3].into(),
                Qty(500 + 100 * r.below(20) as i64),
                12_000,
                settings.labour_tax_bp,
            )
        } else {
            let mut l = Line::draft(
                id,
                p as i64 + 1,
                0,
                LineKind::Part,
                ["Brake pad set", "Oil filter", "Engine oil 4L", "Spark plug"][p % 4].into(),
                Qty::from_units(1 + r.below(4) as i64),
                1_000 + 100 * r.below(500) as i64,
                settings.parts_tax_bp,
            );
            l.part_kind = Some(PartKind::NewOem);
            l.part_number = Some(format!("P{}", r.digits(6)));
            l
        };
        l.id = store::lines::insert(tx, &l, at, counter)?;
        lines.push(l);
    }
    Ok(lines)
}

/// The customer's approval by phone: every line approved, one in twenty jobs
/// with its last line declined and kept as a recommendation.
fn approve(
    tx: &Tx,
    job: &Written,
    lines: &[Line],
    declined: bool,
    item_id: i64,
    customer_name: &str,
    settings: &ShopSettings,
) -> Result<()> {
    let priced: Vec<_> = lines.iter().map(Line::priced).collect();
    let total = totals::compute(&priced, JobDiscount::default(), settings.prices_include_tax).total;
    let aid = store::approvals::insert(
        tx,
        &store::approvals::NewApproval {
            job_id: job.id,
            supplement: 0,
            method: "phone",
            approver_name: customer_name,
            designated_person_id: None,
            contact: Some("13800000000"),
            signature: None,
            staff_id: job.counter,
            at: job.at,
            conditions: None,
            old_parts: Some("return_to_customer"),
            previous_total: 0,
            amount_approved: total,
            revised_total: total,
        },
    )?;
    for (i, l) in lines.iter().enumerate() {
        if declined && i == lines.len() - 1 {
            store::lines::decline(tx, l.id, "Next time", "Wear will continue")?;
            store::approvals::insert_line(
                tx,
                aid,
                l.id,
                "declined",
                l.quantity.milli(),
                l.unit_price,
            )?;
            store::approvals::insert_recommendation(
                tx,
                item_id,
                job.id,
                l.id,
                &l.description,
                "Next time",
                "Wear will continue",
                job.at,
            )?;
        } else {
            store::lines::approve(tx, l.id)?;
            store::approvals::insert_line(
                tx,
                aid,
                l.id,
                "approved",
                l.quantity.milli(),
                l.unit_price,
            )?;
        }
    }
    store::figures::record_approval(tx, aid)?;
    store::events::append(
        tx,
        job.id,
        job.at,
        job.counter,
        &JobEventKind::Approval {
            approval_id: aid,
            method: "phone".into(),
            approver: Some(customer_name.to_string()),
            previous_total: Some(0),
            revised_total: Some(total),
            supplement: Some(0),
        },
    )?;
    Ok(())
}
