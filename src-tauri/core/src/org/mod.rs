//! The organisation (党支部 or 党总支 with its 支部) and its 党小组.
pub mod store;

use crate::store::audit;
use crate::store::kv;
use crate::kernel::codes;
use crate::kernel::dates;
use chrono::Datelike;
use crate::kernel::error::{Error, FieldError, Result};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Org {
    /// 631 党支部, 621 党总支, 632 联合党支部.
    pub kind: String,
    pub kind_name: String,
    pub name: String,
    pub secretary: String,
    pub branches: Vec<Branch>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Branch {
    pub id: i64,
    pub name: String,
    pub groups: Vec<Group>,
}

/// 党小组.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Group {
    pub id: i64,
    pub branch_id: i64,
    pub name: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SetupInput {
    pub kind: String,
    pub name: String,
    pub secretary: String,
    /// Only for a 党总支: its 支部 names. A 党支部 is its own single branch.
    pub branches: Vec<String>,
    pub groups: Vec<GroupInput>,
    /// From which month the branch keeps its books here, 「2026-11」 (the setup screen offers this month).
    /// Meetings required before it are not due. Empty: no start, every period counts.
    pub books_from: Option<String>,
}

/// The `setting` key of the first month the branch keeps its books here.
const BOOKS_FROM: &str = "books_from";

/// The first day of the month the branch started keeping its books here, if setup recorded one.
pub fn books_from(conn: &Connection) -> Result<Option<chrono::NaiveDate>> {
    let v = kv::get(conn, BOOKS_FROM)?;
    Ok(v.and_then(|m| dates::parse(&format!("{m}-01"))))
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    /// Index into `SetupInput::branches` for a 党总支; ignored for a 党支部.
    pub branch: usize,
}

/// Who a data file (or a backup of it) belongs to: a random stamp written at setup, and the organisation's name.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub uid: Option<String>,
    pub name: String,
}

impl Identity {
    /// The same branch: the same stamp; or, when either file predates stamps, the same name.
    pub fn same_branch(&self, other: &Identity) -> bool {
        match (&self.uid, &other.uid) {
            (Some(a), Some(b)) => a == b,
            _ => self.name == other.name,
        }
    }
}

const UID_KEY: &str = "branch_uid";

/// The file's identity; `None` before setup (or in a file without the tables).
pub fn identity(conn: &Connection) -> Result<Option<Identity>> {
    let Some(name) = store::org_name(conn)? else { return Ok(None) };
    let uid = kv::get(conn, UID_KEY)?;
    Ok(Some(Identity { uid, name }))
}

/// Stamps a set-up file that has no identity yet (set up by an earlier version). Writes nothing otherwise.
pub fn stamp_identity(conn: &Connection) -> Result<()> {
    if let Some(Identity { uid: None, .. }) = identity(conn)? {
        write_uid(conn)?;
    }
    Ok(())
}

fn write_uid(conn: &Connection) -> Result<()> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    let uid: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    kv::put_new(conn, UID_KEY, &uid)?;
    Ok(())
}

pub fn is_set_up(conn: &Connection) -> Result<bool> {
    store::has_org(conn)
}

/// Who is writing, for the audit log: the secretary named in setup.
pub fn actor(conn: &Connection) -> Result<String> {
    Ok(store::secretary(conn)?.unwrap_or_else(|| "系统".to_string()))
}

fn clean(s: &str) -> String {
    s.replace('\u{3000}', " ").trim().to_string()
}

pub fn setup(conn: &mut Connection, input: &SetupInput) -> Result<Org> {
    let tx = conn.transaction()?;
    setup_in(&tx, input)?;
    let org = get(&tx)?;
    audit::record(&tx, &org.secretary, "setup", "org", Some(1), None::<&()>, Some(&org))?;
    tx.commit()?;
    Ok(org)
}

