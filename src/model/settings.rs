//! The shop's settings and their validation (pure): currency, taxes, tolerance,
//! guarantee table, quality-check items, number formats, paper and printer.
//! Loading and saving them is shop/settings.rs. Tests: tests/core/shop/settings.rs.

use crate::base::error::{Error, Result};
use crate::base::money::{BasisPoints, Money, MAX_MONEY};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::model::lang::{Lang, LocalText};
pub use crate::model::paper::{check_printer_name, Paper};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Currency {
    /// ISO 4217 code, e.g. CNY, EUR, USD.
    pub code: String,
    /// Decimal places of the minor unit (2 for CNY; 0 for JPY).
    pub minor_units: u32,
}

/// How far a job's billable total may exceed what the customer approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Tolerance {
    /// Not at all (the default, and the law in California and China).
    #[default]
    None,
    /// A percentage of the approved total, in basis points.
    Percent { bp: BasisPoints },
    /// A fixed amount in minor units.
    Amount { amount: Money },
}

impl Tolerance {
    /// The most the billable total may exceed `approved` by.
    pub fn allowance(self, approved: Money) -> Money {
        match self {
            Tolerance::None => 0,
            Tolerance::Percent { bp } => crate::base::money::percent_of(approved, bp),
            Tolerance::Amount { amount } => amount,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
#[serde(default)]
pub struct ShopSettings {
    pub legal_name: String,
    pub address: String,
    pub phone: String,
    /// Business registration / repair licence number.
    pub registration_number: String,
    pub tax_id: String,
    pub currency: Currency,
    pub labour_tax_bp: BasisPoints,
    pub parts_tax_bp: BasisPoints,
    pub other_tax_bp: BasisPoints,
    /// Prices are entered with tax included (consumer pricing) or without.
    pub prices_include_tax: bool,
    /// Default labour rate per hour, minor units.
    pub labour_rate: Money,
    pub approval_tolerance: Tolerance,
    pub document_language: Lang,
    /// Tokens: {YYYY}, {YY}, {MM}, {SEQ:n} (n digits, zero-padded). {SEQ} is required.
    pub job_number_format: String,
    /// Days an estimate stays valid.
    pub estimate_validity_days: u32,
    /// The shop's offset from UTC in minutes (480 for China): decides "today".
    pub utc_offset_minutes: i32,
    /// Let stock go below zero (parts used before the delivery is booked in).
    pub allow_negative_stock: bool,
    /// The quality inspector may not be a technician who worked on the job.
    pub require_independent_inspector: bool,
    /// Items the shop checks beyond the five standard ones.
    pub quality_check_items: Vec<QualityCheckItem>,
    /// An item leaves only once its invoice is paid in full.
    pub release_requires_payment: bool,
    pub invoice_number_format: String,
    pub credit_note_number_format: String,
    pub card_number_format: String,
    pub certificate_number_format: String,
    pub guarantee_table: Vec<crate::model::guarantee_terms::GuaranteeTerm>,
    /// Whether the guarantee period runs from completion (quality check passed) or handover.
    pub guarantee_starts_at: GuaranteeStart,
    /// Whether work redone under a claim gets a fresh guarantee period.
    pub guarantee_restarts_on_claim: bool,
    pub guarantee_coverage: LocalText,
    pub guarantee_exclusions: LocalText,
    pub guarantee_how_to_claim: LocalText,
    /// The shop's logo for printed documents: PNG or JPEG, base64.
    pub logo_base64: Option<String>,
    /// Paper for full-page documents (A4 or Letter) when a print asks for none.
    pub document_paper: Paper,
    /// The CUPS printer that prints directly (Linux, macOS); empty opens the PDF in
    /// the system viewer instead.
    pub printer: String,
    /// Minutes without a key press or click before the counter locks itself.
    pub idle_lock_minutes: u32,
    /// The largest discount a person without the discount permission may give.
    pub counter_discount_limit_bp: BasisPoints,
    /// Where backups go and how many are kept.
    pub backup: crate::model::backup::BackupSettings,
    /// The suppliers the shop buys parts from (offered when booking stock in
    /// and when a part is bought in for a job).
    pub suppliers: Vec<String>,
    /// The tax invoice or the Chinese settlement list; unset follows the currency.
    pub document_kind: Option<crate::model::document_kind::DocumentKind>,
    /// After the job: callbacks, complaints, satisfaction.
    pub care: crate::model::care::CareSettings,
    /// The appointment book's capacity.
    pub booking: crate::model::appointment::BookingSettings,
    /// Service reminders: intervals and when declined work and cards come back.
    pub reminders: crate::model::reminder::ReminderSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
#[serde(rename_all = "snake_case")]
pub enum GuaranteeStart {
    #[default]
    Completion,
    Handover,
}

/// A quality-check item the shop adds, for vehicles, devices or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct QualityCheckItem {
    pub code: String,
    /// `vehicle`, `device` or `all`.
    pub applies_to: String,
    pub label: String,
    pub label_zh: String,
}

impl Default for ShopSettings {
    fn default() -> Self {
        ShopSettings {
            legal_name: String::new(),
            address: String::new(),
            phone: String::new(),
            registration_number: String::new(),
            tax_id: String::new(),
            currency: Currency {
                code: "CNY".into(),
                minor_units: 2,
            },
            labour_tax_bp: 600,
            parts_tax_bp: 1300,
            other_tax_bp: 600,
            prices_include_tax: false,
            labour_rate: 12_000,
            approval_tolerance: Tolerance::None,
            document_language: Lang::En,
            job_number_format: "J{YYYY}-{SEQ:6}".into(),
            estimate_validity_days: 30,
            utc_offset_minutes: 0,
            allow_negative_stock: false,
            require_independent_inspector: true,
            quality_check_items: vec![QualityCheckItem {
                code: "road_test".into(),
                applies_to: "vehicle".into(),
                label: "Road test done".into(),
                label_zh: "已路试".into(),
            }],
            release_requires_payment: true,
            invoice_number_format: "INV{YYYY}-{SEQ:6}".into(),
            credit_note_number_format: "CN{YYYY}-{SEQ:6}".into(),
            card_number_format: "QG{YYYY}-{SEQ:6}".into(),
            certificate_number_format: "CC{YYYY}-{SEQ:6}".into(),
            guarantee_table: crate::model::guarantee_terms::default_table(),
            guarantee_starts_at: GuaranteeStart::Completion,
            guarantee_restarts_on_claim: false,
            guarantee_coverage: LocalText::new(
                "The work and parts listed on this card against defects in workmanship and parts, for the period shown, whichever ends first.",
                "本卡所列维修项目及配件，在所示期限内（以先到者为准）因维修质量或配件质量引起的故障，予以免费返修。",
            ),
            guarantee_exclusions: LocalText::new(
                "Damage from accidents, misuse, modification or repair by others; wear items beyond normal use; parts supplied by the customer.",
                "因事故、使用不当、改装或他人维修造成的损坏；超出正常使用的易损件；客户自备配件。",
            ),
            logo_base64: None,
            document_paper: Paper::A4,
            printer: String::new(),
            guarantee_how_to_claim: LocalText::new(
                "Bring the item and this card (or its number) to the shop; we inspect and repair covered faults free of charge.",
                "请携带本卡（或卡号）及物品到店，经检验属保修范围的故障免费修复。",
            ),
            idle_lock_minutes: 5,
            counter_discount_limit_bp: 1000,
            backup: Default::default(),
            suppliers: Vec::new(),
            document_kind: None,
            care: Default::default(),
            booking: Default::default(),
            reminders: Default::default(),
        }
    }
}

impl ShopSettings {
    /// The shop's choice, or the one its currency implies.
    pub fn document_kind(&self) -> crate::model::document_kind::DocumentKind {
        self.document_kind.unwrap_or_else(|| {
            crate::model::document_kind::DocumentKind::by_currency(&self.currency.code)
        })
    }

    /// Every text the shop types has a length its use needs: it prints on every
    /// document, so a pasted page is refused at its field, not copied onward.
    fn check_text_lengths(&self) -> Result<()> {
        let texts: [(&str, &str, usize); 13] = [
            ("legal_name", &self.legal_name, 200),
            ("address", &self.address, 500),
            ("phone", &self.phone, 64),
            ("registration_number", &self.registration_number, 64),
            ("tax_id", &self.tax_id, 64),
            ("guarantee_coverage.en", &self.guarantee_coverage.en, 2000),
            ("guarantee_coverage.zh", &self.guarantee_coverage.zh, 2000),
            (
                "guarantee_exclusions.en",
                &self.guarantee_exclusions.en,
                2000,
            ),
            (
                "guarantee_exclusions.zh",
                &self.guarantee_exclusions.zh,
                2000,
            ),
            (
                "guarantee_how_to_claim.en",
                &self.guarantee_how_to_claim.en,
                2000,
            ),
            (
                "guarantee_how_to_claim.zh",
                &self.guarantee_how_to_claim.zh,
                2000,
            ),
            ("printer", &self.printer, 127),
            (
                "logo_base64",
                self.logo_base64.as_deref().unwrap_or(""),
                12 * 1024 * 1024,
            ),
        ];
        for (field, value, max) in texts {
            crate::base::text::limit(field, value, max)?;
        }
        for (i, q) in self.quality_check_items.iter().enumerate() {
            if q.code.chars().count() > 64
                || q.label.chars().count() > 200
                || q.label_zh.chars().count() > 200
            {
                return Err(Error::invalid(
                    &format!("quality_check_items[{i}]"),
                    "Too long: a code of at most 64 characters, labels of at most 200",
                    "过长：代码最多 64 个字符，名称最多 200 个字符",
                ));
            }
        }
        Ok(())
    }

    pub fn validate(&self) -> Result<()> {
        self.check_text_lengths()?;
        self.care.validate().map_err(|e| e.within("care"))?;
        self.booking.validate().map_err(|e| e.within("booking"))?;
        self.reminders
            .validate()
            .map_err(|e| e.within("reminders"))?;
        let cur = &self.currency.code;
        if cur.len() != 3 || !cur.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(Error::invalid(
                "currency.code",
                "Currency must be a three-letter ISO code such as CNY",
                "货币必须是三位 ISO 代码，如 CNY",
            ));
        }
        if self.currency.minor_units > 4 {
            return Err(Error::invalid(
                "currency.minor_units",
                "Minor units must be 0 to 4",
                "辅币位数必须为 0 到 4",
            ));
        }
        for (field, bp) in [
            ("labour_tax_bp", self.labour_tax_bp),
            ("parts_tax_bp", self.parts_tax_bp),
            ("other_tax_bp", self.other_tax_bp),
        ] {
            check_rate(field, bp)?;
        }
        if !(0..=MAX_MONEY).contains(&self.labour_rate) {
            return Err(Error::invalid(
                "labour_rate",
                "Labour rate must be zero or more",
                "工时单价不能为负数",
            ));
        }
        match self.approval_tolerance {
            Tolerance::Percent { bp } if !(0..=5000).contains(&bp) => {
                return Err(Error::invalid(
                    "approval_tolerance",
                    "Tolerance must be between 0 % and 50 %",
                    "容差必须在 0% 到 50% 之间",
                ))
            }
            Tolerance::Amount { amount } if !(0..=MAX_MONEY).contains(&amount) => {
                return Err(Error::invalid(
                    "approval_tolerance",
                    "Tolerance amount must be zero or more",
                    "容差金额不能为负数",
                ))
            }
            _ => {}
        }
        crate::model::numbering::check_format(&self.job_number_format)?;
        for (field, f) in [
            ("invoice_number_format", &self.invoice_number_format),
            ("credit_note_number_format", &self.credit_note_number_format),
            ("card_number_format", &self.card_number_format),
            ("certificate_number_format", &self.certificate_number_format),
        ] {
            crate::model::numbering::check_format(f).map_err(|e| e.at(field))?;
        }
        if !matches!(self.document_paper, Paper::A4 | Paper::Letter) {
            return Err(Error::invalid(
                "document_paper",
                "Full-page documents print on A4 or Letter",
                "整页单据只能用 A4 或 Letter 纸",
            ));
        }
        check_printer_name(&self.printer)?;
        if !(-720..=840).contains(&self.utc_offset_minutes) {
            return Err(Error::invalid(
                "utc_offset_minutes",
                "The UTC offset must be between -12:00 and +14:00",
                "时区偏移必须在 -12:00 到 +14:00 之间",
            ));
        }
        crate::model::guarantee_terms::check_table(&self.guarantee_table)?;
        if let Some(logo) = &self.logo_base64 {
            crate::base::image::decode_image("logo_base64", logo)?;
        }
        for (i, q) in self.quality_check_items.iter().enumerate() {
            let ok = !q.code.trim().is_empty()
                && !q.label.trim().is_empty()
                && !q.label_zh.trim().is_empty()
                && matches!(q.applies_to.as_str(), "vehicle" | "device" | "all")
                && !crate::model::quality::STANDARD
                    .iter()
                    .any(|(c, _, _)| *c == q.code)
                && !self.quality_check_items[..i]
                    .iter()
                    .any(|earlier| earlier.code.trim() == q.code.trim());
            if !ok {
                return Err(Error::invalid(
                    &format!("quality_check_items[{i}]"),
                    "A check item needs a new code, both labels, and applies to vehicle, device or all",
                    "质检项目须有新的代码、中英文名称，并适用于车辆、设备或全部",
                ));
            }
        }
        if !(1..=240).contains(&self.idle_lock_minutes) {
            return Err(Error::invalid(
                "idle_lock_minutes",
                "The counter locks after 1 to 240 idle minutes",
                "空闲锁定时间须为 1 至 240 分钟",
            ));
        }
        check_rate("counter_discount_limit_bp", self.counter_discount_limit_bp)?;
        self.backup.validate()?;
        self.check_suppliers()?;
        if self.estimate_validity_days == 0 || self.estimate_validity_days > 365 {
            return Err(Error::invalid(
                "estimate_validity_days",
                "Estimate validity must be 1 to 365 days",
                "报价有效期必须为 1 到 365 天",
            ));
        }
        Ok(())
    }
}

impl ShopSettings {
    /// At most 500 suppliers, each named (1–100 characters) once.
    fn check_suppliers(&self) -> Result<()> {
        if self.suppliers.len() > 500 {
            return Err(Error::invalid(
                "suppliers",
                "Keep at most 500 suppliers",
                "供应商最多 500 家",
            ));
        }
        for (i, name) in self.suppliers.iter().enumerate() {
            let field = format!("suppliers[{i}]");
            crate::base::text::required(&field, name, 100)?;
            let key = name.trim().to_lowercase();
            if self.suppliers[..i]
                .iter()
                .any(|n| n.trim().to_lowercase() == key)
            {
                return Err(Error::invalid(
                    &field,
                    format!("{} is listed twice", name.trim()),
                    format!("{} 重复", name.trim()),
                ));
            }
        }
        Ok(())
    }
}

pub fn check_rate(field: &str, bp: BasisPoints) -> Result<()> {
    if !(0..=10_000).contains(&bp) {
        return Err(Error::invalid(
            field,
            "A rate must be between 0 % and 100 %",
            "费率必须在 0% 到 100% 之间",
        ));
    }
    Ok(())
}
