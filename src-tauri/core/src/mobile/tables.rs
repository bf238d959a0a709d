//! The prints of 流动党员: the 组织关系介绍信 (three parts), the 流动党员登记表, the 组织关系转接登记 of a year and
//! the 失联党员 list.
use super::{card, lost, transfer};
use crate::kernel::dates::{self, chinese_count, chinese_date, chinese_month};
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::members::member;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

fn table(title: String, subtitle: Vec<String>, columns: Vec<Column>, rows: Vec<Vec<String>>, landscape: bool) -> PrintTable {
    PrintTable { chart: None, title, subtitle, total: rows.len(), columns, groups: vec![TableGroup { name: None, rows }], landscape, masked: false, notes: Vec::new() }
}

/// The print asked for by name: `letter` (a transfer's 介绍信, by id), `cards`, `transfers` (of a year), `lost`.
pub fn print(conn: &Connection, kind: &str, id: Option<i64>, year: Option<i32>, today: NaiveDate) -> Result<PrintTable> {
    match (kind, id) {
        ("letter", Some(id)) => letter(conn, id, today),
        ("cards", _) => cards(conn, today),
        ("transfers", _) => transfers(conn, year.unwrap_or(today.year()), today),
        ("lost", _) => lost_table(conn, today),
        _ => Err(Error::invalid("kind", "BAD_TABLE", "请选择要打印的表：介绍信（选一封）、流动党员登记表、组织关系转接登记或失联党员名单")),
    }
}

/// 中国共产党党员组织关系介绍信: 存根, 介绍信 and 回执, with 党费已交到 and 有效期 in capital numerals.
pub fn letter(conn: &Connection, id: i64, today: NaiveDate) -> Result<PrintTable> {
    let t = transfer::show(conn, id, today)?;
    if t.direction != "out" {
        return Err(Error::invalid("id", "NOT_OUT", "转入记录没有介绍信可打印"));
    }
    let m = member::get_record(conn, t.member_id)?;
    let sex = match m.data.sex.as_deref() {
        Some("1") => "男",
        Some("2") => "女",
        _ => "",
    };
    let age = m.data.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, dates::parse(&t.date).unwrap_or(today)));
    let ethnicity = m.data.ethnicity.as_deref().and_then(|e| crate::kernel::codes::name_of(crate::kernel::codes::ETHNICITY, e)).unwrap_or("");
    let kind = if m.data.category.as_deref() == Some("probationary") { "预备" } else { "正式" };
    let paid = t.dues_paid_through.as_deref().and_then(|p| dates::parse_month(p).ok()).map(|(y, mo)| chinese_month(y, mo)).unwrap_or_else(|| "    年  月".into());
    let days = chinese_count(t.valid_days.unwrap_or(transfer::DEFAULT_VALID_DAYS));
    let idn = m.data.id_number.clone().unwrap_or_default();
    let age = age.map(|a| format!("{a}岁")).unwrap_or_default();
    let who = format!("{}同志（{sex}，{age}，{ethnicity}），系中共{kind}党员，身份证号码 {idn}", m.data.name);
    let issued = dates::parse(&t.date).map(chinese_date).unwrap_or_default();
    // Letters name the sending branch as the Party organisation it is.
    let from = if t.from_org.starts_with("中共") || t.from_org.starts_with("中国共产党") { t.from_org.clone() } else { format!("中共{}", t.from_org) };
    let no = format!("第 {} 号", t.letter_no);
    let cut = "－ － － － － － － － － － （沿此线剪开） － － － － － － － － － －".to_string();
    let lines = [
        format!("【第一联　存根】　{no}"),
        format!("{who}，组织关系由{from}转到{}。", t.to_org),
        format!("党费已交到{paid}。有效期{days}天。"),
        format!("开具日期：{issued}"),
        cut.clone(),
        format!("【第二联　介绍信】　{no}"),
        format!("{}：", t.to_org),
        format!("　　兹介绍{who}，组织关系由{from}转到{}，请接洽。", t.to_org),
        format!("　　该同志党费已交到{paid}。"),
        format!("（有效期{days}天）"),
        format!("{from}（盖章）　　{issued}"),
        cut,
        format!("【第三联　回执】　{no}"),
        format!("{from}："),
        format!("　　{}同志的党员组织关系已转达我处，特此回复。", m.data.name),
        "（盖章）　　　　年　　月　　日".to_string(),
    ];
    let rows: Vec<Vec<String>> = lines.into_iter().map(|l| vec![l]).collect();
    Ok(PrintTable { chart: None,
        title: "中国共产党党员组织关系介绍信".into(),
        subtitle: vec![no],
        columns: vec![Column::new("text", "存根 · 介绍信 · 回执（三联，沿虚线剪开）", false)],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows }],
        landscape: false,
        masked: false,
        notes: vec![format!("回执请在报到后一个月内寄回{}。", t.from_org)],
    })
}

