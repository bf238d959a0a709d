//! 党费: standards and the yearly 核定, collecting, arrears, 上缴, the tables and the points link. `--set` takes
//! the JSON of a change; `--json` prints the answer as JSON; `--out` saves a table (.xlsx, .pdf or .json).
use branchbook_core::dues::{self, TableRequest};
use branchbook_core::kernel::dates;
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum DuesCommand {
    /// The yearly 核定 (every member's standard), or with --set a member's new standard:
    /// {"member_id":3,"kind":"在职","base":"3000.01","from_month":"2026-01"}.
    Standard {
        #[arg(long)]
        set: Option<String>,
        #[arg(long, default_value_t = 0)]
        year: i32,
        /// YYYY-MM: the 核定 of that month's year.
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
        /// The 交纳基数核定表 as .xlsx, .pdf or .json.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The month's collecting list, or with --set record payments:
    /// {"member_ids":[3,4],"months":["2026-10"],"paid_on":"2026-10-08","proxy":"王芳"} (months default to --month).
    Pay {
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        set: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 冲正 a payment row with a reason.
    Reverse {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Members with unpaid months, the longest runs first; ≥ 6 in a row is the 自行脱党 warning.
    Arrears {
        /// Default today.
        #[arg(long)]
        as_of: Option<String>,
        /// YYYY-MM: the arrears once that month has ended (as of the first day of the next).
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// How a warning was handled: {"member_id":3,"run_from":"2026-05","action":"talk","note":"…"}.
    Handle {
        #[arg(long)]
        set: String,
    },
    /// An approved 少交/免交 or 在流入地交纳: {"member_id":3,"kind":"exempt","from_month":"2026-05",…}.
    Relief {
        #[arg(long)]
        set: String,
    },
    /// 上缴 records and what is not yet remitted, or with --set a new one:
    /// {"date":"2026-10-08","from_month":"2026-07","to_month":"2026-09","amount":"300.00","receipt_no":"…"}.
    Remit {
        #[arg(long)]
        set: Option<String>,
        #[arg(long, default_value_t = 0)]
        year: i32,
        /// YYYY-MM: that month's year.
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A dues table: register (登记表, default), statistics (统计表, --month or --quarter), card (党费证, --member),
    /// public (公示), review (核定表).
    Table {
        #[arg(long, default_value = "register")]
        kind: String,
        #[arg(long, default_value_t = 0)]
        year: i32,
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        quarter: Option<u32>,
        #[arg(long)]
        member: Option<i64>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Deduct points (未按时交纳党费) from the members who did not pay an ended month.
    Deduct {
        #[arg(long)]
        month: String,
    },
}

use crate::parse_json as parse;

fn year_or_this(year: i32) -> i32 {
    if year == 0 { chrono::Datelike::year(&dates::today()) } else { year }
}

/// --year, or the year of --month, or this year.
fn year_of(year: i32, month: Option<&str>) -> Result<i32, Error> {
    match month {
        Some(m) if year == 0 => Ok(dates::parse_month(m)?.0),
        _ => Ok(year_or_this(year)),
    }
}

fn save_or_print(conn: &Connection, req: &TableRequest, json: bool, out: Option<PathBuf>) -> Result<(), Error> {
    crate::print::output(&dues::table(conn, req, dates::today())?, json, out)
}

pub fn dues(conn: &mut Connection, actor: &str, command: DuesCommand) -> Result<(), Error> {
    let today = dates::today();
    match command {
        DuesCommand::Standard { set: Some(json), .. } => {
            let s = dues::set_standard(conn, actor, &parse(&json)?, today)?;
            println!("{}", serde_json::to_string_pretty(&s)?);
        }
        DuesCommand::Standard { set: None, year, month, json, out } => {
            let year = year_of(year, month.as_deref())?;
            if json || out.is_some() {
                if json && out.is_none() {
                    println!("{}", serde_json::to_string_pretty(&dues::review(conn, year)?)?);
                } else {
                    save_or_print(conn, &TableRequest { kind: "review".into(), year, ..Default::default() }, false, out)?;
                }
            } else {
                let r = dues::review(conn, year)?;
                println!("{year}年党费交纳基数核定：共 {} 人，未核定 {} 人", r.rows.len(), r.missing);
                for x in &r.rows {
                    match &x.standard {
                        Some(s) => println!("{}\t{}\t{}\t{}\t{}\t自 {}", x.name, s.kind_name, s.base.clone().unwrap_or_default(), s.rate, s.amount, s.from_month),
                        None => println!("{}\t未核定", x.name),
                    }
                }
            }
        }
        DuesCommand::Pay { month, set: Some(json), .. } => {
            let mut input: dues::PayInput = parse(&json)?;
            if input.months.is_empty() && input.count.is_none() {
                input.months.extend(month);
            }
            let r = dues::pay(conn, actor, &input, today)?;
            for w in &r.warnings {
                eprintln!("注意：{w}");
            }
            println!("{}", serde_json::to_string_pretty(&r)?);
        }
        DuesCommand::Pay { month, set: None, json } => {
            let month = month.unwrap_or_else(|| dates::iso(today)[..7].to_string());
            let s = dues::sheet(conn, &month, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                println!("{} 党费：应交 {} 人，已交 {} 人，应交 {} 元，实交 {} 元", s.month, s.due_count, s.paid_count, s.owed_total, s.paid_total);
                for r in &s.rows {
                    println!("{}\t{}\t{}\t{}\t{}\t交到 {}", r.member_id, r.name, r.owed.clone().unwrap_or_default(), r.state_name, r.paid_on.clone().unwrap_or_default(), r.paid_through.clone().unwrap_or_else(|| "—".into()));
                }
            }
        }
        DuesCommand::Reverse { id, reason } => {
            let p = dues::reverse(conn, actor, id, &reason, today)?;
            println!("已冲正：{} {} {} 元（{}）", p.member_name, p.month, p.amount, reason.trim());
        }
        DuesCommand::Arrears { as_of, month, json } => {
            let at = match (as_of, month) {
                (Some(s), _) => dates::parse_flexible(&s).ok_or_else(|| Error::invalid("as_of", "BAD_DATE", format!("日期“{s}”不正确，请按 2026-03-05 的格式填写")))?,
                (None, Some(m)) => {
                    let (y, mm) = dates::parse_month(&m)?;
                    dates::add_months(chrono::NaiveDate::from_ymd_opt(y, mm, 1).expect("a parsed month"), 1)
                }
                (None, None) => today,
            };
            let a = dues::arrears_list(conn, at)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&a)?);
            } else {
                println!("截至 {}：{} 人欠缴，{} 人连续 {} 个月以上未交待处理", a.as_of, a.rows.len(), a.open_alerts, a.limit);
                for r in &a.rows {
                    let warn = if r.alert { if r.handled.is_some() { "　已处理" } else { "　按自行脱党处理提醒" } } else { "" };
                    println!("{}\t交到 {}\t未交 {} 个月（{}）\t连续 {}{warn}", r.name, r.paid_through.clone().unwrap_or_else(|| "—".into()), r.unpaid.len(), r.unpaid.join("、"), r.run);
                }
            }
        }
        DuesCommand::Handle { set } => {
            let h = dues::handle(conn, actor, &parse(&set)?, today)?;
            println!("已记录：{} {}", h.action_name, h.note);
        }
        DuesCommand::Relief { set } => {
            let r = dues::add_relief(conn, actor, &parse(&set)?)?;
            println!("已记录：{}", r.words);
        }
        DuesCommand::Remit { set: Some(json), .. } => {
            let r = dues::remit(conn, actor, &parse(&json)?, today)?;
            println!("{}", serde_json::to_string_pretty(&r)?);
        }
        DuesCommand::Remit { set: None, year, month, json } => {
            let r = dues::remits(conn, year_of(year, month.as_deref())?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                println!("已收 {} 元，已上缴 {} 元，未上缴 {} 元", r.collected, r.remitted, r.pending);
                for x in &r.remits {
                    println!("{}\t{}—{}\t{} 元\t{}\t{}", x.date, x.from_month, x.to_month, x.amount, x.method, x.receipt_no.clone().unwrap_or_default());
                }
            }
        }
        DuesCommand::Table { kind, year, month, quarter, member, json, out } => {
            let year = year_of(year, month.as_deref())?;
            save_or_print(conn, &TableRequest { kind, year, month, quarter, member_id: member }, json, out)?;
        }
        DuesCommand::Deduct { month } => {
            let r = dues::deduct_unpaid(conn, actor, &month, today)?;
            println!("{}", r.summary);
        }
    }
    Ok(())
}
