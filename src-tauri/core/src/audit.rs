//! The audit log: who changed what, when, with the record before and after, written in the caller's transaction.
use crate::error::Result;
use rusqlite::{params, Connection};
use serde::Serialize;

/// Local wall-clock time, since the secretary reads these stamps.
pub fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub fn record<B: Serialize, A: Serialize>(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&B>,
    after: Option<&A>,
) -> Result<()> {
    let before = before.map(serde_json::to_string).transpose()?;
    let after = after.map(serde_json::to_string).transpose()?;
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![now(), actor, action, entity, entity_id, before, after])?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Newest first; for one entity when given.
pub fn list(conn: &Connection, entity: Option<(&str, i64)>, limit: i64) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
         WHERE (?1 IS NULL OR (entity = ?1 AND entity_id = ?2)) ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![entity.map(|e| e.0), entity.map(|e| e.1), limit], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            before: r.get(6)?,
            after: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Filters of the audit viewer; all optional.
#[derive(Debug, Clone, Default, serde::Deserialize)]
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
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditRow {
    #[serde(flatten)]
    pub entry: AuditEntry,
    pub action_name: &'static str,
    pub entity_name: &'static str,
    /// Who or what the change was about: a member's name, a meeting's topic.
    pub subject: String,
    pub changes: Vec<FieldChange>,
}

#[derive(Debug, Clone, Serialize)]
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
        "retire" => "停用",
        "restore" => "从备份恢复",
        "rescue" => "损坏后恢复",
        "end" => "结束",
        "set" => "设置",
        "clear" => "解除",
        "recover" => "命令行解除",
        "import" => "导入",
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
        _ => "其他",
    }
}

/// The Chinese name of a field where the registry has one.
fn field_label(entity: &str, key: &str) -> String {
    let label = if entity == "member" { crate::member::label(key) } else { "字段" };
    match (label, key) {
        ("字段", "topic") => "主题".into(),
        ("字段", "date") => "日期".into(),
        ("字段", "state") => "状态".into(),
        ("字段", "points") => "分值".into(),
        ("字段", "voided") => "作废".into(),
        ("字段", "void_reason") => "作废原因".into(),
        ("字段", _) => key.to_string(),
        (l, _) => l.to_string(),
    }
}

/// Top-level fields that differ between two JSON objects; search and sort keys are left out.
fn changes(entity: &str, before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |s: Option<&str>| s.and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    let (Some(serde_json::Value::Object(b)), Some(serde_json::Value::Object(a))) = (parse(before), parse(after)) else { return Vec::new() };
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "updated_at" | "created_at" | "attendees"))
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| FieldChange { field: field_label(entity, k), before: show(b.get(k)), after: show(a.get(k)) })
        .collect()
}

fn subject(entity: &str, before: Option<&str>, after: Option<&str>) -> String {
    let v = after.or(before).and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok());
    let Some(v) = v else { return String::new() };
    let text = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    match entity {
        "member" => text("name"),
        "meeting" => text("topic").map(|t| format!("{} {}", text("date").unwrap_or_default(), t)),
        "point_rule" | "party_group" => text("name"),
        "point_entry" => v.as_array().map(|a| format!("{} 人：{}", a.len(), a.first().and_then(|e| e.get("rule_name")).and_then(|x| x.as_str()).unwrap_or("")))
            .or_else(|| text("member_name").map(|n| format!("{n}：{}", text("rule_name").unwrap_or_default()))),
        "database" => text("backup").or_else(|| v.as_str().map(str::to_string)),
        _ => None,
    }
    .unwrap_or_default()
}

/// The audit viewer: newest first, filtered by date, member and kind.
pub fn query(conn: &Connection, q: &AuditQuery) -> Result<AuditPage> {
    let day = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => crate::dates::parse_flexible(s).map(|d| Some(crate::dates::iso(d))).ok_or_else(|| {
                crate::error::Error::invalid(field, "BAD_DATE", format!("日期“{s}”不正确，请按 2026-11-01 的格式填写"))
            }),
        }
    };
    let (from, to) = (day("from", &q.from)?, day("to", &q.to)?);
    let entity = q.entity.as_deref().filter(|s| !s.is_empty());
    let filter = "WHERE (?1 IS NULL OR substr(at, 1, 10) >= ?1) AND (?2 IS NULL OR substr(at, 1, 10) <= ?2)
           AND (?3 IS NULL OR (entity = 'member' AND entity_id = ?3)) AND (?4 IS NULL OR entity = ?4)";
    let total: i64 = conn.query_row(&format!("SELECT count(*) FROM audit_log {filter}"), params![from, to, q.member_id, entity], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log {filter} ORDER BY id DESC LIMIT ?5"
    ))?;
    let rows = stmt
        .query_map(params![from, to, q.member_id, entity, q.limit.unwrap_or(500).clamp(1, 100_000)], |r| {
            Ok(AuditEntry { id: r.get(0)?, at: r.get(1)?, actor: r.get(2)?, action: r.get(3)?, entity: r.get(4)?, entity_id: r.get(5)?, before: r.get(6)?, after: r.get(7)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|e| AuditRow {
            action_name: action_name(&e.action),
            entity_name: entity_name(&e.entity),
            subject: subject(&e.entity, e.before.as_deref(), e.after.as_deref()),
            changes: changes(&e.entity, e.before.as_deref(), e.after.as_deref()),
            entry: e,
        })
        .collect();
    Ok(AuditPage { rows, total })
}

/// 操作记录 as a table for print or xlsx.
pub fn table(conn: &Connection, q: &AuditQuery) -> Result<crate::roster::PrintTable> {
    use crate::roster::{Column, PrintTable, TableGroup};
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
    Ok(PrintTable {
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
mod viewer_tests {
    use super::*;
    use crate::demo;
    use crate::member::{self, MemberData};

    #[test]
    fn filters_by_member_kind_and_date_and_shows_the_changed_fields() {
        let mut conn = crate::db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
        let m = member::create(&mut conn, "书记", &MemberData { name: "张三".into(), phone: Some("13812345678".into()), ..Default::default() }).unwrap();
        let mut data = m.data.clone();
        data.phone = Some("13900000000".into());
        member::update(&mut conn, "书记", m.id, &data, None).unwrap();
        member::create(&mut conn, "书记", &MemberData { name: "李四".into(), ..Default::default() }).unwrap();
        let page = query(&conn, &AuditQuery { member_id: Some(m.id), ..Default::default() }).unwrap();
        assert_eq!(page.total, 2);
        assert_eq!((page.rows[0].action_name, page.rows[0].subject.as_str()), ("修改", "张三"));
        let phone = page.rows[0].changes.iter().find(|c| c.field == "联系电话").unwrap();
        assert_eq!((phone.before.as_str(), phone.after.as_str()), ("13812345678", "13900000000"));
        assert!(page.rows[0].changes.iter().all(|c| c.field != "updated_at"));
        assert_eq!(query(&conn, &AuditQuery { entity: Some("member".into()), ..Default::default() }).unwrap().total, 3);
        assert_eq!(query(&conn, &AuditQuery { from: Some("2000-01-01".into()), to: Some("2000-12-31".into()), ..Default::default() }).unwrap().total, 0);
        assert_eq!(query(&conn, &AuditQuery { from: Some("昨天".into()), ..Default::default() }).unwrap_err().code(), "BAD_DATE");
        let t = table(&conn, &AuditQuery::default()).unwrap();
        assert_eq!(t.total, 4, "setup and three member changes");
        assert!(t.groups[0].rows[1][6].contains("联系电话：13812345678 → 13900000000"), "{:?}", t.groups[0].rows[1]);
    }
}
