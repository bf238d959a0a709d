//! 操作记录: the audit viewer. The log is written by `store::audit::record` in each change's transaction; this reads
//! it back for the secretary, naming codes, members' fields, branches and groups in Chinese, which needs the areas
//! above the store — so the viewer lives with the reports, and the writer stays at the bottom.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::members::config;
use crate::members::store as member_store;
use crate::store::audit::{self, AuditEntry};
use rusqlite::Connection;
use serde::Serialize;

mod labels;
use labels::field_label;

/// Filters of the audit viewer; all optional.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct AuditQuery {
    /// YYYY-MM-DD, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Changes to this member.
    pub member_id: Option<i64>,
    /// member, meeting, point_entry, point_rule, settings, org, database, …
    pub entity: Option<String>,
    pub limit: Option<i64>,
}

/// One changed field of a change, for the viewer's before/after.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditRow {
    #[serde(flatten)]
    pub entry: AuditEntry,
    pub action_name: &'static str,
    pub entity_name: &'static str,
    /// Who or what the change was about: a member's name, a meeting's topic.
    pub subject: String,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// All matches, of which `rows` holds the newest `limit`.
    pub total: i64,
}

pub fn action_name(action: &str) -> &'static str {
    match action {
        "create" => "新增",
        "update" => "修改",
        "status" => "党籍变更",
        "setup" => "首次设置",
        "demo" => "载入示例",
        "cancel" => "取消",
        "makeup" => "登记补学",
        "void" => "作废",
        "recap" => "按上限重算",
        "retire" => "停用",
        "restore" => "从备份恢复",
        "rescue" => "损坏后恢复",
        "upgrade" => "升级",
        "end" => "结束",
        "set" => "设置",
        "clear" => "解除",
        "recover" => "命令行解除",
        "import" => "导入",
        "reverse" => "冲正",
        "revoke" => "撤销",
        "return" => "登记返回",
        "receipt" => "回执收回",
        "resolve" => "解除",
        "tally" => "登记票数",
        "grade" => "评定等次",
        _ => "其他",
    }
}

pub fn entity_name(entity: &str) -> &'static str {
    match entity {
        "member" => "党员",
        "meeting" => "会议",
        "point_entry" => "积分",
        "point_rule" => "积分规则",
        "point_talk" => "约谈",
        "settings" => "设置",
        "org" => "组织信息",
        "branch" => "支部",
        "party_group" => "党小组",
        "study_plan" => "学习计划",
        "pairing" => "结对",
        "database" => "数据文件",
        "lock" => "密码锁",
        "backup" => "备份到U盘",
        "dues_standard" => "党费标准",
        "dues_payment" => "党费",
        "dues_relief" => "党费少交免交",
        "dues_remit" => "党费上缴",
        "dues_alert_handling" => "欠缴处理",
        "dev_person" => "发展党员",
        "dev_step" => "发展步骤",
        "mobile_card" => "流动党员档案",
        "mobile_contact" => "联系记录",
        "transfer" => "组织关系转接",
        "care_hardship" => "困难党员",
        "care_visit" => "走访慰问",
        "care_medal" => "纪念章颁发",
        "appraisal" => "民主评议",
        "appraisal_action" => "组织处置",
        "township_settings" => "上报设置",
        _ => "其他",
    }
}

/// What the viewer needs to say a stored code in Chinese: the code lists, the branch's 管理类型 names and its
/// 支部 and 党小组 names. Loaded once per page of the log.
struct Names {
    classes: Vec<config::MgmtClass>,
    branches: Vec<(i64, String)>,
    groups: Vec<(i64, String)>,
    /// Every member's name as lists show it (two 王芳 told apart), for a record that names a member by id.
    members: std::collections::HashMap<i64, String>,
}

impl Names {
    fn load(conn: &Connection) -> Names {
        let classes = config::classes(conn).unwrap_or_default();
        // Every model's names, so a change made under the other model still reads in Chinese.
        let classes = classes.into_iter().chain(config::default_classes("three")).chain(config::default_classes("five")).collect();
        let (mut branches, mut groups) = (Vec::new(), Vec::new());
        if let Ok(org) = crate::org::get(conn) {
            for b in org.branches {
                groups.extend(b.groups.iter().map(|g| (g.id, g.name.clone())));
                branches.push((b.id, b.name));
            }
        }
        let members = member_store::activity::display_names(conn).unwrap_or_default();
        Names { classes, branches, groups, members }
    }
}

