//! Every word a printed document uses, in English and Simplified Chinese, and the
//! formatting of money, dates and amounts in words (大写金额) for each language.
//! Layout code never holds a literal; it asks `t(lang, key)`.

mod book;
mod intake;

use crate::base::money::{format_minor, Money};
use crate::model::settings::{Currency, Lang};

/// (key, English, Chinese)
const WORDS: &[(&str, &str, &str)] = &[
    ("intake_ticket", "Intake ticket / claim check", "接车单 / 取车凭证"),
    ("estimate", "Estimate", "维修估价单"),
    ("supplementary_estimate", "Supplementary estimate", "追加维修估价单"),
    ("invoice", "Invoice", "发票"),
    ("credit_note", "Credit note", "贷项通知单"),
    ("settlement_vehicle", "Motor vehicle repair settlement list", "机动车维修结算清单"),
    ("settlement_device", "Repair settlement list", "维修结算单"),
    ("settlement_correction", "Correction to settlement list", "结算清单更正单"),
    ("corrects_settlement", "Corrects settlement list", "更正结算清单"),
    ("settlement_not_fapiao", "This settlement list is not a tax invoice: the official e-fapiao is issued through the tax authority's system.", "本结算清单不是发票；正式发票（数电票）通过税务系统开具。"),
    ("draft", "PREVIEW", "预览"),
    ("draft_notice", "Preview for the customer, not an invoice: the number, date and guarantee card are given when it is issued.", "供客户核对的预览，不是结算凭证：编号、日期和质量保证卡在正式开具时生成。"),
    ("fapiao_no", "Official e-fapiao no.", "数电票号码"),
    ("job_and_bill", "Job / invoice", "工单号 / 结算单号"),
    ("receipt", "Receipt", "收据"),
    ("guarantee_card", "Quality guarantee card", "质量保证卡"),
    ("qc_record", "Quality check record", "质量检验记录"),
    ("completion_certificate", "Completion certificate", "竣工出厂合格证"),
    ("job", "Job", "工单号"),
    ("number", "No.", "编号"),
    ("date", "Date", "日期"),
    ("issued", "Issued", "开具日期"),
    ("supplied", "Date of supply", "完工日期"),
    ("customer", "Customer", "客户"),
    ("phone", "Phone", "电话"),
    ("address", "Address", "地址"),
    ("tax_id", "Tax ID", "税号"),
    ("registration", "Licence / registration", "经营许可证号"),
    ("item", "Item", "车辆/物品"),
    ("plate", "Plate", "车牌号"),
    ("vin", "VIN", "车架号"),
    ("serial", "Serial / IMEI", "序列号"),
    ("odometer_in", "Odometer in", "进厂里程"),
    ("odometer_out", "Odometer out", "出厂里程"),
    ("km", "km", "公里"),
    ("complaint", "Complaint (customer's words)", "故障描述（客户原话）"),
    ("requested", "Work requested", "委托项目"),
    ("promised", "Promised", "预计交车"),
    ("findings", "Joint inspection", "接车检查"),
    ("pre_existing_damage", "Pre-existing damage", "原有损伤"),
    ("fault_found", "Fault found", "发现故障"),
    ("ok", "OK", "正常"),
    ("not_checked", "Not checked", "未检查"),
    ("accessories", "Accessories left with the item", "随车/随机物品"),
    ("acknowledged", "Acknowledged by the customer", "客户确认"),
    ("signature", "Signature", "签名"),
    ("short_terms", "We repair only what you approve. Any extra work needs your approval first. Please bring this ticket to collect your item.", "本店只维修您确认的项目，增加项目须先征得您同意。取车时请出示本单。"),
    ("description", "Description", "项目"),
    ("area", "Area", "检查部位"),
    ("condition", "Condition", "状况"),
    ("note", "Note", "说明"),
    ("check", "Check", "检验项目"),
    ("designated", "May approve on the customer's behalf", "代理确认人"),
    ("kind", "Kind", "类别"),
    ("qty", "Qty / h", "数量/工时"),
    ("unit_price", "Unit price", "单价"),
    ("amount", "Amount", "金额"),
    ("labour", "Labour", "工时"),
    ("part", "Part", "配件"),
    ("other", "Other", "其他费用"),
    ("labour_subtotal", "Labour subtotal", "工时费小计"),
    ("parts_subtotal", "Parts subtotal", "材料费小计"),
    ("other_subtotal", "Other charges", "其他费用"),
    ("discount", "Discount", "优惠"),
    ("net", "Net", "不含税金额"),
    ("tax", "Tax", "税额"),
    ("tax_at", "Tax at", "税率"),
    ("tax_rate", "Tax rate", "税率"),
    ("total", "Total", "合计"),
    ("total_in_words", "Total in words", "合计（大写）"),
    ("valid_until", "Valid until", "有效期至"),
    ("approval", "Customer approval", "客户确认"),
    ("approvals", "Approvals", "客户确认记录"),
    ("method", "Method", "方式"),
    ("approved_by", "Approved by", "确认人"),
    ("taken_by", "Taken by", "经办人"),
    ("contact", "Phone / address used", "联系电话/地址"),
    ("in_person", "In person, signed", "当面签字"),
    ("phone_call", "By phone", "电话确认"),
    ("electronic", "Electronic message", "电子消息"),
    ("previous_total", "Previously approved total", "原确认金额"),
    ("difference", "Difference", "增加金额"),
    ("revised_total", "Revised total", "调整后总额"),
    ("old_parts", "Old parts", "旧件处理"),
    ("return_to_customer", "Return to customer", "交还客户"),
    ("discard", "Discard", "由本店处理"),
    ("recommendations", "Recommended, declined — not billed", "建议项目（客户暂不维修，未计费）"),
    ("reason", "Reason", "原因"),
    ("consequence", "If postponed", "延误后果"),
    ("payments", "Payments", "付款记录"),
    ("paid", "Paid", "已付"),
    ("balance_due", "Balance due", "应付余额"),
    ("change", "Change", "找零"),
    ("tendered", "Tendered", "实收"),
    ("credited", "Credited", "已冲销"),
    ("refund", "Refund", "退款"),
    ("references_invoice", "Credits invoice", "冲销发票"),
    ("card_no", "Card no.", "卡号"),
    ("guarantor", "Guarantor", "保证单位"),
    ("covered_work", "Work and parts covered", "保证项目"),
    ("category", "Repair category", "维修类别"),
    ("period", "Guarantee", "质量保证期"),
    ("whichever_first", "whichever ends first", "以先到者为准"),
    ("days", "days", "天"),
    ("from_completion", "from completion", "自竣工之日起"),
    ("from_handover", "from handover", "自交车之日起"),
    ("starts", "Starts", "起始日期"),
    ("coverage", "Coverage", "保证范围"),
    ("exclusions", "Exclusions", "除外责任"),
    ("how_to_claim", "How to claim", "索赔方式"),
    ("quality_grade", "Quality", "质量等级"),
    ("passed_check", "Passed quality check", "检验合格"),
    ("brand", "Brand", "品牌"),
    ("inspector", "Inspector", "检验员"),
    ("result", "Result", "结果"),
    ("pass", "Pass", "合格"),
    ("fail", "Fail", "不合格"),
    ("redo", "To be redone", "返工内容"),
    ("certificate_no", "Certificate no.", "合格证编号"),
    ("certify", "This vehicle has been repaired and has passed its final inspection; it is fit to leave the workshop.", "该车已按规定完成维修并经竣工检验合格，准予出厂。"),
    ("complaint_record", "Complaint record", "客户投诉处理记录"),
    ("cp_source", "Source", "来源"),
    ("cp_level", "Level", "等级"),
    ("cp_category", "Category", "类别"),
    ("cp_returning", "Returning customer", "老客户"),
    ("cp_new", "New customer", "新客户"),
    ("cp_what", "What happened (customer's words)", "投诉内容（客户原话）"),
    ("cp_when", "When", "发生时间"),
    ("cp_condition", "Item's condition", "车辆/物品状况"),
    ("cp_staff", "Staff involved", "涉及员工"),
    ("cp_manner", "Staff manner", "员工态度"),
    ("cp_reason", "Real reason", "真实原因"),
    ("cp_wanted", "Resolution wanted", "客户期望"),
    ("cp_reasonable", "Demand reasonable", "要求是否合理"),
    ("cp_yes", "Yes", "是"),
    ("cp_no", "No", "否"),
    ("cp_steps", "Steps taken", "处理过程"),
    ("cp_root", "Root cause", "根源分析"),
    ("cp_direct", "Direct responsibility", "直接责任"),
    ("cp_secondary", "Secondary responsibility", "次要责任"),
    ("cp_action", "Corrective action", "纠正措施"),
    ("cp_owner", "Owner", "负责人"),
    ("cp_due", "Due", "完成期限"),
    ("cp_received", "Received", "受理"),
    ("cp_clarified", "Clarified", "核实情况"),
    ("cp_resolution_agreed", "Resolution agreed", "商定处理方案"),
    ("cp_action_taken", "Action taken", "落实处理"),
    ("cp_thanked", "Customer thanked, result confirmed", "追踪致谢"),
    ("cp_root_cause", "Root cause analysed", "分析根源防再发"),
    ("cp_loop_confirmed", "Loop confirmed by a second call", "二次回访确认"),
    ("cp_closed", "Closed", "结案"),
    ("cp_counter", "At the counter", "前台"),
    ("cp_phone", "By phone", "电话"),
    ("cp_callback", "On a follow-up call", "回访"),
    ("cp_message", "By message", "消息"),
    ("cp_letter", "By letter", "信函"),
    ("cp_product_quality", "Product quality", "产品质量"),
    ("cp_repair_quality", "Repair quality", "维修质量"),
    ("cp_reception_manner", "Reception manner", "接待态度"),
    ("cp_price", "Price", "价格"),
    ("cp_waiting_time", "Waiting time", "等待时间"),
    ("cp_parts", "Parts", "配件"),
    ("cp_other", "Other", "其他"),
    ("cp_redo", "Redo under the guarantee card", "按质量保证卡返修"),
    ("cp_credit_note", "Credit note and refund", "开具更正单并退款"),
    ("cp_compensation", "Compensation", "补偿"),
    ("cp_apology", "Apology and explanation", "道歉并解释"),
    ("cp_service_promise", "Service promise", "服务承诺"),
    ("cp_confirmed", "Confirmed by the customer", "客户已确认"),
    ("cp_not_confirmed", "Not confirmed", "客户未确认"),
    ("survey_form", "Customer satisfaction survey", "客户满意度调查表"),
    ("survey_intro", "Thank you for choosing us. Please tick one box per line; leave a line empty if it did not apply to you.", "感谢您的惠顾！请每行勾选一项；不适用的项目可不填。"),
    ("survey_overall", "Overall satisfaction", "总体满意度"),
    ("survey_recommend", "Would you recommend us? (0–10)", "您愿意向亲友推荐我们吗？（0–10）"),
    ("survey_low", "very unhappy", "非常不满意"),
    ("survey_high", "very happy", "非常满意"),
    ("survey_comment", "Anything you would like to tell us", "您的意见和建议"),
    ("stage_invitation", "Service invitation", "保养招揽"),
    ("stage_reception", "Reception courtesy", "礼貌接车"),
    ("stage_explanation", "Explaining the work and price", "指明标的（项目与价格说明）"),
    ("stage_waiting", "The wait", "维修等待"),
    ("stage_settlement", "Settlement and handover", "结算交车"),
    ("stage_quality", "Repair quality", "维修质量"),
    ("page", "Page", "第"),
    ("of", "of", "页，共"),
    ("pages_end", "", "页"),
    ("thank_you", "Thank you for your custom.", "感谢惠顾！"),
    ("covered_by_card", "covered by guarantee", "保修"),
    ("claim_under", "Guarantee claim under card", "质保索赔，保证卡号"),
    ("sublet", "sublet", "外协"),
    ("new_oem", "New OEM", "原厂件"),
    ("new_aftermarket", "New aftermarket", "副厂件"),
    ("used", "Used", "旧件"),
    ("rebuilt", "Rebuilt", "修复件"),
    ("customer_supplied", "Customer-supplied", "客户自备"),
    ("returned_to_customer", "Returned to customer", "已交还客户"),
    ("shown_not_returnable", "Shown, not returnable", "已展示，不可退还"),
    ("waived_by_customer", "Waived by customer", "客户放弃"),
    ("scrapped", "Scrapped", "已报废"),
    ("cash", "Cash", "现金"),
    ("card", "Card", "银行卡"),
    ("bank_transfer", "Bank transfer", "转账"),
    ("wechat_pay", "WeChat Pay", "微信支付"),
    ("alipay", "Alipay", "支付宝"),
    ("staff", "Staff", "经办"),
    ("estimate_ref", "Estimate and approvals for job", "估价及确认记录，工单"),
];

