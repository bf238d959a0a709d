//! Who the branch counts on a day (统计依据, section 13): members whose 正式组织关系 is here that day — in good
//! standing on it (the status history), there by then, and — for a 发展党员 — approved by the 上级党委 by then
//! (they count in the year of 审批). A member transferred in counts from the day they arrived, whatever their
//! 入党日期. 双重管理 members are in the registry once, where their relation is.
use crate::kernel::dates;
use crate::kernel::error::Result;
use crate::members::record::MemberRecord;
use crate::members::store as member_store;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

/// What counting needs, read once for a report.
pub struct Register {
    pub records: Vec<MemberRecord>,
    /// 转入 arrivals (member, 报到日), not cancelled.
    pub arrivals: Vec<(i64, String)>,
    /// A 发展党员's 审批 date (step 17); `None` while the approval is awaited.
    pub approvals: HashMap<i64, Option<String>>,
}

impl Register {
    pub fn load(conn: &Connection, today: NaiveDate) -> Result<Register> {
        let arrivals = crate::mobile::transfer::list(conn, today)?
            .into_iter()
            .filter(|t| t.direction == "in" && t.state != "cancelled")
            .map(|t| (t.member_id, t.date))
            .collect();
        let steps = crate::development::store::steps(conn)?;
        let mut approvals = HashMap::new();
        for p in crate::development::store::people(conn)? {
            if let Some(m) = p.member_id {
                let approved = steps.iter().filter(|s| s.person_id == p.id && s.step == 17).map(|s| s.date.clone()).min();
                approvals.insert(m, approved);
            }
        }
        Ok(Register { records: member_store::records(conn, false)?, arrivals, approvals })
    }

    /// The day a member begins to count: the 审批 of a 发展党员, else the 入党日期; `None` for one accepted but not
    /// yet approved. A record without 入党日期 counts as a long-standing member (never as 发展 of the year it was
    /// typed in); table 3 lists it for the missing date.
    pub fn start(&self, m: &MemberRecord) -> Option<String> {
        match self.approvals.get(&m.id) {
            Some(approved) => approved.clone(),
            None => Some(m.data.join_date.clone().unwrap_or_default()),
        }
    }

    /// The members counted on `day`.
    pub fn on(&self, conn: &Connection, day: NaiveDate) -> Result<Vec<&MemberRecord>> {
        let d = dates::iso(day);
        let status = member_store::status_on(conn, &d)?;
        let arrived_later: HashSet<i64> = self.arrivals.iter().filter(|(_, a)| *a > d).map(|(m, _)| *m).collect();
        Ok(self
            .records
            .iter()
            .filter(|m| status.get(&m.id).is_some_and(|s| s == "normal"))
            .filter(|m| !arrived_later.contains(&m.id))
            .filter(|m| self.start(m).is_some_and(|s| s <= d))
            .collect())
    }

    /// Members accepted as 预备党员 by a 支部大会 by `day` whose 上级党委审批 is not recorded by then: not counted yet.
    pub fn awaiting_approval(&self, day: NaiveDate) -> Vec<&MemberRecord> {
        let d = dates::iso(day);
        self.records
            .iter()
            .filter(|m| m.status == "normal" && m.data.join_date.as_deref().is_some_and(|j| j <= d.as_str()))
            .filter(|m| self.approvals.get(&m.id).is_some_and(|a| a.as_deref().is_none_or(|a| a > d.as_str())))
            .collect()
    }
}
