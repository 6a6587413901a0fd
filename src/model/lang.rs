//! The two languages (English, Simplified Chinese) and text the shop writes
//! once in each (guarantee terms, the call script), printed in the document's
//! language. A leaf of the model. Tests: tests/core/shop/settings.rs.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }
}

/// Text the shop writes once in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default, TS)]
#[ts(optional_fields = nullable)]
pub struct LocalText {
    pub en: String,
    pub zh: String,
}

impl LocalText {
    pub fn new(en: &str, zh: &str) -> LocalText {
        LocalText {
            en: en.into(),
            zh: zh.into(),
        }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}
