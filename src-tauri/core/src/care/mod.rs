//! Rank 6: 关爱帮扶 and 老党员 (domain.md section 11). So far its rules: the 「光荣在党50年」纪念章 year (C6) and
//! 新中国成立前入党.
pub mod rules;
