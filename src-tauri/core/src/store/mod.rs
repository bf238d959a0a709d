//! Rank 1: the data file and what writes files — open/lock/migrate, the audit-log writer, xlsx and PDF writers —
//! and what reads files from outside under limits (outside/, sheet.rs, limits.rs).
pub mod audit;
pub mod db;
pub mod kv;
pub mod limits;
pub mod outside;
pub mod pdf;
pub mod sheet;
pub mod snapshot;
pub mod upgrade;
pub mod xlsx;
