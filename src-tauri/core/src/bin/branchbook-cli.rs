//! `branchbook-cli`: the same core as the app, for batch work and tests. A rejected input prints
//! `{code, message, fields}` (as JSON with --json, else the Chinese message) and exits with 1.
use branchbook_core::{db, demo, member, org, search, Error};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
    let mut conn = db::open(&path)?;
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
