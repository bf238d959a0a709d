//! BranchBook (支部台账) core: the domain, its storage and its reports. No UI dependency: the Tauri shell and the
//! `branchbook-cli` binary are two faces over these functions.
pub mod args;
pub mod audit;
pub mod backup;
pub mod classify;
pub mod codes;
pub mod compliance;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod home;
pub mod idcard;
pub mod import;
pub mod lock;
pub mod meeting;
pub mod member;
pub mod names;
pub mod org;
pub mod participation;
pub mod pdf;
pub mod print_docs;
pub mod points;
pub mod roster;
pub mod search;
pub mod settings;
pub mod study;
pub mod xlsx;

pub use error::{Error, ErrorPayload, FieldError, Result};
