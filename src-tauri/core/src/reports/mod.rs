//! Rank 8: what reads across areas — home, printed documents.
pub mod home;
pub mod print_docs;
