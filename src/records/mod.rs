//! The customer records the shop keeps apart from any one job: customers, their
//! items (vehicles and devices) with ownership and odometer history, and the one
//! search box. Stands on `shop/`. Tests: tests/core/records/.

pub mod customers;
pub mod items;
pub mod search;
