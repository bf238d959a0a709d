//! Registry search over 20,000 generated members in a real data file (WAL, as the app runs it).
use branchbook_core::members::search::{self, MemberQuery};
use branchbook_core::{members::classify, store::db, demo};
use criterion::{criterion_group, criterion_main, Criterion};

fn setup_db(dir: &std::path::Path) -> rusqlite::Connection {
    let mut conn = db::open(&dir.join("bench.db")).unwrap();
    demo::blank_branch(&mut conn, "基准测试党支部", &["第一党小组", "第二党小组", "第三党小组", "第四党小组"]).unwrap();
    demo::fill(&mut conn, 20_000, 42).unwrap();
    conn
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let conn = setup_db(dir.path());
    let q = |s: &str| MemberQuery { search: Some(s.into()), status: Some("normal".into()), ..Default::default() };
    let mut g = c.benchmark_group("search_20k");
    g.bench_function("initials_zs", |b| b.iter(|| search::list(&conn, &q("zs")).unwrap().total));
    g.bench_function("name_wang_wei", |b| b.iter(|| search::list(&conn, &q("王伟")).unwrap().total));
    g.bench_function("id_fragment", |b| b.iter(|| search::list(&conn, &q("19650")).unwrap().total));
    g.bench_function("filter_mgmt_senior", |b| {
        let q = MemberQuery { status: Some("normal".into()), mgmt_type: Some("improve".into()), age_band: Some("senior".into()), ..Default::default() };
        b.iter(|| search::list(&conn, &q).unwrap().total)
    });
    g.bench_function("whole_roster_stroke_order", |b| {
        let q = MemberQuery { status: Some("normal".into()), ..Default::default() };
        b.iter(|| search::list(&conn, &q).unwrap().total)
    });
    g.bench_function("class_overview", |b| b.iter(|| classify::overview(&conn, None).unwrap().total));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
