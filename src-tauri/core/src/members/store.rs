//! SQL on the tables members owns (architecture.md: table ownership).

pub mod activity;
