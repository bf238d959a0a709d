//! Rank 5: 组织生活 — meetings, attendance, participation, study plans, 落实情况.
pub mod compliance;
pub mod config;
pub mod meeting;
pub mod participation;
pub mod sign_in;
pub mod store;
pub mod study;
