//! Fuzzing the readers of files from outside (issue 24), a fixed number of generated cases each so that
//! `make test` runs them: structured .xlsx (cell references, types and shared-string indices of every kind, the
//! announced counts), structured .xls (BIFF records with any rows, columns and ranges), real files with bytes
//! flipped, cut or inserted, and township packages carrying any numbers. None may panic or take the process down
//! (an allocation it cannot get would), every refusal is Chinese, and what is read stays within the limits.
#[path = "crafted/mod.rs"]
mod crafted;

use branchbook_core::reports::township;
use branchbook_core::store::{limits, sheet};
use proptest::prelude::*;
use std::path::Path;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Reads `path` as a roster: a refusal in Chinese, or a sheet within the limits.
fn read_ok(path: &Path) -> Result<(), TestCaseError> {
    match sheet::read(path) {
        Err(e) => prop_assert!(chinese(&e.message()), "{}", e.message()),
        Ok(s) => {
            prop_assert!(s.rows.len() <= limits::ROWS as usize);
            prop_assert!(s.rows.iter().all(|r| r.len() <= limits::COLUMNS as usize));
        }
    }
    Ok(())
}

/// A cell reference as a file may hold it: a real one, one past Excel's edge, or no reference at all.
fn cell_ref() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u32..40, 1u32..200).prop_map(|(c, r)| format!("{}{r}", sheet::column_name(c))),
        (0u32..16_384, 1u32..=1_048_576).prop_map(|(c, r)| format!("{}{r}", sheet::column_name(c))),
        (16_384u32..100_000, 1u32..u32::MAX).prop_map(|(c, r)| format!("{}{r}", sheet::column_name(c))),
        "[A-Z]{0,4}[0-9]{0,12}",
    ]
}

