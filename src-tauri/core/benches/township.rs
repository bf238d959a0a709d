//! 党内统计 and 乡镇汇总 (issue 16). Target: 30 branch packages (about 1,400 members) merged in under 2 s; the
//! statistics of a county file (20,000 members) for the 党内统计 screen in under 1 s.
//!
//! Measured 2026-12-04 (release, 2 shared cores with a build beside), median of 10: see README "报表".
use branchbook_core::kernel::dates;
use branchbook_core::reports::{stats, township};
use branchbook_core::{demo, store::db};
use chrono::Datelike;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let year = dates::today().year();
    let dir = tempfile::tempdir().unwrap();
    let packages = dir.path().join("packages");
    std::fs::create_dir(&packages).unwrap();
    for i in 1..=30 {
        let mut conn = db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, &format!("第{i}村党支部"), &["第一党小组", "第二党小组"]).unwrap();
        demo::fill(&mut conn, 44 + i % 7, 1000 + i as u64).unwrap();
        township::package::write(&conn, &packages.join(format!("{i}.xlsx")), year, None, "城关镇党委").unwrap();
    }
    let mut g = c.benchmark_group("township");
    g.sample_size(10);
    g.bench_function("merge_30_packages", |b| b.iter(|| township::merge(std::slice::from_ref(&packages), &[], &[]).unwrap().tables.len()));
    let out = dir.path().join("汇总.xlsx");
    g.bench_function("merge_and_write_workbook", |b| b.iter(|| township::merge(std::slice::from_ref(&packages), &[], &[]).unwrap().write(&out, "城关镇党委").unwrap()));
    g.finish();

    let path = dir.path().join("county.db");
    {
        let mut conn = db::open(&path).unwrap();
        demo::load(&mut conn).unwrap();
        demo::fill(&mut conn, 20_000, 2026).unwrap();
    }
    let conn = db::open(&path).unwrap();
    let mut g = c.benchmark_group("county_20k");
    g.sample_size(10);
    g.bench_function("stats_report", |b| b.iter(|| stats::report(&conn, year, None).unwrap().tables.len()));
    g.bench_function("package_write", |b| b.iter(|| township::package::write(&conn, &dir.path().join("county.xlsx"), year, None, "城关镇党委").unwrap().members));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
