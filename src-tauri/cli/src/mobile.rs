//! 流动党员: cards (`--json` input as the app's form sends it), contacts, 组织关系转接, 失联, the prints.
use crate::{parse_json, print_json};
use branchbook_core::kernel::dates;
use branchbook_core::mobile::{self, contact, lost, transfer};
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum MobileCommand {
    /// Open cards and returned ones, with what needs doing (`--json` for everything).
    Board {
        #[arg(long)]
        json: bool,
    },
    /// Save a card: {"member_id":12,"away_since":"2026-03-01","destination":"广东省深圳市","dues_way":"home","clear":{"flow":"2026-11-01"}} ("id" to change one).
    Card {
        #[arg(long)]
        json: String,
    },
    /// 返回: close card ID on --date.
    Return {
        id: i64,
        #[arg(long)]
        date: String,
    },
    /// A contact or search: {"member_id":12,"date":"2026-11-20","way":"微信","content":"…","reported":true,"host_activity":2}; "kind":"search" for 失联.
    Contact {
        #[arg(long)]
        json: String,
    },
    /// 开具介绍信: {"member_id":12,"date":"2026-12-01","to_org":"…","dues_paid_through":"2026-11","valid_days":30}.
    TransferOut {
        #[arg(long)]
        json: String,
    },
    /// The 回执 of transfer ID is back: the member becomes 转出.
    Receipt {
        id: i64,
        #[arg(long)]
        arrived: String,
        #[arg(long)]
        back: String,
    },
    /// 转入: {"member":{"name":"…","sex":"2","join_date":"2010-07-01"},"letter_no":"031","from_org":"…","date":"2026-11-28","dues_paid_through":"2026-11","group_id":1}.
    TransferIn {
        #[arg(long)]
        json: String,
    },
    /// Every transfer, newest first.
    Transfers,
    /// 失联党员 with what the rules propose; `--mark JSON` registers one ({"member_id":5,"last_contact":"2026-03-01","reason":"1"}).
    Lost {
        #[arg(long)]
        mark: Option<String>,
    },
    /// letter (--id), cards, transfers (--year), lost; printed, --json, or --out FILE.xlsx|.pdf.
    Table {
        #[arg(long)]
        kind: String,
        #[arg(long)]
        id: Option<i64>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn mobile(conn: &mut Connection, actor: &str, command: MobileCommand) -> Result<(), Error> {
    let today = dates::today();
    match command {
        MobileCommand::Board { json } => {
            let b = mobile::board(conn, today)?;
            if json {
                print_json(&b)?;
            } else {
                for c in &b.cards {
                    println!("{}\t{}\t外出 {} 个月\t{}\t{}", c.member_id, c.name, c.months_away, c.destination.clone().unwrap_or_default(), c.alerts.join("；"));
                }
            }
        }
        MobileCommand::Card { json } => print_json(&mobile::save(conn, actor, &parse_json(&json)?, today)?)?,
        MobileCommand::Return { id, date } => print_json(&mobile::return_home(conn, actor, id, &date, today)?)?,
        MobileCommand::Contact { json } => print_json(&contact::add(conn, actor, &parse_json(&json)?, today)?)?,
        MobileCommand::TransferOut { json } => print_json(&transfer::transfer_out(conn, actor, &parse_json(&json)?, today)?)?,
        MobileCommand::Receipt { id, arrived, back } => print_json(&transfer::receipt(conn, actor, id, &arrived, &back, today)?)?,
        MobileCommand::TransferIn { json } => print_json(&transfer::transfer_in(conn, actor, &parse_json(&json)?, today)?)?,
        MobileCommand::Transfers => print_json(&transfer::list(conn, today)?)?,
        MobileCommand::Lost { mark } => {
            if let Some(json) = mark {
                lost::mark(conn, actor, &parse_json(&json)?, today)?;
            }
            print_json(&lost::list(conn, today)?)?;
        }
        MobileCommand::Table { kind, id, year, json, out } => crate::print::output(&mobile::print(conn, &kind, id, year, today)?, json, out)?,
    }
    Ok(())
}
