//! Import of a 20,000-row xlsx roster and export of 20,000 rows, on real data files.
use branchbook_core::members::import::{self, CommitOptions};
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::{store::db, demo, store::xlsx};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::Path;

const GROUPS: [&str; 12] = ["第1党小组", "第2党小组", "第3党小组", "第4党小组", "第5党小组", "第6党小组",
    "第7党小组", "第8党小组", "第9党小组", "第10党小组", "第11党小组", "第12党小组"];

fn branch(path: &Path) -> rusqlite::Connection {
    let mut conn = db::open(path).unwrap();
    demo::blank_branch(&mut conn, "基准测试党支部", &GROUPS).unwrap();
    conn
}

const ALL: &str = "seq,name,sex,ethnicity,birth_month,id_number,education,join_date,category,group,phone,address";

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = branch(&dir.path().join("source.db"));
    demo::fill(&mut conn, 20_000, 42).unwrap();
    let req = RosterRequest { columns: ALL.split(',').map(String::from).collect(), full_values: true, ..Default::default() };
    let file = dir.path().join("roster.xlsx");
    xlsx::write_table(&file, &roster::roster(&conn, &req).unwrap()).unwrap();

    let mut g = c.benchmark_group("roster_20k");
    g.sample_size(10);
    g.bench_function("export_xlsx", |b| {
        let out = dir.path().join("out.xlsx");
        b.iter(|| xlsx::write_table(&out, &roster::roster(&conn, &req).unwrap()).unwrap())
    });
    let target = branch(&dir.path().join("preview.db"));
    g.bench_function("import_read_and_preview", |b| {
        b.iter(|| {
            let sheet = import::read(&file).unwrap();
            import::preview(&target, &sheet, None).unwrap().rows.len()
        })
    });
    let mut n = 0;
    g.bench_function("import_commit", |b| {
        b.iter_batched(
            || {
                n += 1;
                branch(&dir.path().join(format!("import-{n}.db")))
            },
            |mut target| {
                let sheet = import::read(&file).unwrap();
                let r = import::commit(&mut target, "张建国", &sheet, &CommitOptions::default()).unwrap();
                assert_eq!(r.created, 20_000);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
