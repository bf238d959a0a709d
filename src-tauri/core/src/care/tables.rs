//! The prints of care: 困难党员名册, the 慰问对象名单 and 发放签收表 before 春节 and 七一, the year's 走访记录 and
//! 慰问金 by source, the 老党员 list, the 纪念章 list of a year and the month's 政治生日.
use super::{elders, hardship, visit};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::money::yuan;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "CareTableRequest")]
pub struct TableRequest {
    /// hardship, visit_list, sign_sheet, visits, summary, elders, medals, birthdays.
    pub kind: String,
    pub year: Option<i32>,
    /// 春节 or 七一, for visit_list and sign_sheet.
    pub occasion: Option<String>,
    /// YYYY-MM, for birthdays.
    pub month: Option<String>,
}

fn table(title: String, subtitle: Vec<String>, columns: Vec<Column>, rows: Vec<Vec<String>>, landscape: bool) -> PrintTable {
    PrintTable { chart: None, title, subtitle, total: rows.len(), columns, groups: vec![TableGroup { name: None, rows }], landscape, masked: false, notes: Vec::new() }
}

fn sex(s: &Option<String>) -> String {
    match s.as_deref() {
        Some("1") => "男".into(),
        Some("2") => "女".into(),
        _ => String::new(),
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

pub fn print(conn: &Connection, req: &TableRequest, today: NaiveDate) -> Result<PrintTable> {
    let org = crate::org::get(conn)?.name;
    let year = req.year.unwrap_or(today.year());
    let printed = format!("打印日期 {}", dates::iso(today));
    match req.kind.as_str() {
        "hardship" => {
            let rows = hardship::list(conn, today)?
                .into_iter()
                .filter(|h| h.state == "active")
                .enumerate()
                .map(|(i, h)| vec![(i + 1).to_string(), h.name, h.kind, h.recognized_on, opt(h.keeper), opt(h.measures), opt(h.review_on), opt(h.last_visit)])
                .collect();
            let cols = ["序号", "姓名", "困难类型", "认定日期", "帮扶责任人", "帮扶措施", "复核日期", "最近走访"];
            Ok(table(format!("{org}困难党员名册"), vec![printed], columns(&cols, &[0]), rows, true))
        }
        "visit_list" | "sign_sheet" => {
            let occasion = req.occasion.clone().filter(|o| !o.trim().is_empty()).unwrap_or_else(|| "春节".into());
            let list = candidates(conn, &occasion, year, today)?;
            if req.kind == "visit_list" {
                let rows = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| vec![(i + 1).to_string(), c.name.clone(), c.sex.clone(), c.age.clone(), c.party_years.clone(), c.why.join("、"), c.address.clone(), String::new()])
                    .collect();
                let cols = ["序号", "姓名", "性别", "年龄", "党龄", "慰问类别", "家庭住址", "备注"];
                Ok(table(format!("{org}{year}年{occasion}慰问对象名单"), vec![printed], columns(&cols, &[0]), rows, true))
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .enumerate()
                    .map(|(i, c)| vec![(i + 1).to_string(), c.name.clone(), c.why.join("、"), if c.amount > 0 { yuan(c.amount) } else { String::new() }, c.goods.clone(), String::new(), String::new()])
                    .collect();
                let total: i64 = list.iter().map(|c| c.amount).sum();
                let mut rows = rows;
                rows.push(vec![String::new(), "合计".into(), format!("{} 人", list.len()), yuan(total), String::new(), String::new(), String::new()]);
                let mut cols = columns(&["序号", "姓名", "慰问类别", "慰问金（元）", "慰问物品", "签收人签字", "签收日期"], &[0]);
                cols[3] = Column::money("amount", "慰问金（元）");
                let mut t = table(format!("{org}{year}年{occasion}慰问金（品）发放签收表"), vec![printed], cols, rows, true);
                t.notes = vec!["经办人（签字）：                        审核人（签字）：                        发放日期：        年      月      日".into()];
                Ok(t)
            }
        }
        "visits" => {
            let rows = visit::list(conn, year)?
                .into_iter()
                .rev()
                .enumerate()
                .map(|(i, v)| vec![(i + 1).to_string(), v.date, v.name, v.occasion, v.visitors, if v.amount_fen > 0 { v.amount } else { String::new() }, opt(v.goods), opt(v.fund_source), if v.signed { "已签收".into() } else { String::new() }])
                .collect();
            let mut cols = columns(&["序号", "日期", "走访对象", "事由", "走访人", "慰问金（元）", "慰问物品", "资金来源", "签收"], &[0]);
            cols[5] = Column::money("amount", "慰问金（元）");
            Ok(table(format!("{org}{year}年走访慰问记录"), vec![printed], cols, rows, true))
        }
        "summary" => {
            let mut by: BTreeMap<String, (usize, i64)> = BTreeMap::new();
            for v in visit::list(conn, year)? {
                let e = by.entry(v.fund_source.clone().unwrap_or_else(|| "（未填来源，仅物品）".into())).or_default();
                e.0 += 1;
                e.1 += v.amount_fen;
            }
            let (n, sum) = by.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
            let mut rows: Vec<Vec<String>> = by.into_iter().map(|(k, (c, a))| vec![k, c.to_string(), yuan(a)]).collect();
            rows.push(vec!["合计".into(), n.to_string(), yuan(sum)]);
            let cols = vec![Column::new("source", "资金来源", false), Column::new("count", "走访人次", true), Column::money("amount", "慰问金（元）")];
            Ok(table(format!("{org}{year}年慰问金使用情况（按资金来源）"), vec![printed], cols, rows, false))
        }
        "elders" => {
            let rows = elders::elders(conn, today)?
                .into_iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut why = Vec::new();
                    if e.before_1949 {
                        why.push("新中国成立前入党");
                    }
                    if e.old {
                        why.push("高龄");
                    }
                    vec![(i + 1).to_string(), e.name, sex(&e.sex), opt(e.age), opt(e.join_date), opt(e.party_years), why.join("、"), opt(e.address), opt(e.phone)]
                })
                .collect();
            let cols = ["序号", "姓名", "性别", "年龄", "入党日期", "党龄", "类别", "家庭住址", "联系电话"];
            Ok(table(format!("{org}老党员名册"), vec![printed], columns(&cols, &[0, 3, 5]), rows, true))
        }
        "medals" => {
            let m = elders::medals(conn, year)?;
            let rows = m
                .rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| vec![(i + 1).to_string(), r.name, r.full_date, r.party_years.to_string(), opt(r.age), if r.late { format!("补发（{} 年应发）", r.due_year) } else { String::new() }, opt(r.issued_on)])
                .collect();
            let cols = ["序号", "姓名", "转正日期", "党龄（7月1日）", "年龄", "备注", "颁发日期"];
            let mut t = table(format!("{org}{year}年「光荣在党50年」纪念章颁发对象名单"), vec![format!("党龄按转正日期计算，截至 {year} 年 7 月 1 日"), printed], columns(&cols, &[0, 3, 4]), rows, false);
            if !m.unknown.is_empty() {
                t.notes.push(format!("以下正式党员没有填写转正日期，无法核对：{}", m.unknown.join("、")));
            }
            Ok(t)
        }
        "birthdays" => {
            let month = req.month.clone().unwrap_or_else(|| today.format("%Y-%m").to_string());
            let rows = elders::birthdays(conn, &month)?
                .into_iter()
                .enumerate()
                .map(|(i, b)| vec![(i + 1).to_string(), b.name, b.join_date, format!("入党 {} 周年", b.years), String::new()])
                .collect();
            let (y, mo) = dates::parse_month(&month)?;
            Ok(table(format!("{org}{y}年{mo}月政治生日党员名单"), vec![printed], columns(&["序号", "姓名", "入党日期", "政治生日", "祝福寄语"], &[0]), rows, false))
        }
        _ => Err(Error::invalid("kind", "BAD_TABLE", "请选择要打印的表：困难党员名册、慰问对象名单、发放签收表、走访记录、慰问金汇总、老党员名册、纪念章名单或政治生日名单")),
    }
}

