//! `branchbook-cli mobile|care|appraisal` over a demo file: the batch face of issue 15 — a card and a contact, a
//! 介绍信 saved as PDF and its 回执, a visit in 元, the medal list, a year's appraisal with the cap refused —
//! and a bad input exiting 1 with a Chinese message.
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn cli(db: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_branchbook-cli")).arg("--db").arg(db).args(args).output().unwrap();
    let text = if out.status.success() { out.stdout } else { out.stderr };
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&text).into_owned())
}

fn json(db: &Path, args: &[&str]) -> Value {
    let (rc, text) = cli(db, args);
    assert_eq!(rc, 0, "{args:?}: {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: {e}: {text}"))
}

#[test]
fn members_away_care_and_the_appraisal_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert_eq!(cli(&db, &["demo"]).0, 0);

    // A transfer out with its letter as PDF, then the 回执: the member is 转出.
    let t = json(&db, &["mobile", "transfer-out", "--json", r#"{"member_id":20,"date":"2026-11-02","to_org":"中共城南社区委员会","dues_paid_through":"2026-10"}"#]);
    let id = t["id"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("letter.pdf");
    assert_eq!(cli(&db, &["mobile", "table", "--kind", "letter", "--id", &id, "--out", pdf.to_str().unwrap()]).0, 0);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let done = json(&db, &["mobile", "receipt", &id, "--arrived", "2026-11-05", "--back", "2026-11-20"]);
    assert_eq!(done["state"], "done");
    let (rc, text) = cli(&db, &["mobile", "transfer-out", "--json", r#"{"member_id":21,"date":"2026-11-02","to_org":"某支部","dues_paid_through":"2026-10","valid_days":100}"#]);
    assert_eq!(rc, 1);
    assert!(text.contains("有效期") && text.contains("3 个月"), "{text}");

    // A visit in 元, the year's summary in 分-exact 元.
    let v = json(&db, &["care", "visits", "--year", "2026", "--add", r#"{"member_id":30,"date":"2026-10-01","occasion":"生病","visitors":"张建国","amount":"200.5","fund_source":"村集体"}"#]);
    assert!(v.as_array().unwrap().iter().any(|x| x["amount"] == "200.50"));
    let (rc, summary) = cli(&db, &["care", "table", "--kind", "summary", "--year", "2026"]);
    assert_eq!(rc, 0);
    assert!(summary.contains("村集体\t1\t200.50"), "{summary}");

    // The appraisal: open this year, the cap refused without a reason.
    let a = json(&db, &["appraisal", "open", "--json", r#"{"year":2026}"#]);
    let max = a["excellent_max"].as_u64().unwrap() as usize;
    let full: Vec<i64> = a["entries"].as_array().unwrap().iter().filter(|e| e["probationary"] == false).map(|e| e["member_id"].as_i64().unwrap()).collect();
    for id in &full[..max] {
        json(&db, &["appraisal", "grade", "--year", "2026", "--json", &format!(r#"{{"member_id":{id},"grade":"excellent"}}"#)]);
    }
    let (rc, text) = cli(&db, &["appraisal", "grade", "--year", "2026", "--json", &format!(r#"{{"member_id":{},"grade":"excellent"}}"#, full[max])]);
    assert_eq!(rc, 1);
    assert!(text.contains("三分之一"), "{text}");
    let (rc, report) = cli(&db, &["appraisal", "table", "--kind", "report", "--year", "2026"]);
    assert_eq!(rc, 0);
    assert!(report.contains(&format!("评定优秀\t{max} 名")), "{report}");
}

#[test]
fn party_statistics_tables_two_to_four_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert_eq!(cli(&db, &["demo"]).0, 0);
    let year = chrono_year();
    let b = json(&db, &["stats", "--year", &year, "--json"]);
    assert_eq!(b["tables"].as_array().unwrap().len(), 3);
    assert_eq!(b["checks"][0]["ok"], true, "{}", b["checks"][0]);
    assert!(b["missing"].as_array().unwrap().iter().any(|m| m["field"] == "学历"));
    let out = dir.path().join("表3.xlsx");
    assert_eq!(cli(&db, &["stats", "--year", &year, "--table", "3", "--out", out.to_str().unwrap()]).0, 0);
    assert!(out.exists());
    let (rc, text) = cli(&db, &["stats", "--year", &year, "--as-of", "明年"]);
    assert_eq!(rc, 1);
    assert!(text.contains("统计截止日期"), "{text}");
}

fn chrono_year() -> String {
    let out = Command::new("date").arg("+%Y").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
