//! Rank 8: what reads across areas — home, printed documents, the audit viewer, 党内统计.
pub mod audit;
pub mod catalog;
pub mod charts;
pub mod home;
pub mod print_docs;
pub mod township;
pub mod stats;
