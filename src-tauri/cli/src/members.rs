//! 名册: members of the registry, and importing a roster from a spreadsheet.
use branchbook_core::members::import::{self, CommitOptions};
use branchbook_core::{members::member, members::search, store::xlsx, Error};
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum MemberCommand {
    /// Add a member from JSON with the fields of the member form.
    Add {
        #[arg(long)]
        json: String,
    },
    /// List members, in surname-stroke order.
    List {
        /// Name, pinyin, initials, or a fragment of an ID number or phone.
        #[arg(long)]
        search: Option<String>,
        /// Filters as JSON, e.g. {"status":"normal","mgmt_type":"pioneer"}.
        #[arg(long)]
        filter: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one member with history.
    Show { id: i64 },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Import a roster from .xlsx, .xls or .csv (UTF-8 or GBK): one transaction, all accepted rows or none.
    Roster {
        file: PathBuf,
        /// Check every row and report, but save nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
        /// Rows matching an existing member update it (default: skip them).
        #[arg(long)]
        update: bool,
        /// Import rows whose only problem is a wrong ID check character.
        #[arg(long)]
        accept_warnings: bool,
        /// Save the rejected rows, with reasons, as .xlsx to fix and import again.
        #[arg(long)]
        report: Option<PathBuf>,
        /// Rows (numbers in the sheet) shown as possibly an existing member that are another person: add them.
        #[arg(long, value_delimiter = ',')]
        add_anyway: Vec<usize>,
    },
}

pub fn member(conn: &mut Connection, actor: &str, command: MemberCommand) -> Result<(), Error> {
    match command {
        MemberCommand::Add { json } => {
            let input: member::MemberData = serde_json::from_str(&json)?;
            let m = member::create(conn, actor, &input)?;
            println!("{}", serde_json::to_string_pretty(&m)?);
        }
        MemberCommand::List { search: s, filter, json } => {
            let mut q: search::MemberQuery = match filter {
                Some(f) => serde_json::from_str(&f)?,
                None => Default::default(),
            };
            q.search = s.or(q.search);
            let list = search::list(conn, &q)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for r in &list.rows {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        r.id,
                        r.name,
                        r.birth_date.as_deref().unwrap_or("-"),
                        r.id_number.as_deref().unwrap_or("-"),
                        r.phone.as_deref().unwrap_or("-")
                    );
                }
                println!("共 {} 人", list.total);
            }
        }
        MemberCommand::Show { id } => {
            let d = member::detail(conn, id)?;
            println!("{}", serde_json::to_string_pretty(&d)?);
        }
    }
    Ok(())
}

pub fn import(conn: &mut Connection, actor: &str, command: ImportCommand) -> Result<(), Error> {
    let ImportCommand::Roster { file, dry_run, json, update, accept_warnings, report, add_anyway } = command;
    let sheet = import::read(&file)?;
    let preview = import::preview(conn, &sheet, None)?;
    let rejected: Vec<import::PreviewRow>;
    if dry_run {
        rejected = import::dry_run_rejected(&preview, accept_warnings);
        if json {
            println!("{}", serde_json::to_string_pretty(&preview)?);
        } else {
            for r in &preview.rows {
                let mark = match r.status { import::RowStatus::Ok => "正常", import::RowStatus::Warning => "提醒", import::RowStatus::Error => "错误" };
                let dup = r.duplicate_name.as_ref().map(|n| format!("（与已有党员“{n}”重复）")).unwrap_or_default();
                println!("第{}行\t{}\t{mark}{dup}\t{}", r.row, r.name, r.messages.join("；"));
            }
            println!("共 {} 行：正常 {}，提醒 {}，错误 {}，重复 {}（未保存）", preview.rows.len(), preview.ok, preview.warnings, preview.errors, preview.duplicates);
        }
    } else {
        let opts = CommitOptions { mapping: None, duplicates: if update { "update".into() } else { "skip".into() }, accept_warnings, add_anyway };
        let result = import::commit(conn, actor, &sheet, &opts)?;
        if json {
            println!("{}", serde_json::to_string_pretty(&result)?);
        } else {
            for r in &result.rejected {
                println!("第{}行\t{}\t未导入：{}", r.row, r.name, r.messages.join("；"));
            }
            println!("新增 {} 人，更新 {} 人，跳过重复 {} 人，未导入 {} 行", result.created, result.updated, result.skipped, result.rejected.len());
        }
        rejected = result.rejected;
    }
    if let Some(path) = report {
        xlsx::write_table(&path, &import::report_table(&sheet, preview.header_row, &rejected))?;
        eprintln!("未导入的行已保存到 {}", path.display());
    }
    Ok(())
}
