//! 党员活动所需: SQL on the tables members owns that meetings and points need (kept apart so the members area can
//! grow its own store.rs while they are being written).
//!
//! "In good standing" (在册) is `status = 'normal'` here, as in members/store.rs; the queries that filter on it say so.
use crate::kernel::error::Result;

use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// A member's name, if the member exists.
pub fn name(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT name FROM member WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?)
}

/// A member's (name, status), if the member exists.
pub fn name_and_status(conn: &Connection, id: i64) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT name, status FROM member WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Every member's name, to join rows of another owner in Rust.
pub fn names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name FROM member")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member as a month's points table lists them.
#[derive(Debug, Clone)]
pub struct RollRow {
    pub id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub category: Option<String>,
    pub status: String,
    /// Entered (created) after `last_day`.
    pub entered_later: bool,
}

/// Every member, in stroke order, with whether they were entered after `last_day` (ISO).
pub fn roll_for_month(conn: &Connection, last_day: &str) -> Result<Vec<RollRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, group_id, category, status, substr(created_at, 1, 10) > ?1 FROM member ORDER BY stroke_key, id",
    )?;
    let rows = stmt.query_map(params![last_day], |r| {
        Ok(RollRow { id: r.get(0)?, name: r.get(1)?, group_id: r.get(2)?, category: r.get(3)?, status: r.get(4)?, entered_later: r.get(5)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a meeting's page shows of an attendee.
#[derive(Debug, Clone)]
pub struct Card {
    pub name: String,
    pub group_id: Option<i64>,
    pub category: Option<String>,
    /// The roster's order (笔画).
    pub stroke_key: Option<String>,
}

/// Every member's card, to join attendance rows in Rust.
pub fn cards(conn: &Connection) -> Result<HashMap<i64, Card>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, group_id, category, stroke_key FROM member")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, Card { name: r.get(1)?, group_id: r.get(2)?, category: r.get(3)?, stroke_key: r.get(4)? })))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One member's (name, group_id, category); an error when the member does not exist.
pub fn card(conn: &Connection, id: i64) -> Result<(String, Option<i64>, Option<String>)> {
    Ok(conn.prepare_cached("SELECT name, group_id, category FROM member WHERE id = ?1")?.query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// Which members of a branch a meeting reaches.
pub enum Reach<'a> {
    /// Holders of these 党内职务 (the 支委).
    Posts(&'a [&'a str]),
    /// One 党小组.
    Group(Option<i64>),
    Everyone,
}

/// Members of the branch in good standing (`status = 'normal'`) and not 失联, within `reach`, in stroke order.
pub fn reachable(conn: &Connection, branch_id: i64, reach: Reach) -> Result<Vec<i64>> {
    let base = "SELECT id FROM member WHERE status = 'normal' AND lost_contact = 0 AND branch_id = ?1";
    // ?2 is the group for a 党小组会 and NULL otherwise, so every shape binds the same two parameters.
    let (filter, group) = match reach {
        Reach::Posts(posts) => (format!("party_post IN ({}) AND ?2 IS NULL", posts.iter().map(|p| format!("'{p}'")).collect::<Vec<_>>().join(", ")), None),
        Reach::Group(g) => ("group_id = ?2".to_string(), g),
        Reach::Everyone => ("?2 IS NULL".to_string(), None),
    };
    let mut stmt = conn.prepare_cached(&format!("{base} AND {filter} ORDER BY stroke_key, id"))?;
    let ids = stmt.query_map(params![branch_id, group], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// The 失联 members in good standing (`status = 'normal'`) of a branch (or all), in stroke order.
pub fn lost_contact_names(conn: &Connection, branch_id: Option<i64>) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM member WHERE status = 'normal' AND lost_contact = 1
           AND (?1 IS NULL OR branch_id = ?1) ORDER BY stroke_key, id",
    )?;
    let names = stmt.query_map([branch_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// The ids of members in good standing (`status = 'normal'`).
pub fn in_good_standing(conn: &Connection) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM member WHERE status = 'normal'")?;
    let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// How many members in good standing (`status = 'normal'`) a 管理类型 class has.
pub fn count_in_class(conn: &Connection, class_key: &str) -> Result<u32> {
    Ok(conn.query_row("SELECT count(*) FROM member WHERE status = 'normal' AND mgmt_type = ?1", [class_key], |r| r.get(0))?)
}

/// A member as the help lists need them: (id, name, group_id, birth_date, identity_class, lost_contact, tags JSON).
pub type Profile = (i64, String, Option<i64>, Option<String>, Option<String>, bool, String);

/// Members in good standing (`status = 'normal'`) of a 管理类型 class, in stroke order.
pub fn in_class(conn: &Connection, class_key: &str) -> Result<Vec<Profile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, group_id, birth_date, identity_class, lost_contact, tags FROM member
         WHERE status = 'normal' AND mgmt_type = ?1 ORDER BY stroke_key, id",
    )?;
    let rows = stmt.query_map([class_key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member as participation lists them, with what `standing` needs to tell frail and mobile.
#[derive(Debug, Clone)]
pub struct Standing {
    pub name: String,
    pub group_id: Option<i64>,
    pub status: String,
    pub stroke_key: Option<String>,
    pub birth_date: Option<String>,
    pub identity_class: Option<String>,
    pub lost_contact: bool,
    /// JSON list.
    pub tags: String,
}

/// Every member's standing, to join attendance sums in Rust.
pub fn standings(conn: &Connection) -> Result<HashMap<i64, Standing>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, group_id, status, stroke_key, birth_date, identity_class, lost_contact, tags FROM member")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            Standing {
                name: r.get(1)?,
                group_id: r.get(2)?,
                status: r.get(3)?,
                stroke_key: r.get(4)?,
                birth_date: r.get(5)?,
                identity_class: r.get(6)?,
                lost_contact: r.get(7)?,
                tags: r.get(8)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A member as the dues ledger needs them. Dues stop after the month the member left (death, 转出, 出党 or
/// 停止党籍: any status but 'normal', from its `status_date`).
#[derive(Debug, Clone)]
pub struct DuesMember {
    pub id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub category: Option<String>,
    pub join_date: Option<String>,
    pub status: String,
    pub status_date: Option<String>,
    /// To tell two members of the same name apart.
    pub birth_date: Option<String>,
    /// When the member entered this program (their record's creation): dues before it were kept elsewhere.
    pub entered: Option<String>,
}

/// Every member, in stroke order (the roster's order).
pub fn dues_roll(conn: &Connection) -> Result<Vec<DuesMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, group_id, category, join_date, status, status_date, birth_date, created_at FROM member ORDER BY stroke_key, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(DuesMember {
            id: r.get(0)?,
            name: r.get(1)?,
            group_id: r.get(2)?,
            category: r.get(3)?,
            join_date: r.get(4)?,
            status: r.get(5)?,
            status_date: r.get(6)?,
            birth_date: r.get(7)?,
            entered: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every member's name as a list or a printed sheet shows it: 「王芳（1972年生）」 where another member has the same
/// name (two 王芳 on a 测评表 must be told apart), else the bare name.
pub fn display_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, birth_date FROM member")?;
    let rows: Vec<(i64, String, Option<String>)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (_, n, _) in &rows {
        *count.entry(n.as_str()).or_default() += 1;
    }
    Ok(rows
        .iter()
        .map(|(id, n, b)| {
            let shown = if count[n.as_str()] < 2 {
                n.clone()
            } else {
                match b.as_deref().filter(|b| b.len() >= 4) {
                    Some(b) => format!("{n}（{}年生）", &b[..4]),
                    None => format!("{n}（编号 {id}）"),
                }
            };
            (*id, shown)
        })
        .collect())
}
