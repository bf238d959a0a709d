//! 党内统计 (issue 16, domain.md section 13). So far: the bands of the tables as data with their template year, and
//! tables 2–4 as of a report date with the members a table cannot place and the cross-checks of their totals.
pub mod bands;
pub mod basic;

pub use basic::{basic, Basic, Check, Missing};

#[cfg(test)]
mod tests;
