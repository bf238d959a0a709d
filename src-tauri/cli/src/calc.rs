//! `calc`: the rules of domain.md sections 8 and 9 without a data file — JSON in, JSON out — so a secretary, a
//! township or a test can check a date, an age or an amount. Money is a string in 元 and an integer in 分.
use branchbook_core::development::rules;
use branchbook_core::dues::{self, arrears};
use branchbook_core::kernel::dates;
use branchbook_core::Error;
use chrono::NaiveDate;
use clap::Subcommand;
use serde::Deserialize;
use serde_json::json;

#[derive(Subcommand)]
pub enum CalcCommand {
    /// The monthly dues: {"kind":"在职","base":"3000.01"}, {"kind":"个体经营","incomes":["9000.00","12000.00","6000.00"]},
    /// {"kind":"农民","standard":"0.50"}.
    Dues {
        #[arg(long)]
        json: String,
    },
    /// 连续未交 (C9): {"first_month":"2025-12","paid":["2026-01"],"exempt":[],"as_of":"2026-03-05"}.
    Arrears {
        #[arg(long)]
        json: String,
    },
    /// C2: {"date":"2025-01-31","months":1} → {"date":"2025-02-28"}.
    AddMonths {
        #[arg(long)]
        json: String,
    },
    /// C5 周岁: {"birth":"2008-02-29","on":"2026-02-28"} → {"age":18}.
    Age {
        #[arg(long)]
        json: String,
    },
    /// C7 预备期满: {"accepted":"2025-07-01","extension_months":6} → {"ends":"2027-01-01"}.
    Probation {
        #[arg(long)]
        json: String,
    },
    /// A 发展党员 step's time limit: {"step":"谈话","from":"2025-01-31"} → {"due":"2025-02-28"}; 确定发展对象 gives
    /// {"earliest":…}; "special":true for the 6-month 审批; 公示 counts 工作日 ("holidays", "workdays").
    Deadline {
        #[arg(long)]
        json: String,
    },
    /// C13 支部大会: {"expected":20,"present":11,"yes":9,"written_yes":2} → {"quorate":true,"passed":true}.
    Quorum {
        #[arg(long)]
        json: String,
    },
    /// 「光荣在党50年」纪念章 (C6): {"full_date":"1976-07-01"} → {"year":2026}.
    MedalYear {
        #[arg(long)]
        json: String,
    },
    /// 民主评议 优秀 cap (C12): {"full_members":31} → {"excellent_max":10}.
    AppraisalCap {
        #[arg(long)]
        json: String,
    },
    /// 组织关系介绍信: {"issued":"2026-01-31","valid_until":"2026-04-30","arrived":"2026-02-03"} → the 回执 due date
    /// (a 有效期 over 3 months exits 1); {"away_since":…,"on":…} → whether the member is 流动 (≥ 6 months).
    Transfer {
        #[arg(long)]
        json: String,
    },
    /// C8 工作日: {"from":"2026-09-30","days":5,"holidays":["2026-10-01",…],"workdays":["2026-10-10"]} → {"ends":…};
    /// with "to" instead of "days" → {"workdays":N}.
    Workdays {
        #[arg(long)]
        json: String,
    },
}

fn date(field: &str, label: &str, s: &str) -> Result<NaiveDate, Error> {
    dates::parse(s).ok_or_else(|| Error::invalid(field, "BAD_DATE", format!("{label}“{s}”不正确，请按 2026-03-05 的格式填写")))
}

fn dates_of(field: &str, label: &str, v: &[String]) -> Result<Vec<NaiveDate>, Error> {
    v.iter().map(|s| date(field, label, s)).collect()
}

#[derive(Deserialize)]
struct AddMonths {
    date: String,
    months: i32,
}

#[derive(Deserialize)]
struct Age {
    birth: String,
    on: String,
}