fn columns(labels: &[&str], numeric: &[usize]) -> Vec<Column> {
    labels.iter().enumerate().map(|(i, l)| Column::new(&format!("c{i}"), l, numeric.contains(&i))).collect()
}

/// A member the township would have the branch visit at 春节 or 七一, and why.
pub struct Candidate {
    pub member_id: i64,
    pub name: String,
    pub sex: String,
    pub age: String,
    pub party_years: String,
    pub address: String,
    pub why: Vec<String>,
    /// 慰问金 already recorded for this occasion and year, 分.
    pub amount: i64,
    pub goods: String,
}

/// 困难党员 (open), 老党员 (高龄, 新中国成立前入党), and at 七一 the year's 纪念章 recipients, each once.
pub fn candidates(conn: &Connection, occasion: &str, year: i32, today: NaiveDate) -> Result<Vec<Candidate>> {
    let mut why: Vec<(i64, String)> = Vec::new();
    for h in hardship::list(conn, today)?.into_iter().filter(|h| h.state == "active") {
        why.push((h.member_id, format!("困难党员（{}）", h.kind)));
    }
    for e in elders::elders(conn, today)? {
        if e.before_1949 {
            why.push((e.member_id, "新中国成立前入党".into()));
        }
        if e.old {
            why.push((e.member_id, "高龄老党员".into()));
        }
    }
    if occasion == "七一" {
        for r in elders::medals(conn, year)?.rows {
            why.push((r.member_id, "光荣在党50年".into()));
        }
    }
    // The 春节 of year Y is visited from December before it to March; 七一 within its year.
    let (from, to) = if occasion == "春节" { (format!("{:04}-12-01", year - 1), format!("{year:04}-03-31")) } else { (format!("{year:04}-01-01"), format!("{year:04}-12-31")) };
    let visits: Vec<visit::Visit> = visit::list(conn, year - 1)?
        .into_iter()
        .chain(visit::list(conn, year)?)
        .filter(|v| v.occasion == occasion && v.date >= from && v.date <= to)
        .collect();
    // Whoever was visited for it is on the lists too (the 签收表 records what was handed over), even if no longer
    // in the branch or not in a group above.
    for v in &visits {
        why.push((v.member_id, "已走访".into()));
    }
    let names = crate::members::store::activity::display_names(conn)?;
    let mut order: Vec<i64> = Vec::new();
    let mut reasons: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let mut records: BTreeMap<i64, crate::members::member::MemberRecord> = BTreeMap::new();
    for (id, w) in why {
        if !records.contains_key(&id) {
            let visited = visits.iter().any(|v| v.member_id == id);
            match crate::members::member::get_record(conn, id) {
                Ok(m) if m.status == "normal" || visited => records.insert(id, m),
                _ => continue,
            };
        }
        if !reasons.contains_key(&id) {
            order.push(id);
        }
        let e = reasons.entry(id).or_default();
        if !e.contains(&w) {
            e.push(w);
        }
    }
    Ok(order
        .into_iter()
        .map(|id| {
            let m = &records[&id];
            let mine: Vec<&visit::Visit> = visits.iter().filter(|v| v.member_id == id && v.occasion == occasion).collect();
            Candidate {
                member_id: id,
                name: names.get(&id).cloned().unwrap_or_else(|| m.data.name.clone()),
                sex: sex(&m.data.sex),
                age: opt(m.data.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, today))),
                party_years: opt(m.data.full_date.as_deref().and_then(dates::parse).map(|f| dates::age_at(f, today))),
                address: m.data.address.clone().unwrap_or_default(),
                why: {
                    let mut w = reasons.remove(&id).unwrap_or_default();
                    if w.len() > 1 {
                        w.retain(|x| x != "已走访");
                    }
                    w
                },
                amount: mine.iter().map(|v| v.amount_fen).sum(),
                goods: mine.iter().filter_map(|v| v.goods.clone()).collect::<Vec<_>>().join("、"),
            }
        })
        .collect())
}
