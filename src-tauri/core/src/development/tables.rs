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

/// The print asked for by name: of one person 纪实表 (`record`), 公示 (`notice`), 档案清单 (`archive`); of the
/// branch 时间节点一览 (`timeline`) and a year's counts (`counts`, this year when none is given).
pub fn table(conn: &Connection, kind: &str, id: Option<i64>, year: Option<i32>, today: NaiveDate) -> Result<PrintTable> {
    use chrono::Datelike;
    match (kind, id) {
        ("record", Some(id)) => record_table(conn, id, today),
        ("notice", Some(id)) => notice(conn, id, today),
        ("archive", Some(id)) => archive(conn, id, today),
        ("timeline", _) => timeline(conn, today),
        ("counts", _) => counts(conn, year.unwrap_or(today.year())),
        _ => Err(Error::invalid("kind", "BAD_TABLE", "请选择要打印的表：纪实表、公示、档案清单（选一个人），或时间节点一览、年度统计")),
    }
}

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
                let who = if *n == 5 { "培养联系人" } else { "入党介绍人" };
                note.push(format!("{who}：{}", s.people.join("、")));
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
    Ok(PrintTable { chart: None,
        title: format!("发展党员工作纪实表（{}）", p.name),
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
    Ok(PrintTable { chart: None,
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

/// The 公示 notice of step 12 for the 党务公开栏: who is proposed, their details, the 公示期 and where to object.
pub fn notice(conn: &Connection, id: i64, today: NaiveDate) -> Result<PrintTable> {
    let p = person::show(conn, id, today)?;
    let row = store::person(conn, id)?.ok_or(Error::NotFound { entity: "dev_person", id })?;
    let o = org::get(conn)?;
    let code = |list: codes::CodeList, v: &Option<String>| v.as_deref().and_then(|c| codes::name_of(list, c)).unwrap_or("").to_string();
    let date = |n: u8| p.steps.iter().filter(|s| s.step == n).map(|s| s.date.clone()).max().unwrap_or_default();
    let twelve = p.steps.iter().find(|s| s.step == 12);
    let (from, to) = match twelve {
        Some(s) => (s.date.clone(), s.notice_to.clone().unwrap_or_default()),
        None => ("　　年　月　日".into(), "　　年　月　日".into()),
    };
    let introducers = p.steps.iter().find(|s| s.step == 9).map(|s| s.people.join("、")).unwrap_or_default();
    let rows = vec![
        vec!["姓名".into(), p.name.clone(), "性别".into(), code(codes::SEX, &row.sex)],
        vec!["民族".into(), code(codes::ETHNICITY, &row.ethnicity), "出生年月".into(), row.birth_date.as_deref().map(|b| b[..7].to_string()).unwrap_or_default()],
        vec!["学历".into(), code(codes::EDUCATION, &row.education), "单位职务".into(), row.employer.clone().unwrap_or_default()],
        vec!["申请入党时间".into(), date(1), "确定为入党积极分子时间".into(), date(3)],
        vec!["确定为发展对象时间".into(), date(7), "入党介绍人".into(), introducers],
    ];
    Ok(PrintTable { chart: None,
        title: format!("关于拟发展{}同志为中共预备党员的公示", p.name),
        subtitle: vec![format!("经{}支部委员会研究，拟接收{}同志为中共预备党员，现予公示。", o.name, p.name)],
        columns: vec![Column::new("k1", "项目", false), Column::new("v1", "内容", false), Column::new("k2", "项目", false), Column::new("v2", "内容", false)],
        groups: vec![TableGroup { name: None, rows }],
        total: 1,
        landscape: false,
        masked: true,
        notes: vec![
            format!("公示期：{from} 至 {to}（不少于 5 个工作日）。"),
            "公示期间，党员和群众可通过来信、来电、来访等方式，向党支部或上级党委反映该同志的情况和问题。反映问题应实事求是，以真实姓名反映。".into(),
            format!("{}　　{}", o.name, crate::kernel::dates::iso(today)),
        ],
    })
}

/// The 档案 checklist: what a person's file should hold, and what the recorded steps say is there.
pub fn archive(conn: &Connection, id: i64, today: NaiveDate) -> Result<PrintTable> {
    let p = person::show(conn, id, today)?;
    const ITEMS: &[(&str, &[u8])] = &[
        ("入党申请书", &[1]),
        ("谈话记录", &[2]),
        ("推荐材料（党员推荐、群团组织推优）", &[3]),
        ("入党积极分子、发展对象备案表", &[4, 8]),
        ("培养考察登记表、思想汇报", &[6]),
        ("政治审查报告", &[10]),
        ("集中培训结业证书", &[11]),
        ("支委会审查意见、公示材料", &[12]),
        ("上级党委预审意见", &[13]),
        ("入党志愿书", &[14]),
        ("支部大会记录与计票", &[15]),
        ("上级党委谈话记录", &[16]),
        ("上级党委审批意见", &[17]),
        ("入党宣誓记录", &[20]),
        ("预备期考察材料", &[21]),
        ("转正申请书", &[22]),
        ("转正讨论记录与审批", &[23, 24]),
    ];
    let rows: Vec<Vec<String>> = ITEMS
        .iter()
        .enumerate()
        .map(|(i, (name, steps))| {
            let dates: Vec<String> = p.steps.iter().filter(|s| steps.contains(&s.step)).map(|s| s.date.clone()).collect();
            let present = steps.iter().all(|n| p.steps.iter().any(|s| s.step == *n));
            vec![(i + 1).to_string(), name.to_string(), steps.iter().map(|n| format!("第 {n} 步")).collect::<Vec<_>>().join("、"), if present { "√".into() } else { String::new() }, dates.join("、")]
        })
        .collect();
    let missing = rows.iter().filter(|r| r[3].is_empty()).count();
    Ok(PrintTable { chart: None,
        title: format!("{}发展党员档案材料清单", p.name),
        subtitle: vec![format!("现为：{}　　应有 {} 项，已有 {} 项", p.role, rows.len(), rows.len() - missing)],
        columns: vec![
            Column::new("seq", "序号", true).centered(),
            Column::new("item", "材料", false),
            Column::new("steps", "对应步骤", false),
            Column::new("present", "已有", false).centered(),
            Column::new("dates", "日期", false),
        ],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows }],
        landscape: false,
        masked: false,
        notes: vec!["“已有”按本程序中记录的步骤判断，归档时请逐项核对纸质材料。".into()],
    })
}

/// The township's yearly counts: how many applied, became 积极分子, 发展对象, were accepted (counted in the year of
/// 审批) and became 正式党员 (the year of the 转正 审批).
pub fn counts(conn: &Connection, year: i32) -> Result<PrintTable> {
    let o = org::get(conn)?;
    let steps = store::steps(conn)?;
    let prefix = format!("{year:04}-");
    let n = |step: u8, cond: &dyn Fn(&store::StepRow) -> bool| -> usize {
        let mut people: Vec<i64> = steps.iter().filter(|s| s.step == step && s.date.starts_with(&prefix) && cond(s)).map(|s| s.person_id).collect();
        people.sort_unstable();
        people.dedup();
        people.len()
    };
    let on_time = |s: &store::StepRow| -> bool {
        steps.iter().filter(|x| x.person_id == s.person_id && x.step == 23 && x.date <= s.date).last().and_then(|x| x.outcome.as_deref()) == Some("on_time")
    };
    let rows = vec![vec![
        year.to_string(),
        n(1, &|_| true).to_string(),
        n(3, &|_| true).to_string(),
        n(7, &|_| true).to_string(),
        n(17, &|_| true).to_string(),
        n(24, &on_time).to_string(),
        n(23, &|s| s.outcome.as_deref() == Some("extend")).to_string(),
        n(23, &|s| s.outcome.as_deref() == Some("cancel")).to_string(),
    ]];
    Ok(PrintTable { chart: None,
        title: format!("{}{year}年发展党员情况统计", o.name),
        subtitle: vec!["发展党员按上级党委审批的年份统计；转正按转正审批的年份统计".into()],
        columns: vec![
            Column::new("year", "年度", false),
            Column::new("applied", "递交入党申请", true),
            Column::new("activists", "确定入党积极分子", true),
            Column::new("candidates", "确定发展对象", true),
            Column::new("accepted", "发展党员（审批）", true),
            Column::new("full", "按期转正", true),
            Column::new("extended", "延长预备期", true),
            Column::new("cancelled", "取消预备党员资格", true),
        ],
        total: 1,
        groups: vec![TableGroup { name: None, rows }],
        landscape: false,
        masked: false,
        notes: Vec::new(),
    })
}
