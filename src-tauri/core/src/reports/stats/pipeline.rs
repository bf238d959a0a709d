//! Tables 15 (预备党员转正) and 16 (发展党员) from the registry and the 发展党员 steps: a 发展党员 counts in the
//! year of the 上级党委审批 (section 13), a 转正 in the year of its 审批, an extension or a cancellation in the year
//! of the 支部大会 that decided it. Ages at the report date (C5, C11).
use super::basic::{birth, is_minority, is_woman};
use super::bands::{self, TABLE16_AGE};
use super::counted::Register;
use super::model::{Counter, Missing, Table};
use crate::development::store as dev_store;
use crate::kernel::dates;
use crate::kernel::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) fn developed(reg: &Register, developed: &[i64], names: &HashMap<i64, String>, report: NaiveDate, missing: &mut Vec<Missing>) -> Table {
    let mut c = Counter::new(
        ["发展党员总数", "女", "少数民族"].into_iter().chain(TABLE16_AGE.iter().map(|b| b.label)).chain(["大专及以上学历"]),
    );
    for m in reg.records.iter().filter(|m| developed.contains(&m.id)) {
        c.add("发展党员总数", m.id);
        if is_woman(m) == Some(true) {
            c.add("女", m.id);
        }
        if is_minority(m) == Some(true) {
            c.add("少数民族", m.id);
        }
        match birth(m).and_then(|b| bands::age_band(&TABLE16_AGE, b, report)) {
            Some(label) => c.add(label, m.id),
            None => missing.push(Missing { member_id: m.id, name: names.get(&m.id).cloned().unwrap_or_default(), table: 16, field: "出生日期".into() }),
        }
        if m.data.education.as_deref().and_then(bands::village_education_band) == Some("大专及以上") {
            c.add("大专及以上学历", m.id);
        }
    }
    c.finish(16, "发展党员情况", vec!["按上级党委审批的日期统计；年龄按统计截止日期计算。".into()])
}

pub(super) fn full(conn: &Connection, reg: &Register, after: NaiveDate, day: NaiveDate) -> Result<Table> {
    let (p, d) = (dates::iso(after), dates::iso(day));
    let within = |s: &str| s > p.as_str() && s <= d.as_str();
    let people = dev_store::people(conn)?;
    let steps = dev_store::steps(conn)?;
    let member_of: HashMap<i64, i64> = people.iter().filter_map(|x| x.member_id.map(|m| (x.id, m))).collect();
    let mut c = Counter::new(["转正总数", "其中：按期转正", "延长预备期", "取消预备党员资格"]);
    for s in &steps {
        let Some(&m) = member_of.get(&s.person_id) else { continue };
        if !within(&s.date) {
            continue;
        }
        match (s.step, s.outcome.as_deref()) {
            (24, _) => {
                c.add("转正总数", m);
                let extended = steps.iter().any(|x| x.person_id == s.person_id && x.step == 23 && x.outcome.as_deref() == Some("extend"));
                if !extended {
                    c.add("其中：按期转正", m);
                }
            }
            (23, Some("extend")) => c.add("延长预备期", m),
            (23, Some("cancel")) => c.add("取消预备党员资格", m),
            _ => {}
        }
    }
    // A 转正 entered only in the registry (the pipeline not used for them): its 转正日期 in the period.
    let mut registry_only = 0;
    for m in reg.records.iter().filter(|m| !reg.approvals.contains_key(&m.id)) {
        if m.data.full_date.as_deref().is_some_and(within) && m.data.join_date.as_deref().is_some_and(|j| j > "1900") {
            c.add("转正总数", m.id);
            c.add("其中：按期转正", m.id);
            registry_only += 1;
        }
    }
    let mut notes = vec!["转正按上级党委审批转正的日期统计；只在党员名册登记的，按转正日期统计。".to_string()];
    if registry_only > 0 {
        // Says why 发展党员's own yearly count (its steps only) may show fewer.
        notes.push(format!("其中 {registry_only} 人的转正只在党员名册中登记（未在“发展党员”中记录转正步骤），“发展党员情况统计”不含这些人。"));
    }
    Ok(c.finish(15, "预备党员转正情况", notes))
}
