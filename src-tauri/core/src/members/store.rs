//! SQL on the tables members owns — member, status_history, class_history (architecture.md: table ownership).
//! "In good standing" (在册) is `IN_GOOD_STANDING`, spelled here once.
use crate::kernel::error::Result;
use crate::kernel::names;
use crate::members::member::{ClassHistory, StatusHistory};
use crate::members::record::{search_text, MemberData, MemberRecord, COLUMNS};
use crate::store::audit;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

pub mod activity;

/// The filter of a member in good standing (在册): status `normal`. Every query of the branch's current members uses it.
pub const IN_GOOD_STANDING: &str = "status = 'normal'";

/// The reason recorded in the class history for the last 分类调整 of a member at or before `at`.
pub fn class_reason_at(conn: &Connection, member_id: i64, at: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT reason FROM class_history WHERE member_id = ?1 AND created_at <= ?2 ORDER BY created_at DESC, id DESC LIMIT 1",
            params![member_id, at],
            |r| r.get::<_, String>(0),
        )
        .optional()?)
}

/// Inserts (id 0) or updates the member's data, keeping the search and sort keys in step with the name.
pub(crate) fn write(tx: &Transaction, id: i64, m: &MemberData, now: &str) -> Result<i64> {
    let tags = serde_json::to_string(&m.tags)?;
    let p = params![
        m.name, m.sex, m.ethnicity, m.birth_date, m.id_number, m.id_check_confirmed, m.education, m.category,
        m.join_date, m.full_date, m.native_place, m.job, m.employer, m.phone, m.address, m.police_station,
        m.party_post, m.branch_id, m.group_id, m.residence, tags, m.remarks, m.identity_class, m.position_nature,
        m.mgmt_type, m.lost_contact, m.lost_contact_reason, m.last_contact_date,
        names::pinyin_full(&m.name), names::pinyin_initials(&m.name), names::stroke_key(&m.name), now,
        search_text(&m.name, m.id_number.as_deref(), m.phone.as_deref())
    ];
    if id == 0 {
        tx.prepare_cached(
            "INSERT INTO member (name, sex, ethnicity, birth_date, id_number, id_check_confirmed, education, category,
                join_date, full_date, native_place, job, employer, phone, address, police_station, party_post,
                branch_id, group_id, residence, tags, remarks, identity_class, position_nature, mgmt_type,
                lost_contact, lost_contact_reason, last_contact_date, name_pinyin, name_initials, stroke_key,
                updated_at, search_text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?32)",
        )?
        .execute(p)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            &format!(
                "UPDATE member SET name = ?1, sex = ?2, ethnicity = ?3, birth_date = ?4, id_number = ?5,
                id_check_confirmed = ?6, education = ?7, category = ?8, join_date = ?9, full_date = ?10,
                native_place = ?11, job = ?12, employer = ?13, phone = ?14, address = ?15, police_station = ?16,
                party_post = ?17, branch_id = ?18, group_id = ?19, residence = ?20, tags = ?21, remarks = ?22,
                identity_class = ?23, position_nature = ?24, mgmt_type = ?25, lost_contact = ?26,
                lost_contact_reason = ?27, last_contact_date = ?28, name_pinyin = ?29, name_initials = ?30,
                stroke_key = ?31, updated_at = ?32, search_text = ?33 WHERE id = {id}"
            ),
            p,
        )?;
        Ok(id)
    }
}

pub(crate) fn add_class_history(tx: &Transaction, actor: &str, member: i64, dim: &str, from: &Option<String>, to: &Option<String>, date: &str, reason: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO class_history (member_id, dimension, from_value, to_value, date, reason, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![member, dim, from, to, date, reason, actor, audit::now()])?;
    Ok(())
}

/// The stored record, if there is one.
pub fn get(conn: &Connection, id: i64) -> Result<Option<MemberRecord>> {
    Ok(conn.query_row(&format!("SELECT {COLUMNS} FROM member WHERE id = ?1"), [id], MemberRecord::from_row).optional()?)
}

