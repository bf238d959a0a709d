//! Issue 10 section 3: the 百分制 points scheme (domain.md section 7), the demo branch that shows it, and the 约谈
//! alerts and home card that follow from it.
use branchbook_core::points::{self, TableRequest};
use branchbook_core::{kernel::dates, store::db, demo, reports::home, settings};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use std::collections::HashMap;

fn this_month() -> String {
    dates::today().format("%Y-%m").to_string()
}

fn month_back(back: u32) -> String {
    let t = dates::today();
    let first = NaiveDate::from_ymd_opt(t.year(), t.month(), 1).unwrap();
    first.checked_sub_months(Months::new(back)).unwrap().format("%Y-%m").to_string()
}

fn demo_conn() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    conn
}

fn id_of(conn: &Connection, remarks_like: &str) -> i64 {
    conn.query_row("SELECT id FROM member WHERE remarks LIKE ?1", [remarks_like], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_branch_scores_by_the_hundred_scheme() {
    let conn = db::open_in_memory().unwrap();
    let s = settings::get(&conn).unwrap().points;
    assert_eq!((s.scheme.as_str(), s.base, s.bonus_cap), ("hundred", 60.0, Some(40.0)));
    assert_eq!((s.tier(90.0), s.tier(89.5), s.tier(75.0), s.tier(74.5), s.tier(60.0), s.tier(59.5)), ("优秀", "良好", "良好", "合格", "合格", "待提升"));
    // Attending is expected and earns nothing: no rule gives points for being present.
    let rules = points::rules(&conn, true).unwrap();
    assert!(rules.iter().all(|r| r.data.attendance.as_deref() != Some("present")), "attendance earns nothing");
    let names: Vec<&str> = rules.iter().map(|r| r.data.name.as_str()).collect();
    for n in ["无故缺席组织生活", "迟到早退", "违反村规民约", "志愿服务", "结对帮扶", "党课主讲/先进事迹", "参加党员冬春训/集中培训"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
}

#[test]
fn the_demo_tiers_spread_like_a_real_branch() {
    let conn = demo_conn();
    let t = points::month_table(&conn, &TableRequest { month: this_month(), ..Default::default() }).unwrap();
    let mut tiers: HashMap<&str, usize> = HashMap::new();
    for r in &t.rows {
        *tiers.entry(r.tier).or_default() += 1;
    }
    let n = t.rows.len();
    let get = |k: &str| tiers.get(k).copied().unwrap_or(0);
    eprintln!("{n} members: {tiers:?}");
    assert!(get("优秀") >= 1 && get("优秀") * 3 <= n, "some 优秀, at most a third: {tiers:?}");
    assert!((get("良好") + get("合格")) * 2 > n, "most 良好 or 合格: {tiers:?}");
    assert!(get("良好") >= 1 && get("合格") >= 1, "{tiers:?}");
    assert!(get("待提升") >= 1 && get("待提升") * 6 <= n, "a few 待提升: {tiers:?}");
    // Scores stay on the 0–100 scale.
    assert!(t.rows.iter().all(|r| (0.0..=100.0).contains(&r.year_total)), "0–100");
    // The member with no activity all year is not 优秀; neither is the last-ranked member.
    let idle = id_of(&conn, "常年在外务工%");
    let row = t.rows.iter().find(|r| r.member_id == idle).unwrap();
    assert_eq!(row.tier, "待提升");
    let last = t.rows.iter().max_by_key(|r| r.rank).unwrap();
    assert_ne!(last.tier, "优秀");
    // Last month's 约谈提醒 names a few members, not the branch.
    let alerts = points::alerts(&conn, &month_back(1)).unwrap();
    eprintln!("alerts: {:?}", alerts.iter().map(|a| (&a.name, a.kind)).collect::<Vec<_>>());
    assert!(!alerts.is_empty() && alerts.len() * 6 <= n, "{} alerts", alerts.len());
}

#[test]
fn the_demo_holds_what_real_branches_hold() {
    let conn = demo_conn();
    // Two pairs of members with the same name.
    let pairs: i64 = conn
        .query_row("SELECT count(*) FROM (SELECT name FROM member WHERE status = 'normal' GROUP BY name HAVING count(*) = 2)", [], |r| r.get(0))
        .unwrap();
    assert!(pairs >= 2, "two pairs of 同名 members, found {pairs}");
    // The 失联 member has no attendance at all.
    let lost: i64 = conn.query_row("SELECT id FROM member WHERE lost_contact = 1", [], |r| r.get(0)).unwrap();
    let att: i64 = conn.query_row("SELECT count(*) FROM attendance WHERE member_id = ?1", [lost], |r| r.get(0)).unwrap();
    assert_eq!(att, 0, "失联 means no attendance");
    // No activity all year: never present, no bonus.
    let idle = id_of(&conn, "常年在外务工%");
    let present: i64 = conn.query_row("SELECT count(*) FROM attendance WHERE member_id = ?1 AND status = 'present'", [idle], |r| r.get(0)).unwrap();
    let bonus: i64 = conn.query_row("SELECT count(*) FROM point_entry WHERE member_id = ?1 AND category = 'bonus'", [idle], |r| r.get(0)).unwrap();
    assert_eq!((present, bonus), (0, 0));
    // Transferred in mid-year: nothing before the month they came.
    let moved = id_of(&conn, "%由城南社区党支部转入");
    let first: String = conn
        .query_row("SELECT min(m.date) FROM attendance a JOIN meeting m ON m.id = a.meeting_id WHERE a.member_id = ?1", [moved], |r| r.get(0))
        .unwrap();
    assert!(first.as_str() >= month_back(5).as_str(), "first attendance {first}");
    assert!(first.as_str() > month_back(7).as_str());
    // Added this month: nothing before.
    let new = id_of(&conn, "本月%转入");
    let old: i64 = conn.query_row("SELECT count(*) FROM attendance WHERE member_id = ?1", [new], |r| r.get(0)).unwrap();
    assert_eq!(old, 0);
    // Plausible 身份类别: the 书记 is not 流动, no 学生 over 26.
    let secretary: String = conn.query_row("SELECT identity_class FROM member WHERE party_post = 'secretary'", [], |r| r.get(0)).unwrap();
    assert!(secretary != "mobile" && secretary != "student", "书记 is {secretary}");
    let today = dates::today();
    let old_students: i64 = conn
        .query_row(
            "SELECT count(*) FROM member WHERE identity_class = 'student' AND birth_date < ?1",
            [format!("{}-01-01", today.year() - 27)],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(old_students, 0, "学生 are young");
}

#[test]
fn tables_list_only_the_months_a_member_was_in_the_branch() {
    let conn = demo_conn();
    let new = id_of(&conn, "本月%转入");
    let moved = id_of(&conn, "%由城南社区党支部转入");
    let table = |m: &str| points::month_table(&conn, &TableRequest { month: m.into(), ..Default::default() }).unwrap();
    let has = |m: &str, id: i64| table(m).rows.iter().any(|r| r.member_id == id);
    assert!(has(&this_month(), new), "this month's table lists the new member");
    assert!(!has(&month_back(1), new), "last month's does not: they were not here");
    assert!(has(&month_back(1), moved));
    assert!(!has(&month_back(6), moved), "not before they came");
    // So the new member is never 末位 of a month they were not in.
    for back in 1..=3 {
        assert!(points::alerts(&conn, &month_back(back)).unwrap().iter().all(|a| a.member_id != new));
    }
}

#[test]
fn a_tie_shared_by_many_is_not_an_alert_and_home_lists_eight() {
    // 20 members who did nothing but their duties share the last place at 60 for three months; two earned more.
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    demo::fill(&mut conn, 22, 5).unwrap();
    conn.execute("UPDATE member SET created_at = '2026-01-01T00:00:00'", []).unwrap();
    let ids: Vec<i64> = conn.prepare("SELECT id FROM member ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let pairing: i64 = conn.query_row("SELECT id FROM point_rule WHERE name = '结对帮扶'", [], |r| r.get(0)).unwrap();
    let breach: i64 = conn.query_row("SELECT id FROM point_rule WHERE name = '违反村规民约'", [], |r| r.get(0)).unwrap();
    let add = |conn: &mut Connection, ids: &[i64], rule_id: i64, date: &str| {
        let tx = conn.transaction().unwrap();
        let input = points::EntryInput { member_ids: ids.to_vec(), date: date.into(), rule_id, quantity: 1.0, note: Some("帮扶".into()) };
        points::add_in(&tx, "书记", &input, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()).unwrap();
        tx.commit().unwrap();
    };
    for m in ["2026-08", "2026-09", "2026-10"] {
        add(&mut conn, &ids[..2], pairing, &format!("{m}-05"));
    }
    let a = points::alerts(&conn, "2026-10").unwrap();
    assert!(a.iter().all(|a| a.kind != "bottom"), "20 tied at the bottom are no alert: {} flagged", a.len());
    // One member clearly last three months running is.
    for m in ["2026-08", "2026-09", "2026-10"] {
        add(&mut conn, &ids[21..22], breach, &format!("{m}-06"));
    }
    let a = points::alerts(&conn, "2026-10").unwrap();
    // With a deduction every month as well, the alert says both.
    let last: Vec<(i64, &str)> = a.iter().filter(|a| a.reason.contains("末位")).map(|a| (a.member_id, a.kind)).collect();
    assert_eq!(last, [(ids[21], "deduction")]);
    // Home lists at most eight names; the count says how many in all.
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    demo::fill(&mut conn, 12, 9).unwrap();
    let ids: Vec<i64> = conn.prepare("SELECT id FROM member ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    // Twelve members each with a deduction three months running: twelve alerts, eight names on the card.
    let today = dates::today();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap();
    conn.execute("UPDATE member SET created_at = '2000-01-01T00:00:00'", []).unwrap();
    for back in 1..=3 {
        let d = first.checked_sub_months(Months::new(back)).unwrap().format("%Y-%m-10").to_string();
        let tx = conn.transaction().unwrap();
        let input = points::EntryInput { member_ids: ids.clone(), date: d, rule_id: breach, quantity: 1.0, note: None };
        points::add_in(&tx, "书记", &input, today).unwrap();
        tx.commit().unwrap();
    }
    let todos = home::todos(&conn).unwrap();
    let talk = todos.iter().find(|t| t.key == "talk_alerts").expect("talk card");
    assert_eq!(talk.count, 12);
    assert_eq!(talk.names.len(), 8, "at most eight names on the first screen");
}

#[test]
fn a_branch_set_up_before_keeps_its_scheme_until_it_switches() {
    use rusqlite_migration::{Migrations, M};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v3.db");
    {
        let mut c = Connection::open(&path).unwrap();
        Migrations::new(vec![
            M::up(include_str!("../migrations/0001_init.sql")),
            M::up(include_str!("../migrations/0002_meetings.sql")),
            M::up(include_str!("../migrations/0003_points.sql")),
        ])
        .to_latest(&mut c)
        .unwrap();
        c.pragma_update(None, "application_id", db::APPLICATION_ID).unwrap();
        demo::blank_branch(&mut c, "东风村党支部", &["第一党小组"]).unwrap();
    }
    let conn = db::open(&path).unwrap();
    let s = settings::get(&conn).unwrap().points;
    assert_eq!((s.scheme.as_str(), s.base, s.bonus_cap, s.good), ("legacy", 100.0, None, 80.0), "an existing branch is not re-scored behind its back");
    let rules = points::rules(&conn, false).unwrap();
    assert!(rules.iter().any(|r| r.data.name == "参加三会一课"), "its rules are kept");
}
