//! Tables 2 (党员基本情况), 3 (入党时间), 4 (学历) and 5 (建制村) of the 党内统计年报: the members counted at the
//! report date, in the template's bands at that date (C5, C11). A member whose record lacks what a table needs is
//! listed, not dropped.
use super::bands::{self, TABLE2_AGE, TABLE3_JOINED, TABLE4_EDUCATION, TABLE5_AGE, TABLE5_EDUCATION};
use super::model::{Counter, Missing, Table};
use crate::kernel::dates;
use crate::members::record::MemberRecord;
use chrono::NaiveDate;
use std::collections::HashMap;

pub(super) struct Basic {
    pub tables: Vec<Table>,
    pub missing: Vec<Missing>,
}

fn is_probationary(m: &MemberRecord, report: NaiveDate) -> bool {
    // 预备 on the report date: accepted but not 转正 by then.
    let full = m.data.full_date.as_deref().and_then(dates::parse).filter(|f| *f <= report);
    m.data.category.as_deref() == Some("probationary") || (m.data.full_date.is_some() && full.is_none())
}

pub(super) fn is_woman(m: &MemberRecord) -> Option<bool> {
    match m.data.sex.as_deref() {
        Some("2") => Some(true),
        Some("1") => Some(false),
        _ => None,
    }
}

pub(super) fn is_minority(m: &MemberRecord) -> Option<bool> {
    m.data.ethnicity.as_deref().map(|e| e != "01")
}

pub(super) fn birth(m: &MemberRecord) -> Option<NaiveDate> {
    m.data.birth_date.as_deref().and_then(dates::parse)
}

/// `village`: the branch is a 建制村's (table 5 applies).
pub(super) fn tables(members: &[&MemberRecord], names: &HashMap<i64, String>, report: NaiveDate, village: bool) -> Basic {
    let mut missing = Vec::new();
    let mut miss = |m: &MemberRecord, table: u8, field: &str| {
        missing.push(Missing { member_id: m.id, name: names.get(&m.id).cloned().unwrap_or_else(|| m.data.name.clone()), table, field: field.into() });
    };
    let mut t2 = Counter::new(["党员总数", "其中：预备党员", "女", "少数民族"].into_iter().chain(TABLE2_AGE.iter().map(|b| b.label)));
    let mut t3 = Counter::new(std::iter::once("党员总数").chain(TABLE3_JOINED.iter().map(|b| b.0)));
    let mut t4 = Counter::new(std::iter::once("党员总数").chain(TABLE4_EDUCATION.iter().map(|b| b.0)));
    let mut t5 = Counter::new(["党员总数", "女"].into_iter().chain(TABLE5_AGE.iter().map(|b| b.label)).chain(TABLE5_EDUCATION.iter().map(|b| b.0)));
    for m in members {
        t2.add("党员总数", m.id);
        if is_probationary(m, report) {
            t2.add("其中：预备党员", m.id);
        }
        match is_woman(m) {
            Some(true) => t2.add("女", m.id),
            Some(false) => {}
            None => miss(m, 2, "性别"),
        }
        match is_minority(m) {
            Some(true) => t2.add("少数民族", m.id),
            Some(false) => {}
            None => miss(m, 2, "民族"),
        }
        let age2 = birth(m).and_then(|b| bands::age_band(&TABLE2_AGE, b, report));
        match age2 {
            Some(label) => t2.add(label, m.id),
            None => miss(m, 2, "出生日期"),
        }
        t3.add("党员总数", m.id);
        match m.data.join_date.as_deref().and_then(dates::parse).and_then(bands::joined_band) {
            Some(label) => t3.add(label, m.id),
            None => miss(m, 3, "入党日期"),
        }
        t4.add("党员总数", m.id);
        let edu = m.data.education.as_deref().and_then(bands::education_band);
        match edu {
            Some(label) => t4.add(label, m.id),
            None => miss(m, 4, "学历"),
        }
        if village {
            t5.add("党员总数", m.id);
            if is_woman(m) == Some(true) {
                t5.add("女", m.id);
            }
            if let Some(label) = birth(m).and_then(|b| bands::age_band(&TABLE5_AGE, b, report)) {
                t5.add(label, m.id);
            }
            if let Some(label) = m.data.education.as_deref().and_then(bands::village_education_band) {
                t5.add(label, m.id);
            }
        }
    }
    let t5_notes = if village {
        vec!["建制村党组织的党员情况；年龄按统计截止日期计算。".into()]
    } else {
        vec!["本支部不是建制村党组织（按支部名称判断），此表不填。".into()]
    };
    Basic {
        tables: vec![
            t2.finish(2, "党员基本情况", vec!["年龄按统计截止日期计算（周岁）。".into()]),
            t3.finish(3, "党员入党时间", Vec::new()),
            t4.finish(4, "党员学历", Vec::new()),
            t5.finish(5, "建制村党员情况", t5_notes),
        ],
        missing,
    }
}