/// Fields the secretary never typed: keys, stamps, names derived from codes, search text.
fn hidden(key: &str) -> bool {
    matches!(
        key,
        "id" | "updated_at" | "created_at" | "attendees" | "quorum" | "kind_name" | "group_name" | "search" | "sort_key" | "meeting_id" | "rule_id"
            | "appraisal_id" | "prev_identity" | "entered_by"
    )
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::Bool(b) => if *b { "是" } else { "否" }.into(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.as_f64().map(|f| if f.fract() == 0.0 { format!("{}", f as i64) } else { format!("{f}") }).unwrap_or_else(|| n.to_string()),
        serde_json::Value::Array(a) => a.iter().map(plain).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("、"),
        serde_json::Value::Object(o) => o.values().map(plain).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("，"),
    }
}

/// A stored value as the secretary reads it: codes through the code lists, ids through the branch's names,
/// true/false as 是/否.
fn value_text(names: &Names, entity: &str, key: &str, v: &serde_json::Value) -> String {
    use crate::kernel::codes::{self, name_of, CodeList};
    let code = |list: CodeList| -> String {
        match v {
            serde_json::Value::String(s) => name_of(list, s).map(str::to_string).unwrap_or_else(|| s.clone()),
            serde_json::Value::Array(a) => a.iter().map(|x| x.as_str().map(|s| name_of(list, s).unwrap_or(s).to_string()).unwrap_or_else(|| plain(x))).collect::<Vec<_>>().join("、"),
            _ => plain(v),
        }
    };
    let id_name = |list: &[(i64, String)]| v.as_i64().map(|id| list.iter().find(|(i, _)| *i == id).map(|(_, n)| n.clone()).unwrap_or_else(|| format!("（已删除的 {id}）"))).unwrap_or_else(|| plain(v));
    match (entity, key) {
        (_, "sex") => code(codes::SEX),
        (_, "ethnicity") => code(codes::ETHNICITY),
        (_, "education") => code(codes::EDUCATION),
        ("member", "category") => code(codes::CATEGORY),
        (_, "job") => code(codes::JOB),
        (_, "party_post") => code(codes::PARTY_POST),
        (_, "status") => code(codes::STATUS),
        (_, "status_kind") => code(codes::OUT_KIND),
        (_, "identity_class") => code(codes::IDENTITY_CLASS),
        (_, "position_nature") => code(codes::POSITION_NATURE),
        (_, "lost_contact_reason") => code(codes::LOST_REASON),
        ("study_plan", "mode") => code(codes::STUDY_MODE),
        (_, "mgmt_type") | ("study_plan", "class_key") => match v.as_str() {
            Some(k) => names.classes.iter().find(|c| c.key == k).map(|c| c.name.clone()).unwrap_or_else(|| k.to_string()),
            None => plain(v),
        },
        (_, "branch_id") => id_name(&names.branches),
        (_, "member_id" | "keeper_id" | "contact_id" | "introducer_id") => match v.as_i64() {
            Some(id) => names.members.get(&id).cloned().unwrap_or_else(|| format!("（编号 {id} 的党员）")),
            None => plain(v),
        },
        (_, "group_id") => id_name(&names.groups),
        ("meeting", "kind") | ("point_rule", "meeting_kinds") => code(codes::MEETING_KIND),
        ("meeting", "state") => code(&[("planned", "计划召开"), ("held", "已召开"), ("cancelled", "已取消")]),
        ("point_rule" | "point_entry", "category") => code(&[("base", "基础分"), ("bonus", "奖励分"), ("deduction", "扣减")]),
        ("point_rule", "unit") => code(&[("time", "次"), ("hour", "小时")]),
        ("point_rule", "attendance") => code(codes::ATTENDANCE),
        ("org", "kind") => code(codes::ORG_KIND),
        ("meeting", "tally") => {
            let n = |k: &str| v.get(k).and_then(|x| x.as_u64()).unwrap_or(0);
            format!("应到 {}，出席 {}，请假 {}，缺席 {}，补学 {}", n("expected"), n("present"), n("leave"), n("absent"), n("made_up"))
        }
        ("org", "branches") => v
            .as_array()
            .map(|bs| {
                bs.iter()
                    .map(|b| {
                        let gs = b.get("groups").and_then(|g| g.as_array()).map(|g| g.iter().filter_map(|g| g.get("name").and_then(|n| n.as_str())).collect::<Vec<_>>().join("、")).unwrap_or_default();
                        format!("{}（{}）", b.get("name").and_then(|n| n.as_str()).unwrap_or(""), gs)
                    })
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_else(|| plain(v)),
        ("settings", "mgmt_model") => code(&[("three", "三类"), ("five", "五类")]),
        ("settings", "mgmt_classes") => v.as_array().map(|a| a.iter().filter_map(|c| c.get("name").and_then(|n| n.as_str())).collect::<Vec<_>>().join("、")).unwrap_or_else(|| plain(v)),
        ("settings", "leave_policy") => code(codes::LEAVE_POLICY),
        ("settings", "theme_day") => match v.as_i64() {
            Some(0) => "不固定".into(),
            Some(d) => format!("每月{d}日"),
            None => plain(v),
        },
        ("settings", "meeting_rules") => v
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|r| {
                        let k = r.get("kind").and_then(|x| x.as_str()).unwrap_or("");
                        let f = r.get("frequency").and_then(|x| x.as_str()).unwrap_or("");
                        format!("{}{}", name_of(codes::MEETING_KIND, k).unwrap_or(k), name_of(codes::FREQUENCY, f).unwrap_or(f))
                    })
                    .collect::<Vec<_>>()
                    .join("，")
            })
            .unwrap_or_else(|| plain(v)),
        ("settings", "points") => v
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, x)| {
                        let l = match k.as_str() {
                            "base" => "基础分",
                            "excellent" => "优秀线",
                            "good" => "良好线",
                            "pass" => "合格线",
                            "bonus_cap" => "奖励分上限",
                            "scheme" => "方案",
                            _ => "",
                        };
                        if l.is_empty() { plain(x) } else { format!("{l} {}", plain(x)) }
                    })
                    .collect::<Vec<_>>()
                    .join("，")
            })
            .unwrap_or_else(|| plain(v)),
        ("settings", "dues") => {
            let fen = v.get("farmer_fen").and_then(|x| x.as_i64()).unwrap_or(0);
            let when = if v.get("change_from").and_then(|x| x.as_str()) == Some("yearly") { "年初统一核定" } else { "从领到新工资的当月起执行" };
            format!("农民党员每月 {} 元，新基数{when}", crate::kernel::money::yuan(fen))
        }
        ("mobile_card", "dues_way") => code(&crate::mobile::rules::DUES_WAYS),
        ("mobile_card", "clear") => v
            .as_object()
            .map(|o| o.iter().map(|(k, d)| format!("{} {}", name_of(&crate::mobile::rules::CLEAR_ITEMS, k).unwrap_or(k), plain(d))).collect::<Vec<_>>().join("，"))
            .unwrap_or_else(|| plain(v)),
        ("mobile_contact", "kind") => code(&[("contact", "联系"), ("search", "查找")]),
        ("transfer", "direction") => code(&[("out", "转出"), ("in", "转入")]),
        ("care_hardship", "state") => code(&[("active", "帮扶中"), ("resolved", "已解除")]),
        ("care_visit", "amount") => v.as_i64().map(crate::kernel::money::yuan).unwrap_or_else(|| plain(v)),
        ("appraisal_action", "kind") => code(&crate::appraisal::rules::ACTIONS),
        ("appraisal", "steps") => v
            .as_object()
            .map(|o| o.iter().map(|(k, d)| format!("{} {}", name_of(&crate::appraisal::rules::STEPS, k).unwrap_or(k), plain(d))).collect::<Vec<_>>().join("，"))
            .unwrap_or_else(|| plain(v)),
        ("database", "schema") => v.as_i64().map(|n| format!("第 {n} 版")).unwrap_or_else(|| plain(v)),
        ("lock", "enabled") => if v.as_bool() == Some(true) { "已开启" } else { "未开启" }.into(),
        _ => plain(v),
    }
}

