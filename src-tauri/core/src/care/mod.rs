//! Rank 6: 关爱帮扶 and 老党员 (domain.md section 11): the 困难党员 register, visits with 慰问金, the 慰问对象名单
//! and 签收表 before 春节 and 七一, 老党员 and the 「光荣在党50年」纪念章, and 政治生日.
pub mod config;
pub mod elders;
pub mod hardship;
pub mod rules;
pub mod store;
pub mod tables;
pub mod visit;

pub use config::CareSettings;
pub use elders::{birthdays, elders, issue_medals, medals, Birthday, Elder, MedalRow, Medals};
pub use hardship::{Hardship, HardshipInput};
pub use tables::{print, TableRequest};
pub use visit::{Visit, VisitInput};

#[cfg(test)]
mod tests;
