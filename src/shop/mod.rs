//! Shop-wide things every job uses: settings, staff (and who acts), first-start
//! setup, gapless numbering, and the parts catalogue with its stock. Stands on
//! `ctx`, the store and the model; knows nothing of customers or jobs.
//! Tests: tests/core/shop/.

pub mod access;
pub mod audit;
pub mod numbering;
pub mod period;
pub mod settings;
pub mod setup;
pub mod staff;
pub mod stock;
