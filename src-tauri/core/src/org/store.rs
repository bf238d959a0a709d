//! SQL on the tables org owns (architecture.md: table ownership).

pub mod activity;