/// 流动党员登记表: every open card.
pub fn cards(conn: &Connection, today: NaiveDate) -> Result<PrintTable> {
    let org = crate::org::get(conn)?;
    let b = card::board(conn, today)?;
    let rows = b
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                c.name.clone(),
                c.away_since.clone(),
                c.reason.clone().unwrap_or_default(),
                [c.destination.clone(), c.workplace.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "),
                [c.host_org.clone(), c.host_contact.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "),
                c.permit_no.clone().unwrap_or_default(),
                c.dues_way_name.clone().unwrap_or_default(),
                c.keeper_name.clone().unwrap_or_default(),
                c.last_contact.clone().unwrap_or_default(),
                if c.all_clear { "是".into() } else { c.clear.iter().filter(|x| !x.holds).map(|x| x.name.trim_end_matches('清').to_string()).collect::<Vec<_>>().join("、") + "待核实" },
            ]
        })
        .collect();
    let columns = vec![
        Column::new("no", "序号", true),
        Column::new("name", "姓名", false),
        Column::new("away", "外出日期", false),
        Column::new("reason", "外出事由", false),
        Column::new("dest", "流向", false),
        Column::new("host", "流入地党组织及联系人", false),
        Column::new("permit", "活动证编号", false),
        Column::new("dues", "党费交纳", false),
        Column::new("keeper", "联系责任人", false),
        Column::new("last", "最后联系", false),
        Column::new("clear", "六个清", false),
    ];
    Ok(table(format!("{}流动党员登记表", org.name), vec![format!("截至 {}", dates::iso(today))], columns, rows, true))
}

/// 组织关系转接登记 of a year: out and in.
pub fn transfers(conn: &Connection, year: i32, today: NaiveDate) -> Result<PrintTable> {
    let org = crate::org::get(conn)?;
    let y = format!("{year:04}");
    let rows = transfer::list(conn, today)?
        .into_iter()
        .filter(|t| t.date.starts_with(&y))
        .rev()
        .enumerate()
        .map(|(i, t)| {
            vec![
                (i + 1).to_string(),
                t.name.clone(),
                if t.direction == "out" { "转出".into() } else { "转入".into() },
                t.letter_no.clone(),
                t.date.clone(),
                if t.direction == "out" { t.to_org.clone() } else { t.from_org.clone() },
                t.dues_paid_through.clone().unwrap_or_default(),
                t.receipt_on.clone().unwrap_or_default(),
                t.state_name.clone(),
            ]
        })
        .collect();
    let columns = vec![
        Column::new("no", "序号", true),
        Column::new("name", "姓名", false),
        Column::new("dir", "转接", false).centered(),
        Column::new("letter", "介绍信编号", false),
        Column::new("date", "日期", false),
        Column::new("org", "转往/来自", false),
        Column::new("paid", "党费交到", false),
        Column::new("receipt", "回执收回", false),
        Column::new("state", "状态", false),
    ];
    Ok(table(format!("{}{year}年组织关系转接登记", org.name), vec![format!("打印日期 {}", dates::iso(today))], columns, rows, true))
}

/// 失联党员名单 with the last contact, reason, searches and what is proposed.
pub fn lost_table(conn: &Connection, today: NaiveDate) -> Result<PrintTable> {
    let org = crate::org::get(conn)?;
    let rows = lost::list(conn, today)?
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.name.clone(),
                l.last_contact.clone().unwrap_or_default(),
                l.months.map(|m| m.to_string()).unwrap_or_default(),
                l.reason_name.clone().unwrap_or_default(),
                l.searches.len().to_string(),
                if l.status == "suspended" { "停止党籍".into() } else { "正常".into() },
                l.advice.clone(),
            ]
        })
        .collect();
    let columns = vec![
        Column::new("no", "序号", true),
        Column::new("name", "姓名", false),
        Column::new("last", "最后联系日期", false),
        Column::new("months", "失联月数", true),
        Column::new("reason", "失联原因", false),
        Column::new("searches", "查找次数", true),
        Column::new("status", "党籍状态", false),
        Column::new("advice", "处理意见", false),
    ];
    Ok(table(format!("{}失联党员名单", org.name), vec![format!("截至 {}", dates::iso(today))], columns, rows, true))
}
