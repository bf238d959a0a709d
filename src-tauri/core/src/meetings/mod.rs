//! Rank 5: 组织生活 — meetings, attendance, participation, study plans, 落实情况.
mod check;
pub mod compliance;
pub mod config;
pub mod expected;
pub mod makeup;
pub mod meeting;
pub mod participation;
pub mod sign_in;
pub mod store;
pub mod study;
pub mod tally;
