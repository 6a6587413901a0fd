//! Jobcard's desktop executable; everything is in the library so it can be tested.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    jobcard_app::run();
}
