//! Rank 6: 党费 (domain.md section 9) — each member's dated standard computed under a rule-set (`dues-2008`) in
//! integer 分, the yearly 核定, collecting (several members and months at once, 代交, 补交/预交, voluntary extra),
//! reversals instead of edits, arrears and the 按自行脱党处理 warning (C9), 上缴, the tables the township asks for,
//! and the 积分 link. The flat `dues::…` paths adapters use are re-exported here.
pub mod arrears;
pub mod book;
pub mod config;
pub mod link;
pub mod month;
pub mod payment;
pub mod remit;
pub mod rules;
pub mod sheet;
pub mod standard;
pub mod store;
pub mod tables;

pub use config::DuesSettings;
pub use link::{deduct_unpaid, Deduction};
pub use payment::{member_payments, pay, reverse, PayInput, PayResult, Payment};
pub use remit::{remit, remits, reverse_remit, Remit, RemitInput, Remits};
pub use rules::{calc, Calc, CalcInput};
pub use sheet::{arrears_list, handle, member_dues, open_alerts, sheet, ArrearsList, ArrearsRow, HandleInput, Handling, MemberDues, Sheet};
pub use standard::{add_relief, review, revoke_relief, set_standard, set_standards, void_standard, BulkInput, Relief, ReliefInput, Review, Standard, StandardInput};
pub use tables::{table, TableRequest};

#[cfg(test)]
mod tests;
