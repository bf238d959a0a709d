//! 组织生活: meetings of 三会一课 and 主题党日, the compliance calendar, and attendance over a period.
use branchbook_core::{kernel::dates, meetings::compliance, meetings::meeting, meetings::participation, Error};
use clap::Subcommand;
use rusqlite::Connection;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum MeetingCommand {
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
pub enum AttendanceCommand {
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

pub fn meeting(conn: &mut Connection, actor: &str, command: MeetingCommand) -> Result<(), Error> {
    match command {
        MeetingCommand::List { from, to, kind, json } => {
            let kind = kind.map(|k| branchbook_core::kernel::codes::normalize(branchbook_core::kernel::codes::MEETING_KIND, &k).map(str::to_string).unwrap_or(k));
            let list = meeting::list(conn, &meeting::MeetingQuery { from, to, kind, ..Default::default() })?;
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
            meeting::apply_exceptions(conn, &mut input, &exceptions)?;
            let d = meeting::create(conn, actor, &input)?;
            println!("{}", serde_json::to_string_pretty(&d)?);
        }
        MeetingCommand::Show { id } => println!("{}", serde_json::to_string_pretty(&meeting::detail(conn, id)?)?),
        MeetingCommand::Calendar { year, quarter, month, json } => {
            let cal = compliance::calendar(conn, &compliance::CalendarRequest { year, quarter, month }, dates::today())?;
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
    }
    Ok(())
}

pub fn attendance(conn: &Connection, command: AttendanceCommand) -> Result<(), Error> {
    let AttendanceCommand::Export { from, to, out } = command;
    let table = participation::summary_table(conn, &from, &to)?;
    crate::print::save_table(&out, &table)?;
    println!("已保存 {}（{} 名党员）", out.display(), table.total);
    Ok(())
}
