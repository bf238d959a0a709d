//! Finding members: one search box (name, pinyin, initials, ID or phone fragments), filters on every
//! classification dimension, and the customary sort orders.
use crate::classify;
use crate::codes;
use crate::dates;
use crate::error::{Error, Result};
use crate::member::{MemberRecord, COLUMNS};
use crate::settings;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Filters; `None` means "any". The value "none" selects members with that dimension empty (未分类).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberQuery {
    pub search: Option<String>,
    pub branch_id: Option<i64>,
    /// A 党小组 id, or 0 for members in no group.
    pub group_id: Option<i64>,
    pub category: Option<String>,
    /// A 党籍 status code; `None` lists every status.
    pub status: Option<String>,
    pub identity_class: Option<String>,
    pub position_nature: Option<String>,
    pub mgmt_type: Option<String>,
    /// youth / middle / senior at `ref_date`.
    pub age_band: Option<String>,
    pub age_min: Option<i32>,
    pub age_max: Option<i32>,
    pub education_band: Option<String>,
    /// Only 待完善 records.
    pub incomplete: bool,
    /// stroke (default, 姓氏笔画), pinyin, join_date, age.
    pub sort: Option<String>,
    /// Reference date for ages, YYYY-MM-DD; today when empty.
    pub ref_date: Option<String>,
}

/// One line of the registry table; codes, with the UI mapping them to names.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRow {
    pub id: i64,
    pub name: String,
    pub sex: Option<String>,
    pub birth_date: Option<String>,
    pub age: Option<i32>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub branch_id: Option<i64>,
    pub group_id: Option<i64>,
    pub category: Option<String>,
    pub status: String,
    pub education: Option<String>,
    pub join_date: Option<String>,
    pub identity_class: Option<String>,
    pub position_nature: Option<String>,
    pub mgmt_type: Option<String>,
    pub age_band: Option<&'static str>,
    pub education_band: Option<&'static str>,
    pub party_post: Option<String>,
    pub missing: Vec<&'static str>,
    pub flagged: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberList {
    pub rows: Vec<MemberRow>,
    pub total: usize,
    pub ref_date: String,
}

/// LIKE wildcards typed by a user are literal text.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn eq_or_none(sql: &mut Vec<String>, args: &mut Vec<Value>, column: &str, value: &Option<String>) {
    match value.as_deref() {
        None | Some("") => {}
        Some("none") => sql.push(format!("{column} IS NULL")),
        Some(v) => {
            args.push(Value::Text(v.to_string()));
            sql.push(format!("{column} = ?{}", args.len()));
        }
    }
}

pub fn list(conn: &Connection, q: &MemberQuery) -> Result<MemberList> {
    let ref_date = match q.ref_date.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => dates::parse_flexible(s).ok_or_else(|| Error::invalid("ref_date", "BAD_DATE", "统计基准日期不是有效日期，请按 2026-01-01 的格式填写"))?,
        None => dates::today(),
    };
    let mut sql: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(s) = q.search.as_deref().map(|s| s.trim().replace(' ', "")).filter(|s| !s.is_empty()) {
        args.push(Value::Text(like_pattern(&s.to_lowercase())));
        let n = args.len();
        // LIKE is case-insensitive for ASCII, so "zs", "ZS", and a lower-case x in an ID all match.
        sql.push(format!(
            "(name LIKE ?{n} ESCAPE '\\' OR name_pinyin LIKE ?{n} ESCAPE '\\' OR name_initials LIKE ?{n} ESCAPE '\\' \
              OR id_number LIKE ?{n} ESCAPE '\\' OR phone LIKE ?{n} ESCAPE '\\')"
        ));
    }
    if let Some(b) = q.branch_id {
        args.push(Value::Integer(b));
        sql.push(format!("branch_id = ?{}", args.len()));
    }
    match q.group_id {
        None => {}
        Some(0) => sql.push("group_id IS NULL".into()),
        Some(g) => {
            args.push(Value::Integer(g));
            sql.push(format!("group_id = ?{}", args.len()));
        }
    }
    eq_or_none(&mut sql, &mut args, "category", &q.category);
    eq_or_none(&mut sql, &mut args, "status", &q.status);
    eq_or_none(&mut sql, &mut args, "identity_class", &q.identity_class);
    eq_or_none(&mut sql, &mut args, "position_nature", &q.position_nature);
    let where_clause = if sql.is_empty() { String::new() } else { format!("WHERE {}", sql.join(" AND ")) };
    let order = match q.sort.as_deref() {
        Some("pinyin") => "name_pinyin, stroke_key, id",
        Some("join_date") => "join_date IS NULL, join_date, stroke_key, id",
        Some("age") => "birth_date IS NULL, birth_date DESC, stroke_key, id",
        _ => "stroke_key, id",
    };
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM member {where_clause} ORDER BY {order}"))?;
    let records = stmt.query_map(rusqlite::params_from_iter(args), MemberRecord::from_row)?;

    // 管理类型 outside the current model counts as 未分类.
    let classes: Vec<String> = settings::get(conn)?.mgmt_classes.into_iter().map(|c| c.key).collect();
    let mut rows = Vec::new();
    for rec in records {
        let m = rec?;
        let mgmt = m.mgmt_type.clone().filter(|k| classes.contains(k));
        match q.mgmt_type.as_deref() {
            None | Some("") => {}
            Some("none") if mgmt.is_some() => continue,
            Some(k) if k != "none" && mgmt.as_deref() != Some(k) => continue,
            _ => {}
        }
        let age = m.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, ref_date));
        let age_band = age.map(classify::age_band);
        if let Some(want) = q.age_band.as_deref().filter(|s| !s.is_empty()) {
            if (want == "none" && age.is_some()) || (want != "none" && age_band != Some(want)) {
                continue;
            }
        }
        if q.age_min.is_some_and(|min| age.is_none_or(|a| a < min)) || q.age_max.is_some_and(|max| age.is_none_or(|a| a > max)) {
            continue;
        }
        let education_band = m.education.as_deref().and_then(codes::education_band);
        if let Some(want) = q.education_band.as_deref().filter(|s| !s.is_empty()) {
            if (want == "none" && education_band.is_some()) || (want != "none" && education_band != Some(want)) {
                continue;
            }
        }
        let missing = m.missing_fields();
        if q.incomplete && missing.is_empty() {
            continue;
        }
        let flagged = m.id_check_confirmed || !m.warnings().is_empty();
        rows.push(MemberRow {
            id: m.id,
            name: m.name,
            sex: m.sex,
            birth_date: m.birth_date,
            age,
            id_number: m.id_number,
            phone: m.phone,
            branch_id: m.branch_id,
            group_id: m.group_id,
            category: m.category,
            status: m.status,
            education: m.education,
            join_date: m.join_date,
            identity_class: m.identity_class,
            position_nature: m.position_nature,
            mgmt_type: mgmt,
            age_band,
            education_band,
            party_post: m.party_post,
            missing,
            flagged,
        });
    }
    Ok(MemberList { total: rows.len(), rows, ref_date: dates::iso(ref_date) })
}
