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
fn party_statistics_the_package_and_the_township_merge_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    assert_eq!(cli(&db, &["demo"]).0, 0);
    let year = chrono_year();
    let b = json(&db, &["stats", "--year", &year, "--json"]);
    assert_eq!(b["tables"].as_array().unwrap().len(), 9);
    assert_eq!(b["checks"][0]["ok"], true, "{}", b["checks"][0]);
    assert!(b["missing"].as_array().unwrap().iter().any(|m| m["field"] == "学历"));
    // Every table into one workbook, one table as PDF.
    let all = dir.path().join("党内统计.xlsx");
    assert_eq!(cli(&db, &["stats", "--year", &year, "--out", all.to_str().unwrap()]).0, 0);
    assert!(all.exists());
    let t3 = dir.path().join("表3.pdf");
    assert_eq!(cli(&db, &["stats", "--year", &year, "--table", "3", "--out", t3.to_str().unwrap()]).0, 0);
    assert!(std::fs::read(&t3).unwrap().starts_with(b"%PDF"));
    let (rc, text) = cli(&db, &["stats", "--year", &year, "--table", "7"]);
    assert_eq!(rc, 1);
    assert!(text.contains("没有表7"), "{text}");
    let (rc, text) = cli(&db, &["stats", "--year", &year, "--as-of", "明年"]);
    assert_eq!(rc, 1);
    assert!(text.contains("统计截止日期"), "{text}");

    // The branch.s package merged alone: its numbers are the 合计, and the branch expected but missing is listed.
    let packages = dir.path().join("packages");
    std::fs::create_dir(&packages).unwrap();
    let p1 = packages.join("一.xlsx");
    let (rc, text) = cli(&db, &["package", "--year", &year, "--superior", "城关镇党委", "--out", p1.to_str().unwrap()]);
    assert_eq!(rc, 0, "{text}");
    assert!(text.contains("年底实有党员 56 名"), "{text}");
    let out = dir.path().join("汇总.xlsx");
    let t = json(&db, &["township", "merge", packages.to_str().unwrap(), "--expect", "东风村党支部,西山村党支部", "--out", out.to_str().unwrap(), "--json"]);
    assert!(out.exists());
    let problems = t["problems"].as_array().unwrap();
    assert!(problems.iter().any(|p| p["kind"] == "missing" && p["branch"] == "西山村党支部"), "{problems:?}");
    let t2 = t["tables"].as_array().unwrap().iter().find(|x| x["no"] == 2).unwrap();
    assert_eq!(t2["total"][0], 56);
    let (rc, text) = cli(&db, &["township", "merge", db.to_str().unwrap()]);
    assert_eq!(rc, 0);
    assert!(text.contains("b.db") && text.contains("数据库文件") && text.contains("不是表格"), "{text}");
}

fn chrono_year() -> String {
    let out = Command::new("date").arg("+%Y").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
