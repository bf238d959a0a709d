//! 积分: recording and voiding points, the rules catalog, the month table and the year workbook.
use branchbook_core::{kernel::dates, points, Error};
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PointsCommand {
    /// Record points for one or many members: {"member_ids":[3,4,5],"date":"2026-11-05","rule":"志愿服务",
    /// "quantity":3,"note":"村道清扫"} ("rule" by name, or "rule_id").
    Add {
        #[arg(long)]
        json: String,
    },
    /// The rules catalog.
    Rules,
    /// The month's table: printed, as JSON, or saved as .xlsx.
    Table {
        /// YYYY-MM.
        #[arg(long)]
        month: String,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The year workbook: a sheet per month and a summary sheet.
    Year {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// Void an entry with a reason; it stays in the ledger.
    Void {
        id: i64,
        #[arg(long)]
        reason: String,
    },
}

pub fn points(conn: &mut Connection, actor: &str, command: PointsCommand) -> Result<(), Error> {
    match command {
        PointsCommand::Add { json } => {
            let mut v: serde_json::Value = serde_json::from_str(&json)?;
            if let Some(name) = v.get("rule").and_then(|r| r.as_str()).map(str::to_string) {
                let id = points::rule_id_by_name(conn, &name)?;
                v["rule_id"] = id.into();
                if let Some(o) = v.as_object_mut() {
                    o.remove("rule");
                }
            }
            let input: points::EntryInput = serde_json::from_value(v)?;
            let r = points::add(conn, actor, &input)?;
            for line in &r.capped {
                eprintln!("{line}");
            }
            println!("{}", serde_json::to_string_pretty(&r)?);
        }
        PointsCommand::Rules => {
            for r in points::rules(conn, true)? {
                let cap = r.data.monthly_cap.map(|c| format!("，每月上限 {c}")).unwrap_or_default();
                let unit = if r.data.unit == "hour" { "每小时" } else { "每次" };
                println!("{}\t{}\t{:+}（{unit}{cap}）{}", r.id, r.data.name, r.data.points, if r.active { "" } else { "　已停用" });
            }
        }
        PointsCommand::Table { month, json, out } => {
            if let Some(out) = out {
                // .json and .pdf: the print table itself, as the app prints it.
                if out.extension().is_some_and(|e| e == "json" || e == "pdf") {
                    crate::print::save_table(&out, &points::month_print_table(conn, &month, None)?)?;
                } else {
                    points::write_month(conn, &out, &month)?;
                }
                println!("已保存 {}", out.display());
            } else {
                let t = points::month_table(conn, &points::TableRequest { month, ..Default::default() })?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&t)?);
                } else {
                    println!("{}（{}）", t.title, points::formula_line(&t));
                    for r in &t.rows {
                        println!("{}\t{}\t本月 {}\t累计 {}\t第 {} 名\t{}", r.name, r.group_name, r.month_total, r.year_total, r.rank, r.tier);
                    }
                }
            }
        }
        PointsCommand::Year { year, out } => {
            points::write_year(conn, &out, year, dates::today())?;
            println!("已保存 {}", out.display());
        }
        PointsCommand::Void { id, reason } => {
            let e = points::void(conn, actor, id, &reason)?;
            println!("已作废：{} {} {} 分", e.member_name, e.rule_name, e.points);
        }
    }
    Ok(())
}
