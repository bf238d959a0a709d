//! 党内统计 and the township: the year's tables as of the report date with their cross-checks and the members a
//! table cannot place (`stats`), the package a branch sends (`package`), and 乡镇汇总 of many packages
//! (`township merge`).
use crate::print_json;
use branchbook_core::reports::stats;
use branchbook_core::reports::township::{self, package};
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TownshipCommand {
    /// 乡镇汇总: sums branch packages (files or folders of them) into the township workbook (.xlsx), read-only.
    Merge {
        /// Package files (.xlsx) or folders holding them.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long)]
        out: Option<PathBuf>,
        /// 应报支部, comma-separated: the ones without a package are listed as missing.
        #[arg(long, value_delimiter = ',')]
        expect: Vec<String>,
        /// The township's name on the workbook (default: 乡镇).
        #[arg(long, default_value = "乡镇")]
        township: String,
        /// Where a branch sent several different packages: the file name of the one that counts (repeatable).
        #[arg(long)]
        choose: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `--out` of every table: .pdf the tables one after another as printed, .xlsx a sheet per table; `--table N` one.
pub fn stats(conn: &Connection, year: i32, as_of: Option<String>, json: bool, table: Option<u8>, out: Option<PathBuf>) -> Result<(), Error> {
    let r = stats::report(conn, year, stats::as_of_arg(as_of.as_deref(), year)?)?;
    if json && out.is_none() {
        return print_json(&r);
    }
    let shown = match table {
        Some(no) => r.clone().only(no)?,
        None => r.clone(),
    };
    if let Some(out) = out {
        match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("pdf") => std::fs::write(&out, shown.pdf()?)?,
            Some("json") => std::fs::write(&out, serde_json::to_string_pretty(&shown)?)?,
            _ => shown.write_xlsx(&out)?,
        }
        println!("已保存 {}", out.display());
        return Ok(());
    }
    for t in shown.print_tables() {
        crate::print::output(&t, false, None)?;
        println!();
    }
    let names: std::collections::HashMap<i64, &str> = r.people.iter().map(|p| (p.id, p.name.as_str())).collect();
    for c in &r.checks {
        let who: Vec<&str> = c.members.iter().filter_map(|m| names.get(m).copied()).collect();
        println!("{}\t{}\t{}{}", if c.ok { "通过" } else { "未通过" }, c.rule, c.detail, if who.is_empty() { String::new() } else { format!("：{}", who.join("、")) });
    }
    for m in &r.missing {
        println!("表{}缺{}\t{}", m.table, m.field, m.name);
    }
    Ok(())
}

/// 报表中心 from the command line: the list, or one table by key.
pub fn report(conn: &Connection, list: bool, key: Option<String>, period: branchbook_core::reports::catalog::Period, out: Option<PathBuf>) -> Result<(), Error> {
    use branchbook_core::reports::catalog;
    let Some(key) = key.filter(|_| !list) else {
        for i in catalog::items() {
            println!("{}\t{}\t{}\t{}", i.key, i.area, i.title, i.period);
        }
        return Ok(());
    };
    let t = catalog::build(conn, &key, &period, branchbook_core::kernel::dates::today())?;
    crate::print::output(&t, false, out)
}

/// The branch's package for the township.
pub fn package_out(conn: &Connection, year: i32, as_of: Option<String>, superior: Option<String>, out: PathBuf) -> Result<(), Error> {
    let superior = match superior {
        Some(s) => s,
        None => township::config::get(conn)?.superior,
    };
    if superior.trim().is_empty() {
        eprintln!("提示：没有填写上级党委（--superior），乡镇汇总时会被指出；建议填写后重新导出");
    }
    let h = package::write(conn, &out, year, stats::as_of_arg(as_of.as_deref(), year)?, &superior)?;
    println!("已保存 {}（{}，{} 年度，截止 {}，年底实有党员 {} 名，{} 张表）", out.display(), h.branch, h.year, h.report_date, h.members, h.tables);
    Ok(())
}

pub fn township_cmd(command: TownshipCommand) -> Result<(), Error> {
    match command {
        TownshipCommand::Merge { files, out, expect, township, choose, json } => {
            let t = township::merge(&files, &expect, &choose)?;
            if let Some(out) = &out {
                t.write(out, &township)?;
            }
            if json {
                return print_json(&t);
            }
            for tb in &t.tables {
                println!("表{} {}\t合计\t{}", tb.no, tb.title, tb.columns.iter().zip(&tb.total).map(|(c, v)| format!("{c} {v}")).collect::<Vec<_>>().join("，"));
            }
            println!("汇总支部 {} 个；问题 {} 条", t.branches.iter().filter(|b| b.included).count(), t.problems.len());
            for p in &t.problems {
                println!("{}", p.text);
            }
            for c in t.checks.iter().filter(|c| !c.ok) {
                println!("未通过\t{}\t{}", c.rule, c.detail);
            }
            if let Some(out) = out {
                println!("已保存 {}", out.display());
            }
            Ok(())
        }
    }
}
