//! The core's integration tests, in one binary (one link instead of thirteen),
//! with modules that mirror `src/`: a rule's test sits where a newcomer looks
//! for it (`src/job/gate.rs` → `tests/core/job/gate.rs`). Every test works on a
//! real SQLite file in a temporary folder; documents are checked by extracting
//! their text with poppler. `architecture` checks the floors of `src/lib.rs`.

mod architecture;
mod common;

mod api {
    mod bad_input;
    mod bindings;
    mod changes;
    mod hostile;
}
mod care {
    mod appointments;
    mod callbacks;
    mod complaints;
    mod reminders;
    mod satisfaction;
}
mod base {
    mod totals;
}
mod documents;
mod exchange {
    mod archive;
    mod export;
    mod import;
}
mod faces {
    mod bench;
    mod cli;
    mod desktop;
}
mod job {
    mod approval;
    mod canned;
    mod estimate;
    mod fapiao;
    mod gate;
    mod guarantee;
    mod inspection;
    mod intake;
    mod invoice;
    mod lifecycle;
    mod parts;
    mod quality;
    mod reception;
    mod work;
}
mod records {
    mod items;
    mod search;
}
mod shop {
    mod access;
    mod audit;
    mod numbering;
    mod settings;
    mod staff;
    mod stock;
}
mod store {
    mod backup;
    mod cards;
    mod contract;
    mod crash;
    mod pg;
    mod pg_memory;
    mod pg_move;
    mod pg_plans;
    mod pg_restore;
    mod pg_round_trips;
    mod pg_shared;
    mod pg_tls;
    mod place;
    mod together;
}
mod views {
    mod board;
    mod day_end;
    mod history;
    mod kpi;
    pub(crate) mod reminder_list;
}
