//! Read models composed for screens: a job's whole detail and the history of a
//! customer or item. They only read, never write, and sit above the process
//! (`job/`) so they may compose any of it. Tests: tests/core/views.rs.

pub mod board;
pub mod history;
pub mod job;
