//! Sign-in secrets and permissions: a person's PIN or password is kept only as
//! a slow salted argon2id hash; five wrong ones in a row lock that person out
//! for a minute; what a person may do follows their roles through the table the
//! manager edits. The signed-in session itself is held by `api/session.rs`.
//!
//! Tests: tests/core/shop/access.rs.

use crate::base::error::{Error, ErrorCode, Result};
use crate::base::time::time_text;
use crate::ctx::{Ctx, NoInput};
use crate::model::access::{
    check_manager_keeps_control, check_secret, Permission, RolePermissions, LOCKOUT_SECONDS,
    MAX_FAILED_SIGN_INS,
};
use crate::model::staff::Staff;
use crate::shop::staff::{active, actor};
use crate::store;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use rand_core::OsRng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The argon2id hash of a secret, with a fresh random salt (PHC string).
pub fn hash_secret(secret: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(Error::internal)
}

fn matches(hash: &str, secret: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(secret.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Whether `staff` holds `permission` through any of their roles.
pub fn may(ctx: &Ctx, staff: &Staff, permission: Permission) -> Result<bool> {
    store::permissions::any_holds(ctx.tx, &staff.roles, permission)
}

/// Every permission `staff` holds through their roles (the session's list).
pub fn permissions_of(ctx: &Ctx, staff: &Staff) -> Result<Vec<Permission>> {
    let mut out = Vec::new();
    for p in Permission::ALL {
        if may(ctx, staff, p)? {
            out.push(p);
        }
    }
    Ok(out)
}

/// The active person acting, checked to hold `permission` themselves or
/// through the manager who authorised this one action with their PIN.
pub fn require(ctx: &Ctx, staff_id: i64, permission: Permission) -> Result<Staff> {
    // The person and the roles holding the permission, in one wait.
    let (found, holding) = ctx.tx.together((
        store::staff::get_read(staff_id),
        store::permissions::holding_read(permission),
    ))?;
    let who = active(found, staff_id)?;
    if store::permissions::holds(&who.roles, &holding) {
        return Ok(who);
    }
    if let Some(by) = ctx.authorised_by {
        let manager = actor(ctx, by)?;
        if store::permissions::holds(&manager.roles, &holding) {
            return Ok(who);
        }
    }
    Err(Error::new(
        ErrorCode::Forbidden,
        format!(
            "{} may not {}; a manager can allow it with their PIN",
            who.name,
            permission.en()
        ),
        format!(
            "{} 无权{}；可由经理输入 PIN 授权",
            who.name,
            permission.zh()
        ),
    )
    .at("staff_id"))
}

/// The answer to a sign-in attempt. A refusal is an answer, not a failure of
/// the command: the count of wrong attempts it wrote must be kept.
pub enum Verdict {
    Accepted {
        staff: Staff,
        /// The person has no secret yet and must choose one now (only the
        /// manager of a shop upgraded from before sign-in existed).
        must_set_secret: bool,
    },
    Refused(Error),
}

fn time_of(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Checks `secret` for `staff_id`, counting wrong attempts.
pub fn verify(ctx: &Ctx, staff_id: i64, secret: &str) -> Result<Verdict> {
    let staff = match actor(ctx, staff_id) {
        Ok(s) => s,
        Err(e) => return Ok(Verdict::Refused(e)),
    };
    let Some(cred) = store::credentials::get(ctx.tx, staff_id)? else {
        let first_ever = store::credentials::with_secret(ctx.tx)?.is_empty();
        if first_ever && staff.has(crate::model::staff::Role::Manager) {
            return Ok(Verdict::Accepted {
                staff,
                must_set_secret: true,
            });
        }
        return Ok(Verdict::Refused(
            Error::new(
                ErrorCode::Forbidden,
                format!(
                    "{} has no PIN yet; a manager sets it in Settings › Staff",
                    staff.name
                ),
                format!("{} 尚未设置 PIN，请经理在“设置 › 员工”中设置", staff.name),
            )
            .at("secret"),
        ));
    };
    if let Some(until) = cred.locked_until.as_deref().and_then(time_of) {
        if until > ctx.now {
            let secs = (until - ctx.now).num_seconds().max(1);
            return Ok(Verdict::Refused(
                Error::new(
                    ErrorCode::Forbidden,
                    format!(
                        "Too many wrong PINs: {} can try again in {secs} s",
                        staff.name
                    ),
                    format!("PIN 错误次数过多：{} 须等待 {secs} 秒后再试", staff.name),
                )
                .at("secret"),
            ));
        }
    }
    if matches(&cred.hash, secret) {
        store::credentials::record_success(ctx.tx, staff_id)?;
        return Ok(Verdict::Accepted {
            staff,
            must_set_secret: false,
        });
    }
    // A lock-out that ran out starts a fresh count.
    let failed = if cred.locked_until.is_some() {
        1
    } else {
        cred.failed + 1
    };
    let locked = (failed >= MAX_FAILED_SIGN_INS)
        .then(|| time_text(ctx.now + Duration::seconds(LOCKOUT_SECONDS)));
    store::credentials::record_failure(ctx.tx, staff_id, failed, locked.as_deref())?;
    let left = MAX_FAILED_SIGN_INS - failed;
    Ok(Verdict::Refused(
        if left > 0 {
            Error::new(
                ErrorCode::Forbidden,
                format!("Wrong PIN ({left} tries left before a one-minute lock)"),
                format!("PIN 错误（再错 {left} 次将锁定一分钟）"),
            )
        } else {
            Error::new(
                ErrorCode::Forbidden,
                format!("Wrong PIN: {} is locked for a minute", staff.name),
                format!("PIN 错误：{} 已被锁定一分钟", staff.name),
            )
        }
        .at("secret"),
    ))
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetSecret {
    /// Who sets it (the session's person).
    pub staff_id: i64,
    /// Whose secret it is.
    pub id: i64,
    /// The new PIN (4–8 digits) or password (8–128 characters).
    pub secret: String,
}

#[derive(Debug, Serialize, TS)]
pub struct SecretSet {
    pub id: i64,
    pub kind: crate::model::access::SecretKind,
}

/// Sets a person's secret: their own (signed in as themselves), or anyone's by
/// a person holding the staff permission (the manager setting or resetting it).
pub fn set_secret(ctx: &Ctx, input: SetSecret) -> Result<SecretSet> {
    if input.id != input.staff_id {
        require(ctx, input.staff_id, Permission::Staff)?;
    } else {
        actor(ctx, input.staff_id)?;
    }
    store::staff::get(ctx.tx, input.id)?
        .ok_or_else(|| Error::not_found("Staff member", "员工", input.id).at("id"))?;
    let kind = check_secret("secret", &input.secret)?;
    let hash = hash_secret(&input.secret)?;
    store::credentials::set(
        ctx.tx,
        input.id,
        kind,
        &hash,
        &ctx.now_text(),
        Some(input.staff_id),
    )?;
    Ok(SecretSet { id: input.id, kind })
}

/// Sets the first manager's secret at setup (no session exists yet).
pub fn set_first_secret(ctx: &Ctx, staff_id: i64, secret: &str, field: &str) -> Result<()> {
    let kind = check_secret(field, secret)?;
    let hash = hash_secret(secret)?;
    store::credentials::set(ctx.tx, staff_id, kind, &hash, &ctx.now_text(), None)
}

/// Who has a secret (the staff screen shows who still needs one).
pub fn with_secret(ctx: &Ctx, _: NoInput) -> Result<Vec<i64>> {
    store::credentials::with_secret(ctx.tx)
}

/// The role–permission table.
pub fn permissions(ctx: &Ctx, _: NoInput) -> Result<Vec<RolePermissions>> {
    store::permissions::table(ctx.tx)
}

#[derive(Debug, Deserialize, JsonSchema, TS)]
#[ts(optional_fields = nullable)]
pub struct SetPermissions {
    pub staff_id: i64,
    pub table: Vec<RolePermissions>,
}

/// Replaces the role–permission table (the manager keeps settings and staff).
pub fn set_permissions(ctx: &Ctx, input: SetPermissions) -> Result<Vec<RolePermissions>> {
    require(ctx, input.staff_id, Permission::Settings)?;
    check_manager_keeps_control(&input.table)?;
    store::permissions::replace(ctx.tx, &input.table)?;
    store::permissions::table(ctx.tx)
}