/// The word for `key` in `lang`; the key itself if it is missing (a test checks none is).
/// Every table of words: the documents' own, and the intake condition's.
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    WORDS.iter().chain(intake::WORDS).chain(book::WORDS)
}

pub fn t(lang: Lang, key: &str) -> &'static str {
    match all().find(|(k, _, _)| *k == key) {
        Some((_, en, zh)) => match lang {
            Lang::En => en,
            Lang::ZhCn => zh,
        },
        None => "",
    }
}

pub fn has(key: &str) -> bool {
    all().any(|(k, _, _)| *k == key)
}

fn symbol(code: &str) -> Option<&'static str> {
    match code {
        "CNY" | "JPY" => Some("¥"),
        "USD" | "AUD" | "CAD" | "HKD" | "SGD" | "NZD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        _ => None,
    }
}

/// An amount with thousands separators: 1234567 → "12,345.67".
pub fn amount(m: Money, c: &Currency) -> String {
    let plain = format_minor(m.abs(), c.minor_units);
    let (int, frac) = plain
        .split_once('.')
        .map_or((plain.as_str(), None), |(a, b)| (a, Some(b)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if m < 0 { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// An amount with its currency: "¥1,234.50", or "CHF 1,234.50" where there is no symbol.
pub fn money(m: Money, c: &Currency) -> String {
    match symbol(&c.code) {
        Some(s) if m < 0 => format!("-{s}{}", amount(-m, c)),
        Some(s) => format!("{s}{}", amount(m, c)),
        None => format!("{} {}", c.code, amount(m, c)),
    }
}

/// A stored UTC time in the shop's local time: "22 Nov 2026 14:05" / "2026年11月22日 14:05".
pub fn datetime(lang: Lang, at: &str, offset_minutes: i32) -> String {
    let Ok(t) = chrono::DateTime::parse_from_rfc3339(at) else {
        return at.to_string();
    };
    let tz = chrono::FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero"));
    let local = t.with_timezone(&tz);
    match lang {
        Lang::En => local.format("%-d %b %Y %H:%M").to_string(),
        Lang::ZhCn => local.format("%Y年%-m月%-d日 %H:%M").to_string(),
    }
}

/// A date "2026-11-02" as "2 Nov 2026" / "2026年11月2日".
pub fn date(lang: Lang, d: &str) -> String {
    let Ok(day) = d.parse::<chrono::NaiveDate>() else {
        return d.to_string();
    };
    match lang {
        Lang::En => day.format("%-d %b %Y").to_string(),
        Lang::ZhCn => day.format("%Y年%-m月%-d日").to_string(),
    }
}

const DIGITS: [&str; 10] = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];

/// Four digits (0–9999) in capital numerals, without leading 零.
fn four(n: u64) -> String {
    const UNITS: [&str; 4] = ["仟", "佰", "拾", ""];
    let digits = [n / 1000, n / 100 % 10, n / 10 % 10, n % 10];
    let mut out = String::new();
    let mut zero = false;
    for (i, d) in digits.iter().enumerate() {
        if *d == 0 {
            zero = !out.is_empty();
        } else {
            if zero {
                out.push('零');
                zero = false;
            }
            out.push_str(DIGITS[*d as usize]);
            out.push_str(UNITS[i]);
        }
    }
    out
}

/// The amount in Chinese capital numerals, as written on invoices:
/// 44500 fen → "肆佰肆拾伍元整"; 100501 → "壹仟零伍元零壹分".
/// A whole number of yuan in capital numerals: groups of four digits under
/// 万 and 亿, where the 亿 part is itself read the same way (壹万亿 and up), so
/// any amount the core can hold has words.
fn integer_words(n: u64) -> String {
    let (yi, rest) = (n / 100_000_000, n % 100_000_000);
    let mut out = String::new();
    if yi > 0 {
        out.push_str(&integer_words(yi));
        out.push('亿');
    }
    let mut pending_zero = false;
    for (g, unit) in [(rest / 10_000, "万"), (rest % 10_000, "")] {
        if g == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push('零');
        }
        out.push_str(&four(g));
        out.push_str(unit);
        pending_zero = false;
    }
    out
}

pub fn in_words_zh(fen: Money) -> String {
    let neg = fen < 0;
    let fen = fen.unsigned_abs();
    let (yuan, jiao, f) = (fen / 100, fen / 10 % 10, fen % 10);
    let mut out = String::new();
    if yuan > 0 {
        out.push_str(&integer_words(yuan));
        out.push('元');
    }
    match (jiao, f) {
        (0, 0) => out.push_str(if yuan > 0 { "整" } else { "零元整" }),
        (0, f) => {
            if yuan > 0 {
                out.push('零');
            }
            out.push_str(DIGITS[f as usize]);
            out.push('分');
        }
        (j, 0) => {
            out.push_str(DIGITS[j as usize]);
            out.push_str("角整");
        }
        (j, f) => {
            out.push_str(DIGITS[j as usize]);
            out.push('角');
            out.push_str(DIGITS[f as usize]);
            out.push('分');
        }
    }
    if neg {
        format!("负{out}")
    } else {
        out
    }
}

/// A line's kind in the document's language.
pub fn kind_label(lang: Lang, kind: crate::base::totals::LineKind) -> &'static str {
    match kind {
        crate::base::totals::LineKind::Labour => t(lang, "labour"),
        crate::base::totals::LineKind::Part => t(lang, "part"),
        crate::base::totals::LineKind::Other => t(lang, "other"),
    }
}

/// How an approval was given, in the document's language.
pub fn method_label(lang: Lang, m: crate::model::approval::Method) -> &'static str {
    match m {
        crate::model::approval::Method::InPerson => t(lang, "in_person"),
        crate::model::approval::Method::Phone => t(lang, "phone_call"),
        crate::model::approval::Method::Electronic => t(lang, "electronic"),
    }
}

