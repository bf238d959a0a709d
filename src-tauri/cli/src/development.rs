//! 发展党员: the people in the pipeline and their steps. `--json` on add and step takes the input; show and board
//! print in words, or as JSON with `--json`.
use branchbook_core::development::{self, PersonInput, StepInput};
use branchbook_core::kernel::dates;
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;

#[derive(Subcommand)]
pub enum DevelopCommand {
    /// A new applicant: {"name":"王小明","sex":"1","birth_date":"1998-05-01","applied_on":"2026-01-10"}.
    Add {
        #[arg(long)]
        json: String,
    },
    /// Record a step: {"person_id":1,"step":2,"date":"2026-01-20","actor":"张建国","record":"…"}; 联系人/介绍人 as
    /// "people":[member ids], 政审 "passed", training "training_days"/"training_hours", 公示 "notice_to", the
    /// 支部大会's "vote":{"expected":20,"present":15,"yes":14,"no":0,"abstain":1,"written_yes":0}, 转正 "outcome".
    Step {
        #[arg(long)]
        json: String,
    },
    /// One person's record (纪实).
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Everyone in the pipeline, with what is due next and by when.
    Board {
        #[arg(long)]
        json: bool,
    },
}

use crate::parse_json as parse;

fn line(p: &development::Person) -> String {
    let next = p.next.as_ref().map(|n| {
        let when = n.due.as_deref().map(|d| format!("，{d} 前")).or_else(|| n.earliest.as_deref().map(|d| format!("，{d} 起"))).unwrap_or_default();
        format!("下一步：第 {} 步 {}{when}{}", n.step, n.name, if n.overdue { "（已逾期）" } else { "" })
    });
    format!("{}\t{}\t{}\t{}", p.id, p.name, p.role, next.unwrap_or_default())
}

pub fn develop(conn: &mut Connection, actor: &str, command: DevelopCommand) -> Result<(), Error> {
    let today = dates::today();
    match command {
        DevelopCommand::Add { json } => {
            let input: PersonInput = parse(&json)?;
            let (p, warnings) = development::add(conn, actor, &input, today)?;
            for w in &warnings {
                eprintln!("注意：{w}");
            }
            println!("{}", serde_json::to_string_pretty(&p)?);
        }
        DevelopCommand::Step { json } => {
            let input: StepInput = parse(&json)?;
            let r = development::record(conn, actor, &input, today)?;
            for w in &r.warnings {
                eprintln!("注意：{w}");
            }
            println!("{}", serde_json::to_string_pretty(&r.person)?);
        }
        DevelopCommand::Show { id, json } => {
            let p = development::show(conn, id, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&p)?);
            } else {
                println!("{}（{}）", p.name, p.role);
                for s in &p.steps {
                    let extra = [s.actor.clone(), s.vote.clone(), (!s.people.is_empty()).then(|| s.people.join("、")), s.record.clone()].into_iter().flatten().collect::<Vec<_>>().join("；");
                    println!("第 {:>2} 步\t{}\t{}\t{extra}", s.step, s.date, s.name);
                }
                if let Some(end) = &p.probation_end {
                    println!("预备期满：{end}");
                }
                println!("{}", line(&p));
            }
        }
        DevelopCommand::Board { json } => {
            let b = development::board(conn, today)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&b)?);
            } else {
                for p in &b {
                    println!("{}", line(p));
                }
            }
        }
    }
    Ok(())
}
