//! Rank 7: 发展党员 (domain.md section 10) — the people in the pipeline and their 25 steps, in order and on time by
//! the `dev-2014` rules; the accepting 支部大会 puts the 预备党员 in the registry and the approved 转正 makes them
//! 正式党员 (C7). The flat `development::…` paths adapters use are re-exported here.
pub mod config;
pub mod person;
pub mod rules;
pub mod step;
pub mod store;
pub mod tables;

pub use person::{add, board, show, stop, update, Person, PersonInput};
pub use step::{record, void_step, StepInput, StepResult, VoteInput};
pub use tables::{archive, counts, notice, record_table, table, timeline};

#[cfg(test)]
mod tests;
