//! Which document the shop bills with (a leaf of the model: settings and the
//! frozen invoice both name it). Tests: tests/core/job/fapiao.rs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which document the shop bills with, by the law where it trades. In mainland
/// China a 发票 comes only from the tax authority's system (today the 数电票);
/// the shop's own document is the repair settlement list (机动车维修结算清单 for
/// vehicles, 维修结算单 for devices), on which the official e-fapiao's number is
/// recorded afterwards. Elsewhere (EU, UK) it is a VAT/tax invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    TaxInvoice,
    SettlementList,
}

impl DocumentKind {
    /// The default for a shop that has not chosen: renminbi means mainland China.
    pub fn by_currency(code: &str) -> DocumentKind {
        if code == "CNY" {
            DocumentKind::SettlementList
        } else {
            DocumentKind::TaxInvoice
        }
    }
}
