//! Import of a 20,000-row xlsx roster and export of 20,000 rows, on real data files.
use branchbook_core::import::{self, CommitOptions};
use branchbook_core::org::{self, GroupInput, SetupInput};
use branchbook_core::roster::{self, RosterRequest};
use branchbook_core::{db, demo, xlsx};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::Path;

fn branch(path: &Path) -> rusqlite::Connection {
    let mut conn = db::open(path).unwrap();
    org::setup(
        &mut conn,
        &SetupInput {
            kind: "631".into(),
            name: "基准测试党支部".into(),
            secretary: "张建国".into(),
            branches: vec![],
            groups: (1..=12).map(|i| GroupInput { name: format!("第{i}党小组"), branch: 0 }).collect(),
        },
    )
    .unwrap();
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