/// Top-level fields that differ between two JSON objects, in Chinese; a new record lists what it was created
/// with, a batch lists its members.
fn changes(names: &Names, entity: &str, before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    use serde_json::Value;
    let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<Value>(s).ok());
    let show = |k: &str, v: Option<&Value>| v.map(|v| value_text(names, entity, k, v)).unwrap_or_default();
    match (parse(before), parse(after)) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|k| !hidden(k))
                .filter(|k| a.get(*k) != b.get(*k))
                .map(|k| FieldChange { field: field_label(entity, k), before: show(k, b.get(k)), after: show(k, a.get(k)) })
                .collect()
        }
        // 新增: every field it was created with, in the record's own order.
        (None, Some(Value::Object(a))) => a
            .iter()
            .filter(|(k, _)| !hidden(k))
            .map(|(k, v)| (k, value_text(names, entity, k, v)))
            .filter(|(_, v)| !v.is_empty() && v != "否")
            .map(|(k, v)| FieldChange { field: field_label(entity, k), before: String::new(), after: v })
            .collect(),
        // A batch of 积分: one line per member.
        (None, Some(Value::Array(items))) if items.iter().all(Value::is_object) => items
            .iter()
            .map(|e| {
                let t = |k: &str| e.get(k).map(plain).unwrap_or_default();
                let after = format!("{} {} {} 分{}", t("date"), t("rule_name"), t("points"), e.get("note").and_then(Value::as_str).map(|n| format!("（{n}）")).unwrap_or_default());
                FieldChange { field: t("member_name"), before: String::new(), after }
            })
            .collect(),
        (None, Some(v)) => vec![FieldChange { field: "内容".into(), before: String::new(), after: plain(&v) }],
        _ => Vec::new(),
    }
}

