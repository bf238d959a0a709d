//! 民主评议党员: open a year, enter tallies and grades, record 组织处置, print.
use crate::{parse_json, print_json};
use branchbook_core::appraisal::{self, Appraisal};
use branchbook_core::kernel::dates;
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum AppraisalCommand {
    /// Open a year: {"year":2026,"steps":{"study":"2026-12-10"}}.
    Open {
        #[arg(long)]
        json: String,
    },
    /// The appraisal of --year.
    Show {
        #[arg(long)]
        year: i32,
    },
    /// Tallies of --year: [{"member_id":3,"votes":{"excellent":12,"good":20,"basic":1,"poor":0,"spoiled":1}}, …].
    Tally {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: String,
    },
    /// A grade in --year: {"member_id":3,"grade":"excellent","cap_reason":"…"} (warnings on stderr).
    Grade {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: String,
    },
    /// 组织处置 in --year: {"member_id":3,"kind":"correct","decided_on":"2027-01-20","months":6,"matter":"…"}.
    Act {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: String,
    },
    /// ballot (测评表), summary (汇总表), report (结果报告) of --year; printed, --json, or --out FILE.xlsx|.pdf.
    Table {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn opened(conn: &Connection, year: i32) -> Result<Appraisal, Error> {
    appraisal::show(conn, year)?.ok_or(Error::invalid("year", "NOT_OPENED", format!("{year} 年度还没有开展民主评议，请先用 appraisal open 建立")))
}

fn answer(a: &Appraisal) -> Result<(), Error> {
    for w in &a.warnings {
        eprintln!("注意：{w}");
    }
    print_json(a)
}

pub fn appraisal(conn: &mut Connection, actor: &str, command: AppraisalCommand) -> Result<(), Error> {
    let today = dates::today();
    match command {
        AppraisalCommand::Open { json } => answer(&appraisal::open(conn, actor, &parse_json(&json)?)?),
        AppraisalCommand::Show { year } => answer(&opened(conn, year)?),
        AppraisalCommand::Tally { year, json } => {
            let id = opened(conn, year)?.id;
            answer(&appraisal::tally(conn, actor, id, &parse_json::<Vec<appraisal::TallyInput>>(&json)?)?)
        }
        AppraisalCommand::Grade { year, json } => {
            let id = opened(conn, year)?.id;
            answer(&appraisal::grade(conn, actor, id, &parse_json(&json)?)?)
        }
        AppraisalCommand::Act { year, json } => {
            let id = opened(conn, year)?.id;
            answer(&appraisal::act(conn, actor, id, &parse_json(&json)?, today)?)
        }
        AppraisalCommand::Table { kind, year, json, out } => crate::print::output(&appraisal::print(conn, &kind, year, today)?, json, out),
    }
}
