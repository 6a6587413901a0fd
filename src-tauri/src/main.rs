//! Jobcard's desktop executable; everything is in the library so it can be tested.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The command line's allocator (src/main.rs says why).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    jobcard_app::run();
}
