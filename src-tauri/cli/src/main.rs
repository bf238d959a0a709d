//! `branchbook-cli`: the same core as the app, for batch work and tests. A rejected input prints
//! `{code, message, fields}` (as JSON with --json, else the Chinese message) and exits with 1.
//! One file per area of the core, as in the app's commands; this file holds the top level and the data file.
use branchbook_core::{store::db, Error};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that exits quietly when the reader has gone (`branchbook-cli member list | head`): std's panics on
/// the broken pipe. Every change is committed before anything is printed, so stopping here loses nothing.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            crate::quit_on_write_error(e);
        }
    }};
}

mod appraisal;
mod calc;
mod care;
mod development;
mod dues;
mod meetings;
mod members;
mod mobile;
mod org;
mod points;
mod print;
mod safety;
mod stats;

/// Reads a `--json` argument; a malformed one is a Chinese error naming what is wrong.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Error> {
    // Syntax here, the fields as the app's arguments are read (kernel::args): a Chinese sentence naming the field,
    // never serde's English.
    let value: serde_json::Value = serde_json::from_str(json)
        .map_err(|e| Error::invalid("json", "BAD_JSON", format!("输入的 JSON 格式不正确（第 {} 行第 {} 个字符附近），请检查引号、逗号和括号", e.line(), e.column())))?;
    branchbook_core::kernel::args::parse("cli", "json", Some(&value)).map_err(|e| match e {
        // A key the app has no Chinese label for is named as it was typed («请填写“on”»).
        Error::Invalid(fields) => Error::Invalid(
            fields.into_iter().map(|mut f| {
                f.message = f.message.replacen("字段", &format!("“{}”", f.field), 1);
                f
            }).collect(),
        ),
        other => other,
    })
}

/// Prints a value as pretty JSON.
pub(crate) fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Error> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn quit_on_write_error(e: std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("错误 [IO_ERROR]：无法输出结果：{}", branchbook_core::kernel::error::io_reason(&e));
    std::process::exit(1);
}

