//! `branchbook-cli`: the same core as the app, for batch work and tests. A rejected input prints
//! `{code, message, fields}` (as JSON with --json, else the Chinese message) and exits with 1.
use branchbook_core::members::import::{self, CommitOptions};
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::{meetings::compliance, kernel::dates, meetings::meeting, meetings::participation, points};
use branchbook_core::{store::db, demo, members::member, org, members::search, store::xlsx, Error};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that exits quietly when the reader has gone (`branchbook-cli member list | head`): std's panics on
/// the broken pipe. Every change is committed before anything is printed, so stopping here loses nothing.
macro_rules! println {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout(), $($arg)*) {
            quit_on_write_error(e);
        }
    }};
}

fn quit_on_write_error(e: std::io::Error) {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("错误 [IO_ERROR]：无法输出结果：{e}");
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
        command: MemberCommand,
    },
    /// Print where the data file is.
    Path,
    /// Read spreadsheets into the registry.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Write registry tables as .xlsx.
    Export {
        #[command(subcommand)]
        command: ExportCommand,
    },
    /// Organisational life: meetings of 三会一课 and 主题党日.
    Meeting {
        #[command(subcommand)]
        command: MeetingCommand,
    },
    /// Attendance over a period.
    Attendance {
        #[command(subcommand)]
        command: AttendanceCommand,
    },
    /// The password lock. `lock clear` is the recovery when the password is forgotten.
    Lock {
        #[command(subcommand)]
        command: LockCommand,
    },
    /// Backups beside the data file (the same the app makes).
    Backup {
        #[command(subcommand)]
        command: BackupCommand,
    },
    /// The points system (积分制).
    Points {
        #[command(subcommand)]
        command: PointsCommand,
    },
}

#[derive(Subcommand)]
enum LockCommand {
    /// Turn the lock off without the password (needs access to this PC's data file anyway).
    Clear,
    /// Is the lock on?
    Status,
}

