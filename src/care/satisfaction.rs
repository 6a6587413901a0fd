//! Satisfaction surveys (满意度 / CSI): one per job, taken on the follow-up call,
//! at the counter (the screen turned to the customer) or typed in from the
//! printed form; an unhappy answer opens a complaint. The report gives exact
//! figures per month, service advisor, technician and stage, the weakest stage,
//! NPS and the verbatim comments. Averages are in hundredths on the shop's
//! current scale (a survey taken on another scale is converted in proportion).
//! Tests: tests/core/care/satisfaction.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::complaint::{Category, Source};
use crate::model::job::{Job, JobState};
use crate::model::survey::{Answers, Stage, Survey, SurveyVia, STAGES};
use crate::store;
use chrono::Datelike;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Stores the answers for a job; answers the survey and the complaint an
/// unhappy answer opened.
pub fn take(
    ctx: &Ctx,
    job: &Job,
    staff_id: i64,
    via: SurveyVia,
    answers: Answers,
) -> Result<(Survey, Option<String>)> {
    if !matches!(job.state, JobState::Invoiced | JobState::Delivered) {
        return Err(Error::state(
            "A survey is taken when the job is invoiced or handed over",
            "满意度调查须在结算或交车之后进行",
        )
        .at("job"));
    }
    if store::surveys::for_job(ctx.tx, job.id)?.is_some() {
        return Err(Error::new(
            ErrorCode::InvalidState,
            format!("Job {} already has its survey", job.number),
            format!("工单 {} 已有满意度调查", job.number),
        )
        .at("job"));
    }
    let s = crate::shop::settings::load(ctx)?;
    answers.check(s.care.survey_scale)?;
    let mut answers = answers;
    answers.comment = answers.comment.filter(|c| !c.trim().is_empty());
    let mut survey = Survey {
        id: 0,
        job_id: job.id,
        job_number: job.number.clone(),
        via,
        staff_id,
        at: ctx.now_text(),
        scale: s.care.survey_scale,
        answers,
    };
    let mut techs: Vec<i64> = store::lines::for_job(ctx.tx, job.id)?
        .iter()
        .filter_map(|l| l.technician_id)
        .collect();
    techs.sort_unstable();
    techs.dedup();
    survey.id = store::surveys::insert(ctx.tx, &survey, job.created_by, &techs)?;
    let mut complaint = None;
    if survey.answers.is_unhappy(s.care.unhappy_at_or_below) {
        complaint = Some(crate::care::complaints::open_from_survey(
            ctx,
            job,
            staff_id,
            match via {
                SurveyVia::Callback => Source::Callback,
                SurveyVia::Counter => Source::Counter,
                SurveyVia::Paper => Source::Letter,
            },
            &survey.answers,
            category_of(&survey.answers.low_stages(s.care.unhappy_at_or_below)),
        )?);
    }
    Ok((survey, complaint))
}

