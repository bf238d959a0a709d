//! Rank 0: pure code with no data file — errors, dates, code lists, ID numbers, names, argument checking.
pub mod args;
pub mod codes;
pub mod dates;
pub mod error;
pub mod form;
pub mod idcard;
pub mod labels;
pub mod money;
pub mod names;
pub mod print_table;
