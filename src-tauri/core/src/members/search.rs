//! Finding members: one search box (name, pinyin, initials, ID or phone fragments), filters on every
//! classification dimension, and the customary sort orders.
use crate::members::classify;
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::members::member::{missing_of, needs_check};
use crate::members::store;

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Filters; `None` means "any". The value "none" selects members with that dimension empty (未分类).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
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
    /// Only records whose ID number needs checking (confirmed wrong check character, birth date or sex conflict).
    pub flagged: bool,
    /// Only members marked 失联.
    pub lost_contact: bool,
    /// stroke (default, 姓氏笔画), pinyin, join_date, age.
    pub sort: Option<String>,
    /// Reference date for ages, YYYY-MM-DD; today when empty.
    pub ref_date: Option<String>,
}

/// One line of the registry table; codes, with the UI mapping them to names.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
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
    let needle: String = q.search.as_deref().unwrap_or("").chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
    if !needle.is_empty() {
        args.push(Value::Text(like_pattern(&needle.to_lowercase())));
        sql.push(format!("search_text LIKE ?{} ESCAPE '\\'", args.len()));
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
    if q.lost_contact {
        sql.push("lost_contact = 1".into());
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

    // 管理类型 outside the current model counts as 未分类.
    let classes: Vec<String> = crate::members::config::classes(conn)?.into_iter().map(|c| c.key).collect();
    let want_mgmt = q.mgmt_type.as_deref().filter(|s| !s.is_empty());
    let want_age = q.age_band.as_deref().filter(|s| !s.is_empty());
    let want_edu = q.education_band.as_deref().filter(|s| !s.is_empty());
    let mut rows = Vec::new();
    store::registry(conn, &where_clause, args, order, |r| {
        let mgmt: Option<String> = r.get::<_, Option<String>>(15)?.filter(|k| classes.contains(k));
        match want_mgmt {
            Some("none") if mgmt.is_some() => return Ok(()),
            Some(k) if k != "none" && mgmt.as_deref() != Some(k) => return Ok(()),
            _ => {}
        }
        let birth_date: Option<String> = r.get(3)?;
        let age = birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, ref_date));
        let age_band = age.map(classify::age_band);
        if let Some(want) = want_age {
            if (want == "none" && age.is_some()) || (want != "none" && age_band != Some(want)) {
                return Ok(());
            }
        }
        if q.age_min.is_some_and(|min| age.is_none_or(|a| a < min)) || q.age_max.is_some_and(|max| age.is_none_or(|a| a > max)) {
            return Ok(());
        }
        let education: Option<String> = r.get(11)?;
        let education_band = education.as_deref().and_then(codes::education_band);
        if let Some(want) = want_edu {
            if (want == "none" && education_band.is_some()) || (want != "none" && education_band != Some(want)) {
                return Ok(());
            }
        }
        let name: String = r.get(1)?;
        let sex: Option<String> = r.get(2)?;
        let id_number: Option<String> = r.get(4)?;
        let branch_id: Option<i64> = r.get(7)?;
        let category: Option<String> = r.get(9)?;
        let join_date: Option<String> = r.get(12)?;
        let ethnicity: Option<&str> = r.get_ref(17)?.as_str_or_null().map_err(rusqlite::Error::from)?;
        let missing = missing_of([
            !name.is_empty(),
            sex.is_some(),
            ethnicity.is_some(),
            birth_date.is_some(),
            id_number.is_some(),
            education.is_some(),
            category.is_some(),
            join_date.is_some(),
            branch_id.is_some(),
        ]);
        if q.incomplete && missing.is_empty() {
            return Ok(());
        }
        let flagged = needs_check(id_number.as_deref(), r.get(5)?, birth_date.as_deref(), sex.as_deref());
        if q.flagged && !flagged {
            return Ok(());
        }
        rows.push(MemberRow {
            id: r.get(0)?,
            name,
            sex,
            birth_date,
            age,
            id_number,
            phone: r.get(6)?,
            branch_id,
            group_id: r.get(8)?,
            category,
            status: r.get(10)?,
            education,
            join_date,
            identity_class: r.get(13)?,
            position_nature: r.get(14)?,
            mgmt_type: mgmt,
            age_band,
            education_band,
            party_post: r.get(16)?,
            missing,
            flagged,
        });
        Ok(())
        })?;
    Ok(MemberList { total: rows.len(), rows, ref_date: dates::iso(ref_date) })
}
