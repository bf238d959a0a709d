//! PDF layout of a 1,500-member 党委 roster (landscape, 11 columns): layout alone, and the whole PDF written with
//! the subset system CJK font.
use branchbook_core::store::pdf::{self, PdfOptions};
use branchbook_core::members::roster::{self, RosterRequest};
use branchbook_core::{store::db, demo};
use criterion::{criterion_group, criterion_main, Criterion};

const COLUMNS: &str = "seq,name,sex,ethnicity,birth_month,id_number,education,join_date,group,phone,address";

fn bench(c: &mut Criterion) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "城关镇党委第一党支部", &["第一党小组", "第二党小组", "第三党小组", "第四党小组"]).unwrap();
    demo::fill(&mut conn, 1_500, 7).unwrap();
    let req = RosterRequest { columns: COLUMNS.split(',').map(String::from).collect(), ..Default::default() };
    let table = roster::roster(&conn, &req).unwrap();
    let opts = PdfOptions { large: false, landscape: None, printed: "2026-11-24".into(), flow: false };
    let tables = std::slice::from_ref(&table);
    let pages = pdf::layout(tables, &opts).unwrap().len();
    let bytes = pdf::render(tables, &opts).unwrap().len();
    eprintln!("1,500-member roster: {pages} pages, {} KB", bytes / 1024);
    let mut g = c.benchmark_group("pdf_roster_1500");
    g.sample_size(10);
    g.bench_function("layout", |b| b.iter(|| pdf::layout(tables, &opts).unwrap().len()));
    g.bench_function("render_pdf", |b| b.iter(|| pdf::render(tables, &opts).unwrap().len()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
