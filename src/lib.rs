//! Jobcard's core: the repair-shop service process from reception to the
//! customer's approval and on, its rules, its SQLite store and its command API.
//! It knows nothing of any UI; the desktop shell and the CLI call [`api::Core`].

pub mod api;
pub mod approval;
pub mod bench;
pub mod customers;
pub mod demo;
pub mod desktop;
pub mod documents;
pub mod error;
pub mod estimate;
pub mod guarantee;
pub mod guarantee_terms;
pub mod history;
pub mod inspection;
pub mod invoice;
pub mod items;
pub mod job;
pub mod job_view;
pub mod money;
pub mod numbering;
pub mod parts;
pub mod quality;
pub mod reception;
pub mod search;
pub mod settings;
pub mod staff;
pub mod store;
pub mod text;
pub mod totals;
pub mod work;

pub use api::Core;
pub use error::{Error, ErrorCode, Result};
