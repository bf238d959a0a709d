//! Printable tables of members — 党员花名册 and 会议签到表 — built once here, then rendered by the print views and
//! written to xlsx, so what is printed and what is saved cannot differ.
use crate::kernel::codes;
pub use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::idcard;
use crate::org;
use crate::members::search::{self, MemberQuery, MemberRow};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A column the secretary can pick for the 花名册.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    /// Right-aligned and written as a number.
    pub numeric: bool,
}

const fn col(key: &'static str, label: &'static str) -> ColumnDef {
    ColumnDef { key, label, numeric: false }
}

pub const ROSTER_COLUMNS: &[ColumnDef] = &[
    ColumnDef { key: "seq", label: "序号", numeric: true },
    col("name", "姓名"),
    col("sex", "性别"),
    col("ethnicity", "民族"),
    col("birth_month", "出生年月"),
    ColumnDef { key: "age", label: "年龄", numeric: true },
    col("id_number", "公民身份号码"),
    col("education", "学历"),
    col("join_date", "入党时间"),
    col("full_date", "转正时间"),
    col("category", "人员类别"),
    col("group", "党小组"),
    col("party_post", "党内职务"),
    col("job", "工作岗位"),
    col("employer", "工作单位"),
    col("phone", "联系电话"),
    col("address", "家庭住址"),
    col("identity_class", "身份类别"),
    col("mgmt_type", "管理类型"),
    col("status", "党籍状态"),
    col("remarks", "备注"),
];

pub const DEFAULT_ROSTER_COLUMNS: &[&str] =
    &["seq", "name", "sex", "ethnicity", "birth_month", "education", "join_date", "category", "group", "job", "phone", "address"];

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct RosterRequest {
    pub query: MemberQuery,
    /// Only these members, in this order of the query (a selection in the registry); all matches when empty.
    pub ids: Vec<i64>,
    pub columns: Vec<String>,
    /// Show full ID numbers and phones (an internal copy); masked by default.
    pub full_values: bool,
    /// One block per 党小组 with a subtotal.
    pub by_group: bool,
}

impl From<ColumnDef> for Column {
    fn from(c: ColumnDef) -> Self {
        Column::new(c.key, c.label, c.numeric)
    }
}


fn month(d: &Option<String>) -> String {
    d.as_deref().map(|s| s.get(..7).unwrap_or(s).replace('-', ".")).unwrap_or_default()
}

fn selected(conn: &Connection, query: &MemberQuery, ids: &[i64]) -> Result<Vec<MemberRow>> {
    let rows = search::list(conn, query)?.rows;
    if ids.is_empty() {
        return Ok(rows);
    }
    Ok(rows.into_iter().filter(|r| ids.contains(&r.id)).collect())
}

