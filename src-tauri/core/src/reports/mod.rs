//! Rank 8: what reads across areas — home, printed documents, the audit viewer.
pub mod audit;
pub mod home;
pub mod print_docs;
