//! 会议签到表: the sheet members sign at a meeting — for a planned meeting from its expected attendees, or for any
//! list of members picked in 名册.
use crate::kernel::error::Result;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::meetings::meeting;
use crate::members::search::{self, MemberQuery};
use crate::org;
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SignInRequest {
    /// Usually the whole branch in good standing, or one 党小组.
    pub query: MemberQuery,
    pub topic: String,
    pub date: String,
    pub place: String,
    /// Empty lines at the end for visitors.
    pub blank_rows: usize,
}

/// 会议签到表: 序号, 姓名, 党小组, a wide column for the signature, 备注.
pub fn sign_in(conn: &Connection, req: &SignInRequest) -> Result<PrintTable> {
    let rows = search::list(conn, &req.query)?.rows;
    let people: Vec<(String, Option<i64>)> = rows.into_iter().map(|r| (r.name, r.group_id)).collect();
    let when = [req.date.trim(), ""];
    sign_in_sheet(conn, &people, req.topic.trim(), &when, req.place.trim(), req.blank_rows)
}

/// The sign-in sheet of a planned (or held) meeting: its expected attendees, its topic, time and place.
pub fn meeting_sign_in(conn: &Connection, meeting_id: i64, blank_rows: usize) -> Result<PrintTable> {
    let d = meeting::detail(conn, meeting_id)?;
    let m = &d.meeting;
    let people: Vec<(String, Option<i64>)> = d.attendees.iter().map(|a| (a.name.clone(), a.group_id)).collect();
    let time = match (&m.data.start_time, &m.data.end_time) {
        (Some(s), Some(e)) => format!("{s}—{e}"),
        (Some(s), None) => s.clone(),
        _ => String::new(),
    };
    let topic = format!("{}：{}", m.kind_name, m.data.topic);
    let mut t = sign_in_sheet(conn, &people, &topic, &[&m.data.date, &time], m.data.place.as_deref().unwrap_or(""), blank_rows)?;
    if let Some(g) = &m.group_name {
        t.title = format!("{}{g}会议签到表", org::get(conn)?.name);
    }
    Ok(t)
}

fn sign_in_sheet(conn: &Connection, people: &[(String, Option<i64>)], topic: &str, when: &[&str; 2], place: &str, blank_rows: usize) -> Result<PrintTable> {
    let org = org::get(conn)?;
    let group_names: HashMap<i64, String> = org::groups(conn, true)?.into_iter().map(|g| (g.id, g.name)).collect();
    let mut table: Vec<Vec<String>> = people
        .iter()
        .enumerate()
        .map(|(i, (name, g))| vec![(i + 1).to_string(), name.clone(), g.and_then(|g| group_names.get(&g).cloned()).unwrap_or_default(), String::new(), String::new()])
        .collect();
    for i in 0..blank_rows.min(200) {
        table.push(vec![(people.len() + i + 1).to_string(), String::new(), String::new(), String::new(), String::new()]);
    }
    let mut subtitle = Vec::new();
    if !topic.is_empty() {
        subtitle.push(format!("会议主题：{topic}"));
    }
    let time = when.iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
    let when_where: Vec<String> = [("时间", time.as_str()), ("地点", place)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}：{v}"))
        .collect();
    if !when_where.is_empty() {
        subtitle.push(when_where.join("　　"));
    }
    subtitle.push(format!("应到 {} 人　实到 ____ 人", people.len()));
    Ok(PrintTable { chart: None,
        title: format!("{}会议签到表", org.name),
        subtitle,
        columns: vec![
            Column::new("seq", "序号", true),
            Column::new("name", "姓名", false),
            Column::new("group", "党小组", false),
            Column::new("sign", "签到", false),
            Column::new("remarks", "备注", false),
        ],
        groups: vec![TableGroup { name: None, rows: table }],
        total: people.len(),
        landscape: false,
        // No ID numbers or phones on a sign-in sheet.
        masked: false,
        notes: Vec::new(),
    })
}
