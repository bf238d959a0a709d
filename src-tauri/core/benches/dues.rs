//! A year's 党费收缴登记表 for 1,500 members with eleven months paid (about 16,500 payment rows), the month's
//! collecting list and the arrears run, and the 登记表 saved as xlsx (target: the 登记表 under 200 ms).
use branchbook_core::dues::{self, TableRequest};
use branchbook_core::{demo, kernel::dates, store::db};
use criterion::{criterion_group, criterion_main, Criterion};

fn setup_db(dir: &std::path::Path) -> rusqlite::Connection {
    let mut conn = db::open(&dir.join("bench.db")).unwrap();
    demo::blank_branch(&mut conn, "基准测试党支部", &["第一党小组", "第二党小组", "第三党小组", "第四党小组"]).unwrap();
    demo::fill(&mut conn, 1_500, 42).unwrap();
    // Standards and payments in bulk, as the area's own functions would write them (1,500 standards through
    // the core would be slow only because each one reloads the ledger for its checks).
    let tx = conn.transaction().unwrap();
    tx.execute_batch(
        "INSERT INTO dues_standard (member_id, from_month, kind, base, rate, amount, rule_set, decided_on, entered_by, created_at)
         SELECT id, '2026-01', 'employed', 300000 + id * 371, CASE WHEN 300000 + id * 371 <= 500000 THEN 100 ELSE 150 END,
                ((300000 + id * 371) * (CASE WHEN 300000 + id * 371 <= 500000 THEN 100 ELSE 150 END) + 5000) / 10000,
                'dues-2008', '2026-01-10', '基准测试', '2026-01-10T00:00:00' FROM member;",
    )
    .unwrap();
    tx.execute_batch(
        "WITH RECURSIVE m(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM m WHERE n < 11)
         INSERT INTO dues_payment (member_id, month, kind, amount, paid_on, method, batch, entered_by, created_at)
         SELECT s.member_id, printf('2026-%02d', m.n), 'dues', s.amount, printf('2026-%02d-08', m.n), 'cash', m.n, '基准测试', '2026-01-10T00:00:00'
         FROM dues_standard s, m WHERE (s.member_id + m.n) % 37 != 0;",
    )
    .unwrap();
    tx.commit().unwrap();
    conn
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let conn = setup_db(dir.path());
    let today = dates::parse("2026-12-04").unwrap();
    let mut g = c.benchmark_group("dues_1500");
    g.bench_function("register_year", |b| {
        b.iter(|| dues::table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, today).unwrap().total)
    });
    g.bench_function("month_sheet", |b| b.iter(|| dues::sheet(&conn, "2026-11", today).unwrap().rows.len()));
    g.bench_function("arrears", |b| b.iter(|| dues::arrears_list(&conn, today).unwrap().rows.len()));
    g.bench_function("register_xlsx", |b| {
        let out = dir.path().join("register.xlsx");
        let t = dues::table(&conn, &TableRequest { kind: "register".into(), year: 2026, ..Default::default() }, today).unwrap();
        b.iter(|| branchbook_core::store::xlsx::write_table(&out, &t).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
