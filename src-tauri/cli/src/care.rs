//! 关爱帮扶 and 老党员: 困难党员, visits, the 纪念章 list, 政治生日, the prints.
use crate::{parse_json, print_json};
use branchbook_core::care::{self, hardship, visit, TableRequest};
use branchbook_core::kernel::dates;
use branchbook_core::Error;
use chrono::Datelike;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CareCommand {
    /// 困难党员; `--save JSON` adds or changes one ({"member_id":8,"kind":"重病","recognized_on":"2026-03-01","keeper":"张建国"}).
    Hardships {
        #[arg(long)]
        save: Option<String>,
    },
    /// A year's visits; `--add JSON` records one ({"member_id":8,"date":"2026-01-20","occasion":"春节","visitors":"张建国","amount":"500","fund_source":"党费"}).
    Visits {
        #[arg(long, default_value_t = 0)]
        year: i32,
        #[arg(long)]
        add: Option<String>,
    },
    /// 老党员: 高龄 and 新中国成立前入党.
    Elders,
    /// The 「光荣在党50年」纪念章 list of --year; `--issue 3,8 --date 2026-07-01` records the 颁发日期.
    Medals {
        #[arg(long)]
        year: i32,
        #[arg(long, value_delimiter = ',')]
        issue: Vec<i64>,
        #[arg(long)]
        date: Option<String>,
    },
    /// 政治生日 of --month (YYYY-MM).
    Birthdays {
        #[arg(long)]
        month: String,
    },
    /// hardship, visit_list / sign_sheet (--occasion 春节|七一, --year), visits, summary, elders, medals, birthdays (--month).
    Table {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        occasion: Option<String>,
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn care(conn: &mut Connection, actor: &str, command: CareCommand) -> Result<(), Error> {
    let today = dates::today();
    match command {
        CareCommand::Hardships { save } => {
            if let Some(json) = save {
                hardship::save(conn, actor, &parse_json(&json)?, today)?;
            }
            print_json(&hardship::list(conn, today)?)?;
        }
        CareCommand::Visits { year, add } => {
            if let Some(json) = add {
                visit::add(conn, actor, &parse_json(&json)?, today)?;
            }
            print_json(&visit::list(conn, if year == 0 { today.year() } else { year })?)?;
        }
        CareCommand::Elders => print_json(&care::elders(conn, today)?)?,
        CareCommand::Medals { year, issue, date } => {
            if issue.is_empty() {
                print_json(&care::medals(conn, year)?)?;
            } else {
                print_json(&care::issue_medals(conn, actor, year, &issue, date.as_deref().unwrap_or(""), today)?)?;
            }
        }
        CareCommand::Birthdays { month } => print_json(&care::birthdays(conn, &month)?)?,
        CareCommand::Table { kind, year, occasion, month, json, out } => {
            crate::print::output(&care::print(conn, &TableRequest { kind, year, occasion, month }, today)?, json, out)?
        }
    }
    Ok(())
}