/// 分类调整 keeps its reason in the class history, not in the member record: find it for a change of class.
fn class_reason(conn: &Connection, e: &AuditEntry, changes: &[FieldChange]) -> Option<String> {
    if e.entity != "member" || e.action != "update" {
        return None;
    }
    let class_fields = ["身份类别", "岗位性质", "管理类型"];
    if !changes.iter().any(|c| class_fields.contains(&c.field.as_str())) {
        return None;
    }
    member_store::class_reason_at(conn, e.entity_id?, &e.at).ok().flatten().filter(|r| !r.is_empty())
}

/// What a row is about, naming the person whenever the record concerns one (「王大爷 2026-01-20」, not a bare date).
fn subject(names: &Names, entity: &str, before: Option<&str>, after: Option<&str>) -> String {
    let v = after.or(before).and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    let Some(v) = v else { return String::new() };
    let base = subject_of(entity, &v);
    let person = v
        .get("member_id")
        .and_then(|x| x.as_i64())
        .map(|id| names.members.get(&id).cloned().unwrap_or_else(|| format!("编号 {id} 的党员")))
        .or_else(|| v.get("党员").and_then(|x| x.as_str()).map(str::to_string))
        .or_else(|| v.get("name").and_then(|x| x.as_str()).filter(|_| entity.starts_with("care") || entity.starts_with("mobile")).map(str::to_string));
    match person {
        Some(p) if !base.contains(p.split('（').next().unwrap_or(&p)) => if base.is_empty() { p } else { format!("{p} {base}") },
        _ => base,
    }
}