#[derive(Parser)]
#[command(name = "branchbook-cli", version, about = "支部台账命令行工具 (BranchBook CLI)")]
struct Cli {
    /// Data file; defaults to $BRANCHBOOK_DB, then the OS app-data directory.
    #[arg(long, global = true)]
    db: Option<PathBuf>,
    /// Name written to the audit log; defaults to the branch secretary.
    #[arg(long, global = true)]
    actor: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Set up the organisation from JSON ({"kind":"631","name":…,"secretary":…,"groups":[{"name":…}]}).
    Setup {
        #[arg(long)]
        json: String,
    },
    /// Load the demo branch (about 60 members) into an empty data file.
    Demo {
        /// Also generate this many more members (for trying the app at scale).
        #[arg(long, default_value_t = 0)]
        extra: usize,
    },
    /// Members of the registry.
    Member {
        #[command(subcommand)]
        command: members::MemberCommand,
    },
    /// Print where the data file is.
    Path,
    /// Read spreadsheets into the registry.
    Import {
        #[command(subcommand)]
        command: members::ImportCommand,
    },
    /// Write registry tables as .xlsx.
    Export {
        #[command(subcommand)]
        command: print::ExportCommand,
    },
    /// Organisational life: meetings of 三会一课 and 主题党日.
    Meeting {
        #[command(subcommand)]
        command: meetings::MeetingCommand,
    },
    /// Attendance over a period.
    Attendance {
        #[command(subcommand)]
        command: meetings::AttendanceCommand,
    },
    /// The password lock. `lock clear` is the recovery when the password is forgotten.
    Lock {
        #[command(subcommand)]
        command: safety::LockCommand,
    },
    /// Backups beside the data file (the same the app makes).
    Backup {
        #[command(subcommand)]
        command: safety::BackupCommand,
    },
    /// The points system (积分制).
    Points {
        #[command(subcommand)]
        command: points::PointsCommand,
    },
    /// 党费: standards, collecting, arrears, 上缴 and the tables.
    Dues {
        #[command(subcommand)]
        command: dues::DuesCommand,
    },
    /// 发展党员: applicants, their steps, the board.
    Develop {
        #[command(subcommand)]
        command: development::DevelopCommand,
    },
    /// 流动党员: cards, contacts, 组织关系转接 with the 介绍信, 失联
    Mobile {
        #[command(subcommand)]
        command: mobile::MobileCommand,
    },
    /// 关爱帮扶 and 老党员: 困难党员, visits, the 纪念章 list, 政治生日, the prints
    Care {
        #[command(subcommand)]
        command: care::CareCommand,
    },
    /// 民主评议党员: the year's appraisal, tallies, grades, 组织处置, the prints
    Appraisal {
        #[command(subcommand)]
        command: appraisal::AppraisalCommand,
    },
    /// 党内统计 of --year as of --as-of (default 12-31): printed with the cross-checks, --json, or --out FILE.xlsx|.pdf
    /// (every table, or --table N)
    Stats {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long)]
        table: Option<u8>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The 党内统计 package for the township (.xlsx with its data): --year, --as-of, --superior (上级党委; default the
    /// saved one), --out
    Package {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        superior: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// 报表中心: --list the tables and charts of every area, or one by --key for a period (--year, --month, --quarter,
    /// --from/--to) saved by --out's extension (.xlsx, .pdf, .json) or printed
    Report {
        #[arg(long)]
        list: bool,
        #[arg(long)]
        key: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        month: Option<String>,
        #[arg(long)]
        quarter: Option<u32>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 乡镇汇总 of branch packages (no data file needed)
    Township {
        #[command(subcommand)]
        command: stats::TownshipCommand,
    },
    /// The rules of dates, ages, dues, 发展党员, 流动党员, care and 民主评议, without a data file (JSON in, JSON out).
    Calc {
        #[command(subcommand)]
        command: calc::CalcCommand,
    },
}

fn run(cli: Cli) -> Result<(), Error> {
    let path = db::resolve_path(cli.db);
    if let Command::Path = cli.command {
        println!("{}", path.display());
        return Ok(());
    }
    // Pure rules: no data file is opened, so `calc` works anywhere, even while the app is running.
    if let Command::Calc { command } = cli.command {
        return calc::calc(command);
    }
    // 乡镇汇总 reads branch packages only: a township's computer need not hold a branch's data file.
    if let Command::Township { command } = cli.command {
        return stats::township_cmd(command);
    }
    // The same OS lock as the app: refused with DB_IN_USE while the app (or another command) has the file open.
    let _lock = db::lock(&path)?;
    let (mut conn, upgraded) = db::open_upgrading(&path)?;
    // On stderr, so a script reading the command's output is not disturbed; the app shows the same notice once.
    if let Some(notice) = upgraded {
        eprintln!("{}", notice.summary());
    }
    let actor = match cli.actor {
        Some(a) => a,
        None => branchbook_core::org::actor(&conn)?,
    };
    match cli.command {
        Command::Path | Command::Calc { .. } | Command::Township { .. } => Ok(()),
        Command::Setup { json } => org::setup(&mut conn, &json),
        Command::Demo { extra } => org::demo(&mut conn, extra),
        Command::Member { command } => members::member(&mut conn, &actor, command),
        Command::Import { command } => members::import(&mut conn, &actor, command),
        Command::Export { command } => print::export(&conn, command),
        Command::Meeting { command } => meetings::meeting(&mut conn, &actor, command),
        Command::Attendance { command } => meetings::attendance(&conn, command),
        Command::Lock { command } => safety::lock(&mut conn, &actor, command),
        Command::Backup { command } => safety::backup(&mut conn, &actor, &path, command),
        Command::Points { command } => points::points(&mut conn, &actor, command),
        Command::Dues { command } => dues::dues(&mut conn, &actor, command),
        Command::Develop { command } => development::develop(&mut conn, &actor, command),
        Command::Mobile { command } => mobile::mobile(&mut conn, &actor, command),
        Command::Care { command } => care::care(&mut conn, &actor, command),
        Command::Appraisal { command } => appraisal::appraisal(&mut conn, &actor, command),
        Command::Stats { year, as_of, json, table, out } => stats::stats(&conn, year, as_of, json, table, out),
        Command::Package { year, as_of, superior, out } => stats::package_out(&conn, year, as_of, superior, out),
        Command::Report { list, key, year, month, quarter, from, to, out } => {
            stats::report(&conn, list, key, branchbook_core::reports::catalog::Period { year, month, quarter, from, to }, out)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let wants_json = matches!(&cli.command, Command::Member { command: members::MemberCommand::List { json: true, .. } })
        || std::env::args().any(|a| a == "--json");
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let p = e.payload();
            if wants_json {
                eprintln!("{}", serde_json::to_string_pretty(&p).unwrap_or_default());
            } else {
                eprintln!("错误 [{}]：{}", p.code, p.message);
            }
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    /// clap's own check of the definitions (conflicting names, bad defaults), which otherwise fails only when a user
    /// reaches the broken subcommand.
    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
