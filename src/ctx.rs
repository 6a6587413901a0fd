//! The floor every command handler stands on: [`Ctx`], the command's transaction
//! and the time it runs at. It sits right above the store and below every rule,
//! so rules, views and documents take a `Ctx` without knowing the command API
//! (`api/`) that builds it. Tested through every handler (tests/core/).

use crate::base::time::time_text;
use crate::model::staff::Staff;
use crate::store::Tx;
use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::Deserialize;
use std::cell::RefCell;
use ts_rs::TS;

/// What every command handler gets: the command's transaction, the time, and
/// the manager who allowed this one action with their PIN at someone else's
/// session (the record then names both).
pub struct Ctx<'a> {
    pub tx: &'a Tx<'a>,
    pub now: DateTime<Utc>,
    pub authorised_by: Option<i64>,
    /// Where a long command (an import) reports how far it is: (done, total).
    pub progress: Option<&'a dyn Fn(u64, u64)>,
    /// The person the command API admitted for this command, read with its
    /// permission check (shop/access.rs `require`). The rule's first
    /// `actor` of the same person takes it instead of reading the row again,
    /// before the command has written anything: one wait fewer for every
    /// write on a server.
    pub admitted: RefCell<Option<Staff>>,
}

impl<'a> Ctx<'a> {
    /// A context with no manager's authorisation, no progress and nobody
    /// admitted yet: what every command starts from.
    pub fn new(tx: &'a Tx<'a>, now: DateTime<Utc>) -> Ctx<'a> {
        Ctx {
            tx,
            now,
            authorised_by: None,
            progress: None,
            admitted: RefCell::new(None),
        }
    }

    pub fn now_text(&self) -> String {
        time_text(self.now)
    }

    /// Reports progress to whoever asked for it (nobody, for most commands).
    pub fn report(&self, done: u64, total: u64) {
        if let Some(p) = self.progress {
            p(done, total);
        }
    }
}

/// The input of a command that takes none (`{}`).
#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct NoInput {}
