//! The monthly points table of 20,000 members over 1,000,000 ledger rows, and its xlsx export
//! (targets: table under 200 ms, export under 1 s).
use branchbook_core::points::{self, TableRequest};
use branchbook_core::{store::db, demo};
use criterion::{criterion_group, criterion_main, Criterion};

fn setup_db(dir: &std::path::Path) -> rusqlite::Connection {
    let mut conn = db::open(&dir.join("bench.db")).unwrap();
    demo::blank_branch(&mut conn, "基准测试党支部", &["第一党小组", "第二党小组", "第三党小组", "第四党小组"]).unwrap();
    demo::fill(&mut conn, 20_000, 42).unwrap();
    // A million entries spread over the year's eleven months: inserted in bulk here, then the monthly totals
    // built from them the way the ledger keeps them (one row per member, month and category sum).
    let tx = conn.transaction().unwrap();
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO point_entry (member_id, date, rule_id, rule_name, category, quantity, requested, points, entered_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 10, ?6, ?6, '基准测试', '2026-01-01T00:00:00')",
            )
            .unwrap();
        // The 百分制's rules, looked up by name (a new file has no attendance-earning rules).
        let id = |name: &str| -> i64 { tx.query_row("SELECT id FROM point_rule WHERE name = ?1", [name], |r| r.get(0)).unwrap() };
        let rules = [
            (id("无故缺席组织生活"), "无故缺席组织生活", "deduction", -20),
            (id("迟到早退"), "迟到早退", "deduction", -5),
            (id("志愿服务"), "志愿服务", "bonus", 10),
            (id("结对帮扶"), "结对帮扶", "bonus", 20),
            (id("志愿服务"), "志愿服务", "bonus", 10),
        ];
        for i in 0..1_000_000u32 {
            let member = (i % 20_000) as i64 + 1;
            let month = 1 + (i / 20_000) % 11;
            // Each member's entries vary from month to month (a member is not all deductions).
            let (rule, name, cat, pts) = rules[(i as usize / 20_000 * 3 + member as usize) % rules.len()];
            stmt.execute(rusqlite::params![member, format!("2026-{month:02}-{:02}", 1 + i % 28), rule, name, cat, pts]).unwrap();
        }
    }
    tx.execute_batch(
        "INSERT INTO point_month (month, member_id, base, bonus, deduction)
         SELECT substr(date, 1, 7), member_id, total(CASE WHEN category = 'base' THEN points END),
                total(CASE WHEN category = 'bonus' THEN points END), total(CASE WHEN category = 'deduction' THEN points END)
         FROM point_entry WHERE voided = 0 GROUP BY 1, 2",
    )
    .unwrap();
    tx.commit().unwrap();
    conn
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let conn = setup_db(dir.path());
    let mut g = c.benchmark_group("points_20k_1m");
    g.bench_function("month_table", |b| {
        b.iter(|| points::month_table(&conn, &TableRequest { month: "2026-10".into(), ..Default::default() }).unwrap().rows.len())
    });
    g.bench_function("month_table_by_rule", |b| {
        b.iter(|| points::month_table(&conn, &TableRequest { month: "2026-10".into(), by_rule: true, ..Default::default() }).unwrap().rows.len())
    });
    g.bench_function("month_xlsx_export", |b| {
        let out = dir.path().join("month.xlsx");
        b.iter(|| points::write_month(&conn, &out, "2026-10").unwrap())
    });
    // 约谈提醒 at 20,000 members: three monthly tables; a tie shared by many is no alert, so the list stays short.
    eprintln!("alerts for 2026-10: {}", points::alerts(&conn, "2026-10").unwrap().len());
    g.bench_function("alerts", |b| b.iter(|| points::alerts(&conn, "2026-10").unwrap().len()));
    g.bench_function("home_todos", |b| b.iter(|| branchbook_core::reports::home::todos(&conn).unwrap().len()));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
