//! Customer satisfaction (CSI) per job, pure: the handbook's six after-sales
//! stages, overall satisfaction and the 0–10 likelihood to recommend (NPS), on
//! the shop's scale. Rules with the store: care/satisfaction.rs; tests
//! tests/core/care/satisfaction.rs.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The after-sales stages dealers track (服务招揽, 礼貌接车, 指明标的, 维修等待,
/// 结算交车, 维修质量), in the order the customer meets them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "SurveyStage")]
pub enum Stage {
    Invitation,
    Reception,
    Explanation,
    Waiting,
    Settlement,
    Quality,
}

pub const STAGES: [Stage; 6] = [
    Stage::Invitation,
    Stage::Reception,
    Stage::Explanation,
    Stage::Waiting,
    Stage::Settlement,
    Stage::Quality,
];

impl Stage {
    pub fn code(self) -> &'static str {
        match self {
            Stage::Invitation => "invitation",
            Stage::Reception => "reception",
            Stage::Explanation => "explanation",
            Stage::Waiting => "waiting",
            Stage::Settlement => "settlement",
            Stage::Quality => "quality",
        }
    }
}

/// Where the answers were taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum SurveyVia {
    Callback,
    Counter,
    Paper,
}

/// One stage's score; `None` when the stage was not asked (a walk-in has no
/// invitation to rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct StageScore {
    pub stage: Stage,
    pub score: Option<u8>,
}

/// The answers, as typed or tapped.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Answers {
    pub stages: Vec<StageScore>,
    pub overall: u8,
    /// 0–10: how likely to recommend the shop.
    pub recommend: Option<u8>,
    /// The customer's words, kept as said.
    pub comment: Option<String>,
    /// The customer says they are unhappy, whatever the scores.
    #[serde(default)]
    pub unhappy: bool,
}

/// A survey as stored.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Survey {
    pub id: i64,
    pub job_id: i64,
    pub job_number: String,
    pub via: SurveyVia,
    pub staff_id: i64,
    pub at: String,
    /// The scale's top when it was taken (the shop may change it later).
    pub scale: u8,
    pub answers: Answers,
}

impl Answers {
    /// Every score within 1..=scale, each stage at most once, recommend 0–10,
    /// a comment of at most 2,000 characters.
    pub fn check(&self, scale: u8) -> Result<()> {
        let out = |field: &str| {
            Error::invalid(
                field,
                format!("A score from 1 to {scale}"),
                format!("评分应为 1 到 {scale}"),
            )
        };
        let ok = |v: u8| (1..=scale).contains(&v);
        if !ok(self.overall) {
            return Err(out("overall"));
        }
        let mut seen = Vec::new();
        for (i, s) in self.stages.iter().enumerate() {
            if seen.contains(&s.stage) {
                return Err(Error::invalid(
                    &format!("stages[{i}]"),
                    "Each stage is scored once",
                    "每个环节只评一次分",
                ));
            }
            seen.push(s.stage);
            if s.score.is_some_and(|v| !ok(v)) {
                return Err(out(&format!("stages[{i}]")));
            }
        }
        if self.recommend.is_some_and(|r| r > 10) {
            return Err(Error::invalid(
                "recommend",
                "Likelihood to recommend is 0 to 10",
                "推荐意愿为 0 到 10 分",
            ));
        }
        if let Some(c) = &self.comment {
            crate::base::text::limit("comment", c, 2000)?;
        }
        Ok(())
    }

    /// Unhappy: any score at or below the shop's threshold, or the customer said so.
    pub fn is_unhappy(&self, at_or_below: u8) -> bool {
        unhappy(
            self.unhappy,
            self.overall,
            self.stages.iter().map(|s| s.score),
            at_or_below,
        )
    }

    /// The stages at or below the threshold, for the complaint's text.
    pub fn low_stages(&self, at_or_below: u8) -> Vec<Stage> {
        self.stages
            .iter()
            .filter(|s| s.score.is_some_and(|v| v <= at_or_below))
            .map(|s| s.stage)
            .collect()
    }
}

/// The one rule for an unhappy answer (a survey as given, or as the report
/// reads it from its columns): the customer said so, or the overall score or
/// any stage's is at or below the shop's threshold.
pub fn unhappy(
    said: bool,
    overall: u8,
    stages: impl IntoIterator<Item = Option<u8>>,
    at_or_below: u8,
) -> bool {
    said || overall <= at_or_below || stages.into_iter().flatten().any(|v| v <= at_or_below)
}
