//! The generated shop's aftercare, through the store's own functions: a
//! follow-up call for every handover (most reached, some unreachable, some
//! missed; the last fortnight's still open), a survey on three reached calls in
//! ten, and a complaint on one handover in seventy (closed through every step
//! when old, just received when recent).

use crate::base::error::Result;
use crate::base::time::time_text;
use crate::bench::names::Seeded;
use crate::model::callback::{Attempt, CallbackState, Outcome, Purpose};
use crate::model::complaint::{
    Category, ComplaintFacts, Resolution, RootCause, Source, Step, StepRecord, STEPS,
};
use crate::model::survey::{Answers, Stage, StageScore, Survey, SurveyVia, STAGES};
use crate::store::{self, Tx};
use chrono::{DateTime, Duration, Utc};

pub(super) struct Handover {
    pub job_id: i64,
    pub customer_id: i64,
    pub at: DateTime<Utc>,
    pub counter: i64,
    pub tech: i64,
}

fn day_at(t: DateTime<Utc>, days: i64, h: u32, m: u32) -> DateTime<Utc> {
    (t.date_naive() + Duration::days(days))
        .and_hms_opt(h, m, 0)
        .unwrap_or_default()
        .and_utc()
}

/// The call, its outcome, the survey and (rarely) a complaint for one handover.
pub(super) fn aftercare(tx: &Tx, r: &mut Seeded, h: &Handover, now: DateTime<Utc>) -> Result<()> {
    let due = day_at(h.at, 3, 9, 0);
    let expires = day_at(h.at, 15, 23, 59);
    let id = store::callbacks::insert(
        tx,
        &store::callbacks::NewCallback {
            job_id: h.job_id,
            customer_id: h.customer_id,
            purpose: Purpose::FollowUp,
            complaint_id: None,
            due_at: &time_text(due),
            due_until: &time_text(due + Duration::hours(2)),
            expires_at: &time_text(expires),
            now: &time_text(h.at),
        },
    )?;
    if expires >= now {
        return Ok(());
    }
    let roll = r.below(100);
    let attempt = |tx: &Tx, outcome: Outcome, minutes: i64| {
        store::callbacks::add_attempt(
            tx,
            id,
            &Attempt {
                at: time_text(due + Duration::minutes(minutes)),
                staff_id: h.counter,
                outcome,
                call_back_at: None,
                comment: None,
            },
        )
    };
    if roll < 70 {
        attempt(tx, Outcome::Reached, 15)?;
        store::callbacks::close(
            tx,
            id,
            CallbackState::Reached,
            &time_text(due + Duration::minutes(15)),
        )?;
        if r.chance(30) {
            survey(tx, r, h, due + Duration::minutes(15))?;
        }
    } else if roll < 80 {
        for k in 0..3 {
            attempt(tx, Outcome::NoAnswer, 10 + k * 1440)?;
        }
        store::callbacks::close(
            tx,
            id,
            CallbackState::Unreachable,
            &time_text(due + Duration::days(2)),
        )?;
    } else {
        store::callbacks::close(tx, id, CallbackState::Missed, &time_text(expires))?;
    }
    if r.below(70) == 0 {
        complaint(tx, r, h, now)?;
    }
    Ok(())
}

fn survey(tx: &Tx, r: &mut Seeded, h: &Handover, at: DateTime<Utc>) -> Result<()> {
    let mut score = || 2 + r.below(4) as u8;
    let stages = STAGES
        .iter()
        .map(|s: &Stage| StageScore {
            stage: *s,
            score: Some(score()),
        })
        .collect();
    let answers = Answers {
        stages,
        overall: score(),
        recommend: Some(4 + r.below(7) as u8),
        comment: r.chance(20).then(|| "Quick and friendly".to_string()),
        unhappy: false,
    };
    let s = Survey {
        id: 0,
        job_id: h.job_id,
        job_number: String::new(),
        via: SurveyVia::Callback,
        staff_id: h.counter,
        at: time_text(at),
        scale: 5,
        answers,
    };
    store::surveys::insert(tx, &s, h.counter, &[h.tech])?;
    Ok(())
}

fn complaint(tx: &Tx, r: &mut Seeded, h: &Handover, now: DateTime<Utc>) -> Result<()> {
    let seq = store::numbers::next(tx, "complaint")?;
    let at = h.at + Duration::days(4);
    let number = crate::model::numbering::format("CP{YYYY}-{SEQ:6}", at, seq);
    let facts = ComplaintFacts {
        what_happened: "The noise came back two days later".into(),
        when_happened: None,
        condition: None,
        staff_involved: vec![h.tech],
        staff_manner: None,
        real_reason: None,
        wanted: Some("Fix it for free".into()),
        reasonable: Some(true),
    };
    let recent = now - at < Duration::days(60);
    let level = 1 + r.below(4) as u8;
    let id = store::complaints::insert(
        tx,
        &store::complaints::NewComplaint {
            number: &number,
            customer_id: h.customer_id,
            job_id: Some(h.job_id),
            source: Source::Callback,
            level,
            category: *r.pick(&[
                Category::RepairQuality,
                Category::WaitingTime,
                Category::Price,
            ]),
            returning: true,
            facts: &facts,
            received_at: &time_text(at),
            next_due: &time_text(
                at + Duration::hours(crate::model::complaint::response_hours(level)),
            ),
            staff_id: h.counter,
        },
    )?;
    let steps: &[Step] = if recent { &STEPS[..1] } else { &STEPS };
    for (k, step) in steps.iter().enumerate() {
        let mut rec = StepRecord {
            step: *step,
            staff_id: h.counter,
            at: time_text(at + Duration::hours(k as i64 * 6)),
            note: None,
            resolution: None,
            reference: None,
            root_cause: None,
            confirmed: None,
            facts: None,
        };
        match step {
            Step::Received | Step::Clarified => rec.facts = Some(facts.clone()),
            Step::ResolutionAgreed => rec.resolution = Some(Resolution::Apology {}),
            Step::Thanked | Step::LoopConfirmed => rec.confirmed = Some(true),
            Step::RootCause => {
                rec.root_cause = Some(RootCause {
                    cause: Category::RepairQuality,
                    direct_responsibility: "Technician".into(),
                    secondary_responsibility: None,
                    corrective_action: "Road test after brake work".into(),
                    owner_id: h.counter,
                    due: (at + Duration::days(14)).format("%Y-%m-%d").to_string(),
                })
            }
            _ => {}
        }
        store::complaints::add_step(tx, id, &rec)?;
    }
    let last = *steps.last().unwrap_or(&Step::Received);
    let next_due = (last != Step::Closed)
        .then(|| time_text(at + Duration::hours(crate::model::complaint::response_hours(level))));
    store::complaints::set_step(tx, id, last, next_due.as_deref())?;
    Ok(())
}
