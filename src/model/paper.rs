//! Paper sizes and the CUPS printer name a shop prints to (pure). Part of the
//! shop's settings (model/settings.rs re-exports them). Tests:
//! tests/core/shop/settings.rs.

use crate::base::error::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub enum Paper {
    #[serde(rename = "a4")]
    A4,
    #[serde(rename = "letter")]
    Letter,
    /// 80 mm thermal roll.
    #[serde(rename = "80mm")]
    Roll80,
    /// Item tag labels.
    #[serde(rename = "62x29")]
    Label62x29,
    #[serde(rename = "40x20")]
    Label40x20,
}

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        Some(match s {
            "a4" => Paper::A4,
            "letter" => Paper::Letter,
            "80mm" => Paper::Roll80,
            "62x29" => Paper::Label62x29,
            "40x20" => Paper::Label40x20,
            _ => return None,
        })
    }
}

/// A CUPS queue name: printable, no spaces, slashes or '#', not starting with '-'.
pub fn check_printer_name(name: &str) -> Result<()> {
    let ok = name.len() <= 127
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '/' && c != '#');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "printer",
            "A printer name is the CUPS queue name: letters, digits, '-' or '_', no spaces",
            "打印机名称应为 CUPS 队列名：字母、数字、“-”或“_”，不含空格",
        ))
    }
}