fn category_of(low: &[Stage]) -> Category {
    match low.first() {
        Some(Stage::Quality) => Category::RepairQuality,
        Some(Stage::Reception) => Category::ReceptionManner,
        Some(Stage::Explanation) | Some(Stage::Settlement) => Category::Price,
        Some(Stage::Waiting) => Category::WaitingTime,
        _ => Category::Other,
    }
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct RecordSurvey {
    pub staff_id: i64,
    pub job: String,
    pub via: SurveyVia,
    pub answers: Answers,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SurveyTaken {
    pub survey: Survey,
    pub complaint: Option<String>,
}

pub fn record(ctx: &Ctx, input: RecordSurvey) -> Result<SurveyTaken> {
    crate::shop::access::require(ctx, input.staff_id, Permission::Care)?;
    let job = crate::job::by_number(ctx, &input.job)?;
    let (survey, complaint) = take(ctx, &job, input.staff_id, input.via, input.answers)?;
    Ok(SurveyTaken { survey, complaint })
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SurveyOf {
    pub job: String,
}

pub fn get(ctx: &Ctx, input: SurveyOf) -> Result<Option<Survey>> {
    let job = crate::job::by_number(ctx, &input.job)?;
    store::surveys::for_job(ctx.tx, job.id)
}

/// A sum of scores and their count: the average is `sum / count`, given in
/// hundredths rounded half up for display.
#[derive(Debug, Clone, Default, Serialize, JsonSchema, TS)]
#[ts(rename = "ScoreMean")]
pub struct Mean {
    pub sum_hundredths: i64,
    pub count: i64,
    pub average_hundredths: Option<i64>,
}

impl Mean {
    fn add(&mut self, hundredths: i64) {
        self.sum_hundredths += hundredths;
        self.count += 1;
        self.average_hundredths = Some((2 * self.sum_hundredths + self.count) / (2 * self.count));
    }
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema, TS)]
#[ts(rename = "SurveyFigures")]
pub struct Figures {
    pub surveys: i64,
    pub overall: Mean,
    pub stages: Vec<StageMean>,
    pub promoters: i64,
    pub detractors: i64,
    pub recommend_answers: i64,
    /// (promoters − detractors) ÷ answers × 100, rounded; none without answers.
    pub nps: Option<i64>,
    pub unhappy: i64,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
pub struct StageMean {
    pub stage: Stage,
    pub mean: Mean,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(rename = "ReportGroup")]
pub struct Group {
    /// "2026-11" for a month, the staff member's name for a person.
    pub key: String,
    pub staff_id: Option<i64>,
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Verbatim {
    pub job_number: String,
    pub at: String,
    pub overall: u8,
    pub comment: String,
}

#[derive(Debug, Serialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SatisfactionReport {
    pub from: String,
    pub to: String,
    pub scale: u8,
    pub total: Figures,
    pub months: Vec<Group>,
    pub advisors: Vec<Group>,
    pub technicians: Vec<Group>,
    /// The stage with the lowest average (ties: the earlier stage).
    pub weakest: Option<Stage>,
    /// The newest comments first, at most 100.
    pub comments: Vec<Verbatim>,
    /// Follow-up calls for jobs handed over in the period.
    pub calls: CallFigures,
}

/// What became of the follow-up calls: a missed one was never reached within
/// the shop's limit.
#[derive(Debug, Clone, Serialize, JsonSchema, TS)]
pub struct CallFigures {
    pub reached: i64,
    pub unreachable: i64,
    pub missed: i64,
    pub open: i64,
    pub cancelled: i64,
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct ReportPeriod {
    /// First day, YYYY-MM-DD (shop's local date).
    pub from: String,
    /// Last day, inclusive.
    pub to: String,
}

fn add(f: &mut Figures, a: &store::surveys::Scores, scale: u8, unhappy_at: u8) {
    let on_scale = |v: u8| i64::from(v) * 100 * i64::from(scale) / i64::from(a.scale.max(1));
    f.surveys += 1;
    f.overall.add(on_scale(a.overall));
    if f.stages.is_empty() {
        f.stages = STAGES
            .iter()
            .map(|s| StageMean {
                stage: *s,
                mean: Mean::default(),
            })
            .collect();
    }
    for (m, v) in f.stages.iter_mut().zip(a.stages) {
        if let Some(v) = v {
            m.mean.add(on_scale(v));
        }
    }
    if let Some(r) = a.recommend {
        f.recommend_answers += 1;
        f.promoters += i64::from(r >= 9);
        f.detractors += i64::from(r <= 6);
        let n = f.recommend_answers;
        let diff = (f.promoters - f.detractors) * 100;
        f.nps = Some(if diff >= 0 {
            (2 * diff + n) / (2 * n)
        } else {
            -((-2 * diff + n) / (2 * n))
        });
    }
    // Unhappy on the scale it was taken on.
    if crate::model::survey::unhappy(a.said_unhappy, a.overall, a.stages, unhappy_at) {
        f.unhappy += 1;
    }
}

pub fn report(ctx: &Ctx, input: ReportPeriod) -> Result<SatisfactionReport> {
    let (from_t, to_t) = crate::shop::period::bounds(ctx, &input.from, &input.to, 3 * 366)?;
    let s = crate::shop::settings::load(ctx)?;
    let off = chrono::Duration::minutes(s.utc_offset_minutes.into());
    let rows = store::surveys::scores_in_period(ctx.tx, &from_t, &to_t)?;
    let (scale, low) = (s.care.survey_scale, s.care.unhappy_at_or_below);
    let [reached, unreachable, missed, open, cancelled] =
        store::callbacks::follow_up_counts(ctx.tx, &from_t, &to_t, &ctx.now_text())?;
    let mut total = Figures::default();
    let mut months: BTreeMap<String, Figures> = BTreeMap::new();
    let mut advisors: BTreeMap<i64, Figures> = BTreeMap::new();
    let mut techs: BTreeMap<i64, Figures> = BTreeMap::new();
    for r in &rows {
        add(&mut total, r, scale, low);
        let local = chrono::DateTime::parse_from_rfc3339(&r.at)
            .map(|t| t.with_timezone(&chrono::Utc) + off)
            .map_err(Error::internal)?;
        let month = format!("{:04}-{:02}", local.year(), local.month());
        add(months.entry(month).or_default(), r, scale, low);
        add(advisors.entry(r.advisor_id).or_default(), r, scale, low);
        for t in &r.technicians {
            add(techs.entry(*t).or_default(), r, scale, low);
        }
    }
    let comments = store::surveys::comments_in_period(ctx.tx, &from_t, &to_t, 100)?
        .into_iter()
        .map(|(job_number, at, overall, comment)| Verbatim {
            job_number,
            at,
            overall,
            comment,
        })
        .collect();
    let weakest = total
        .stages
        .iter()
        .filter_map(|m| m.mean.average_hundredths.map(|a| (a, m.stage)))
        .min_by_key(|(a, st)| (*a, *st))
        .map(|(_, st)| st);
    let name = |id: i64| -> Result<String> {
        Ok(store::staff::get(ctx.tx, id)?
            .map(|p| p.name)
            .unwrap_or_default())
    };
    let people = |m: BTreeMap<i64, Figures>| -> Result<Vec<Group>> {
        m.into_iter()
            .map(|(id, figures)| {
                Ok(Group {
                    key: name(id)?,
                    staff_id: Some(id),
                    figures,
                })
            })
            .collect()
    };
    Ok(SatisfactionReport {
        from: input.from.trim().into(),
        to: input.to.trim().into(),
        scale,
        total,
        months: months
            .into_iter()
            .map(|(key, figures)| Group {
                key,
                staff_id: None,
                figures,
            })
            .collect(),
        advisors: people(advisors)?,
        technicians: people(techs)?,
        weakest,
        comments,
        calls: CallFigures {
            reached,
            unreachable,
            missed,
            open,
            cancelled,
        },
    })
}
