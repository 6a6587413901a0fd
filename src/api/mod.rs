//! The command API: one list defines every operation the UI (and the CLI, and the
//! tests) may call. Each command takes a JSON input that deserialises into its
//! input type, runs in one transaction (all or nothing), and answers with a JSON
//! output or an [`Error`] `{code, message, message_zh, field}`.
//!
//! The Tauri shell and `jobcard call` are two faces of this same list.
//!
//! Who acts: a `Core` opened with [`Core::open`] is the file owner's handle
//! (tests, the demo, the benchmark, maintenance): a command's `staff_id` is
//! taken as given, and that person's permissions still apply. The app and
//! `jobcard call` lock it ([`Core::lock`]); then a command runs only for the
//! signed-in person (`session.rs`), whose id replaces any `staff_id` sent.
//!
//! Tests: tests/core/api/ and tests/core/shop/access.rs.

pub mod access;
pub mod backup;
mod backup_job;
mod files;
mod list;
pub mod restore;
pub mod server;
pub mod session;

pub use access::{Authorisation, SessionInfo};
pub use list::{command_types, commands, CommandInfo, CommandTypes, Need, TypeSink, AUDITED};

use crate::base::error::{Error, ErrorCode, Result};
use crate::ctx::Ctx;
use crate::store::{self};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::path::Path;

/// What a counter saw of the others' work when it last asked
/// (`Core::changed_elsewhere`; restore.rs reads the chain).
#[derive(Debug, Default)]
struct Seen {
    /// The store's change count from other connections.
    version: Option<i64>,
    /// The audit chain's last entry then (id, hash).
    chain: Option<(i64, String)>,
}

/// An open Jobcard database and the means to run commands on it.
pub struct Core {
    db: store::Db,
    fixed_now: Option<DateTime<Utc>>,
    access: access::Access,
    path: Option<std::path::PathBuf>,
    /// The server's connection string, for a shop on a server.
    server: Option<String>,
    /// What this counter saw of the others' work when it last asked.
    seen_elsewhere: Seen,
}

impl Core {
    pub fn open(path: &Path) -> Result<Core> {
        Ok(Core {
            db: store::open(path)?,
            fixed_now: None,
            access: access::Access::Owner,
            path: Some(path.to_path_buf()),
            server: None,
            seen_elsewhere: Seen::default(),
        })
    }

    /// Whether the shop lives on a PostgreSQL server.
    pub fn on_server(&self) -> bool {
        self.server.is_some()
    }

    /// Opens a shop on its PostgreSQL server (a libpq connection string).
    pub fn connect(params: &str) -> Result<Core> {
        Ok(Core {
            db: store::connect(params)?,
            fixed_now: None,
            access: access::Access::Owner,
            path: None,
            server: Some(params.to_string()),
            seen_elsewhere: Seen::default(),
        })
    }

    pub fn open_in_memory() -> Result<Core> {
        Ok(Core {
            db: store::open_in_memory()?,
            fixed_now: None,
            access: access::Access::Owner,
            path: None,
            server: None,
            seen_elsewhere: Seen::default(),
        })
    }

    /// Whether another process (a second counter on the same file, a command-line
    /// call) wrote to the shop since this was last asked; the first ask only
    /// takes note. The app asks every second and reloads what it shows. When
    /// another counter restored the shop from a backup, the person signed in
    /// here is signed out (their PIN may be another now) and told so.
    pub fn changed_elsewhere(&mut self) -> Result<bool> {
        let now = store::data_version(&mut self.db)?;
        let changed = self.seen_elsewhere.version.is_some_and(|seen| seen != now);
        self.seen_elsewhere.version = Some(now);
        let restored = store::restored_elsewhere(&mut self.db) | self.history_replaced(changed)?;
        if restored {
            if let access::Access::Locked { session, .. } = &mut self.access {
                if session.take().is_some() {
                    return Err(Error::new(
                        ErrorCode::SignInRequired,
                        "Another counter restored the shop from a backup; sign in again",
                        "另一台前台已从备份恢复店铺数据，请重新登录",
                    ));
                }
            }
        }
        Ok(changed)
    }

    /// Fixes the clock (tests, the demo shop); `None` returns to the real clock.
    pub fn set_now(&mut self, now: Option<DateTime<Utc>>) {
        self.fixed_now = now;
    }

    pub fn fixed_now(&self) -> Option<DateTime<Utc>> {
        self.fixed_now
    }

    pub fn now(&self) -> DateTime<Utc> {
        let t = self.fixed_now.unwrap_or_else(Utc::now);
        DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
    }

    /// Runs command `name` with a JSON input, in one transaction.
    pub fn call(&mut self, name: &str, input: Value) -> Result<Value> {
        self.call_authorised(name, input, None)
    }

    /// Runs a command; `by` is a manager's PIN allowing this one action at
    /// someone else's session (the audit entry names both people).
    pub fn call_authorised(
        &mut self,
        name: &str,
        input: Value,
        by: Option<&Authorisation>,
    ) -> Result<Value> {
        self.call_with_progress(name, input, by, None)
    }