pub fn roster(conn: &Connection, req: &RosterRequest) -> Result<PrintTable> {
    let org = org::get(conn)?;
    let keys: Vec<&str> = if req.columns.is_empty() {
        DEFAULT_ROSTER_COLUMNS.to_vec()
    } else {
        req.columns.iter().map(String::as_str).collect()
    };
    let columns: Vec<ColumnDef> = keys
        .iter()
        .map(|k| {
            ROSTER_COLUMNS.iter().find(|c| c.key == *k).copied().ok_or_else(|| {
                Error::invalid("columns", "UNKNOWN_COLUMN", format!("没有名为“{k}”的栏目，可选：{}", ROSTER_COLUMNS.iter().map(|c| c.key).collect::<Vec<_>>().join(", ")))
            })
        })
        .collect::<Result<_>>()?;
    if columns.is_empty() {
        return Err(Error::invalid("columns", "REQUIRED", "请至少选择一个栏目"));
    }
    let rows = selected(conn, &req.query, &req.ids)?;
    let extra = crate::members::store::roster_extras(conn)?;
    let group_names: HashMap<i64, String> = org::groups(conn, true)?.into_iter().map(|g| (g.id, g.name)).collect();
    let classes = crate::members::config::classes(conn)?;
    let masked = !req.full_values;
    let cell = |r: &MemberRow, key: &str, seq: usize| -> String {
        let e = extra.get(&r.id);
        let ex = |i: usize| e.and_then(|v| v[i].clone()).unwrap_or_default();
        let name_of = |list, v: &Option<String>| v.as_deref().and_then(|c| codes::name_of(list, c)).unwrap_or("").to_string();
        match key {
            "seq" => seq.to_string(),
            "name" => r.name.clone(),
            "sex" => name_of(codes::SEX, &r.sex),
            "ethnicity" => e.and_then(|v| v[0].as_deref()).and_then(|c| codes::name_of(codes::ETHNICITY, c)).unwrap_or("").to_string(),
            "birth_month" => month(&r.birth_date),
            "age" => r.age.map(|a| a.to_string()).unwrap_or_default(),
            "id_number" => r.id_number.as_deref().map(|n| if masked { idcard::mask(n) } else { n.to_string() }).unwrap_or_default(),
            "education" => name_of(codes::EDUCATION, &r.education),
            "join_date" => month(&r.join_date),
            "full_date" => month(&e.and_then(|v| v[1].clone())),
            "category" => name_of(codes::CATEGORY, &r.category),
            "group" => r.group_id.and_then(|g| group_names.get(&g).cloned()).unwrap_or_default(),
            "party_post" => name_of(codes::PARTY_POST, &r.party_post),
            "job" => e.and_then(|v| v[2].as_deref()).and_then(|c| codes::name_of(codes::JOB, c)).unwrap_or("").to_string(),
            "employer" => ex(3),
            "phone" => r.phone.as_deref().map(|p| if masked { mask_phone(p) } else { p.to_string() }).unwrap_or_default(),
            "address" => ex(4),
            "identity_class" => name_of(codes::IDENTITY_CLASS, &r.identity_class),
            "mgmt_type" => r.mgmt_type.as_deref().and_then(|k| classes.iter().find(|c| c.key == k)).map(|c| c.name.clone()).unwrap_or_default(),
            "status" => codes::name_of(codes::STATUS, &r.status).unwrap_or("").to_string(),
            "remarks" => ex(5),
            _ => String::new(),
        }
    };
    let mut groups: Vec<TableGroup> = Vec::new();
    if req.by_group {
        // Groups in the organisation's order, members without a group last.
        let order: Vec<(Option<i64>, String)> = org::groups(conn, true)?
            .into_iter()
            .map(|g| (Some(g.id), g.name))
            .chain(std::iter::once((None, "未分组".to_string())))
            .collect();
        let mut seq = 0;
        for (gid, gname) in order {
            let members: Vec<&MemberRow> = rows.iter().filter(|r| r.group_id == gid).collect();
            if members.is_empty() {
                continue;
            }
            let rows = members.iter().map(|r| {
                seq += 1;
                keys.iter().map(|k| cell(r, k, seq)).collect()
            });
            groups.push(TableGroup { name: Some(gname), rows: rows.collect() });
        }
    } else {
        let rows = rows.iter().enumerate().map(|(i, r)| keys.iter().map(|k| cell(r, k, i + 1)).collect()).collect();
        groups.push(TableGroup { name: None, rows });
    }
    Ok(PrintTable { chart: None,
        title: format!("{}党员花名册", org.name),
        subtitle: vec![format!("制表日期：{}", dates::iso(dates::today())), format!("共 {} 人", rows.len())],
        landscape: columns.len() > 8 || keys.contains(&"address") && columns.len() > 6,
        total: rows.len(),
        columns: columns.into_iter().map(Column::from).collect(),
        groups,
        masked,
        notes: Vec::new(),
    })
}

/// 138****5678.
pub fn mask_phone(p: &str) -> String {
    let chars: Vec<char> = p.chars().collect();
    if chars.len() < 7 {
        return p.to_string();
    }
    let n = chars.len();
    chars.iter().enumerate().map(|(i, c)| if i < 3 || i >= n - 4 { *c } else { '*' }).collect()
}

