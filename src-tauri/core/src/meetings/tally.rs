//! 参学率: counting one meeting or one member over many (出席, 请假, 缺席, 补学) and the 支部党员大会 quorum.
use super::meeting::Attendee;
use serde::Serialize;

pub fn took_part(status: &str, mode: Option<&str>) -> bool {
    status == "present" || matches!(mode, Some("home" | "online"))
}

/// Counts of one meeting or one member over many meetings, and the 参学率 the leave setting gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Tally {
    pub expected: u32,
    pub present: u32,
    pub leave: u32,
    pub absent: u32,
    /// 请假 or 缺席, then took part by 上门送学 or 网络学习.
    pub made_up: u32,
    pub took_part: u32,
    /// took_part ÷ expected, where 请假 without make-up counts as the leave setting says; `None` with nobody expected.
    pub rate: Option<f64>,
}

impl Tally {
    pub fn add(&mut self, status: &str, mode: Option<&str>) {
        self.expected += 1;
        match status {
            "present" => self.present += 1,
            "leave" => self.leave += 1,
            _ => self.absent += 1,
        }
        if took_part(status, mode) {
            self.took_part += 1;
            if status != "present" {
                self.made_up += 1;
            }
        }
    }

    /// From counts summed in SQL: expected, present, leave, absent, took part, and 请假 not made up.
    pub fn from_counts(c: [u32; 6], leave_policy: &str) -> Self {
        let [expected, present, leave, absent, took_part, leave_only] = c;
        let made_up = took_part - present;
        Tally { expected, present, leave, absent, made_up, took_part, rate: None }.finish(leave_policy, leave_only)
    }

    /// The SQL sums `from_counts` takes, over attendance rows aliased `a`.
    pub const SQL_COUNTS: &'static str = "count(a.member_id), \
        total(a.status = 'present'), \
        total(a.status = 'leave'), \
        total(a.status = 'absent'), \
        total(a.status = 'present' OR coalesce(a.mode IN ('home', 'online'), 0)), \
        total(a.status = 'leave' AND NOT coalesce(a.mode IN ('home', 'online'), 0))";

    /// Reads the six sums of `SQL_COUNTS` starting at column `at`.
    pub fn counts_at(r: &rusqlite::Row, at: usize) -> rusqlite::Result<[u32; 6]> {
        let mut c = [0u32; 6];
        for (i, v) in c.iter_mut().enumerate() {
            // total() is a float (0.0 over no rows), count() an integer.
            *v = match r.get_ref(at + i)? {
                rusqlite::types::ValueRef::Integer(n) => n as u32,
                rusqlite::types::ValueRef::Real(f) => f as u32,
                _ => 0,
            };
        }
        Ok(c)
    }

    /// Fixes `rate` once every row is added.
    pub fn finish(mut self, leave_policy: &str, leave_not_made_up: u32) -> Self {
        let (num, den) = match leave_policy {
            "exclude" => (self.took_part, self.expected - leave_not_made_up),
            "present" => (self.took_part + leave_not_made_up, self.expected),
            _ => (self.took_part, self.expected),
        };
        self.rate = (den > 0).then(|| f64::from(num) / f64::from(den));
        self
    }
}

/// Tallies rows of (status, mode).
pub fn tally<'a>(rows: impl IntoIterator<Item = (&'a str, Option<&'a str>)>, leave_policy: &str) -> Tally {
    let mut t = Tally::default();
    let mut leave_only = 0;
    for (status, mode) in rows {
        t.add(status, mode);
        if status == "leave" && !took_part(status, mode) {
            leave_only += 1;
        }
    }
    t.finish(leave_policy, leave_only)
}

/// 支部党员大会 quorum: more than half of the voting members, and 预备党员 do not vote.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Quorum {
    pub voting: u32,
    pub present_voting: u32,
    pub met: bool,
}

pub fn quorum(attendees: &[Attendee]) -> Quorum {
    let voting: Vec<&Attendee> = attendees.iter().filter(|a| a.category.as_deref() != Some("probationary")).collect();
    let present_voting = voting.iter().filter(|a| a.attendance.status == "present").count() as u32;
    let voting = voting.len() as u32;
    Quorum { voting, present_voting, met: voting > 0 && present_voting * 2 > voting }
}
