//! The printed satisfaction survey (客户满意度调查表) for one job: the six
//! after-sales stages, overall and the 0–10 recommendation with a box per
//! score on the shop's scale, lines for the customer's words, and the job
//! number so the answers are typed in against the right job.
//! Tests: tests/core/care/satisfaction.rs (text extracted from the PDF).

use super::canvas::Align;
use super::job_docs::{detail, shop};
use super::layout::{Page, BODY, LABEL};
use super::request::Request;
use super::words::{code_label, t};
use crate::base::error::Result;
use crate::model::survey::STAGES;

pub fn survey_form(r: &Request) -> Result<Vec<u8>> {
    let (ctx, lang, s) = (r.ctx, r.lang, r.settings);
    let d = detail(ctx, r.number)?;
    let party = shop(s);
    let title = t(lang, "survey_form");
    let mut p = Page::new(
        &format!("{title} {}", d.job.number),
        r.sheet,
        lang,
        &party,
        r.logo,
    );
    let mut head = vec![(p.t("job").to_string(), d.job.number.clone())];
    if let Some(at) = &d.job.delivered_at {
        head.push((p.t("date").to_string(), super::words::date(lang, &at[..10])));
    }
    p.header(title, &d.job.number, &head);
    p.grid(
        &[
            (p.t("customer").to_string(), d.customer.name.clone()),
            (p.t("item").to_string(), d.item.label.clone()),
        ],
        2,
    );
    p.para(p.t("survey_intro"), BODY);
    p.y += 2.0;
    let scale = s.care.survey_scale;
    let boxes_x = p.left + (p.right - p.left) * 0.45;
    let row = |p: &mut Page, label: &str, from: u8, to: u8| {
        p.room(9.0);
        p.c.text(p.left, p.y + 4.0, label, BODY, Align::Left);
        for (i, v) in (from..=to).enumerate() {
            let x = boxes_x + i as f32 * 8.5;
            p.c.tick_box(x, p.y + 4.6, 4.0);
            p.c.text(x + 5.0, p.y + 4.0, &v.to_string(), LABEL, Align::Left);
        }
        p.y += 8.0;
    };
    for st in STAGES {
        row(
            &mut p,
            &code_label(lang, &format!("stage_{}", st.code())),
            1,
            scale,
        );
    }
    row(&mut p, t(lang, "survey_overall"), 1, scale);
    row(&mut p, t(lang, "survey_recommend"), 0, 10);
    p.para(
        &format!(
            "1 = {}   {scale} = {}",
            t(lang, "survey_low"),
            t(lang, "survey_high")
        ),
        LABEL,
    );
    p.section(p.t("survey_comment"));
    for _ in 0..4 {
        p.room(8.0);
        p.y += 7.0;
        p.c.rule(p.left, p.right, p.y, 0.3, 0.6);
    }
    p.y += 4.0;
    p.para(p.t("thank_you"), BODY);
    Ok(p.finish())
}
