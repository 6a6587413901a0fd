//! The one error type of the core.
//!
//! Every failure that can reach a user carries a stable machine `code` (the UI and
//! scripts branch on it, never on text), a message in English and one in Simplified
//! Chinese, and, where the failure is about one input, the `field` that caused it so
//! the UI can show the message next to it. It serialises as
//! `{"code", "message", "message_zh", "field"}`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// Stable error codes. Adding a code is fine; renaming one is a breaking change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is malformed, missing a field, or out of range.
    InvalidInput,
    /// A referenced record does not exist.
    NotFound,
    /// The job (or record) is not in a state that allows this.
    InvalidState,
    /// The customer has not approved this (work, consumption, billing, raise).
    ApprovalRequired,
    /// The record is issued or signed and can no longer change.
    Immutable,
    /// The staff member lacks the role this action needs.
    Forbidden,
    /// Nobody is signed in (or the session locked itself after the idle time):
    /// sign in and try again.
    SignInRequired,
    /// Another counter is writing at this moment; the same call can be retried.
    Busy,
    /// Not enough stock, and the shop does not allow negative stock.
    InsufficientStock,
    /// The quality check has not passed.
    QualityCheckRequired,
    /// The database was written by a newer Jobcard.
    DatabaseTooNew,
    /// The database file failed its integrity check.
    DatabaseCorrupt,
    /// Any other storage failure (disk full, locked, I/O).
    Storage,
    /// A bug: something the core did not expect.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidState => "invalid_state",
            ErrorCode::ApprovalRequired => "approval_required",
            ErrorCode::Immutable => "immutable",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::SignInRequired => "sign_in_required",
            ErrorCode::Busy => "busy",
            ErrorCode::InsufficientStock => "insufficient_stock",
            ErrorCode::QualityCheckRequired => "quality_check_required",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::DatabaseCorrupt => "database_corrupt",
            ErrorCode::Storage => "storage",
            ErrorCode::Internal => "internal",
        }
    }
}

/// A failure with its code, bilingual message and optional offending field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub message_zh: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub field: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(code: ErrorCode, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error {
            code,
            message: en.into(),
            message_zh: zh.into(),
            field: None,
        }
    }

    /// Names the input field this error is about.
    pub fn at(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The same error with its field named inside `parent` (`printer` becomes
    /// `settings.printer`), so a form finds it at the input the person typed in.
    pub fn within(mut self, parent: &str) -> Self {
        self.field = self.field.map(|f| format!("{parent}.{f}"));
        self
    }

    pub fn invalid(field: &str, en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidInput, en, zh).at(field)
    }

    pub fn not_found(what_en: &str, what_zh: &str, key: impl fmt::Display) -> Self {
        Error::new(
            ErrorCode::NotFound,
            format!("{what_en} {key} was not found"),
            format!("未找到{what_zh} {key}"),
        )
    }

    pub fn state(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::InvalidState, en, zh)
    }

    pub fn approval(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Error::new(ErrorCode::ApprovalRequired, en, zh)
    }

    pub fn internal(detail: impl fmt::Display) -> Self {
        Error::new(
            ErrorCode::Internal,
            format!("Internal error: {detail}"),
            format!("内部错误：{detail}"),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::new(
            ErrorCode::InvalidInput,
            format!("Malformed input: {e}"),
            format!("输入格式错误：{e}"),
        )
    }
}