    /// Runs a command that reports how far it is (an import): `progress` gets
    /// (done, total) as it goes.
    pub fn call_with_progress(
        &mut self,
        name: &str,
        mut input: Value,
        by: Option<&Authorisation>,
        progress: Option<&dyn Fn(u64, u64)>,
    ) -> Result<Value> {
        let info = commands()
            .into_iter()
            .find(|c| c.name == name)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::NotFound,
                    format!("There is no command '{name}'; `jobcard commands` lists them"),
                    format!("没有名为“{name}”的命令"),
                )
            })?;
        let now = self.now();
        let acting = self
            .access
            .admit(name, info.need, info.writes, &mut input, now)?;
        let tx = if info.writes || by.is_some() {
            store::write_tx(&mut self.db)?
        } else if info.by_key {
            store::lookup_tx(&mut self.db)?
        } else {
            store::read_tx(&mut self.db)?
        };
        let authorised_by = match by {
            None => None,
            Some(a) => match access::check_authoriser(&tx, now, a)? {
                Ok(id) => Some(id),
                Err(refusal) => {
                    // The wrong attempt is counted even though the action is refused.
                    tx.commit()?;
                    return Err(refusal);
                }
            },
        };
        let out = {
            let ctx = Ctx {
                authorised_by,
                progress,
                ..Ctx::new(&tx, now)
            };
            if let Need::Permission(p) = info.need {
                let Some(id) = acting else {
                    return Err(Error::invalid(
                        "staff_id",
                        "Say who acts: sign in, or name the person acting",
                        "请指明操作人：请先登录或指定操作人员",
                    ));
                };
                let who = crate::shop::access::require(&ctx, id, p)?;
                *ctx.admitted.borrow_mut() = Some(who);
            }
            let out = (info.run)(&ctx, input.clone())?;
            if AUDITED.contains(&name) {
                let content = crate::model::audit::summary(&input, &out);
                crate::shop::audit::append(&ctx, acting, name, &content)?;
            }
            out
        };
        tx.commit()?;
        self.access.after(name, acting);
        Ok(out)
    }

    /// Runs a command and deserialises its output (tests, demo, bench).
    pub fn exec<T: DeserializeOwned>(&mut self, name: &str, input: Value) -> Result<T> {
        let v = self.call(name, input)?;
        serde_json::from_value(v).map_err(|e| Error::internal(format!("output of {name}: {e}")))
    }

    /// Renders a document to PDF bytes, in one read transaction.
    pub fn render(&mut self, input: &crate::documents::RenderInput) -> Result<Vec<u8>> {
        Ok(self.render_named(input)?.1)
    }

    /// Renders a document: its file name and PDF bytes.
    pub fn render_named(
        &mut self,
        input: &crate::documents::RenderInput,
    ) -> Result<(String, Vec<u8>)> {
        let now = self.now();
        self.access.admit(
            "documents.render",
            Need::SignedIn,
            false,
            &mut Value::Null,
            now,
        )?;
        let tx = store::read_tx(&mut self.db)?;
        let ctx = Ctx::new(&tx, now);
        crate::documents::render_pdf(&ctx, input)
    }

    /// Runs `f` in a read transaction (the core's own reads outside the
    /// command list: sessions, backups).
    pub(crate) fn ctx_read<T>(&mut self, f: impl FnOnce(&Ctx) -> Result<T>) -> Result<T> {
        let now = self.now();
        let tx = store::read_tx(&mut self.db)?;
        let ctx = Ctx::new(&tx, now);
        f(&ctx)
    }

    /// Runs `f` in a write transaction, committed when it succeeds.
    pub(crate) fn ctx_write<T>(&mut self, f: impl FnOnce(&Ctx) -> Result<T>) -> Result<T> {
        let now = self.now();
        let tx = store::write_tx(&mut self.db)?;
        let out = {
            let ctx = Ctx::new(&tx, now);
            f(&ctx)?
        };
        tx.commit()?;
        Ok(out)
    }

    /// The store's handle (the benchmark's bulk generator writes through it).
    pub fn db(&mut self) -> &mut store::Db {
        &mut self.db
    }

    /// SQL straight on the shop, on either backend, for checks behind the
    /// app's back (tests): `core.checks().sql().query_row(…)`.
    pub fn checks(&mut self) -> store::checks::Checks<'_> {
        store::checks(&mut self.db)
    }

    /// Every table's row count and digest (store/digest.rs), on either backend.
    pub fn table_digests(&mut self) -> Result<Vec<store::digest::TableDigest>> {
        store::digest::of_shop(&mut self.db)
    }

    /// Direct access to a shop file for the store's own checks (tests,
    /// benchmark floor); a shop on a server has none.
    pub fn connection(&mut self) -> Result<&mut store::RawConnection> {
        self.db.raw()
    }
}
