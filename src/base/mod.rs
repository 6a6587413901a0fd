//! The ground floor: what every other floor uses and that knows nothing of
//! repair shops' records: the error type that crosses to the UI, exact money
//! and quantities, line and tax totals, input text checks, time text, images.
//! Imports nothing of the crate. Tested in tests/core/base.rs and beside the code.

pub mod code;
pub mod error;
pub mod image;
pub mod money;
pub mod pinyin;
pub mod text;
pub mod time;
pub mod totals;