pub(crate) fn setup_in(conn: &Connection, input: &SetupInput) -> Result<()> {
    if is_set_up(conn)? {
        return Err(Error::AlreadySetUp);
    }
    let mut errs = Vec::new();
    let kind = codes::normalize(codes::ORG_KIND, &input.kind);
    if kind.is_none() {
        errs.push(FieldError::new("kind", "REQUIRED", "请选择组织类别（党支部、党总支或联合党支部）"));
    }
    let name = clean(&input.name);
    if name.is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写组织名称，例如“东风村党支部”"));
    }
    let secretary = clean(&input.secretary);
    if secretary.is_empty() {
        errs.push(FieldError::new("secretary", "REQUIRED", "请填写书记姓名"));
    } else if let Some(bad) = crate::kernel::names::name_problem(&secretary) {
        errs.push(FieldError::new("secretary", "BAD_NAME", format!("书记姓名里不能有{bad}")));
    }
    if let Some(bad) = crate::kernel::names::name_problem(&name) {
        errs.push(FieldError::new("name", "BAD_NAME", format!("组织名称里不能有{bad}")));
    }
    let is_general = kind == Some("621");
    let branch_names: Vec<String> = if is_general {
        input.branches.iter().map(|b| clean(b)).filter(|b| !b.is_empty()).collect()
    } else {
        vec![name.clone()]
    };
    let books_from = match input.books_from.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => None,
        Some(m) => match dates::parse(&format!("{}-01", m.get(..7).unwrap_or(m))) {
            Some(d) if d.year() >= 2000 && d <= dates::today() => Some(d.format("%Y-%m").to_string()),
            Some(_) => {
                errs.push(FieldError::new("books_from", "OUT_OF_RANGE", "建账月份应在 2000 年 1 月到本月之间"));
                None
            }
            None => {
                errs.push(FieldError::new("books_from", "BAD_DATE", "请选择从哪个月开始在本程序记账，例如 2026-11"));
                None
            }
        },
    };
    if is_general && branch_names.is_empty() {
        errs.push(FieldError::new("branches", "REQUIRED", "党总支请至少填写一个所属党支部"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let now = audit::now();
    store::insert_org(conn, kind, &name, &secretary, &now)?;
    // The branch identity travels with every backup; restoring another branch's backup asks first.
    write_uid(conn)?;
    if let Some(m) = &books_from {
        kv::put(conn, BOOKS_FROM, m)?;
    }
    let mut branch_ids = Vec::new();
    for (i, b) in branch_names.iter().enumerate() {
        branch_ids.push(store::insert_branch(conn, b, i as i64)?);
    }
    for (i, g) in input.groups.iter().enumerate() {
        let gname = clean(&g.name);
        if gname.is_empty() {
            continue;
        }
        let branch_id = *branch_ids.get(if is_general { g.branch } else { 0 }).unwrap_or(&branch_ids[0]);
        store::insert_group(conn, branch_id, &gname, i as i64)?;
    }
    Ok(())
}

pub fn get(conn: &Connection) -> Result<Org> {
    let (kind, name, secretary) = store::org_row(conn)?.ok_or(Error::NotSetUp)?;
    let groups = groups(conn, true)?;
    let branches = store::active_branches(conn)?
        .into_iter()
        .map(|(id, name)| Branch { id, name, groups: groups.iter().filter(|g| g.branch_id == id).cloned().collect() })
        .collect();
    Ok(Org {
        kind_name: codes::name_of(codes::ORG_KIND, &kind).unwrap_or("").to_string(),
        kind,
        name,
        secretary,
        branches,
    })
}

pub fn groups(conn: &Connection, include_retired: bool) -> Result<Vec<Group>> {
    store::groups(conn, include_retired)
}

/// Name and secretary, edited in 设置.
pub fn update(conn: &mut Connection, actor: &str, name: &str, secretary: &str) -> Result<Org> {
    let name = clean(name);
    let secretary = clean(secretary);
    let mut errs = Vec::new();
    if name.is_empty() {
        errs.push(FieldError::new("name", "REQUIRED", "请填写组织名称"));
    }
    if secretary.is_empty() {
        errs.push(FieldError::new("secretary", "REQUIRED", "请填写书记姓名"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let tx = conn.transaction()?;
    let before = get(&tx)?;
    store::update_org(&tx, &name, &secretary, &audit::now())?;
    // A 党支部 is its own branch: keep the branch name in step with the organisation name.
    if before.kind != "621" {
        store::rename_first_branch(&tx, &name)?;
    }
    let after = get(&tx)?;
    audit::record(&tx, actor, "update", "org", Some(1), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

pub fn add_branch(conn: &mut Connection, actor: &str, name: &str) -> Result<Org> {
    let name = clean(name);
    if name.is_empty() {
        return Err(Error::invalid("name", "REQUIRED", "请填写党支部名称"));
    }
    let tx = conn.transaction()?;
    let org = get(&tx)?;
    if org.kind != "621" {
        return Err(Error::invalid("kind", "NOT_GENERAL_BRANCH", "只有党总支可以添加下属党支部"));
    }
    let id = store::append_branch(&tx, &name)?;
    audit::record(&tx, actor, "create", "branch", Some(id), None::<&()>, Some(&name))?;
    let org = get(&tx)?;
    tx.commit()?;
    Ok(org)
}

pub fn add_group(conn: &mut Connection, actor: &str, branch_id: i64, name: &str) -> Result<Group> {
    let name = clean(name);
    if name.is_empty() {
        return Err(Error::invalid("name", "REQUIRED", "请填写党小组名称，例如“第一党小组”"));
    }
    let tx = conn.transaction()?;
    let exists = store::branch_exists(&tx, branch_id)?;
    if !exists {
        return Err(Error::NotFound { entity: "branch", id: branch_id });
    }
    let group = Group { id: store::append_group(&tx, branch_id, &name)?, branch_id, name, active: true };
    audit::record(&tx, actor, "create", "party_group", Some(group.id), None::<&()>, Some(&group))?;
    tx.commit()?;
    Ok(group)
}

/// Renames or retires a 党小组. Retired groups keep their members' history; nothing is deleted.
pub fn update_group(conn: &mut Connection, actor: &str, id: i64, name: &str, active: bool) -> Result<Group> {
    let name = clean(name);
    if name.is_empty() {
        return Err(Error::invalid("name", "REQUIRED", "请填写党小组名称"));
    }
    let tx = conn.transaction()?;
    let before = groups(&tx, true)?.into_iter().find(|g| g.id == id).ok_or(Error::NotFound { entity: "party_group", id })?;
    store::update_group(&tx, id, &name, active)?;
    let after = Group { name, active, ..before.clone() };
    audit::record(&tx, actor, "update", "party_group", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db;

    pub(crate) fn branch_input() -> SetupInput {
        SetupInput {
            kind: "631".into(),
            name: "东风村党支部".into(),
            secretary: "张建国".into(),
            branches: vec![],
            groups: vec![GroupInput { name: "第一党小组".into(), branch: 0 }, GroupInput { name: "第二党小组".into(), branch: 0 }],
            books_from: None,
        }
    }

    #[test]
    fn setup_branch_with_groups_and_audit() {
        let mut conn = db::open_in_memory().unwrap();
        assert!(!is_set_up(&conn).unwrap());
        let org = setup(&mut conn, &branch_input()).unwrap();
        assert_eq!(org.kind_name, "党支部");
        assert_eq!(org.branches.len(), 1);
        assert_eq!(org.branches[0].groups.len(), 2);
        assert_eq!(actor(&conn).unwrap(), "张建国");
        let audit = audit::list(&conn, Some(("org", 1)), 10).unwrap();
        assert_eq!(audit.len(), 1);
        assert_eq!(setup(&mut conn, &branch_input()).unwrap_err().code(), "ALREADY_SET_UP");
    }

    /// Saving 组织信息 unchanged writes no empty 修改 row; a real change writes one.
    #[test]
    fn saving_unchanged_org_writes_no_audit_row() {
        let mut conn = db::open_in_memory().unwrap();
        setup(&mut conn, &branch_input()).unwrap();
        let rows = |c: &Connection| -> i64 { c.query_row("SELECT count(*) FROM audit_log WHERE entity = 'org' AND action = 'update'", [], |r| r.get(0)).unwrap() };
        let org = get(&conn).unwrap();
        update(&mut conn, "书记", &org.name, &org.secretary).unwrap();
        assert_eq!(rows(&conn), 0);
        update(&mut conn, "书记", &org.name, "李四").unwrap();
        assert_eq!(rows(&conn), 1);
    }

    #[test]
    fn general_branch_needs_branches() {
        let mut conn = db::open_in_memory().unwrap();
        let mut input = branch_input();
        input.kind = "621".into();
        let err = setup(&mut conn, &input).unwrap_err();
        assert!(matches!(&err, Error::Invalid(f) if f[0].field == "branches"));
        input.branches = vec!["第一支部".into(), "第二支部".into()];
        input.groups[1].branch = 1;
        let org = setup(&mut conn, &input).unwrap();
        assert_eq!(org.branches.len(), 2);
        assert_eq!(org.branches[1].groups[0].name, "第二党小组");
    }

    #[test]
    fn missing_fields_are_named() {
        let mut conn = db::open_in_memory().unwrap();
        let err = setup(&mut conn, &SetupInput::default()).unwrap_err();
        let Error::Invalid(f) = err else { panic!() };
        let fields: Vec<_> = f.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["kind", "name", "secretary"]);
    }

    #[test]
    fn groups_are_retired_not_deleted() {
        let mut conn = db::open_in_memory().unwrap();
        let org = setup(&mut conn, &branch_input()).unwrap();
        let g = &org.branches[0].groups[0];
        update_group(&mut conn, "张建国", g.id, "一组", false).unwrap();
        assert_eq!(groups(&conn, false).unwrap().len(), 1);
        assert_eq!(groups(&conn, true).unwrap().len(), 2);
    }
}
