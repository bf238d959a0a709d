//! Rank 3: 党员名册 — the member record, classification, search, roster, import.
pub mod check;
pub mod classify;
pub mod config;
pub mod headers;
pub mod import;
pub mod member;
pub mod record;
pub mod roster;
pub mod search;
pub mod standing;
pub mod store;
