//! Table 43 (失联党员): members counted at the report date whose contact has been lost for 6 months or more
//! then, in the template's age, 党龄 (C6), duration and reason bands.
use super::bands::{self, TABLE43_AGE, TABLE43_LOST_MONTHS, TABLE43_PARTY_YEARS};
use super::basic::birth;
use super::model::{Counter, Missing, Table};
use crate::kernel::codes::LOST_REASON;
use crate::kernel::dates;
use crate::kernel::error::Result;
use crate::members::record::MemberRecord;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) fn table(conn: &Connection, counted: &[&MemberRecord], names: &HashMap<i64, String>, report: NaiveDate, missing: &mut Vec<Missing>) -> Result<Table> {
    let reasons: Vec<String> = LOST_REASON.iter().enumerate().map(|(i, (_, n))| format!("{}{n}", ["①", "②", "③", "④", "⑤", "⑥", "⑦"][i])).collect();
    let mut c = Counter::new(
        std::iter::once("失联党员总数".to_string())
            .chain(TABLE43_AGE.iter().map(|b| b.label.to_string()))
            .chain(TABLE43_PARTY_YEARS.iter().map(|b| format!("党龄{}", b.label)))
            .chain(TABLE43_LOST_MONTHS.iter().map(|b| b.label.to_string()))
            .chain(reasons.iter().cloned()),
    );
    let by_id: HashMap<i64, &MemberRecord> = counted.iter().map(|m| (m.id, *m)).collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_default();
    for l in crate::mobile::lost::list(conn, report)? {
        let Some(m) = by_id.get(&l.member_id) else { continue };
        // The months at the report date; a contact after it (or none recorded) cannot be placed.
        let Some(months) = l.last_contact.as_deref().and_then(dates::parse).filter(|d| *d <= report).and(l.months) else {
            missing.push(Missing { member_id: m.id, name: name(m.id), table: 43, field: "最后联系日期".into() });
            continue;
        };
        if months < 6 {
            missing.push(Missing { member_id: m.id, name: name(m.id), table: 43, field: format!("失联不满6个月（{months}个月），未计入") });
            continue;
        }
        c.add("失联党员总数", m.id);
        match birth(m).and_then(|b| bands::age_band(&TABLE43_AGE, b, report)) {
            Some(label) => c.add(label, m.id),
            None => missing.push(Missing { member_id: m.id, name: name(m.id), table: 43, field: "出生日期".into() }),
        }
        let full = m.data.full_date.as_deref().and_then(dates::parse);
        match bands::party_years_band(&TABLE43_PARTY_YEARS, full, report) {
            Some(label) => c.add(&format!("党龄{label}"), m.id),
            None => missing.push(Missing { member_id: m.id, name: name(m.id), table: 43, field: "转正日期（预备党员没有党龄）".into() }),
        }
        if let Some(label) = bands::band_of(&TABLE43_LOST_MONTHS, months) {
            c.add(label, m.id);
        }
        match l.reason.as_deref().and_then(|r| LOST_REASON.iter().position(|(k, _)| *k == r)) {
            Some(i) => c.add(&reasons[i], m.id),
            None => missing.push(Missing { member_id: m.id, name: name(m.id), table: 43, field: "失联原因".into() }),
        }
    }
    Ok(c.finish(43, "失联党员情况", vec!["失去联系6个月及以上的党员；年龄、党龄、失联时间按统计截止日期计算。".into()]))
}
