//! What a full-page document is printed from: the command's context, the
//! number, the language, the shop's settings and the sheet. Tests: tests/core/documents.rs.

use super::layout;
use crate::ctx::Ctx;
use crate::model::settings::{Lang, ShopSettings};

/// What a full-page document is printed from.
pub struct Request<'a, 'c> {
    pub ctx: &'a Ctx<'c>,
    pub number: &'a str,
    pub lang: Lang,
    pub settings: &'a ShopSettings,
    pub logo: Option<&'a [u8]>,
    pub sheet: layout::Sheet,
}