/// Labels of enum codes (part kinds, fates, methods) in the document's language.
/// The card's line counting the covered lines it leaves to the invoice.
pub fn more_covered_lines(lang: Lang, n: usize, invoice: &str) -> String {
    match lang {
        Lang::ZhCn => format!("……另有 {n} 项保修项目，详见结算单 {invoice}"),
        Lang::En => format!("… and {n} more covered lines, listed on invoice {invoice}"),
    }
}

pub fn code_label(lang: Lang, code: &str) -> String {
    if has(code) {
        t(lang, code).to_string()
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capital_numerals_for_any_amount_the_core_holds() {
        assert_eq!(in_words_zh(100_000_000_000_000), "壹万亿元整");
        assert_eq!(in_words_zh(100_000_000_000_500), "壹万亿零伍元整");
        assert_eq!(in_words_zh(10_050_000_000), "壹亿零伍拾万元整");
        // The largest amount there is: words, not a panic.
        assert!(in_words_zh(i64::MAX).ends_with("柒分"));
        assert!(in_words_zh(i64::MIN + 1).starts_with('负'));
    }

    #[test]
    fn amounts_in_words() {
        assert_eq!(in_words_zh(44_500), "肆佰肆拾伍元整");
        assert_eq!(in_words_zh(100_501), "壹仟零伍元零壹分");
        assert_eq!(in_words_zh(10_000_001), "壹拾万元零壹分");
        assert_eq!(in_words_zh(10_050), "壹佰元伍角整");
        assert_eq!(in_words_zh(1_000_000_000), "壹仟万元整");
        assert_eq!(in_words_zh(10_001_000_000), "壹亿零壹万元整");
        assert_eq!(in_words_zh(105_000_000), "壹佰零伍万元整");
        assert_eq!(in_words_zh(100_050_000), "壹佰万零伍佰元整");
        assert_eq!(
            in_words_zh(123_456_789),
            "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"
        );
        assert_eq!(in_words_zh(5), "伍分");
        assert_eq!(in_words_zh(0), "零元整");
        assert_eq!(in_words_zh(10_000_000_000), "壹亿元整");
    }

    #[test]
    fn every_word_prints_in_the_shipped_fonts() {
        let f = super::super::fonts::get();
        for (key, en, zh) in all() {
            assert_eq!(f.printable(en), *en, "{key}");
            assert_eq!(f.printable(zh), *zh, "{key}");
        }
        for c in "¥$€£,.-0123456789年月日：·•×".chars() {
            assert!(f.covers(c), "{c}");
        }
    }

    #[test]
    fn money_and_dates() {
        let cny = Currency {
            code: "CNY".into(),
            minor_units: 2,
        };
        assert_eq!(money(123_456_789, &cny), "¥1,234,567.89");
        assert_eq!(money(-500, &cny), "-¥5.00");
        let chf = Currency {
            code: "CHF".into(),
            minor_units: 2,
        };
        assert_eq!(money(100, &chf), "CHF 1.00");
        assert_eq!(
            datetime(Lang::ZhCn, "2026-11-02T09:00:00Z", 480),
            "2026年11月2日 17:00"
        );
        assert_eq!(
            datetime(Lang::En, "2026-11-02T09:00:00Z", 0),
            "2 Nov 2026 09:00"
        );
    }
}