#[derive(Subcommand)]
enum BackupCommand {
    /// Back up now (to the backups folder, or to --out).
    Now {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The backups with their check.
    List,
    /// Restore a backup file into the data file (the current data is backed up first).
    Restore {
        file: PathBuf,
        /// Restore even when the backup belongs to another branch (the refusal names both).
        #[arg(long)]
        other_branch: bool,
    },
}

#[derive(Subcommand)]
enum PointsCommand {
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

#[derive(Subcommand)]
enum MeetingCommand {
    /// List meetings, newest first.
    List {
        /// YYYY-MM-DD, inclusive.
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// branch_assembly, committee, group, lecture, theme_day, life_meeting, appraisal, other (or the Chinese name).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Add a meeting from JSON: {"kind":"主题党日","state":"held","date":"2026-11-05","topic":…,
    /// "attendees":[{"member_id":3,"status":"leave","reason":"外出务工"}]}. Without "attendees" everyone the kind
    /// expects is present; with "exceptions" only those members differ from present.
    Add {
        #[arg(long)]
        json: String,
    },
    /// Show one meeting with its attendance, rate and quorum.
    Show { id: i64 },
    /// The compliance calendar of a year (or one quarter or month of it).
    Calendar {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        quarter: Option<u32>,
        #[arg(long)]
        month: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum AttendanceCommand {
    /// 组织生活参加情况统计表: members × meetings with 参学率, as .xlsx (or .pdf, or .json).
    Export {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        out: PathBuf,
    },
}

/// A meeting as the CLI takes it: the form's fields, plus `exceptions` for the fast path (everyone present
/// except these).
#[derive(serde::Deserialize)]
struct MeetingJson {
    #[serde(flatten)]
    input: meeting::MeetingInput,
    #[serde(default)]
    exceptions: Vec<meeting::AttendanceInput>,
}

#[derive(Subcommand)]
enum ImportCommand {
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
    },
}

#[derive(Subcommand)]
enum ExportCommand {
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
fn save_table(out: &std::path::Path, table: &roster::PrintTable) -> Result<(), Error> {
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("json") => std::fs::write(out, serde_json::to_vec_pretty(table)?)?,
        Some("pdf") => branchbook_core::store::pdf::write(
            out,
            std::slice::from_ref(table),
            &branchbook_core::store::pdf::PdfOptions {
                large: std::env::var_os("BRANCHBOOK_LARGE_PRINT").is_some(),
                landscape: None,
                printed: dates::iso(dates::today()),
            },
        )?,
        _ => xlsx::write_table(out, table)?,
    }
    Ok(())
}

fn query(filter: Option<String>) -> Result<search::MemberQuery, Error> {
    Ok(match filter {
        Some(f) => serde_json::from_str(&f)?,
        None => search::MemberQuery { status: Some("normal".into()), ..Default::default() },
    })
}

#[derive(Subcommand)]
enum MemberCommand {
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

fn run(cli: Cli) -> Result<(), Error> {
    let path = db::resolve_path(cli.db);
    if let Command::Path = cli.command {
        println!("{}", path.display());
        return Ok(());
    }
    // The same OS lock as the app: refused with DB_IN_USE while the app (or another command) has the file open.
    let (_lock, mut conn) = db::open_locked(&path)?;
    let actor = match cli.actor {
        Some(a) => a,
        None => org::actor(&conn)?,
    };
    match cli.command {
        Command::Path => {}
        Command::Setup { json } => {
            let input: org::SetupInput = serde_json::from_str(&json)?;
            let o = org::setup(&mut conn, &input)?;
            println!("{}", serde_json::to_string_pretty(&o)?);
        }
        Command::Demo { extra } => {
            let o = demo::load(&mut conn)?;
            if extra > 0 {
                demo::fill(&mut conn, extra, 2026)?;
            }
            println!("已载入示例数据：{}，{} 名党员", o.name, demo::count(&conn)?);
        }
        Command::Member { command } => match command {
            MemberCommand::Add { json } => {
                let input: member::MemberData = serde_json::from_str(&json)?;
                let m = member::create(&mut conn, &actor, &input)?;
                println!("{}", serde_json::to_string_pretty(&m)?);
            }
            MemberCommand::List { search: s, filter, json } => {
                let mut q: search::MemberQuery = match filter {
                    Some(f) => serde_json::from_str(&f)?,
                    None => Default::default(),
                };
                q.search = s.or(q.search);
                let list = search::list(&conn, &q)?;
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
                let d = member::detail(&conn, id)?;
                println!("{}", serde_json::to_string_pretty(&d)?);
            }
        },
        Command::Import { command: ImportCommand::Roster { file, dry_run, json, update, accept_warnings, report } } => {
            let sheet = import::read(&file)?;
            let preview = import::preview(&conn, &sheet, None)?;
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
                let opts = CommitOptions { mapping: None, duplicates: if update { "update".into() } else { "skip".into() }, accept_warnings };
                let result = import::commit(&mut conn, &actor, &sheet, &opts)?;
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
        }
        Command::Export { command } => {
            let (table, out) = match command {
                ExportCommand::Roster { out, columns, filter, full, by_group } => {
                    (roster::roster(&conn, &RosterRequest { query: query(filter)?, ids: vec![], columns, full_values: full, by_group })?, out)
                }
                ExportCommand::SignIn { out, topic, date, place, filter, blank_rows } => {
                    (sign_in::sign_in(&conn, &SignInRequest { query: query(filter)?, topic, date, place, blank_rows })?, out)
                }
            };
            save_table(&out, &table)?;
            println!("已保存 {}（{} 人）", out.display(), table.total);
        }
        Command::Meeting { command } => match command {
            MeetingCommand::List { from, to, kind, json } => {
                let kind = kind.map(|k| branchbook_core::kernel::codes::normalize(branchbook_core::kernel::codes::MEETING_KIND, &k).map(str::to_string).unwrap_or(k));
                let list = meeting::list(&conn, &meeting::MeetingQuery { from, to, kind, ..Default::default() })?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&list)?);
                } else {
                    for m in &list {
                        let state = match m.meeting.data.state.as_str() { "held" => "已召开", "planned" => "计划", _ => "已取消" };
                        let t = &m.tally;
                        println!("{}\t{}\t{}\t{state}\t{}\t应到{} 出席{} 请假{} 缺席{}\t参学率 {}", m.meeting.id, m.meeting.data.date, m.meeting.kind_name,
                            m.meeting.data.topic, t.expected, t.present, t.leave, t.absent, participation::percent(t.rate));
                    }
                    println!("共 {} 次会议", list.len());
                }
            }
            MeetingCommand::Add { json } => {
                let MeetingJson { mut input, exceptions } = serde_json::from_str(&json)?;
                meeting::apply_exceptions(&conn, &mut input, &exceptions)?;
                let d = meeting::create(&mut conn, &actor, &input)?;
                println!("{}", serde_json::to_string_pretty(&d)?);
            }
            MeetingCommand::Show { id } => println!("{}", serde_json::to_string_pretty(&meeting::detail(&conn, id)?)?),
            MeetingCommand::Calendar { year, quarter, month, json } => {
                let cal = compliance::calendar(&conn, &compliance::CalendarRequest { year, quarter, month }, dates::today())?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&cal)?);
                } else {
                    println!("{}", cal.title);
                    for r in &cal.rows {
                        let cells: Vec<String> = r.cells.iter().map(|c| format!("{} {}", c.label, c.status_name)).collect();
                        let scope = if r.requirement.scope.is_empty() { String::new() } else { format!("（{}）", r.requirement.scope) };
                        println!("{}{scope}\t{}", r.requirement.kind_name, cells.join("；"));
                    }
                    println!("已召开 {}，已安排 {}，待召开 {}，逾期未开 {}", cal.held, cal.planned, cal.due, cal.overdue);
                }
            }
        },
        Command::Lock { command } => match command {
            LockCommand::Clear => {
                branchbook_core::safety::lock::clear(&mut conn, &actor, None)?;
                println!("密码锁已解除");
            }
            LockCommand::Status => {
                let s = branchbook_core::safety::lock::status(&conn)?;
                println!("{}", if s.enabled { format!("已设置密码锁，空闲 {} 分钟后自动锁定", s.idle_minutes) } else { "未设置密码锁".into() });
            }
        },
        Command::Backup { command } => match command {
            BackupCommand::Now { out } => {
                let dest = match out {
                    Some(o) => {
                        branchbook_core::safety::backup::backup_to(&conn, &o)?;
                        o
                    }
                    None => branchbook_core::safety::backup::make(&conn, &path, "manual")?,
                };
                println!("已备份到 {}", dest.display());
            }
            BackupCommand::List => {
                for b in branchbook_core::safety::backup::list_for(&path)? {
                    let state = if b.ok { "可用".to_string() } else { format!("不可用：{}", b.problem.unwrap_or_default()) };
                    println!("{}\t{}\t{}\t{} 人\t{}", b.file_name, b.created, b.kind_name, b.members.map(|m| m.to_string()).unwrap_or("-".into()), state);
                }
            }
            BackupCommand::Restore { file, other_branch } => {
                let info = branchbook_core::safety::backup::restore(&mut conn, &path, &file, &actor, other_branch)?;
                println!("已从 {}（{}）恢复；恢复前的数据已另存在备份文件夹", info.file_name, info.created);
            }
        },
        Command::Points { command } => match command {
            PointsCommand::Add { json } => {
                let mut v: serde_json::Value = serde_json::from_str(&json)?;
                if let Some(name) = v.get("rule").and_then(|r| r.as_str()).map(str::to_string) {
                    let id = points::rules(&conn, false)?.into_iter().find(|r| r.data.name == name).map(|r| r.id).ok_or_else(|| {
                        Error::invalid("rule_id", "REQUIRED", format!("没有名为“{name}”的积分规则，可用 `points rules` 查看"))
                    })?;
                    v["rule_id"] = id.into();
                    if let Some(o) = v.as_object_mut() {
                        o.remove("rule");
                    }
                }
                let input: points::EntryInput = serde_json::from_value(v)?;
                let r = points::add(&mut conn, &actor, &input)?;
                for line in &r.capped {
                    eprintln!("{line}");
                }
                println!("{}", serde_json::to_string_pretty(&r)?);
            }
            PointsCommand::Rules => {
                for r in points::rules(&conn, true)? {
                    let cap = r.data.monthly_cap.map(|c| format!("，每月上限 {c}")).unwrap_or_default();
                    let unit = if r.data.unit == "hour" { "每小时" } else { "每次" };
                    println!("{}\t{}\t{:+}（{unit}{cap}）{}", r.id, r.data.name, r.data.points, if r.active { "" } else { "　已停用" });
                }
            }
            PointsCommand::Table { month, json, out } => {
                if let Some(out) = out {
                    // .json and .pdf: the print table itself, as the app prints it.
                    if out.extension().is_some_and(|e| e == "json" || e == "pdf") {
                        save_table(&out, &points::month_print_table(&conn, &month, None)?)?;
                    } else {
                        points::write_month(&conn, &out, &month)?;
                    }
                    println!("已保存 {}", out.display());
                } else {
                    let t = points::month_table(&conn, &points::TableRequest { month, ..Default::default() })?;
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
                points::write_year(&conn, &out, year, dates::today())?;
                println!("已保存 {}", out.display());
            }
            PointsCommand::Void { id, reason } => {
                let e = points::void(&mut conn, &actor, id, &reason)?;
                println!("已作废：{} {} {} 分", e.member_name, e.rule_name, e.points);
            }
        },
        Command::Attendance { command: AttendanceCommand::Export { from, to, out } } => {
            let table = participation::summary_table(&conn, &from, &to)?;
            save_table(&out, &table)?;
            println!("已保存 {}（{} 名党员）", out.display(), table.total);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let wants_json = matches!(&cli.command, Command::Member { command: MemberCommand::List { json: true, .. } })
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
