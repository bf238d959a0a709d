//! What each screen and the start-up ask of the core in a county file: the demo branch plus 20,000 members
//! (`branchbook-cli demo --extra 20000`). Targets: every call a screen waits for under 1 s; the start-up
//! (open, quick_check, the first IPC calls and the home page) well under the 0.4 s an empty Tauri app takes to paint.
//!
//! Measured 2026-11-24 (release, 2 shared cores under load), median of 10:
//!   startup_open_and_quick_check 163 ms · startup_first_ipc_org_settings 0.17 ms · home_todos 368 ms ·
//!   member_list_all 109 ms · member_search_picker 8.7 ms · points_month_table 45 ms · points_alerts 313 ms ·
//!   audit_viewer_page (300 rows, now with Chinese values) 20 ms.
//! Issue 15, measured 2026-12-04 (release, 2 shared cores, a build running beside), median of 10:
//!   home_todos 354 ms (with 流动党员, 关爱 and 民主评议 reminders) · mobile_board 6.8 ms · mobile_lost 12 ms ·
//!   care_spring_visit_list 254 ms · care_medals_next_year 20 ms · appraisal_show_last_year 16 ms. Before the new lists
//!   read only the members they are about: home_todos 528 ms, mobile_lost 229 ms, the 春节 list 769 ms.
//! The screens' slowness at 20,000 was in the webview, not here: 20,056 table rows / checkboxes / <option>s in the
//! DOM (now virtual lists and a search box), and sync commands run on the main thread, which froze painting while
//! home_todos ran (now `tauri::command(async)`); see scripts/first-paint.sh.
use branchbook_core::points::{self, TableRequest};
use branchbook_core::members::search::MemberQuery;
use branchbook_core::{reports::audit, store::db, demo, reports::home, org, members::search, settings};
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("county.db");
    {
        let mut conn = db::open(&path).unwrap();
        demo::load(&mut conn).unwrap();
        demo::fill(&mut conn, 20_000, 2026).unwrap();
    }
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let mut g = c.benchmark_group("county_20k");
    g.sample_size(10);
    g.bench_function("startup_open_and_quick_check", |b| {
        b.iter(|| {
            let conn = db::open(&path).unwrap();
            db::quick_check(&conn, &path).unwrap();
        })
    });
    let conn = db::open(&path).unwrap();
    g.bench_function("startup_first_ipc_org_settings", |b| b.iter(|| (org::get(&conn).unwrap(), settings::get(&conn).unwrap())));
    g.bench_function("home_todos", |b| b.iter(|| home::todos(&conn).unwrap().len()));
    g.bench_function("member_list_all", |b| b.iter(|| search::list(&conn, &MemberQuery::default()).unwrap().rows.len()));
    g.bench_function("member_search_picker", |b| {
        b.iter(|| search::list(&conn, &MemberQuery { search: Some("王".into()), ..Default::default() }).unwrap().rows.len())
    });
    g.bench_function("points_month_table", |b| {
        b.iter(|| points::month_table(&conn, &TableRequest { month: month.clone(), ..Default::default() }).unwrap().rows.len())
    });
    g.bench_function("points_alerts", |b| b.iter(|| points::alerts(&conn, &month).unwrap().len()));
    g.bench_function("audit_viewer_page", |b| {
        b.iter(|| audit::query(&conn, &audit::AuditQuery { limit: Some(300), ..Default::default() }).unwrap().rows.len())
    });
    let today = branchbook_core::kernel::dates::today();
    g.bench_function("mobile_board", |b| b.iter(|| branchbook_core::mobile::board(&conn, today).unwrap().cards.len()));
    g.bench_function("mobile_lost", |b| b.iter(|| branchbook_core::mobile::lost::list(&conn, today).unwrap().len()));
    g.bench_function("care_spring_visit_list", |b| {
        let req = branchbook_core::care::TableRequest { kind: "visit_list".into(), occasion: Some("春节".into()), ..Default::default() };
        b.iter(|| branchbook_core::care::print(&conn, &req, today).unwrap().total)
    });
    g.bench_function("care_medals_next_year", |b| b.iter(|| branchbook_core::care::medals(&conn, 2027).unwrap().rows.len()));
    g.bench_function("appraisal_show_last_year", |b| b.iter(|| branchbook_core::appraisal::show(&conn, 2025).unwrap().map(|a| a.entries.len())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
