//! `branchbook-cli calc …`: the rules of domain.md sections 8 and 9 as JSON in, JSON out, with no data file — the
//! examples of issue 13, and a bad input exiting 1 with a Chinese `{code, message}`.
use serde_json::{json, Value};
use std::process::Command;

fn calc(what: &str, input: &str) -> (i32, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_branchbook-cli"))
        .args(["--db", "/nonexistent/never-opened.db", "calc", what, "--json", input])
        .output()
        .unwrap();
    let text = if out.status.success() { out.stdout } else { out.stderr };
    (out.status.code().unwrap_or(-1), serde_json::from_slice(&text).unwrap_or_else(|_| json!(String::from_utf8_lossy(&text))))
}

#[test]
fn dues_of_every_basis() {
    let (rc, v) = calc("dues", r#"{"kind":"在职","base":"3000.01"}"#);
    assert_eq!(rc, 0);
    assert_eq!((&v["rate"], &v["amount"], &v["amount_fen"]), (&json!("1%"), &json!("30.00"), &json!(3000)));
    assert_eq!(calc("dues", r#"{"kind":"在职","base":"3000.00"}"#).1["amount"], "15.00");
    assert_eq!(calc("dues", r#"{"kind":"个体经营","incomes":["9000.00","12000.00","6000.00"]}"#).1["amount"], "135.00");
    assert_eq!(calc("dues", r#"{"kind":"农民","standard":"0.50"}"#).1["amount_fen"], 50);
    assert_eq!(calc("dues", r#"{"kind":"离退休","base":"5000.01"}"#).1["amount"], "50.00");
    assert_eq!(calc("dues", r#"{"kind":"在职","base":"4322.50"}"#).1["amount"], "43.23");
}

#[test]
fn arrears_and_the_date_rules() {
    let (rc, v) = calc("arrears", r#"{"first_month":"2025-12","paid":["2026-01"],"exempt":[],"as_of":"2026-03-05"}"#);
    assert_eq!(rc, 0);
    assert_eq!((&v["unpaid"], &v["run"], &v["alert"]), (&json!(["2025-12", "2026-02"]), &json!(1), &json!(false)));
    assert_eq!(calc("add-months", r#"{"date":"2025-01-31","months":1}"#).1, json!({"date": "2025-02-28"}));
    assert_eq!(calc("add-months", r#"{"date":"2024-02-29","months":12}"#).1, json!({"date": "2025-02-28"}));
    assert_eq!(calc("age", r#"{"birth":"2008-02-29","on":"2026-02-28"}"#).1, json!({"age": 18}));
    assert_eq!(calc("age", r#"{"birth":"2008-12-04","on":"2026-12-03"}"#).1, json!({"age": 17}));
    let holidays = r#""holidays":["2026-10-01","2026-10-02","2026-10-03","2026-10-04","2026-10-05","2026-10-06","2026-10-07"],"workdays":["2026-10-10"]"#;
    assert_eq!(calc("workdays", &format!(r#"{{"from":"2026-09-30","days":5,{holidays}}}"#)).1, json!({"ends": "2026-10-12"}));
    assert_eq!(calc("workdays", &format!(r#"{{"from":"2026-09-28","to":"2026-10-11",{holidays}}}"#)).1, json!({"workdays": 6}));
}

#[test]
fn probation_deadlines_and_the_vote() {
    assert_eq!(calc("probation", r#"{"accepted":"2025-07-01","extension_months":6}"#).1, json!({"ends": "2027-01-01"}));
    assert_eq!(calc("probation", r#"{"accepted":"2025-07-01"}"#).1, json!({"ends": "2026-07-01"}));
    let (rc, v) = calc("deadline", r#"{"step":"谈话","from":"2025-01-31"}"#);
    assert_eq!((rc, &v["due"]), (0, &json!("2025-02-28")));
    assert_eq!(calc("deadline", r#"{"step":"确定发展对象","from":"2024-02-29"}"#).1["earliest"], "2025-02-28");
    let (rc, v) = calc("quorum", r#"{"expected":20,"present":11,"yes":9,"written_yes":2}"#);
    assert_eq!((rc, v), (0, json!({"quorate": true, "passed": true})));
    assert_eq!(calc("quorum", r#"{"expected":20,"present":10,"yes":10}"#).1, json!({"quorate": false, "passed": false}));
}

#[test]
fn medal_cap_and_transfer() {
    assert_eq!(calc("medal-year", r#"{"full_date":"1976-07-01"}"#).1, json!({"year": 2026}));
    assert_eq!(calc("medal-year", r#"{"full_date":"1976-07-02"}"#).1, json!({"year": 2027}));
    assert_eq!(calc("appraisal-cap", r#"{"full_members":31}"#).1, json!({"excellent_max": 10}));
    assert_eq!(calc("appraisal-cap", r#"{"full_members":33}"#).1, json!({"excellent_max": 11}));
    assert_eq!(calc("transfer", r#"{"arrived":"2026-01-31"}"#).1, json!({"receipt_due": "2026-02-28"}));
    assert_eq!(calc("transfer", r#"{"away_since":"2026-06-04","on":"2026-12-04"}"#).1, json!({"mobile": true}));
}

#[test]
fn a_bad_input_exits_1_with_a_chinese_message() {
    for (what, input, code) in [
        ("dues", r#"{"kind":"公务员","base":"1"}"#, "BAD_KIND"),
        ("dues", r#"{"kind":"在职","base":"3000.001"}"#, "BAD_AMOUNT"),
        ("dues", r#"{"kind":"农民","standard":"1.50"}"#, "OUT_OF_RANGE"),
        ("arrears", r#"{"first_month":"2025-13","as_of":"2026-03-05"}"#, "BAD_MONTH"),
        ("add-months", r#"{"date":"2025-02-30","months":1}"#, "BAD_DATE"),
        ("age", r#"{"birth":"2008-02-29"}"#, "REQUIRED"),
        ("age", r#"{"birth":"2008-02-29""#, "BAD_JSON"),
        ("workdays", r#"{"from":"2026-09-30"}"#, "REQUIRED"),
        ("probation", r#"{"accepted":"2025-07-01","extension_months":5}"#, "BAD_EXTENSION"),
        ("probation", r#"{"accepted":"2025-07-01","extensions":[6,6]}"#, "SECOND_EXTENSION"),
        ("deadline", r#"{"step":"入党宣誓","from":"2025-01-31"}"#, "UNKNOWN_STEP"),
        ("quorum", r#"{"expected":20,"present":21,"yes":1}"#, "TOO_MANY"),
        ("transfer", r#"{"issued":"2026-01-31","valid_until":"2026-05-01"}"#, "TOO_LONG"),
        ("medal-year", r#"{"full_date":"1976-13-01"}"#, "BAD_DATE"),
    ] {
        let (rc, v) = calc(what, input);
        assert_eq!(rc, 1, "{what} {input}");
        assert_eq!(v["code"], code, "{what} {input}: {v}");
        let msg = v["message"].as_str().unwrap();
        assert!(msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "a Chinese message: {msg}");
    }
}
