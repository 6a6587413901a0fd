//! Read models composed for screens: a job's whole detail, the history of a
//! customer or item, the day's board, the appointment book, the reminder list
//! and the owner's figures. They read, and sit above the process (`job/`,
//! `care/`) so they may compose any of it. One writes: closing the day
//! (day_end.rs) records the count against the figures this floor computes,
//! so the two cannot drift apart. Tests: tests/core/views/.

pub mod board;
pub mod book;
pub mod day_end;
pub mod history;
pub mod job;
pub mod kpi;
pub mod reminder_list;