/// Another member with this ID number: (id, name).
pub fn id_number_owner(conn: &Connection, number: &str, except: Option<i64>) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row("SELECT id, name FROM member WHERE id_number = ?1 AND id IS NOT ?2", params![number, except], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// A 党籍 change: the record's status and its history row.
#[allow(clippy::too_many_arguments)]
pub(crate) fn set_status(tx: &Transaction, actor: &str, id: i64, from: &str, status: &str, kind: Option<&str>, date: &str, reason: &str) -> Result<()> {
    tx.execute(
        "UPDATE member SET status = ?1, status_kind = ?2, status_date = ?3, status_reason = ?4, updated_at = ?5 WHERE id = ?6",
        params![status, kind, date, reason, audit::now(), id],
    )?;
    tx.execute(
        "INSERT INTO status_history (member_id, from_status, to_status, kind, date, reason, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, from, status, kind, date, reason, actor, audit::now()],
    )?;
    Ok(())
}

/// A member's 党籍 changes, newest first.
pub fn status_history(conn: &Connection, id: i64) -> Result<Vec<StatusHistory>> {
    Ok(conn
        .prepare("SELECT from_status, to_status, kind, date, reason, actor FROM status_history WHERE member_id = ?1 ORDER BY id DESC")?
        .query_map([id], |r| {
            Ok(StatusHistory { from_status: r.get(0)?, to_status: r.get(1)?, kind: r.get(2)?, date: r.get(3)?, reason: r.get(4)?, actor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every 党籍 change dated after `after` up to `through` (ISO, inclusive), oldest first: (member, from, to, date).
/// The 党内统计 balances its table 1 with them.
pub fn status_changes(conn: &Connection, after: &str, through: &str) -> Result<Vec<(i64, Option<String>, String, String)>> {
    Ok(conn
        .prepare_cached("SELECT member_id, from_status, to_status, date FROM status_history WHERE date > ?1 AND date <= ?2 ORDER BY date, id")?
        .query_map([after, through], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A member's 分类调整, newest first.
pub fn class_history(conn: &Connection, id: i64) -> Result<Vec<ClassHistory>> {
    Ok(conn
        .prepare("SELECT dimension, from_value, to_value, date, reason, actor FROM class_history WHERE member_id = ?1 ORDER BY id DESC")?
        .query_map([id], |r| {
            Ok(ClassHistory { dimension: r.get(0)?, from_value: r.get(1)?, to_value: r.get(2)?, date: r.get(3)?, reason: r.get(4)?, actor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The columns a registry row needs; narrower than the full record, since this runs over every member.
pub(crate) const ROW_COLUMNS: &str = "id, name, sex, birth_date, id_number, id_check_confirmed, phone, branch_id, group_id, category, \
    status, education, join_date, identity_class, position_nature, mgmt_type, party_post, ethnicity";

/// Runs `each` over the registry rows (`ROW_COLUMNS`) that pass `where_clause` (empty or `WHERE …`, with `args`
/// as its numbered parameters), in `order`. One statement for the whole registry; the caller filters further in Rust.
pub(crate) fn registry(
    conn: &Connection,
    where_clause: &str,
    args: Vec<rusqlite::types::Value>,
    order: &str,
    mut each: impl FnMut(&rusqlite::Row) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM member {where_clause} ORDER BY {order}"))?;
    let mut cursor = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(r) = cursor.next()? {
        each(r)?;
    }
    Ok(())
}

/// Fields the roster prints that a registry row does not carry, for every member, read in one pass.
pub fn roster_extras(conn: &Connection) -> Result<std::collections::HashMap<i64, [Option<String>; 6]>> {
    let mut stmt = conn.prepare_cached("SELECT id, ethnicity, full_date, job, employer, address, remarks FROM member")?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?])))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(map)
}

/// A member with this name and birth date: (id, name) — how an import finds a row without an ID number.
pub fn by_name_and_birth(conn: &Connection, name: &str, birth_date: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row("SELECT id, name FROM member WHERE name = ?1 AND birth_date = ?2", params![name, birth_date], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Members of this name, with what may tell them apart from a row of a roster that has no ID number to go by:
/// (id, name, ID number, birth date, 入党日期, phone, 党小组).
#[allow(clippy::type_complexity)]
pub fn same_name(conn: &Connection, name: &str) -> Result<Vec<(i64, String, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>)>> {
    Ok(conn
        .prepare("SELECT id, name, id_number, birth_date, join_date, phone, group_id FROM member WHERE name = ?1 ORDER BY id")?
        .query_map(params![name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// How many members the registry holds, in any status.
pub fn count_all(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM member", [], |r| r.get::<_, i64>(0))?)
}

/// How many members are in good standing.
pub fn count_in_good_standing(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM member WHERE {IN_GOOD_STANDING}"), [], |r| r.get(0))?)
}

/// The ids of the members in good standing, in the order they were added.
pub fn ids_in_good_standing(conn: &Connection) -> Result<Vec<i64>> {
    Ok(conn
        .prepare(&format!("SELECT id FROM member WHERE {IN_GOOD_STANDING} ORDER BY id"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Members in good standing marked 失联: how many, and the first `limit` names in stroke order.
pub fn lost_contact(conn: &Connection, limit: i64) -> Result<(i64, Vec<String>)> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM member WHERE {IN_GOOD_STANDING} AND lost_contact = 1"), [], |r| r.get(0))?;
    if n == 0 {
        return Ok((0, Vec::new()));
    }
    let names = conn
        .prepare(&format!("SELECT name FROM member WHERE {IN_GOOD_STANDING} AND lost_contact = 1 ORDER BY stroke_key LIMIT ?1"))?
        .query_map([limit], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((n, names))
}

/// Every stored record in stroke order (姓氏笔画) — of members in good standing only, or of all.
pub fn records(conn: &Connection, in_good_standing_only: bool) -> Result<Vec<MemberRecord>> {
    records_where(conn, if in_good_standing_only { IN_GOOD_STANDING } else { "1" }, [])
}

/// Records marked 失联 (any status: a 停止党籍 member stays 失联), in stroke order.
pub fn lost_contact_records(conn: &Connection) -> Result<Vec<MemberRecord>> {
    records_where(conn, "lost_contact = 1", [])
}

/// Members in good standing whose 入党日期 falls in month `mm` ("01"–"12") of any year — 政治生日.
pub fn joined_in_month(conn: &Connection, mm: &str) -> Result<Vec<MemberRecord>> {
    records_where(conn, &format!("{IN_GOOD_STANDING} AND substr(join_date, 6, 2) = ?1"), [mm])
}

/// Members in good standing born on or before `born_by`, or who joined before 新中国成立 (入党 ≤ 1949-09-30).
pub fn elder_records(conn: &Connection, born_by: &str) -> Result<Vec<MemberRecord>> {
    records_where(conn, &format!("{IN_GOOD_STANDING} AND (birth_date <= ?1 OR join_date <= '1949-09-30')"), [born_by])
}

/// Members of any status whose 转正日期 is on or before `full_by`, or missing.
pub fn full_by(conn: &Connection, full_by: &str) -> Result<Vec<MemberRecord>> {
    records_where(conn, "(full_date <= ?1 OR full_date IS NULL)", [full_by])
}

fn records_where<P: rusqlite::Params>(conn: &Connection, filter: &str, params: P) -> Result<Vec<MemberRecord>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM member WHERE {filter} ORDER BY stroke_key, id"))?;
    let rows = stmt.query_map(params, MemberRecord::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every member's 党籍 status on `day` (ISO), from the status history: the `from_status` of the first change after
/// that day, else the current status. Members who joined (入党日期) after `day` are left out; one without a 入党日期
/// is taken as a member all along (the statistics list the missing date).
pub fn status_on(conn: &Connection, day: &str) -> Result<std::collections::HashMap<i64, String>> {
    let mut out: std::collections::HashMap<i64, String> = conn
        .prepare_cached("SELECT id, status FROM member WHERE coalesce(join_date, '') <= ?1")?
        .query_map([day], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    // The earliest change after the day tells what the status was on it.
    let mut stmt = conn.prepare_cached("SELECT member_id, from_status FROM status_history WHERE date > ?1 ORDER BY date DESC, id DESC")?;
    for row in stmt.query_map([day], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))? {
        let (id, from) = row?;
        if let (Some(s), Some(from)) = (out.get_mut(&id), from) {
            *s = from;
        }
    }
    Ok(out)
}
