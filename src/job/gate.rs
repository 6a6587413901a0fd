//! The approval gate, whole: nothing is worked on, consumed or billed that the
//! customer has not approved. Every module that works, consumes or bills asks
//! here, and nowhere else decides it:
//!
//! - a line is worked on only when approved ([`require_approved`], [`approved_line`]);
//! - an approved line's kind, part kind, description and part (number and brand)
//!   never change, its quantity never drops below what was used, and
//!   its quantity or price never rise, without a new approval ([`check_edit`],
//!   [`check_raise`]);
//! - the job's billable total never exceeds the approved total beyond the shop's
//!   tolerance ([`gate`]);
//! - parts consumed on a line stay within its approved quantity and kind
//!   ([`check_consumption`]);
//! - nothing changes on a job once it is invoiced ([`refuse_if_invoiced`]).
//!
//! Pure checks are unit-tested below; the gate end to end is tested in
//! tests/core/job/gate.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::money::{format_minor, Money, Qty};
use crate::base::totals::LineKind;
use crate::ctx::Ctx;
use crate::job;
use crate::model::approval::ApprovalRecord;
use crate::model::job::{Job, JobState};
use crate::model::line::{Line, LineStatus, PartKind};
use crate::model::settings::{ShopSettings, Tolerance};
use crate::store;

/// The billable total now: every approved line at its current quantity and price.
pub fn billable_total(job: &Job, lines: &[Line], s: &ShopSettings) -> Money {
    crate::model::line::totals_of(job, lines, s, |l| l.status == LineStatus::Approved).total
}

/// The approved ceiling: the revised total of the latest approval (0 before any).
pub fn approved_total(ctx: &Ctx, job_id: i64) -> Result<Money> {
    Ok(store::approvals::latest_revised_total(ctx.tx, job_id)?.unwrap_or(0))
}

/// The same ceiling from the job's approvals as a screen has read them,
/// oldest first (views/job.rs), so the page asks the store once for both.
pub fn approved_total_of(approvals: &[ApprovalRecord]) -> Money {
    approvals
        .iter()
        .max_by_key(|a| a.id)
        .map_or(0, |a| a.revised_total)
}

fn money(s: &ShopSettings, m: Money) -> String {
    format!(
        "{} {}",
        s.currency.code,
        format_minor(m, s.currency.minor_units)
    )
}

/// Refuses when the job's billable total exceeds the approved total plus tolerance.
pub fn gate(ctx: &Ctx, job: &Job, s: &ShopSettings) -> Result<()> {
    let job = job::by_id(ctx, job.id)?;
    let lines = store::lines::for_job(ctx.tx, job.id)?;
    let billable = billable_total(&job, &lines, s);
    let ceiling = approved_total(ctx, job.id)?;
    let allowed = ceiling + s.approval_tolerance.allowance(ceiling);
    if billable > allowed {
        return Err(Error::approval(
            format!(
                "This would bring job {} to {}, above the {} the customer approved; get a supplementary approval first",
                job.number, money(s, billable), money(s, ceiling)
            ),
            format!(
                "此操作将使工单 {} 金额达到 {}，超过客户已确认的 {}，请先取得追加确认",
                job.number, money(s, billable), money(s, ceiling)
            ),
        ));
    }
    Ok(())
}

/// What may change on an approved line without a new approval.
pub fn check_edit(old: &Line, new: &Line) -> Result<()> {
    let refuse = |what_en: &str, what_zh: &str| {
        Err(Error::approval(
            format!("The customer approved this line as it was; changing its {what_en} needs a supplementary approval"),
            format!("客户已按原样确认该项目，修改{what_zh}需要追加确认"),
        ))
    };
    if new.kind != old.kind {
        return refuse("kind", "类型");
    }
    if new.part_kind != old.approved_part_kind {
        return refuse("part kind", "配件类型");
    }
    if new.covered_by_card != old.covered_by_card {
        return refuse("guarantee cover", "保修属性");
    }
    if new.description != old.description {
        return refuse("description (the repair method)", "描述（维修方法）");
    }
    // A different part number or brand is a different part: the customer approves it.
    if new.part_number != old.part_number {
        return refuse("part number (a different part)", "配件编号（即更换配件）");
    }
    if new.brand != old.brand {
        return refuse("brand (a different part)", "品牌（即更换配件）");
    }
    if new.quantity.milli() < old.consumed.milli() {
        return Err(Error::invalid(
            "quantity",
            format!(
                "{} already used on this line; the quantity cannot go below it (return the parts to stock first)",
                old.consumed
            ),
            format!("该项目已领用 {}，数量不能低于此数（请先退回库存）", old.consumed),
        ));
    }
    Ok(())
}