fn cell() -> impl Strategy<Value = String> {
    (cell_ref(), prop_oneof![Just(""), Just("s"), Just("inlineStr"), Just("b"), Just("e"), Just("str"), Just("n"), Just("d")], "[0-9\\-.eE]{0,12}|[^<>&]{0,8}").prop_map(
        |(r, t, v)| match t {
            "inlineStr" => format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#),
            "" => format!(r#"<c r="{r}"><v>{v}</v></c>"#),
            t => format!(r#"<c r="{r}" t="{t}"><v>{v}</v></c>"#),
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_xlsx_is_read_within_the_limits(
        cells in proptest::collection::vec(cell(), 0..40),
        dimension in prop_oneof![Just(String::new()), Just(r#"<dimension ref="A1:XFD1048576"/>"#.to_string()), "[A-Z0-9:]{0,12}".prop_map(|d| format!(r#"<dimension ref="{d}"/>"#))],
        announced in prop_oneof![Just("3".to_string()), Just("1000000000000".to_string()), "[0-9]{0,25}"],
        strings in proptest::collection::vec("[^<>&]{0,6}", 0..10),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let sheet_xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dimension}<sheetData><row r="1">{}</row></sheetData></worksheet>"#,
            cells.concat()
        );
        let sst = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{announced}">{}</sst>"#,
            strings.iter().map(|s| format!("<si><t>{s}</t></si>")).collect::<String>()
        );
        let path = crafted::xlsx_with(&dir.path().join("生成.xlsx"), sheet_xml.as_bytes(), sst.as_bytes());
        read_ok(&path)?;
    }

    #[test]
    fn generated_xls_records_are_read_within_the_limits(
        records in proptest::collection::vec(
            (prop_oneof![Just(0x0809u16), Just(0x000A), Just(0x0200), Just(0x0203), Just(0x0204), Just(0x027E), Just(0x00BD), Just(0x00FC), Just(0x0085), Just(0x003C), Just(0x00FD), any::<u16>()],
             proptest::collection::vec(any::<u8>(), 0..40)),
            0..30),
        far in (any::<u16>(), any::<u16>()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut stream = Vec::new();
        for (typ, body) in &records {
            stream.extend(crafted::biff(*typ, body));
        }
        // One well-formed far cell among the noise.
        let mut b = far.0.to_le_bytes().to_vec();
        b.extend(far.1.to_le_bytes());
        b.extend([0u8; 10]);
        stream.extend(crafted::biff(0x0203, &b));
        let path = crafted::xls_stream(&dir.path().join("生成.xls"), &stream);
        read_ok(&path)?;
    }

    #[test]
    fn real_files_with_bytes_flipped_cut_or_inserted_never_panic(
        which in 0usize..4,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        cut in prop::option::of(any::<prop::sample::Index>()),
        insert in prop::option::of((any::<prop::sample::Index>(), proptest::collection::vec(any::<u8>(), 1..64))),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let base = match which {
            0 => crafted::roster(&d.join("base.xlsx"), 30),
            1 => crafted::small_xls(&d.join("base.xls")),
            2 => {
                std::fs::write(d.join("base.csv"), "姓名,公民身份号码\n王伟,340524196503150013\n\"李,秀英\",110105194912310021\n").unwrap();
                d.join("base.csv")
            }
            _ => package(d),
        };
        let mut bytes = std::fs::read(&base).unwrap();
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] ^= b | 1;
        }
        if let Some((at, extra)) = &insert {
            let i = at.index(bytes.len());
            bytes.splice(i..i, extra.iter().copied());
        }
        if let Some(at) = cut {
            bytes.truncate(at.index(bytes.len()).max(1));
        }
        let path = d.join(format!("坏的.{}", base.extension().unwrap().to_string_lossy()));
        std::fs::write(&path, &bytes).unwrap();
        read_ok(&path)?;
        if which == 3 {
            let t = township::merge(&[path], &[], &[]).unwrap();
            for p in &t.problems {
                prop_assert!(chinese(&p.text), "{}", p.text);
            }
        }
    }
}

/// A township package of a small generated branch, written once per run and copied.
fn package(dir: &Path) -> std::path::PathBuf {
    use std::sync::OnceLock;
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let mut conn = branchbook_core::store::db::open_in_memory().unwrap();
        branchbook_core::demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
        branchbook_core::demo::fill(&mut conn, 20, 7).unwrap();
        let p = tmp.path().join("p.xlsx");
        township::package::write(&conn, &p, 2026, None, "城关镇党委").unwrap();
        std::fs::read(p).unwrap()
    });
    let path = dir.join("base.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any numbers in a package, written consistently (checksum and visible sheet agree): summed only when every
    /// one is a count the branch can have; never a panic, never a wrapped total.
    #[test]
    fn a_package_of_any_numbers_is_summed_only_when_plausible(
        changes in proptest::collection::vec((0usize..9, any::<prop::sample::Index>(), prop_oneof![Just(-1i64), Just(i64::MAX), Just(i64::MIN), Just(1_000_000_000_000), 0i64..3]), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = branchbook_core::store::db::open_in_memory().unwrap();
        branchbook_core::demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
        branchbook_core::demo::fill(&mut conn, 20, 7).unwrap();
        let (mut p, mut r) = township::package::build(&conn, 2026, None, "城关镇党委", "2026-12-01T09:00:00").unwrap();
        let mut wild = false;
        for (t, at, v) in &changes {
            let t = *t % p.tables.len();
            let i = at.index(p.tables[t].values.len());
            p.tables[t].values[i] = *v;
            r.tables[t].cells[i].value = *v;
            wild |= !(0..=3).contains(v);
        }
        p.checksum = p.digest();
        let path = dir.path().join("p.xlsx");
        township::package::write_built(&path, &p, &r).unwrap();
        let t = township::merge(&[path], &[], &[]).unwrap();
        if wild {
            prop_assert!(!t.branches[0].included, "{:?}", t.problems);
        }
        for tb in &t.tables {
            prop_assert!(tb.total.iter().all(|v| (0..=limits::BRANCH_MEMBERS).contains(v)), "{:?}", tb.total);
        }
    }
}
