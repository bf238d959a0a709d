//! Rank 4: 积分制 — rules, the ledger, attendance-linked entries, monthly tables with rank and tier, 约谈提醒,
//! 公示 and the township's spreadsheets. Points are kept in tenths (迟到 −0.5 is −5) so sums are exact; the API
//! speaks points with one decimal. The flat `points::…` paths adapters use are re-exported here.
pub mod alerts;
pub mod attendance;
pub mod config;
pub mod export;
pub mod history;
pub mod ledger;
pub mod month;
pub mod rules;
pub mod scheme;
pub mod store;
pub mod tenths;

pub use alerts::{alerts, record_talk, Alert, Talk, TalkInput, BOTTOM_TIE_MAX};
pub use attendance::{sync_meeting, AttendeeFact, MeetingFacts};
pub use export::{file_title, formula_line, month_print_table, notice_table, write_month, write_year};
pub use history::{member_history, MemberHistory, MemberMonth};
pub use ledger::{add, add_in, entries, void, AddResult, Entry, EntryInput, EntryQuery};
pub use month::{month_table, parse_month, MonthRow, MonthTable, TableColumn, TableRequest};
pub use rules::{create_rule, rule, rule_id_by_name, rules, set_rule_active, update_rule, Rule, RuleData, CATEGORY, UNIT};
pub use scheme::adopt_hundred;
pub use tenths::{from_tenths, show, to_tenths};

#[cfg(test)]
mod tests;