/// A raise of quantity or price on an approved line: refused outright when the
/// shop allows no tolerance, otherwise left to [`gate`].
pub fn check_raise(old: &Line, new: &Line, s: &ShopSettings) -> Result<()> {
    let raised = Some(new.quantity) > old.approved_quantity
        || Some(new.unit_price) > old.approved_unit_price;
    if raised && s.approval_tolerance == Tolerance::None {
        return Err(Error::approval(
            "Raising an approved line's quantity or price needs the customer's approval; add a supplementary line",
            "提高已确认项目的数量或单价需要客户确认，请添加追加项目",
        ));
    }
    Ok(())
}

/// Refuses unless `line` is approved: the gate for work, parts and billing.
pub fn require_approved(line: &Line, doing_en: &str, doing_zh: &str) -> Result<()> {
    if line.status == LineStatus::Approved {
        return Ok(());
    }
    Err(Error::approval(
        format!("Cannot {doing_en}: line \"{}\" is {}, not approved by the customer; present it as a supplementary estimate", line.description, line.status.code()),
        format!("无法{doing_zh}：项目“{}”尚未获得客户确认，请作为追加报价提交客户确认", line.description),
    )
    .at("line_id"))
}

/// States in which lines are worked on.
pub const WORKING: &[JobState] = &[JobState::Approved, JobState::InWork, JobState::WaitingParts];

/// The gate every change to a line's work passes: the customer approved the line
/// and its job is in one of `states`.
pub fn approved_line(
    ctx: &Ctx,
    line_id: i64,
    states: &[JobState],
    doing_en: &str,
    doing_zh: &str,
) -> Result<(Line, Job)> {
    let line = crate::job::load_line(ctx, line_id)?;
    require_approved(&line, doing_en, doing_zh)?;
    let job = job::by_id(ctx, line.job_id)?;
    job::require_state(&job, states, doing_en, doing_zh)?;
    Ok((line, job))
}

/// Refuses any change to a job once its invoice is issued.
pub fn refuse_if_invoiced(ctx: &Ctx, job: &Job) -> Result<()> {
    if let Some((_, doc)) = store::invoices::by_job(ctx.tx, job.id)? {
        return Err(Error::new(
            ErrorCode::Immutable,
            format!("Job {} is invoiced ({}); an issued invoice never changes. Issue a credit note to correct it", job.number, doc.number),
            format!("工单 {} 已开票（{}），已开具的结算单不可修改，请开具更正单", job.number, doc.number),
        ));
    }
    Ok(())
}

