//! Rank 7: 民主评议党员 (domain.md section 12): the year's appraisal linked to its 组织生活 meeting, the 测评 tallies,
//! the grades under the C12 cap, the 组织处置 of 不合格, and the prints (测评表, 汇总表, 结果报告).
pub mod rules;
pub mod store;
pub mod tables;
pub mod year;

pub use tables::print;
pub use year::{act, grade, open, opened, show, tally, update, years, ActionInput, Appraisal, AppraisalInput, GradeInput, TallyInput, Votes};

#[cfg(test)]
mod tests;
