//! 出席计分: entries that follow a meeting's attendance. Points sits below meetings, so it never reads meeting
//! tables: meetings builds the facts of a meeting (`MeetingFacts`) and hands them over on every change.
use super::ledger::{insert, void_in, NewEntry};
use super::rules::{rules, Rule};
use super::store;
use crate::kernel::codes;
use crate::kernel::error::Result;

use rusqlite::Transaction;

/// What points needs to know of a meeting, as meetings has it after saving.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingFacts {
    pub meeting_id: i64,
    /// A meeting kind code (theme_day, lecture …).
    pub kind: String,
    /// planned, held or cancelled.
    pub state: String,
    /// ISO date.
    pub date: String,
    pub topic: String,
    pub attendees: Vec<AttendeeFact>,
}

/// One expected attendee of the meeting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AttendeeFact {
    pub member_id: i64,
    /// present, leave or absent.
    pub status: String,
    /// Whether the member is in good standing (在册) now: only they earn or lose points.
    pub in_good_standing: bool,
}

/// Brings the entries a meeting's attendance produces in step with it: one entry per member and linked rule for
/// a held meeting, none for a planned or cancelled one. Entries that no longer fit (attendance corrected, date
/// moved, meeting cancelled) are voided; missing ones are added; nothing is counted twice. The meeting's roll is
/// kept too, for the month table's "was this member in the branch before" (points never reads meeting tables).
pub fn sync_meeting(tx: &Transaction, actor: &str, facts: &MeetingFacts) -> Result<()> {
    let MeetingFacts { meeting_id, kind, state, date, topic, attendees } = facts;
    let meeting_id = *meeting_id;
    let roll: Vec<i64> = attendees.iter().map(|a| a.member_id).collect();
    store::save_meeting_roll(tx, meeting_id, date, state, &roll)?;
    // Retired rules make no new entries, but the ones they made stay while the attendance still matches them
    // (switching scheme retires the attendance rules; correcting an old meeting must not void its points).
    let linked: Vec<Rule> = rules(tx, true)?.into_iter().filter(|r| r.data.meeting_kinds.contains(kind) && r.data.attendance.is_some()).collect();
    let mut want: Vec<(i64, &Rule)> = Vec::new();
    if state == "held" && !linked.is_empty() {
        for a in attendees.iter().filter(|a| a.in_good_standing) {
            want.extend(linked.iter().filter(|r| r.data.attendance.as_deref() == Some(a.status.as_str())).map(|r| (a.member_id, r)));
        }
    }
    let have = store::meeting_entries(tx, meeting_id)?;
    let reason = if state == "cancelled" { "会议已取消" } else { "会议出席情况或日期已更正" };
    for (id, member, rule_id, d) in &have {
        if d != date || !want.iter().any(|(m, r)| m == member && r.id == *rule_id) {
            void_in(tx, actor, *id, reason)?;
        }
    }
    let kind_name = codes::name_of(codes::MEETING_KIND, kind).unwrap_or("会议");
    let note = format!("{kind_name}：{topic}");
    for (member, rule) in want.into_iter().filter(|(_, r)| r.active) {
        if !have.iter().any(|(_, m, r, d)| *m == member && *r == rule.id && d == date) {
            insert(tx, actor, &NewEntry { member_id: member, date, rule, quantity: 10, note: Some(&note), meeting_id: Some(meeting_id) })?;
        }
    }
    Ok(())
}
