//! Times as the store keeps them: RFC 3339, UTC, whole seconds, so text order is
//! time order and every backend compares them the same way. Tested in
//! tests/core/base.rs.

use chrono::{DateTime, SecondsFormat, Utc};

/// The one text form of a time in the store: RFC 3339, UTC, whole seconds.
pub fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}
