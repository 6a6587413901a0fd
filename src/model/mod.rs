//! The records a repair shop keeps, as types, with the pure rules that need no
//! database: the job state machine, a line's amounts and status, the guarantee
//! minimum table, number formats, settings validation, customer and item input
//! cleaning. The store reads and writes these types; the rules above act on them.
//! Imports only `base/`. Unit tests sit beside each file; the rest of their
//! behaviour is tested through the commands in tests/core/.

pub mod access;
pub mod appointment;
pub mod approval;
pub mod audit;
pub mod backup;
pub mod callback;
pub mod card;
pub mod care;
pub mod complaint;
pub mod customer;
pub mod document_kind;
pub mod guarantee_terms;
pub mod inspection;
pub mod invoice;
pub mod item;
pub mod job;
pub mod job_event;
pub mod lang;
pub mod line;
pub mod numbering;
pub mod paper;
pub mod part;
pub mod quality;
pub mod reminder;
pub mod server;
pub mod settings;
pub mod sheet;
pub mod staff;
pub mod survey;
