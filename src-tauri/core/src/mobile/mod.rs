//! Rank 6: 流动党员, 组织关系转接 and 失联 (domain.md section 11). "Mobile" is defined here, once (rules::is_mobile),
//! and the registry's 身份类别 follows the card; 失联 stays on the member record, its searches and proposals here.
pub mod alerts;
pub mod card;
pub mod config;
pub mod contact;
pub mod lost;
pub mod rules;
pub mod store;
pub mod tables;
pub mod transfer;

pub use alerts::{alerts, Alert};
pub use card::{board, return_home, save, show, Board, Card, CardInput, Contact};
pub use contact::ContactInput;
pub use lost::{Lost, LostInput};
pub use tables::print;
pub use transfer::{InInput, OutInput, Transfer};

#[cfg(test)]
mod tests;
