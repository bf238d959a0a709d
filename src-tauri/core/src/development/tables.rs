//! The 发展党员 prints, each a `PrintTable`: a person's 发展党员工作纪实表 (all 25 steps, done or not) and the
//! 时间节点一览 (everyone in the pipeline: the date of each stage, 预备期满, what is due next and whether overdue).
use super::person::{self, step_name};
use super::rules::STEPS;
use super::store;
use crate::kernel::codes;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::org;
use chrono::NaiveDate;
use rusqlite::Connection;

/// 发展党员工作纪实表 of one person.
pub fn record_table(conn: &Connection, id: i64, today: NaiveDate) -> Result<PrintTable> {
    let p = person::show(conn, id, today)?;
    let row = store::person(conn, id)?.ok_or(Error::NotFound { entity: "dev_person", id })?;
    let o = org::get(conn)?;
    let code = |list: codes::CodeList, v: &Option<String>| v.as_deref().and_then(|c| codes::name_of(list, c)).unwrap_or("").to_string();
    let mut rows = Vec::new();
    for (n, _, name) in STEPS {
        let done: Vec<&person::Step> = p.steps.iter().filter(|s| s.step == *n).collect();
        if done.is_empty() {
            rows.push(vec![n.to_string(), name.to_string(), String::new(), String::new(), String::new(), String::new(), String::new()]);
        }
        for s in done {
            let mut note = Vec::new();
            if !s.people.is_empty() {
                note.push(s.people.join("、"));
            }
            if let Some(pass) = s.passed {
                note.push(if pass { "合格".into() } else { "不合格".into() });
            }
            let training: Vec<String> = [s.training_days.filter(|d| *d > 0).map(|d| format!("{d} 天")), s.training_hours.filter(|h| *h > 0).map(|h| format!("{h} 学时"))]
                .into_iter()
                .flatten()
                .collect();
            if !training.is_empty() {
                note.push(format!("培训 {}", training.join("、")));
            }
            if let Some(to) = &s.notice_to {
                note.push(format!("公示至 {to}"));
            }
            match s.outcome.as_deref() {
                Some("on_time") => note.push("按期转正".into()),
                Some("extend") => note.push(format!("延长预备期 {} 个月", s.extension_months.unwrap_or(0))),
                Some("cancel") => note.push("取消预备党员资格".into()),
                _ => {}
            }
            note.extend(s.record.clone());
            rows.push(vec![
                n.to_string(),
                step_name(*n).to_string(),
                s.date.clone(),
                s.actor.clone().unwrap_or_default(),
                s.vote.clone().unwrap_or_default(),
                s.doc_no.clone().unwrap_or_default(),
                note.join("；"),
            ]);
        }
    }
    Ok(PrintTable {
        title: "发展党员工作纪实表".into(),
        subtitle: vec![
            format!(
                "姓名：{}　性别：{}　民族：{}　出生日期：{}　学历：{}",
                p.name,
                code(codes::SEX, &row.sex),
                code(codes::ETHNICITY, &row.ethnicity),
                row.birth_date.clone().unwrap_or_default(),
                code(codes::EDUCATION, &row.education)
            ),
            format!("单位职务：{}　所在支部：{}　现为：{}{}", row.employer.clone().unwrap_or_default(), o.name, p.role, p.probation_end.as_deref().map(|e| format!("（预备期满 {e}）")).unwrap_or_default()),
        ],
        columns: vec![
            Column::new("step", "步骤", true).centered(),
            Column::new("name", "内容", false),
            Column::new("date", "日期", false),
            Column::new("actor", "经办人/谈话人", false),
            Column::new("vote", "会议表决", false),
            Column::new("doc", "文号", false),
            Column::new("note", "备注", false),
        ],
        groups: vec![TableGroup { name: None, rows }],
        total: 25,
        landscape: true,
        masked: false,
        notes: vec!["支部书记（签字）：　　　　　　　　　　填表日期：".into()],
    })
}

/// 时间节点一览: everyone in the pipeline, each stage's date, 预备期满, the next step and its date.
pub fn timeline(conn: &Connection, today: NaiveDate) -> Result<PrintTable> {
    let o = org::get(conn)?;
    let board = person::board(conn, today)?;
    let date = |p: &person::Person, n: u8| p.steps.iter().filter(|s| s.step == n).map(|s| s.date.clone()).max().unwrap_or_default();
    let rows: Vec<Vec<String>> = board
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let next = p.next.as_ref();
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                p.role.clone(),
                date(p, 1),
                date(p, 3),
                date(p, 7),
                date(p, 15),
                p.probation_end.clone().unwrap_or_default(),
                next.map(|n| format!("第 {} 步 {}", n.step, n.name)).unwrap_or_default(),
                next.and_then(|n| n.due.clone().map(|d| format!("{d} 前")).or_else(|| n.earliest.clone().map(|d| format!("{d} 起")))).unwrap_or_default(),
                if next.is_some_and(|n| n.overdue) { "逾期".into() } else { String::new() },
            ]
        })
        .collect();
    Ok(PrintTable {
        title: format!("{}发展党员时间节点一览", o.name),
        subtitle: vec![format!("共 {} 人　　统计至 {}", rows.len(), crate::kernel::dates::iso(today))],
        columns: vec![
            Column::new("seq", "序号", true).centered(),
            Column::new("name", "姓名", false),
            Column::new("role", "现阶段", false),
            Column::new("applied", "申请入党", false),
            Column::new("activist", "确定积极分子", false),
            Column::new("candidate", "确定发展对象", false),
            Column::new("accepted", "接收预备党员", false),
            Column::new("probation", "预备期满", false),
            Column::new("next", "下一步", false),
            Column::new("when", "时间要求", false),
            Column::new("overdue", "逾期", false).centered(),
        ],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows }],
        landscape: true,
        masked: false,
        notes: Vec::new(),
    })
}
