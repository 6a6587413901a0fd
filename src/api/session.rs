//! Signing in and out: a person signs in with their PIN or password (wrong
//! attempts counted and kept, five lock them out for a minute), every attempt
//! goes into the audit chain, and the session then decides who acts
//! (access.rs).
//!
//! Tests: tests/core/shop/access.rs.

use super::access::{Access, Session, SessionInfo};
use super::Core;
use crate::base::error::Result;
use crate::base::time::time_text;
use crate::ctx::Ctx;
use crate::shop::access::{self, Verdict};
use crate::store;
use chrono::Duration;
use serde_json::json;

impl Core {
    /// Locks this handle: from now on only a signed-in person acts.
    pub fn lock(&mut self, reads_need_sign_in: bool) {
        self.access = Access::Locked {
            session: None,
            reads_need_sign_in,
        };
    }

    /// Runs `f` as the file's owner (the demo filling an empty shop), then
    /// locks again as before. Callers check that nobody could be signed in.
    pub fn as_owner<T>(&mut self, f: impl FnOnce(&mut Core) -> Result<T>) -> Result<T> {
        let was = std::mem::replace(&mut self.access, Access::Owner);
        let out = f(self);
        self.access = was;
        out
    }

    /// Signs a person in with their PIN or password (replacing whoever was
    /// signed in). Wrong attempts are counted and kept even though refused.
    pub fn sign_in(&mut self, staff_id: i64, secret: &str) -> Result<SessionInfo> {
        let now = self.now();
        let tx = store::write_tx(&mut self.db)?;
        let ctx = Ctx::new(&tx, now);
        let verdict = access::verify(&ctx, staff_id, secret)?;
        let accepted = matches!(verdict, Verdict::Accepted { .. });
        let who = accepted.then_some(staff_id);
        let content = json!({ "staff_id": staff_id, "accepted": accepted });
        crate::shop::audit::append(&ctx, who, "session.sign_in", &content)?;
        let info = match verdict {
            Verdict::Refused(e) => {
                tx.commit()?;
                return Err(e);
            }
            Verdict::Accepted {
                staff,
                must_set_secret,
            } => {
                let settings = crate::shop::settings::load(&ctx)?;
                let permissions = access::permissions_of(&ctx, &staff)?;
                SessionInfo {
                    staff,
                    permissions,
                    signed_in_at: time_text(now),
                    idle_lock_minutes: settings.idle_lock_minutes.max(1),
                    must_set_secret,
                }
            }
        };
        tx.commit()?;
        let session = Session {
            staff: info.staff.clone(),
            signed_in_at: now,
            last_active: now,
            idle: Duration::minutes(i64::from(info.idle_lock_minutes)),
            must_set_secret: info.must_set_secret,
        };
        let reads = match &self.access {
            Access::Locked {
                reads_need_sign_in, ..
            } => *reads_need_sign_in,
            Access::Owner => true,
        };
        self.access = Access::Locked {
            session: Some(session),
            reads_need_sign_in: reads,
        };
        Ok(info)
    }

    /// Signs the person out: the counter shows the sign-in screen.
    pub fn sign_out(&mut self) -> Result<()> {
        let who = match &mut self.access {
            Access::Locked { session, .. } => session.take().map(|s| s.staff.id),
            Access::Owner => None,
        };
        if let Some(id) = who {
            self.ctx_write(|ctx| {
                crate::shop::audit::append(ctx, Some(id), "session.sign_out", &json!({}))
            })?;
        }
        Ok(())
    }

    /// Who is signed in, if anyone (a session past its idle time is ended).
    pub fn session(&mut self) -> Result<Option<SessionInfo>> {
        let now = self.now();
        let Access::Locked { session, .. } = &mut self.access else {
            return Ok(None);
        };
        let Some(s) = session else { return Ok(None) };
        if s.expired(now) {
            *session = None;
            return Ok(None);
        }
        let (staff, signed_in_at, idle, must) =
            (s.staff.clone(), s.signed_in_at, s.idle, s.must_set_secret);
        let permissions = self.ctx_read(|ctx| access::permissions_of(ctx, &staff))?;
        Ok(Some(SessionInfo {
            staff,
            permissions,
            signed_in_at: time_text(signed_in_at),
            idle_lock_minutes: u32::try_from(idle.num_minutes()).unwrap_or(5),
            must_set_secret: must,
        }))
    }
}
