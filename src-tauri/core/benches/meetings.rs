//! Organisational life at the size of a large community branch: 1,500 members and three years of meetings
//! (主题党日, 支委会, four 党小组会 a month; 党员大会 and 党课 a quarter), about 150,000 attendance rows.
use branchbook_core::meetings::compliance::{self, CalendarRequest};
use branchbook_core::meetings::meeting::{self, MeetingInput, MeetingQuery};
use branchbook_core::{kernel::dates, store::db, demo, org, meetings::participation, meetings::study};
use chrono::{Datelike, Months, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

fn setup_db(dir: &std::path::Path) -> (rusqlite::Connection, i64) {
    let mut conn = db::open(&dir.join("bench.db")).unwrap();
    demo::blank_branch(&mut conn, "基准测试党支部", &["第一党小组", "第二党小组", "第三党小组", "第四党小组"]).unwrap();
    demo::fill(&mut conn, 1_500, 42).unwrap();
    conn.execute("UPDATE member SET party_post = 'deputy' WHERE id <= 7", []).unwrap();
    let groups: Vec<i64> = org::groups(&conn, false).unwrap().iter().map(|g| g.id).collect();
    let today = dates::today();
    let first = NaiveDate::from_ymd_opt(today.year() - 3, today.month(), 1).unwrap();
    let tx = conn.transaction().unwrap();
    let mut last = 0;
    for m in 0..36 {
        let month = first.checked_add_months(Months::new(m)).unwrap();
        let mut plan = vec![("theme_day", 1, None), ("committee", 3, None)];
        plan.extend(groups.iter().enumerate().map(|(i, g)| ("group", 8 + i as u32, Some(*g))));
        if month.month() % 3 == 0 {
            plan.extend([("branch_assembly", 20, None), ("lecture", 22, None)]);
        }
        for (kind, day, group_id) in plan {
            let mut input = MeetingInput::new(kind, "held", &dates::iso(month.with_day(day).unwrap()), "学习");
            input.data.group_id = group_id;
            last = meeting::create_in(&tx, "基准测试", &input, today).unwrap().meeting.id;
        }
    }
    tx.execute("UPDATE attendance SET status = 'absent', mode = NULL WHERE (meeting_id * 7 + member_id) % 10 = 0", []).unwrap();
    tx.execute("UPDATE attendance SET status = 'leave', mode = 'home', reason = '外出' WHERE (meeting_id * 7 + member_id) % 23 = 0", []).unwrap();
    tx.commit().unwrap();
    let rows: i64 = conn.query_row("SELECT count(*) FROM attendance", [], |r| r.get(0)).unwrap();
    eprintln!("{rows} attendance rows");
    (conn, last)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (conn, last) = setup_db(dir.path());
    let today = dates::today();
    let year_ago = dates::iso(today.checked_sub_months(Months::new(12)).unwrap());
    let quarter_ago = dates::iso(today.checked_sub_months(Months::new(3)).unwrap());
    let now = dates::iso(today);
    let mut g = c.benchmark_group("meetings_1500");
    g.bench_function("calendar_year", |b| {
        b.iter(|| compliance::calendar(&conn, &CalendarRequest { year: today.year(), ..Default::default() }, today).unwrap().held)
    });
    g.bench_function("home_meeting_todos", |b| b.iter(|| compliance::todos(&conn, today).unwrap().len()));
    g.bench_function("participation_year", |b| b.iter(|| participation::report(&conn, &year_ago, &now).unwrap().members.len()));
    g.bench_function("summary_table_quarter", |b| b.iter(|| participation::summary_table(&conn, &quarter_ago, &now).unwrap().total));
    g.bench_function("inactive_3_months", |b| b.iter(|| participation::inactive(&conn, 3, today).unwrap().len()));
    g.bench_function("meeting_list_year", |b| {
        b.iter(|| meeting::list(&conn, &MeetingQuery { from: Some(year_ago.clone()), ..Default::default() }).unwrap().len())
    });
    g.bench_function("meeting_detail_1500", |b| b.iter(|| meeting::detail(&conn, last).unwrap().attendees.len()));
    g.bench_function("study_plans_quarter", |b| {
        let (y, q) = study::current_quarter(today);
        b.iter(|| study::plans(&conn, y, q, today).unwrap().help.len())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
