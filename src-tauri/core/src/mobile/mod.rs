//! Rank 6: 流动党员 and 组织关系转接 (domain.md section 11). So far its rules: who is mobile (defined here, once), the
//! 介绍信's 有效期 and the 回执 deadline.
pub mod rules;
