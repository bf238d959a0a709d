//! BranchBook (支部台账) core: the domain, its storage and its reports. No UI dependency: the Tauri shell and the
//! `branchbook-cli` binary are two faces over these functions.
//!
//! Layers (see README "Architecture"): a module uses only lower ranks, siblings do not use each other.
//! 0 `kernel` → 1 `store` → 2 `org`, `safety` → 3 `members` → 4 `points` → 5 `meetings` → 6 `dues`, `mobile`, `care` → 7 `development`, `appraisal` → 8 `reports`, `settings`, `demo`.
pub mod kernel;
pub mod store;
pub mod org;
pub mod safety;
pub mod members;
pub mod points;
pub mod meetings;
pub mod dues;
pub mod mobile;
pub mod care;
pub mod development;
pub mod appraisal;
pub mod reports;
pub mod settings;
pub mod demo;

pub use kernel::error::{Error, ErrorPayload, FieldError, Result};
