//! Who may act through a `Core`: the owner's handle, or a locked one where
//! only the signed-in person acts. `admit` lets each command in (or not),
//! writes the signed-in person's id into its input, and ends a session that
//! has been idle longer than the shop allows. Signing in and out is
//! session.rs.
//!
//! Tests: tests/core/shop/access.rs.

use super::list::Need;
use crate::base::error::{Error, ErrorCode, Result};
use crate::ctx::Ctx;
use crate::model::access::Permission;
use crate::model::staff::Staff;
use crate::shop::access::{self, Verdict};
use crate::store::Tx;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use ts_rs::TS;

/// Who may act through this `Core`.
pub enum Access {
    /// The file's owner: `staff_id` is taken as given (tests, demo, maintenance).
    Owner,
    /// Only the signed-in person acts. `reads_need_sign_in` is false for the
    /// command line, where the file's owner may read without a PIN.
    Locked {
        session: Option<Session>,
        reads_need_sign_in: bool,
    },
}

pub struct Session {
    pub(super) staff: Staff,
    pub(super) signed_in_at: DateTime<Utc>,
    pub(super) last_active: DateTime<Utc>,
    pub(super) idle: Duration,
    pub(super) must_set_secret: bool,
}

/// A manager's PIN for one action at someone else's session.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct Authorisation {
    pub staff_id: i64,
    pub secret: String,
}

/// The signed-in person, for the UI.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionInfo {
    pub staff: Staff,
    pub permissions: Vec<Permission>,
    pub signed_in_at: String,
    pub idle_lock_minutes: u32,
    /// The person has no PIN yet and must choose one before anything else.
    pub must_set_secret: bool,
}

impl Session {
    /// Whether the session has been idle longer than the shop allows.
    pub(super) fn expired(&self, now: DateTime<Utc>) -> bool {
        now - self.last_active > self.idle
    }
}

fn sign_in_required() -> Error {
    Error::new(
        ErrorCode::SignInRequired,
        "Sign in with your PIN first",
        "请先输入 PIN 登录",
    )
}

impl Access {
    /// Lets a command in (or not), and answers who acts.
    pub(super) fn admit(
        &mut self,
        name: &str,
        need: Need,
        writes: bool,
        input: &mut Value,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let (session, reads_need_sign_in) = match self {
            Access::Owner => return Ok(input.get("staff_id").and_then(Value::as_i64)),
            Access::Locked {
                session,
                reads_need_sign_in,
            } => (session, *reads_need_sign_in),
        };
        if need == Need::Public || (need == Need::SignedIn && !writes && !reads_need_sign_in) {
            return Ok(None);
        }
        let Some(s) = session else {
            return Err(sign_in_required());
        };
        if s.expired(now) {
            *session = None;
            return Err(Error::new(
                ErrorCode::SignInRequired,
                "The counter locked itself after being idle; sign in again",
                "前台空闲已自动锁定，请重新登录",
            ));
        }
        let own_secret = name == "staff.set_secret"
            && input.get("id").and_then(Value::as_i64) == Some(s.staff.id);
        if s.must_set_secret && !own_secret {
            return Err(Error::new(
                ErrorCode::SignInRequired,
                "Choose your PIN first",
                "请先设置您的 PIN",
            ));
        }
        s.last_active = now;
        if let Value::Object(map) = input {
            map.insert("staff_id".into(), json!(s.staff.id));
        }
        Ok(Some(s.staff.id))
    }

    /// After a command succeeded: a person who chose their PIN may go on.
    pub(super) fn after(&mut self, name: &str, acting: Option<i64>) {
        if let Access::Locked {
            session: Some(s), ..
        } = self
        {
            if name == "staff.set_secret" && acting == Some(s.staff.id) {
                s.must_set_secret = false;
            }
        }
    }
}

/// Checks a manager's PIN for one action: the manager's id, or the refusal
/// (after counting the wrong attempt, which the caller commits).
pub(super) fn check_authoriser(
    tx: &Tx,
    now: DateTime<Utc>,
    a: &Authorisation,
) -> Result<std::result::Result<i64, Error>> {
    let ctx = Ctx::new(tx, now);
    Ok(match access::verify(&ctx, a.staff_id, &a.secret)? {
        Verdict::Accepted {
            must_set_secret: false,
            staff,
        } => Ok(staff.id),
        Verdict::Accepted { staff, .. } => Err(Error::new(
            ErrorCode::Forbidden,
            format!("{} has no PIN yet", staff.name),
            format!("{} 尚未设置 PIN", staff.name),
        )
        .at("secret")),
        Verdict::Refused(e) => Err(e),
    })
}
