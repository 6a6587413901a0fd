//! Jobcard's core: the repair-shop service process from reception to handover
//! and on, its rules, its store and its command API. It knows nothing of any UI;
//! the desktop shell and the CLI call [`api::Core`].
//!
//! # Floors
//!
//! The core is built in floors; a file imports only from its own floor's lower
//! files and from the floors below it, never from above:
//!
//! ```text
//! main.rs, cli/                        the command line (a binary, not the library)
//! desktop.rs, demo/, bench/            faces and tools
//! api/        Core (open, call), list.rs (the one command table, with who may run
//!             each command), access.rs + session.rs (sign-in), backup.rs; bindings.rs
//! exchange/   data in and out: CSV/Excel import and export, a job's archive
//! documents/  printed documents          views/  read models for screens
//! job/        the counter process, one file or folder per step; gate.rs is the
//!             whole approval gate
//! records/    customers, items, search
//! shop/       settings, staff, access (PINs, permissions), audit chain, setup,
//!             numbering, stock
//! ctx.rs      Ctx { tx, now, authorised_by, progress }: what every handler gets
//! store/      all SQL, one module per table, behind Jobcard's own Tx type
//! model/      record types and their pure rules (no database)
//! base/       error, money, totals, text checks, time, images
//! ```
//!
//! # Invariants (checked by tests/core/architecture.rs)
//!
//! - Imports point down: no file imports a floor above its own, and no two
//!   files import each other in a circle.
//! - Only `api/`, `main.rs`, `desktop.rs`, `demo/` and `bench/` name `crate::api`;
//!   only `api/` knows command names.
//! - Only `store/` names `rusqlite` or holds SQL; it imports `model/` and `base/`
//!   and nothing else of the crate, so a second backend can sit beside it.
//! - `base/` imports nothing of the crate; `model/` imports only `base/`.
//! - No Rust source file is over 500 lines (generated bindings aside).
//!
//! Deliberately absent: a global connection or clock (the `Ctx` carries both),
//! floats in money, string-typed errors, and any dependency on Tauri.

pub mod api;
pub mod base;
pub mod bench;
pub mod bindings;
pub mod care;
pub mod ctx;
pub mod demo;
pub mod desktop;
pub mod documents;
pub mod exchange;
pub mod job;
pub mod model;
pub mod records;
pub mod shop;
pub mod store;
pub mod views;

pub use api::Core;
pub use base::error::{Error, ErrorCode, Result};
