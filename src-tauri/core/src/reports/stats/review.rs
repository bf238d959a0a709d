//! Table 8 (民主评议党员) of the year from the appraisal area: who took part, the grades, the 组织处置.
use super::model::{Counter, Table};
use crate::appraisal::rules::{ACTIONS, GRADES};
use crate::kernel::error::Result;
use rusqlite::Connection;

pub(super) fn table(conn: &Connection, year: i32) -> Result<Table> {
    let mut c = Counter::new(
        ["参加评议党员", "其中：预备党员（不定等次）"].into_iter().chain(GRADES.iter().map(|g| g.1)).chain(ACTIONS.iter().map(|a| a.1)),
    );
    let notes = match crate::appraisal::year::show(conn, year)? {
        Some(a) => {
            for e in &a.entries {
                c.add("参加评议党员", e.member_id);
                if e.probationary {
                    c.add("其中：预备党员（不定等次）", e.member_id);
                }
                if let Some(name) = e.grade.as_deref().and_then(|g| GRADES.iter().find(|x| x.0 == g)).map(|x| x.1) {
                    c.add(name, e.member_id);
                }
            }
            for x in &a.actions {
                if let Some(name) = ACTIONS.iter().find(|k| k.0 == x.kind).map(|k| k.1) {
                    c.add(name, x.member_id);
                }
            }
            vec![format!("{year}年度民主评议；优秀不超过正式党员的三分之一。")]
        }
        None => vec![format!("{year}年度还没有开展民主评议（民主评议模块中没有该年度的记录）。")],
    };
    Ok(c.finish(8, "民主评议党员情况", notes))
}
