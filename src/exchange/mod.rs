//! Data in and out of the shop (floor 10, above the documents it packs and
//! below the command API): bringing customers, items and parts with stock in
//! from another system's CSV or Excel files (`table` reads a file, `fields`
//! names and guesses its columns, `rows` checks each row by the counter's own
//! rules, `plan` finds duplicates and what each row creates, `import` previews
//! and commits all or nothing); exporting a period's customers, items, jobs,
//! invoices and payments as CSV or Excel (`export`); and a job's full record
//! as one archive of PDFs, photos and JSON (`archive`).
//!
//! Who may: the `data` permission (managers by default).
//! Tests: tests/core/exchange/.

pub mod archive;
pub mod export;
pub mod fields;
pub mod import;
pub mod plan;
pub mod rows;
pub mod table;
