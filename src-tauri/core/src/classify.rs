//! Classification (分类管理) on several independent dimensions, re-classification with its history, and the
//! 分类总览 counts.
use crate::codes::{self, CodeList};
use crate::dates;
use crate::error::{Error, Result};
use crate::member::{self, MemberRecord};
use crate::search::{self, MemberQuery, MemberRow};
use crate::settings;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// 青年 ≤35, 中年 36–55, 老年 ≥56 (周岁).
pub fn age_band(age: i32) -> &'static str {
    match age {
        ..=35 => "youth",
        36..=55 => "middle",
        _ => "senior",
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Reclassify {
    /// identity_class, position_nature or mgmt_type.
    pub dimension: String,
    /// The new class; empty for 未分类.
    pub value: Option<String>,
    pub reason: String,
}

/// Changes one dimension of one member; the reason is required and kept in the history with date and actor.
pub fn reclassify(conn: &mut Connection, actor: &str, id: i64, change: &Reclassify) -> Result<MemberRecord> {
    if !member::CLASS_DIMENSIONS.contains(&change.dimension.as_str()) {
        return Err(Error::invalid("dimension", "UNKNOWN_CODE", "请选择要调整的分类：身份类别、岗位性质或管理类型"));
    }
    if change.reason.trim().is_empty() {
        return Err(Error::invalid("class_reason", "REQUIRED", "请填写调整原因，例如“第三季度复核：积分排名前列”"));
    }
    let mut data = member::get_record(conn, id)?.data;
    let value = change.value.clone().filter(|v| !v.trim().is_empty());
    match change.dimension.as_str() {
        "identity_class" => data.identity_class = value,
        "position_nature" => data.position_nature = value,
        _ => data.mgmt_type = value,
    }
    // The same path as an edit, so validation, history and audit cannot drift apart.
    member::update(conn, actor, id, &data, Some(&change.reason))
}

#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    pub label: String,
    pub count: usize,
    /// Merged into the registry's query to open exactly these members.
    pub filter: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dimension {
    pub key: &'static str,
    pub label: &'static str,
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub total: usize,
    pub ref_date: String,
    pub dimensions: Vec<Dimension>,
}

fn coded(rows: &[MemberRow], key: &'static str, label: &'static str, list: CodeList, get: fn(&MemberRow) -> Option<&str>) -> Dimension {
    let mut buckets: Vec<Bucket> = list
        .iter()
        .map(|(code, name)| Bucket {
            label: name.to_string(),
            count: rows.iter().filter(|r| get(r) == Some(*code)).count(),
            filter: json!({ key: code }),
        })
        .collect();
    let none = rows.iter().filter(|r| get(r).is_none()).count();
    buckets.push(Bucket { label: "未分类".into(), count: none, filter: json!({ key: "none" }) });
    Dimension { key, label, buckets }
}

/// Counts of members in good standing (党籍正常) per class on each dimension, at `ref_date` for ages.
pub fn overview(conn: &Connection, ref_date: Option<String>) -> Result<Overview> {
    let list = search::list(conn, &MemberQuery { status: Some("normal".into()), ref_date, ..Default::default() })?;
    let rows = &list.rows;
    let classes = settings::get(conn)?.mgmt_classes;
    let mut mgmt: Vec<Bucket> = classes
        .iter()
        .map(|c| Bucket {
            label: c.name.clone(),
            count: rows.iter().filter(|r| r.mgmt_type.as_deref() == Some(c.key.as_str())).count(),
            filter: json!({ "mgmt_type": c.key }),
        })
        .collect();
    mgmt.push(Bucket {
        label: "未分类".into(),
        count: rows.iter().filter(|r| r.mgmt_type.is_none()).count(),
        filter: json!({ "mgmt_type": "none" }),
    });
    // Statistics bands: ≤30, 31–35, …, 56–60, ≥61.
    let mut stats = vec![Bucket { label: "30岁及以下".into(), count: 0, filter: json!({ "age_max": 30 }) }];
    for lo in (31..=56).step_by(5) {
        stats.push(Bucket { label: format!("{lo}—{}岁", lo + 4), count: 0, filter: json!({ "age_min": lo, "age_max": lo + 4 }) });
    }
    stats.push(Bucket { label: "61岁及以上".into(), count: 0, filter: json!({ "age_min": 61 }) });
    for r in rows.iter().filter_map(|r| r.age) {
        let i = if r <= 30 { 0 } else if r >= 61 { stats.len() - 1 } else { ((r - 31) / 5 + 1) as usize };
        stats[i].count += 1;
    }
    Ok(Overview {
        total: rows.len(),
        ref_date: list.ref_date.clone(),
        dimensions: vec![
            coded(rows, "identity_class", "身份类别", codes::IDENTITY_CLASS, |r| r.identity_class.as_deref()),
            coded(rows, "age_band", "年龄段", codes::AGE_BAND, |r| r.age_band),
            Dimension { key: "age_stat", label: "年龄（统计口径）", buckets: stats },
            coded(rows, "education_band", "学历段", codes::EDUCATION_BAND, |r| r.education_band),
            coded(rows, "position_nature", "岗位性质", codes::POSITION_NATURE, |r| r.position_nature.as_deref()),
            Dimension { key: "mgmt_type", label: "管理类型", buckets: mgmt },
            coded(rows, "category", "人员类别", codes::CATEGORY, |r| r.category.as_deref()),
        ],
    })
}

/// Today's date as the default reference for ages, as the UI shows it.
pub fn default_ref_date() -> String {
    dates::iso(dates::today())
}