/// A part consumed on a line: only a part line, within the approved quantity
/// (less what was already used), of the approved part kind, and the customer's
/// own part only on a customer-supplied line.
pub fn check_consumption(
    line: &Line,
    quantity: Qty,
    from_customer: bool,
    catalogue: Option<(&str, PartKind)>,
) -> Result<()> {
    let part_kind = catalogue.map(|(_, k)| k);
    if line.kind != LineKind::Part {
        return Err(Error::invalid(
            "line_id",
            "Parts are logged on part lines",
            "配件须记录在配件项目上",
        ));
    }
    let allowed = line
        .quantity
        .min(line.approved_quantity.unwrap_or(line.quantity));
    if line.consumed.milli() + quantity.milli() > allowed.milli() {
        return Err(Error::approval(
            format!(
                "The customer approved {} of \"{}\"; {} used already. More needs a supplementary approval",
                allowed, line.description, line.consumed
            ),
            format!("客户确认“{}”数量为 {}，已领用 {}。超出部分需追加确认", line.description, allowed, line.consumed),
        )
        .at("quantity"));
    }
    let approved_kind = line.approved_part_kind.or(line.part_kind);
    let customer_part = approved_kind == Some(PartKind::CustomerSupplied);
    if customer_part != from_customer {
        return Err(Error::invalid(
            "source",
            "Customer-supplied lines take the customer's part; other lines take stock or a supplier's part",
            "客户自备项目只能使用客户提供的配件；其他项目使用库存或外购配件",
        ));
    }
    if let Some(kind) = part_kind {
        if Some(kind) != approved_kind {
            return Err(Error::approval(
                format!("This part is {}, but the customer approved {}; a different kind needs their approval", kind.en(), approved_kind.map_or("no part", |k| k.en())),
                format!("该配件为{}，客户确认的是{}；更换配件类型需客户确认", kind.zh(), approved_kind.map_or("无配件", |k| k.zh())),
            )
            .at("part_id"));
        }
    }
    // A catalogue part is the approved part: another number is another part.
    if let (Some((number, _)), Some(approved)) = (catalogue, line.part_number.as_deref()) {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        if !approved.trim().is_empty() && !same(number, approved) {
            return Err(Error::approval(
                format!(
                    "The customer approved part {approved} for \"{}\"; {number} is a different part and needs their approval",
                    line.description
                ),
                format!("客户确认的“{}”配件为 {approved}；{number} 是另一种配件，需客户确认", line.description),
            )
            .at("part_id"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The gate's pure decisions, without a database.
    use super::*;
    use crate::base::error::ErrorCode;

    fn part_line(qty: i64) -> Line {
        let mut l = Line::draft(
            1,
            1,
            0,
            LineKind::Part,
            "Oil filter".into(),
            Qty::from_units(qty),
            5_000,
            1_300,
        );
        l.part_kind = Some(PartKind::NewOem);
        l
    }

    fn approved(mut l: Line) -> Line {
        l.status = LineStatus::Approved;
        l.approved_quantity = Some(l.quantity);
        l.approved_unit_price = Some(l.unit_price);
        l.approved_part_kind = l.part_kind;
        l
    }

    #[test]
    fn only_an_approved_line_may_be_worked_on() {
        let l = part_line(1);
        let e = require_approved(&l, "work", "施工").unwrap_err();
        assert_eq!(e.code, ErrorCode::ApprovalRequired);
        assert!(require_approved(&approved(l), "work", "施工").is_ok());
    }

    #[test]
    fn an_approved_lines_kind_part_kind_and_description_stay() {
        let old = approved(part_line(1));
        let mut new = old.clone();
        assert!(check_edit(&old, &new).is_ok());
        new.description = "Air filter".into();
        assert_eq!(
            check_edit(&old, &new).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
        let mut new = old.clone();
        new.part_kind = Some(PartKind::Used);
        assert_eq!(
            check_edit(&old, &new).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
        let mut new = old.clone();
        new.kind = LineKind::Other;
        assert_eq!(
            check_edit(&old, &new).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
    }

    #[test]
    fn a_different_part_or_less_than_was_used_needs_the_customer_again() {
        let mut old = approved(part_line(2));
        old.part_number = Some("BP-100".into());
        old.brand = Some("Bosch".into());
        old.consumed = Qty::from_units(2);
        let mut new = old.clone();
        new.part_number = Some("BP-200".into());
        assert_eq!(
            check_edit(&old, &new).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
        let mut new = old.clone();
        new.brand = Some("Brembo".into());
        assert_eq!(
            check_edit(&old, &new).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
        let mut new = old.clone();
        new.quantity = Qty::from_units(1);
        let e = check_edit(&old, &new).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidInput, Some("quantity"))
        );
        assert!(check_edit(&old, &old.clone()).is_ok());
    }

    #[test]
    fn a_raise_is_refused_without_a_tolerance_and_left_to_the_ceiling_with_one() {
        let old = approved(part_line(1));
        let mut new = old.clone();
        new.quantity = Qty::from_units(2);
        let mut s = ShopSettings {
            approval_tolerance: Tolerance::None,
            ..ShopSettings::default()
        };
        assert_eq!(
            check_raise(&old, &new, &s).unwrap_err().code,
            ErrorCode::ApprovalRequired
        );
        s.approval_tolerance = Tolerance::Percent { bp: 1_000 };
        assert!(check_raise(&old, &new, &s).is_ok());
        let mut lower = old.clone();
        lower.unit_price = 4_000;
        s.approval_tolerance = Tolerance::None;
        assert!(check_raise(&old, &lower, &s).is_ok());
    }

    #[test]
    fn consumption_stays_within_the_approved_quantity_and_kind() {
        let mut l = approved(part_line(2));
        assert!(
            check_consumption(&l, Qty::from_units(2), false, Some(("", PartKind::NewOem))).is_ok()
        );
        let e = check_consumption(&l, Qty::from_units(3), false, None).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::ApprovalRequired, Some("quantity"))
        );
        l.consumed = Qty::from_units(1);
        assert!(check_consumption(&l, Qty::from_units(2), false, None).is_err());
        let e = check_consumption(&l, Qty::from_units(1), false, Some(("", PartKind::Used)))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("part_id"));
        let e = check_consumption(&l, Qty::from_units(1), true, None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("source"));
        let mut labour = l.clone();
        labour.kind = LineKind::Labour;
        let e = check_consumption(&labour, Qty::from_units(1), false, None).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("line_id"));
    }

    #[test]
    fn a_catalogue_part_must_be_the_approved_part_number() {
        let mut l = approved(part_line(2));
        l.part_number = Some("OF-100".into());
        let ok = check_consumption(
            &l,
            Qty::from_units(1),
            false,
            Some((" of-100 ", PartKind::NewOem)),
        );
        assert!(ok.is_ok(), "same number, any case and spacing");
        let e = check_consumption(
            &l,
            Qty::from_units(1),
            false,
            Some(("BP-1", PartKind::NewOem)),
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::ApprovalRequired, Some("part_id"))
        );
        assert!(
            e.message.contains("OF-100") && e.message.contains("BP-1"),
            "{}",
            e.message
        );
        // A line approved without a number takes the catalogue part it is given.
        l.part_number = None;
        assert!(check_consumption(
            &l,
            Qty::from_units(1),
            false,
            Some(("BP-1", PartKind::NewOem))
        )
        .is_ok());
    }
}