#[derive(Deserialize)]
struct Probation {
    accepted: String,
    #[serde(default)]
    extension_months: Option<i32>,
    /// Every extension decided, to check that there was only one.
    #[serde(default)]
    extensions: Vec<i32>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Deadline {
    step: String,
    from: String,
    special: bool,
    holidays: Vec<String>,
    workdays: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Quorum {
    expected: u32,
    present: u32,
    yes: u32,
    written_yes: u32,
    no: u32,
    abstain: u32,
}

#[derive(Deserialize)]
struct Medal {
    full_date: String,
}

#[derive(Deserialize)]
struct Cap {
    full_members: u32,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Transfer {
    issued: Option<String>,
    valid_until: Option<String>,
    arrived: Option<String>,
    away_since: Option<String>,
    on: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Workdays {
    from: String,
    days: Option<u32>,
    to: Option<String>,
    holidays: Vec<String>,
    workdays: Vec<String>,
}

use crate::parse_json as input;

pub fn calc(command: CalcCommand) -> Result<(), Error> {
    let out = match command {
        CalcCommand::Dues { json } => {
            let c = dues::calc(&input(&json)?, &dues::rules::rule_set_on(&dates::iso(dates::today())), dues::DuesSettings::default().farmer_fen)?;
            json!({ "kind": c.kind_name, "base": c.base, "rate": c.rate, "amount": c.amount, "amount_fen": c.amount_fen, "rule_set": c.rule_set })
        }
        CalcCommand::Arrears { json } => serde_json::to_value(arrears::calc(&input(&json)?)?)?,
        CalcCommand::AddMonths { json } => {
            let a: AddMonths = input(&json)?;
            json!({ "date": dates::iso(dates::add_months(date("date", "日期", &a.date)?, a.months)) })
        }
        CalcCommand::Age { json } => {
            let a: Age = input(&json)?;
            let (birth, on) = (date("birth", "出生日期", &a.birth)?, date("on", "计算日期", &a.on)?);
            if on < birth {
                return Err(Error::invalid("on", "BEFORE_BIRTH", "计算日期早于出生日期"));
            }
            json!({ "age": dates::age_at(birth, on) })
        }
        CalcCommand::Probation { json } => {
            let p: Probation = input(&json)?;
            let mut ext = p.extensions;
            ext.extend(p.extension_months);
            let ends = rules::probation_end(date("accepted", "接收为预备党员的日期", &p.accepted)?, &ext, &rules::DEV_2014)?;
            json!({ "ends": dates::iso(ends) })
        }
        CalcCommand::Deadline { json } => {
            let d: Deadline = input(&json)?;
            let (hol, extra) = (dates_of("holidays", "法定假日", &d.holidays)?, dates_of("workdays", "调休上班日", &d.workdays)?);
            serde_json::to_value(rules::deadline(&d.step, date("from", "起算日期", &d.from)?, d.special, &hol, &extra, &rules::DEV_2014)?)?
        }
        CalcCommand::Quorum { json } => {
            let q: Quorum = input(&json)?;
            serde_json::to_value(rules::vote(q.expected, q.present, q.yes, q.written_yes, q.no, q.abstain)?)?
        }
        CalcCommand::MedalYear { json } => {
            let m: Medal = input(&json)?;
            json!({ "year": branchbook_core::care::rules::medal_year(date("full_date", "转正日期", &m.full_date)?) })
        }
        CalcCommand::AppraisalCap { json } => {
            let c: Cap = input(&json)?;
            json!({ "excellent_max": branchbook_core::appraisal::rules::excellent_max(c.full_members) })
        }
        CalcCommand::Transfer { json } => {
            use branchbook_core::mobile::rules as m;
            let t: Transfer = input(&json)?;
            let mut out = serde_json::Map::new();
            if let (Some(i), Some(v)) = (&t.issued, &t.valid_until) {
                m::check_validity(date("issued", "开具日期", i)?, date("valid_until", "有效期至", v)?)?;
                out.insert("valid".into(), json!(true));
            }
            if let Some(a) = &t.arrived {
                out.insert("receipt_due".into(), json!(dates::iso(m::receipt_due(date("arrived", "报到日期", a)?))));
            }
            if let (Some(a), Some(on)) = (&t.away_since, &t.on) {
                out.insert("mobile".into(), json!(m::is_mobile(date("away_since", "外出日期", a)?, date("on", "计算日期", on)?)));
            }
            if out.is_empty() {
                return Err(Error::invalid("json", "REQUIRED", "请给出 issued 和 valid_until、arrived，或 away_since 和 on"));
            }
            serde_json::Value::Object(out)
        }
        CalcCommand::Workdays { json } => {
            let w: Workdays = input(&json)?;
            let from = date("from", "起始日期", &w.from)?;
            let (hol, extra) = (dates_of("holidays", "法定假日", &w.holidays)?, dates_of("workdays", "调休上班日", &w.workdays)?);
            match (w.days, w.to) {
                (Some(n), None) if n > 0 => json!({ "ends": dates::iso(dates::add_workdays(from, n, &hol, &extra)) }),
                (None, Some(to)) => {
                    let to = date("to", "截止日期", &to)?;
                    json!({ "workdays": dates::workdays_between(from, to, &hol, &extra) })
                }
                _ => return Err(Error::invalid("days", "REQUIRED", "请给出工作日天数 days（大于 0），或截止日期 to（二者选一）")),
            }
        }
    };
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
