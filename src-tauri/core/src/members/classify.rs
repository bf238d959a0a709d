//! Classification (分类管理) on several independent dimensions, re-classification with its history, and the
//! 分类总览 counts.
use crate::kernel::codes::{self, CodeList};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::members::member::{self, MemberRecord};
use crate::members::search::{self, MemberQuery, MemberRow};

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub use crate::kernel::codes::age_band;

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Reclassify {
    /// identity_class, position_nature or mgmt_type.
    pub dimension: String,
    /// The new class; empty for 未分类.
    pub value: Option<String>,
    pub reason: String,
}

/// Changes one dimension of one member; the reason is required and kept in the history with date and actor.
pub fn reclassify(conn: &mut Connection, actor: &str, id: i64, change: &Reclassify) -> Result<MemberRecord> {
    check_change(change)?;
    let tx = conn.transaction()?;
    let after = apply(&tx, actor, id, change)?.1;
    tx.commit()?;
    Ok(after)
}

fn check_change(change: &Reclassify) -> Result<()> {
    if !member::CLASS_DIMENSIONS.contains(&change.dimension.as_str()) {
        return Err(Error::invalid("dimension", "UNKNOWN_CODE", "请选择要调整的分类：身份类别、岗位性质或管理类型"));
    }
    if change.reason.trim().is_empty() {
        return Err(Error::invalid("class_reason", "REQUIRED", "请填写调整原因，例如“第三季度复核：积分排名前列”"));
    }
    Ok(())
}

