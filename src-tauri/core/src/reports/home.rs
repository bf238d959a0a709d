//! 首页 「本月待办」: what needs doing now, each item opening the registry filtered to those members.
use crate::meetings::compliance;
use crate::kernel::dates;
use crate::points;
use crate::kernel::error::Result;
use crate::members::search::{self, MemberQuery};
use crate::members::store as member_store;
use chrono::{Datelike, Days};
use rusqlite::Connection;
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Todo {
    pub key: &'static str,
    pub title: String,
    pub detail: String,
    pub count: usize,
    /// Registry filter that lists these members; null when the item is not about members.
    #[ts(type = "Partial<MemberQuery> | null")]
    pub filter: Value,
    pub names: Vec<String>,
    /// The screen that deals with an item not about members (meetings).
    pub page: Option<&'static str>,
}

/// The most names a card lists.
pub const HOME_NAMES: usize = 8;

/// Everything due, in order: meetings, talks, records to complete, and the backup reminder last.
pub fn todos(conn: &Connection) -> Result<Vec<Todo>> {
    let today = dates::today();
    let rows = search::list(conn, &MemberQuery { status: Some("normal".into()), ..Default::default() })?.rows;
    // Two 王芳 on one card are told apart (「王芳（1972年生）」).
    let shown = member_store::activity::display_names(conn)?;
    let names = |it: &mut dyn Iterator<Item = &search::MemberRow>| -> Vec<String> {
        it.take(HOME_NAMES).map(|r| shown.get(&r.id).cloned().unwrap_or_else(|| r.name.clone())).collect()
    };
    let mut out = Vec::new();
    // An empty registry: the first steps come first (导入花名册 / 新增党员 / 载入示例数据 on the home page).
    if member_store::count_all(conn)? == 0 {
        out.push(Todo {
            key: "first_steps",
            title: "第一步：建立党员名册".into(),
            detail: "名册里还没有党员。可以从 Excel 导入现有的花名册，也可以逐个新增党员".into(),
            count: 0,
            filter: Value::Null,
            names: Vec::new(),
            page: Some("members"),
        });
    }

    let incomplete: Vec<_> = rows.iter().filter(|r| !r.missing.is_empty()).collect();
    if !incomplete.is_empty() {
        out.push(Todo {
            key: "incomplete",
            title: format!("{} 名党员信息待完善", incomplete.len()),
            detail: "缺少必填项（如民族、学历、入党日期），请补全后再打印名册".into(),
            count: incomplete.len(),
            filter: json!({ "status": "normal", "incomplete": true }),
            names: names(&mut incomplete.iter().copied()),
            page: None,
        });
    }
    // 预备期 is one year from 入党日期: list those whose year ends within 60 days or has passed.
    let horizon = today.checked_add_days(Days::new(60)).unwrap_or(today);
    let due: Vec<_> = rows
        .iter()
        .filter(|r| r.category.as_deref() == Some("probationary"))
        .filter(|r| {
            r.join_date.as_deref().and_then(dates::parse).and_then(|j| j.checked_add_months(chrono::Months::new(12))).is_some_and(|end| end <= horizon)
        })
        .collect();
    if !due.is_empty() {
        out.push(Todo {
            key: "probation_due",
            title: format!("{} 名预备党员预备期将满", due.len()),
            detail: "预备期满一年，请及时组织转正讨论（支部党员大会）".into(),
            count: due.len(),
            filter: json!({ "status": "normal", "category": "probationary" }),
            names: names(&mut due.iter().copied()),
            page: None,
        });
    }
    let flagged: Vec<_> = rows.iter().filter(|r| r.flagged).collect();
    if !flagged.is_empty() {
        out.push(Todo {
            key: "flagged",
            title: format!("{} 名党员的身份信息需要核对", flagged.len()),
            detail: "身份证号校验位未通过或与出生日期、性别不一致".into(),
            count: flagged.len(),
            filter: json!({ "status": "normal", "flagged": true }),
            names: names(&mut flagged.iter().copied()),
            page: None,
        });
    }
    let (lost, lost_names) = member_store::lost_contact(conn, 8)?;
    if lost > 0 {
        out.push(Todo {
            key: "lost_contact",
            title: format!("{lost} 名党员处于失联状态"),
            detail: "请继续联系查找并在“流动党员 → 失联党员”登记；失联满六个月且查找无果的，按规定处理".into(),
            count: lost as usize,
            filter: Value::Null,
            names: lost_names,
            page: Some("mobile"),
        });
    }
    // Meetings come first: they have a deadline.
    let meetings = compliance::todos(conn, today)?;
    let mut first = Vec::new();
    let overdue: Vec<String> = meetings.iter().filter(|m| m.status == "overdue").map(|m| m.text.clone()).collect();
    if !overdue.is_empty() {
        first.push(Todo {
            key: "meetings_overdue",
            title: format!("{} 项会议逾期未开", overdue.len()),
            detail: "上一周期应开的会议没有召开记录。如已召开，请到“组织生活”补录；如未召开，请尽快安排".into(),
            count: overdue.len(),
            filter: Value::Null,
            names: overdue,
            page: Some("meetings"),
        });
    }
    let due: Vec<String> = meetings.iter().filter(|m| m.status == "due").map(|m| m.text.clone()).collect();
    if !due.is_empty() {
        first.push(Todo {
            key: "meetings_due",
            title: format!("{} 项会议待召开", due.len()),
            detail: "按“三会一课”要求本期应召开的会议，尚未召开或安排".into(),
            count: due.len(),
            filter: Value::Null,
            names: due,
            page: Some("meetings"),
        });
    }
    // 约谈提醒 of the last finished month, the one whose table was published.
    let last_month = today.checked_sub_months(chrono::Months::new(1)).unwrap_or(today);
    let month = last_month.format("%Y-%m").to_string();
    let talks: Vec<points::Alert> = points::alerts(conn, &month)?.into_iter().filter(|a| a.talk.is_none()).collect();
    if !talks.is_empty() {
        first.push(Todo {
            key: "talk_alerts",
            title: format!("{} 名党员需要约谈（{}积分）", talks.len(), last_month.format("%Y年%-m月")),
            detail: "连续三个月本月得分末位或每月都有扣分的党员，以及本月有扣分的预备党员。约谈后请在“积分管理 → 约谈提醒”中登记".into(),
            count: talks.len(),
            filter: Value::Null,
            // At most eight on the first screen; the card adds "等 N 人" and the full list is one click away.
            names: talks.iter().take(HOME_NAMES).map(|a| format!("{}：{}", a.name, a.reason)).collect(),
            page: Some("points"),
        });
    }
    // 党章 第九条: six months unpaid without a reason is treated as 自行脱党 — the secretary must look into it.
    let lapse = crate::dues::open_alerts(conn, today)?;
    if !lapse.is_empty() {
        first.push(Todo {
            key: "dues_lapse",
            title: format!("{} 名党员连续 6 个月以上未交党费", lapse.len()),
            detail: "党章规定，连续六个月不交纳党费又没有正当理由的，按自行脱党处理。请先谈话了解情况，再到“党费 → 欠缴提醒”登记处理结果".into(),
            count: lapse.len(),
            filter: Value::Null,
            names: lapse
                .iter()
                .take(HOME_NAMES)
                .map(|r| format!("{}{}：自 {} 起连续 {} 个月未交", r.name, if r.hint.is_empty() { String::new() } else { format!("（{}）", r.hint) }, r.run_from.as_deref().unwrap_or(""), r.longest))
                .collect(),
            page: Some("dues"),
        });
    }
    // 发展党员: every step past its time limit, with the rule.
    let overdue: Vec<crate::development::Person> = crate::development::board(conn, today)?.into_iter().filter(|p| p.next.as_ref().is_some_and(|n| n.overdue)).collect();
    if !overdue.is_empty() {
        first.push(Todo {
            key: "dev_overdue",
            title: format!("发展党员：{} 人的步骤已逾期", overdue.len()),
            detail: "发展党员的时间要求已过（如收到申请书后 1 个月内谈话、支部大会后 3 个月内审批）。请尽快办理，并在“发展党员”中记录".into(),
            count: overdue.len(),
            filter: Value::Null,
            names: overdue
                .iter()
                .take(HOME_NAMES)
                .filter_map(|p| p.next.as_ref().map(|n| format!("{}：第 {} 步 {}（期限 {}）", p.name, n.step, n.name, n.due.clone().unwrap_or_default())))
                .collect(),
            page: Some("pipeline"),
        });
    }
    // 流动党员 and 失联: 失联 proposals first (they outrank 流动), then 回执 overdue, then members away out of touch.
    let away = crate::mobile::alerts(conn, today)?;
    let group = |keys: &[&str]| -> Vec<String> { away.iter().filter(|a| keys.contains(&a.key)).map(|a| a.text.clone()).collect() };
    for (keys, key, title, detail) in [
        (&["lost_action"][..], "lost_action", "名失联党员应按规定处理", "失联满 6 个月且查找无果的应停止党籍；停止党籍满 2 年仍无法联系的按自行脱党予以除名。请到“流动党员 → 失联党员”办理"),
        (&["receipt"][..], "transfer_receipt", "封组织关系介绍信的回执逾期未回", "回执收回前，党员仍由本支部负责。请与接收党组织联系，收回后到“流动党员 → 组织关系转接”登记"),
        (&["mobile_confirm", "mobile_contact", "mobile_report"][..], "mobile_contact", "名流动党员需要联系", "外出满 6 个月的请确认为流动党员；超过联系周期没有联系或本年度还没有向支部汇报的，请联系后到“流动党员”登记"),
    ] {
        let names = group(keys);
        if !names.is_empty() {
            first.push(Todo {
                key,
                title: format!("{} {title}", names.len()),
                detail: detail.into(),
                count: names.len(),
                filter: Value::Null,
                names: names.into_iter().take(HOME_NAMES).collect(),
                page: Some("mobile"),
            });
        }
    }
    // 困难党员 whose review date has come.
    let reviews: Vec<crate::care::Hardship> = crate::care::hardship::list(conn, today)?.into_iter().filter(|h| h.review_due).collect();
    if !reviews.is_empty() {
        out.push(Todo {
            key: "hardship_review",
            title: format!("{} 名困难党员到了复核日期", reviews.len()),
            detail: "请核实困难是否仍然存在，调整帮扶措施或解除，并到“关爱帮扶”登记".into(),
            count: reviews.len(),
            filter: Value::Null,
            names: reviews.iter().take(HOME_NAMES).map(|h| format!("{}（{}，复核日期 {}）", h.name, h.kind, h.review_on.clone().unwrap_or_default())).collect(),
            page: Some("care"),
        });
    }
    // 政治生日 of this month: a greeting, or a card at the 主题党日.
    let birthdays = crate::care::birthdays(conn, &today.format("%Y-%m").to_string())?;
    if !birthdays.is_empty() {
        out.push(Todo {
            key: "political_birthdays",
            title: format!("本月有 {} 名党员过政治生日", birthdays.len()),
            detail: "可在主题党日为他们过政治生日、重温入党誓词。名单可在“关爱帮扶 → 政治生日”打印".into(),
            count: birthdays.len(),
            filter: Value::Null,
            names: birthdays.iter().take(HOME_NAMES).map(|b| format!("{}（{}，入党 {} 周年）", b.name, &b.join_date[5..], b.years)).collect(),
            page: Some("care"),
        });
    }
    // 民主评议 is held at the turn of the year: from December to March, for the year just ending or ended.
    let appraisal_year = if today.month() == 12 { Some(today.year()) } else if today.month() <= 3 { Some(today.year() - 1) } else { None };
    if let Some(y) = appraisal_year {
        if !crate::appraisal::opened(conn, y)? && member_store::count_in_good_standing(conn)? > 0 {
            out.push(Todo {
                key: "appraisal_due",
                title: format!("{y} 年度民主评议党员尚未开展"),
                detail: "每年年底或次年初结合组织生活会开展民主评议。请到“民主评议”建立本年度评议，打印测评表".into(),
                count: 1,
                filter: Value::Null,
                names: Vec::new(),
                page: Some("appraisal"),
            });
        }
    }
    // Once the branch keeps its dues here, members without a standard cannot be collected from.
    let review = crate::dues::review(conn, today.year())?;
    let missing: Vec<&crate::dues::standard::ReviewRow> = review.rows.iter().filter(|r| r.standard.is_none()).collect();
    if !missing.is_empty() && missing.len() < review.rows.len() {
        out.push(Todo {
            key: "dues_missing",
            title: format!("{} 名党员还没有核定党费交纳标准", missing.len()),
            detail: "没有标准就不能登记交纳，也不计欠缴。请到“党费 → 交纳标准”核定（农民、学生等可以批量核定）".into(),
            count: missing.len(),
            filter: Value::Null,
            names: missing.iter().take(HOME_NAMES).map(|r| if r.hint.is_empty() { r.name.clone() } else { format!("{}（{}）", r.name, r.hint) }).collect(),
            page: Some("dues"),
        });
    }
    first.extend(out);
    // The only copy of the registry should not live on one PC: a monthly reminder to copy it to a USB stick.
    let usb = crate::safety::backup::days_since_usb(conn, today)?;
    if usb.is_none_or(|d| d > 30) {
        first.push(Todo {
            key: "usb_backup",
            title: match usb {
                None => "还没有把数据备份到U盘".into(),
                Some(d) => format!("已经 {d} 天没有备份到U盘"),
            },
            detail: "电脑损坏或中毒时，U盘上的备份是唯一的副本。请到“数据安全”点“备份到U盘”，每月至少一次".into(),
            count: 1,
            filter: Value::Null,
            names: Vec::new(),
            page: Some("safety"),
        });
    }
    // An empty registry's first steps lead the page.
    first.sort_by_key(|t| t.key != "first_steps");
    Ok(first)
}
