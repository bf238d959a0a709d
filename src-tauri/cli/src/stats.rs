//! 党内统计 (issue 16, in progress): tables 2–4 as of the report date, with the members a table cannot place and the
//! cross-checks of the totals.
use crate::print_json;
use branchbook_core::kernel::dates;
use branchbook_core::reports::stats;
use branchbook_core::Error;
use rusqlite::Connection;
use std::path::PathBuf;

pub fn stats(conn: &Connection, year: i32, as_of: Option<String>, json: bool, table: u8, out: Option<PathBuf>) -> Result<(), Error> {
    let as_of = match as_of {
        Some(s) => Some(dates::parse_flexible(&s).ok_or(Error::invalid("as_of", "BAD_DATE", format!("统计截止日期“{s}”不正确，请按 2026-12-31 的格式填写")))?),
        None => None,
    };
    let b = stats::basic(conn, year, as_of)?;
    if json && out.is_none() {
        return print_json(&b);
    }
    if out.is_some() {
        let t = b.tables.iter().find(|t| t.title.contains(&format!("表{table} "))).ok_or(Error::invalid("table", "BAD_TABLE", "目前可导出表2、表3、表4"))?;
        return crate::print::output(t, false, out);
    }
    for t in &b.tables {
        crate::print::output(t, false, None)?;
    }
    for c in &b.checks {
        println!("{}\t{}\t{}", if c.ok { "通过" } else { "未通过" }, c.rule, c.detail);
    }
    for m in &b.missing {
        println!("表{}缺{}\t{}", m.table, m.field, m.name);
    }
    Ok(())
}