/// One member inside the caller's transaction; `false` when the member already had that class (nothing written).
fn apply(tx: &Transaction, actor: &str, id: i64, change: &Reclassify) -> Result<(bool, MemberRecord)> {
    let before = member::get_record(tx, id)?;
    let mut data = before.data.clone();
    let value = change.value.clone().filter(|v| !v.trim().is_empty());
    let slot = match change.dimension.as_str() {
        "identity_class" => &mut data.identity_class,
        "position_nature" => &mut data.position_nature,
        _ => &mut data.mgmt_type,
    };
    if *slot == value {
        return Ok((false, before));
    }
    *slot = value;
    // The same path as an edit, so validation, history and audit cannot drift apart.
    let after = member::update_in(tx, actor, id, &data, Some(&change.reason), dates::today())?;
    Ok((true, after))
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BatchResult {
    /// Members whose class changed (one history row and one audit entry each).
    pub changed: usize,
    /// Members who already had that class: nothing written for them.
    pub unchanged: usize,
}

/// 批量调整分类: several members to one class on one dimension with one reason, all or nothing in one transaction.
/// Each changed member gets their own class-history row and audit entry, as a single adjustment would write.
pub fn reclassify_many(conn: &mut Connection, actor: &str, ids: &[i64], change: &Reclassify) -> Result<BatchResult> {
    let mut unique: Vec<i64> = Vec::with_capacity(ids.len());
    for id in ids {
        if !unique.contains(id) {
            unique.push(*id);
        }
    }
    if unique.is_empty() {
        return Err(Error::invalid("member_ids", "REQUIRED", "请先在名单中勾选要调整分类的党员"));
    }
    check_change(change)?;
    let tx = conn.transaction()?;
    let mut result = BatchResult { changed: 0, unchanged: 0 };
    for id in unique {
        match apply(&tx, actor, id, change) {
            Ok((true, _)) => result.changed += 1,
            Ok((false, _)) => result.unchanged += 1,
            // Name the member whose record stops the batch, so the secretary can fix that one and retry.
            Err(Error::Invalid(errs)) => {
                let name = member::get_record(&tx, id).map(|r| r.data.name).unwrap_or_default();
                let errs = errs
                    .into_iter()
                    .map(|e| FieldError { message: format!("{name}：{}（本次调整未保存，请先修改此人的信息）", e.message), ..e })
                    .collect();
                return Err(Error::Invalid(errs));
            }
            Err(e) => return Err(e),
        }
    }
    tx.commit()?;
    Ok(result)
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Bucket {
    pub label: String,
    pub count: usize,
    /// Merged into the registry's query to open exactly these members.
    #[ts(type = "Partial<MemberQuery>")]
    pub filter: Value,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Dimension {
    pub key: &'static str,
    pub label: &'static str,
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Overview {
    pub total: usize,
    pub ref_date: String,
    pub dimensions: Vec<Dimension>,
}

fn coded(rows: &[MemberRow], key: &'static str, label: &'static str, list: CodeList, get: fn(&MemberRow) -> Option<&str>) -> Dimension {
    let mut buckets: Vec<Bucket> = list
        .iter()
        .map(|(code, name)| Bucket {
            label: name.to_string(),
            count: rows.iter().filter(|r| get(r) == Some(*code)).count(),
            filter: json!({ key: code }),
        })
        .collect();
    let none = rows.iter().filter(|r| get(r).is_none()).count();
    buckets.push(Bucket { label: "未分类".into(), count: none, filter: json!({ key: "none" }) });
    Dimension { key, label, buckets }
}

/// Counts of members in good standing (党籍正常) per class on each dimension, at `ref_date` for ages.
pub fn overview(conn: &Connection, ref_date: Option<String>) -> Result<Overview> {
    let list = search::list(conn, &MemberQuery { status: Some("normal".into()), ref_date, ..Default::default() })?;
    let rows = &list.rows;
    let classes = crate::members::config::classes(conn)?;
    let mut mgmt: Vec<Bucket> = classes
        .iter()
        .map(|c| Bucket {
            label: c.name.clone(),
            count: rows.iter().filter(|r| r.mgmt_type.as_deref() == Some(c.key.as_str())).count(),
            filter: json!({ "mgmt_type": c.key }),
        })
        .collect();
    mgmt.push(Bucket {
        label: "未分类".into(),
        count: rows.iter().filter(|r| r.mgmt_type.is_none()).count(),
        filter: json!({ "mgmt_type": "none" }),
    });
    // Statistics bands: ≤30, 31–35, …, 56–60, ≥61.
    let mut stats = vec![Bucket { label: "30岁及以下".into(), count: 0, filter: json!({ "age_max": 30 }) }];
    for lo in (31..=56).step_by(5) {
        stats.push(Bucket { label: format!("{lo}—{}岁", lo + 4), count: 0, filter: json!({ "age_min": lo, "age_max": lo + 4 }) });
    }
    stats.push(Bucket { label: "61岁及以上".into(), count: 0, filter: json!({ "age_min": 61 }) });
    for r in rows.iter().filter_map(|r| r.age) {
        let i = if r <= 30 { 0 } else if r >= 61 { stats.len() - 1 } else { ((r - 31) / 5 + 1) as usize };
        stats[i].count += 1;
    }
    Ok(Overview {
        total: rows.len(),
        ref_date: list.ref_date.clone(),
        dimensions: vec![
            coded(rows, "identity_class", "身份类别", codes::IDENTITY_CLASS, |r| r.identity_class.as_deref()),
            coded(rows, "age_band", "年龄段", codes::AGE_BAND, |r| r.age_band),
            Dimension { key: "age_stat", label: "年龄（统计口径）", buckets: stats },
            coded(rows, "education_band", "学历段", codes::EDUCATION_BAND, |r| r.education_band),
            coded(rows, "position_nature", "岗位性质", codes::POSITION_NATURE, |r| r.position_nature.as_deref()),
            Dimension { key: "mgmt_type", label: "管理类型", buckets: mgmt },
            coded(rows, "category", "人员类别", codes::CATEGORY, |r| r.category.as_deref()),
        ],
    })
}

/// Today's date as the default reference for ages, as the UI shows it.
pub fn default_ref_date() -> String {
    dates::iso(dates::today())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::member::MemberData;
    use crate::{store::audit, store::db, demo};

    fn member(conn: &mut Connection, name: &str, mgmt: &str) -> i64 {
        let data = MemberData {
            name: name.into(),
            category: Some("正式党员".into()),
            mgmt_type: Some(mgmt.into()),
            identity_class: Some("farmer".into()),
            ..Default::default()
        };
        member::create(conn, "张建国", &data).unwrap().id
    }

    fn setup() -> (Connection, [i64; 3]) {
        let mut conn = db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
        // Two members share a name, as in many villages.
        let ids = [member(&mut conn, "王芳", "pioneer"), member(&mut conn, "王芳", "growing"), member(&mut conn, "李强", "improve")];
        (conn, ids)
    }

    fn history(conn: &Connection, id: i64) -> Vec<(Option<String>, Option<String>, String)> {
        member::detail(conn, id)
            .unwrap()
            .class_history
            .into_iter()
            .filter(|h| h.dimension == "mgmt_type" && h.from_value.is_some())
            .map(|h| (h.from_value, h.to_value, h.reason))
            .collect()
    }

    fn audits(conn: &Connection, id: i64) -> usize {
        audit::list(conn, Some(("member", id)), 100).unwrap().len()
    }

    #[test]
    fn batch_moves_the_chosen_members_with_one_reason_history_and_audit_each() {
        let (mut conn, [a, b, c]) = setup();
        let before = [audits(&conn, a), audits(&conn, b), audits(&conn, c)];
        let change = Reclassify { dimension: "mgmt_type".into(), value: Some("improve".into()), reason: "第四季度复核：积分连续三个月靠后".into() };
        let r = reclassify_many(&mut conn, "张建国", &[a, b, c, b], &change).unwrap();
        assert_eq!((r.changed, r.unchanged), (2, 1), "李强 was already 待提升型; 王芳 listed twice counts once");
        for id in [a, b, c] {
            assert_eq!(member::get_record(&conn, id).unwrap().data.mgmt_type.as_deref(), Some("improve"));
        }
        assert_eq!(history(&conn, a), [(Some("pioneer".into()), Some("improve".into()), change.reason.clone())]);
        assert_eq!(history(&conn, b), [(Some("growing".into()), Some("improve".into()), change.reason.clone())]);
        assert!(history(&conn, c).is_empty(), "nothing written for a member whose class did not change");
        assert_eq!([audits(&conn, a), audits(&conn, b), audits(&conn, c)], [before[0] + 1, before[1] + 1, before[2]]);
    }

    #[test]
    fn batch_is_all_or_nothing_and_needs_members_and_a_reason() {
        let (mut conn, [a, b, _]) = setup();
        let change = Reclassify { dimension: "identity_class".into(), value: Some("retired".into()), reason: "已退休".into() };
        let no_reason = Reclassify { reason: "  ".into(), ..change.clone() };
        assert_eq!(reclassify_many(&mut conn, "张建国", &[a], &no_reason).unwrap_err().code(), "REQUIRED");
        assert_eq!(reclassify_many(&mut conn, "张建国", &[], &change).unwrap_err().code(), "REQUIRED");
        let bad_dim = Reclassify { dimension: "status".into(), ..change.clone() };
        assert_eq!(reclassify_many(&mut conn, "张建国", &[a], &bad_dim).unwrap_err().code(), "UNKNOWN_CODE");
        // The third member does not exist: the first two are not changed either.
        assert_eq!(reclassify_many(&mut conn, "张建国", &[a, b, 9999], &change).unwrap_err().code(), "NOT_FOUND");
        for id in [a, b] {
            assert_eq!(member::get_record(&conn, id).unwrap().data.identity_class.as_deref(), Some("farmer"));
        }
        // An unknown class is refused naming the member it stopped at.
        let bad_value = Reclassify { value: Some("astronaut".into()), ..change };
        let err = reclassify_many(&mut conn, "张建国", &[a, b], &bad_value).unwrap_err();
        assert!(err.message().contains("王芳"), "{}", err.message());
        assert_eq!(member::get_record(&conn, a).unwrap().data.identity_class.as_deref(), Some("farmer"));
    }
}
