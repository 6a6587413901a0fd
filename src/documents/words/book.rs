//! The words of the end-of-day sheet and the printed reminder list, in
//! English and Simplified Chinese; looked up with the documents' own through
//! `t`. Tests: tests/core/views/day_end.rs and tests/core/care/reminders.rs
//! print them.

/// (key, English, Chinese)
#[rustfmt::skip]
pub(super) const WORDS: &[(&str, &str, &str)] = &[
    ("day_end", "End of day", "日结单"),
    ("day_method", "Payment method", "付款方式"),
    ("day_payments", "Payments", "笔数"),
    ("day_expected", "Recorded", "系统记录"),
    ("day_counted", "Counted", "实点"),
    ("day_difference", "Difference", "差额"),
    ("day_invoices", "Invoices issued", "开具结算单"),
    ("day_credited", "Credit notes issued", "开具红字更正"),
    ("day_open", "Open balances", "未结余额"),
    ("day_not_closed", "Not closed yet: counted amounts are filled in when the day is closed.", "尚未日结：日结后填入实点金额。"),
    ("day_closed_by", "Counted and closed by", "清点及日结人"),
    ("day_note", "Note", "说明"),
    ("pm_cash", "Cash", "现金"),
    ("pm_card", "Card", "银行卡"),
    ("pm_bank_transfer", "Bank transfer", "银行转账"),
    ("pm_wechat_pay", "WeChat Pay", "微信支付"),
    ("pm_alipay", "Alipay", "支付宝"),
    ("pm_other", "Other", "其他"),
    ("reminder_list", "Service reminders", "保养提醒名单"),
    ("rm_due", "Due", "到期日"),
    ("rm_what", "Reminder", "提醒事项"),
    ("rm_customer", "Customer and phone", "客户及电话"),
    ("rm_channel", "Channel", "联系方式"),
    ("rm_km", "km", "里程"),
    ("rm_outcome", "Outcome", "联系结果"),
    ("rk_service", "Service due", "保养到期"),
    ("rk_declined", "Declined work", "未做项目"),
    ("rk_card", "Card ends soon", "保修卡即将到期"),
    ("ch_phone", "Phone", "电话"),
    ("ch_sms", "SMS", "短信"),
    ("ch_wechat", "WeChat", "微信"),
    ("ch_email", "E-mail", "电子邮件"),
    ("rm_count", "Reminders", "提醒数"),
];