fn subject_of(entity: &str, v: &serde_json::Value) -> String {
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    match entity {
        "member" => text("name"),
        "meeting" => text("topic").map(|t| format!("{} {}", text("date").unwrap_or_default(), t)),
        "point_rule" | "party_group" => text("name"),
        "study_plan" => {
            let n = |k: &str| v.get(k).and_then(|x| x.as_i64()).unwrap_or(0);
            Some(format!("{}年第{}季度", n("year"), n("quarter")))
        }
        "point_entry" => v.as_array().map(|a| format!("{} 人：{}", a.len(), a.first().and_then(|e| e.get("rule_name")).and_then(|x| x.as_str()).unwrap_or("")))
            .or_else(|| text("member_name").map(|n| format!("{n}：{}", text("rule_name").unwrap_or_default()))),
        "database" => text("backup").or_else(|| v.as_str().map(str::to_string)),
        "dues_standard" | "dues_relief" | "dues_alert_handling" => text("member"),
        "dues_payment" => text("member").map(|m| format!("{m} {}", text("month").unwrap_or_default())).or_else(|| text("paid_on").map(|d| format!("{d} 收缴"))),
        "dues_remit" => text("date").map(|d| format!("{d} 上缴")),
        "dev_person" => text("name"),
        "dev_step" => text("person").map(|n| format!("{n} {}", text("step").unwrap_or_default())),
        "transfer" => text("letter_no").map(|n| format!("介绍信第 {n} 号")),
        "appraisal" => v.get("year").and_then(|y| y.as_i64()).or_else(|| v.get("年度").and_then(|y| y.as_i64())).map(|y| format!("{y} 年度")),
        "appraisal_action" | "care_visit" | "mobile_contact" | "care_hardship" | "mobile_card" => text("date").or_else(|| text("decided_on")).or_else(|| text("away_since")).or_else(|| text("recognized_on")),
        _ => None,
    }
    .unwrap_or_default()
}

/// The audit viewer: newest first, filtered by date, member and kind.
pub fn query(conn: &Connection, q: &AuditQuery) -> Result<AuditPage> {
    let day = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => dates::parse_flexible(s).map(|d| Some(dates::iso(d))).ok_or_else(|| {
                Error::invalid(field, "BAD_DATE", format!("日期“{s}”不正确，请按 2026-11-01 的格式填写"))
            }),
        }
    };
    let (from, to) = (day("from", &q.from)?, day("to", &q.to)?);
    let entity = q.entity.as_deref().filter(|s| !s.is_empty());
    let (total, entries) = audit::page(conn, from.as_deref(), to.as_deref(), q.member_id, entity, q.limit.unwrap_or(500).clamp(1, 100_000))?;
    let names = Names::load(conn);
    let rows = entries
        .into_iter()
        .map(|e| {
            let mut changes = changes(&names, &e.entity, e.before.as_deref(), e.after.as_deref());
            let reason = class_reason(conn, &e, &changes);
            let only_class = reason.is_some() && changes.iter().all(|c| matches!(c.field.as_str(), "身份类别" | "岗位性质" | "管理类型"));
            if let Some(r) = reason {
                changes.push(FieldChange { field: "调整原因".into(), before: String::new(), after: r });
            }
            AuditRow {
                action_name: if only_class { "调整分类" } else { action_name(&e.action) },
                entity_name: entity_name(&e.entity),
                subject: subject(&names, &e.entity, e.before.as_deref(), e.after.as_deref()),
                changes,
                entry: e,
            }
        })
        .collect();
    Ok(AuditPage { rows, total })
}

/// 操作记录 as a table for print or xlsx.
pub fn table(conn: &Connection, q: &AuditQuery) -> Result<PrintTable> {
    let page = query(conn, &AuditQuery { limit: Some(100_000), ..q.clone() })?;
    let org = crate::org::get(conn)?;
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let changes: Vec<String> = r.changes.iter().take(8).map(|c| format!("{}：{} → {}", c.field, c.before, c.after)).collect();
            vec![(i + 1).to_string(), r.entry.at.replace('T', " "), r.entry.actor.clone(), r.action_name.to_string(), r.entity_name.to_string(), r.subject.clone(), changes.join("；")]
        })
        .collect();
    let span = match (&q.from, &q.to) {
        (None, None) => "全部".to_string(),
        (f, t) => format!("{} 至 {}", f.clone().unwrap_or_default(), t.clone().unwrap_or_default()),
    };
    Ok(PrintTable { chart: None,
        title: format!("{}数据操作记录", org.name),
        subtitle: vec![format!("期间：{span}　　共 {} 条", rows.len())],
        columns: vec![
            Column::new("seq", "序号", true),
            Column::new("at", "时间", false),
            Column::new("actor", "操作人", false),
            Column::new("action", "操作", false),
            Column::new("entity", "对象", false),
            Column::new("subject", "内容", false),
            Column::new("changes", "修改的栏目", false),
        ],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows }],
        landscape: true,
        masked: false,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests;
