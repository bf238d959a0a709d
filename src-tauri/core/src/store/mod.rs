//! Rank 1: the data file and what writes files — open/lock/migrate, the audit-log writer, xlsx and PDF writers.
pub mod audit;
pub mod db;
pub mod kv;
pub mod pdf;
pub mod sheet;
pub mod snapshot;
pub mod upgrade;
pub mod xlsx;
