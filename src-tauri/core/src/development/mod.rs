//! Rank 7: 发展党员 (domain.md section 10). So far the rules: the 25 steps and their time limits as data
//! (`dev-2014`), 预备期满 (C7), deadlines (C3, C4, C8), training, age on the meeting day and the vote (C13).
pub mod rules;
