//! Rank 7: 民主评议党员 (domain.md section 12). So far its rules: the 优秀 cap (C12).
pub mod rules;
