//! 打印 and 导出: the printable tables (党员花名册, 会议签到表) saved by the file's extension.
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::{members::search, store::xlsx, Error};
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// 党员花名册 as .xlsx (or .pdf as printed, or .json).
    Roster {
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated column keys, e.g. seq,name,sex,birth_month,group,phone.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// Filters as JSON, e.g. {"status":"normal","group_id":2}; default: members in good standing.
        #[arg(long)]
        filter: Option<String>,
        /// Full ID numbers and phones (an internal copy); masked by default.
        #[arg(long)]
        full: bool,
        /// One block per 党小组.
        #[arg(long)]
        by_group: bool,
    },
    /// 会议签到表 as .xlsx (or .pdf as printed, or .json).
    SignIn {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "")]
        topic: String,
        #[arg(long, default_value = "")]
        date: String,
        #[arg(long, default_value = "")]
        place: String,
        #[arg(long)]
        filter: Option<String>,
        #[arg(long, default_value_t = 0)]
        blank_rows: usize,
    },
}

/// A printable table saved by the file's extension: .pdf exactly as the app prints it, .json as the print views
/// receive it, anything else as .xlsx.
pub fn save_table(out: &std::path::Path, table: &PrintTable) -> Result<(), Error> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => std::fs::write(out, serde_json::to_vec_pretty(table)?)?,
        Some("pdf") => branchbook_core::store::pdf::write(
            out,
            std::slice::from_ref(table),
            &branchbook_core::store::pdf::PdfOptions {
                large: std::env::var_os("BRANCHBOOK_LARGE_PRINT").is_some(),
                landscape: None,
                printed: dates::iso(dates::today()),
                flow: false,
            },
        )?,
        _ => xlsx::write_table(out, table)?,
    }
    Ok(())
}

/// A table saved to `out` (by its extension), printed as JSON, or as tab-separated lines.
pub fn output(t: &PrintTable, json: bool, out: Option<std::path::PathBuf>) -> Result<(), Error> {
    if let Some(out) = out {
        save_table(&out, t)?;
        println!("已保存 {}", out.display());
    } else if json {
        println!("{}", serde_json::to_string_pretty(t)?);
    } else {
        println!("{}", t.title);
        println!("{}", t.columns.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join("\t"));
        for r in t.groups.iter().flat_map(|g| &g.rows) {
            println!("{}", r.join("\t"));
        }
    }
    Ok(())
}

/// The members a table is about: the --filter JSON, else those in good standing.
fn query(filter: Option<String>) -> Result<search::MemberQuery, Error> {
    Ok(match filter {
        Some(f) => serde_json::from_str(&f)?,
        None => search::MemberQuery { status: Some("normal".into()), ..Default::default() },
    })
}

pub fn export(conn: &Connection, command: ExportCommand) -> Result<(), Error> {
    let (table, out) = match command {
        ExportCommand::Roster { out, columns, filter, full, by_group } => {
            (roster::roster(conn, &RosterRequest { query: query(filter)?, ids: vec![], columns, full_values: full, by_group })?, out)
        }
        ExportCommand::SignIn { out, topic, date, place, filter, blank_rows } => {
            (sign_in::sign_in(conn, &SignInRequest { query: query(filter)?, topic, date, place, blank_rows })?, out)
        }
    };
    save_table(&out, &table)?;
    println!("已保存 {}（{} 人）", out.display(), table.total);
    Ok(())
}
