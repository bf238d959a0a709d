//! Bad input, generated: the ID parser, the date parser, member validation and the spreadsheet reader never panic,
//! and every rejection carries a Chinese message naming what is wrong.
use branchbook_core::members::member::{self, MemberData};
use branchbook_core::{kernel::dates, store::db, demo, kernel::idcard, members::import};
use proptest::prelude::*;

fn chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Strings shaped like what people type into an ID or date field, plus anything at all.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9xX]{0,20}",
        "[0-9]{17}[0-9xX]",
        "[0-9０-９]{4}[-/.年][0-9]{1,2}[-/.月][0-9]{1,2}日?",
        "[0-9]{1,3}\\.[0-9]{1,6}[eE]\\+?[0-9]{1,2}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn id_parser_never_panics_and_explains_in_chinese(s in typed()) {
        match idcard::parse(&s, dates::today()) {
            Ok(info) => {
                prop_assert_eq!(info.number.len(), 18);
                prop_assert!(info.birth_date <= dates::today());
            }
            Err(p) => {
                prop_assert!(chinese(&p.message()), "{}", p.message());
                prop_assert!(!p.code().is_empty());
            }
        }
    }

    #[test]
    fn valid_ids_round_trip(year in 1920i32..2008, month in 1u32..13, day in 1u32..29, seq in 0u32..1000, area in 110000u32..660000) {
        let first17 = format!("{area:06}{year:04}{month:02}{day:02}{seq:03}");
        let id = format!("{first17}{}", idcard::check_char(first17.as_bytes()));
        let info = idcard::parse(&id, dates::today()).unwrap();
        prop_assert!(info.checksum_ok);
        prop_assert_eq!(dates::iso(info.birth_date), format!("{year:04}-{month:02}-{day:02}"));
        prop_assert_eq!(info.sex, if seq % 2 == 1 { "1" } else { "2" });
    }

    #[test]
    fn date_parser_never_panics_and_returns_real_dates(s in typed()) {
        if let Some(d) = dates::parse_flexible(&s) {
            prop_assert_eq!(dates::parse(&dates::iso(d)), Some(d));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn member_validation_rejects_in_chinese(id in typed(), birth in typed(), join in typed(), phone in typed()) {
        let mut conn = db::open_in_memory().unwrap();
        demo::blank_branch(&mut conn, "东风村党支部", &[]).unwrap();
        let input = MemberData { name: "张三".into(), id_number: Some(id), birth_date: Some(birth), join_date: Some(join), phone: Some(phone), ..Default::default() };
        if let Err(e) = member::create(&mut conn, "书记", &input) {
            let p = e.payload();
            prop_assert!(!p.fields.is_empty(), "{}", p.code);
            for f in &p.fields {
                prop_assert!(chinese(&f.message), "{}: {}", f.field, f.message);
            }
        }
    }

    #[test]
    fn spreadsheet_reader_survives_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096), ext in prop_oneof![Just("xlsx"), Just("xls"), Just("csv")]) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("花名册.{ext}"));
        std::fs::write(&path, &bytes).unwrap();
        match import::read(&path) {
            Err(e) => prop_assert!(chinese(&e.message()), "{}", e.message()),
            Ok(sheet) => {
                // Whatever was read goes through the preview without panicking.
                let conn = db::open_in_memory().unwrap();
                let _ = import::preview(&conn, &sheet, None);
            }
        }
    }
}

/// A real roster with bytes flipped here and there: the zip or XML breaks in many ways, and none may panic.
#[test]
fn damaged_xlsx_files_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open(&dir.path().join("src.db")).unwrap();
    demo::load(&mut conn).unwrap();
    let good = dir.path().join("good.xlsx");
    branchbook_core::store::xlsx::write_table(&good, &branchbook_core::members::roster::roster(&conn, &Default::default()).unwrap()).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let mut refused = 0;
    for i in 0..200usize {
        let mut b = bytes.clone();
        let at = (i * 7919) % b.len();
        for k in 0..(1 + i % 5) {
            let j = (at + k * 131) % b.len();
            b[j] ^= 0xA5;
        }
        let path = dir.path().join(format!("bad-{i}.xlsx"));
        std::fs::write(&path, &b).unwrap();
        let result = std::panic::catch_unwind(|| import::read(&path));
        let result = result.unwrap_or_else(|_| panic!("reading bad-{i}.xlsx panicked"));
        if let Err(e) = result {
            assert!(chinese(&e.message()), "{}", e.message());
            refused += 1;
        }
    }
    assert!(refused > 0);
}

/// A full disk (simulated with SQLite's page limit): the write is refused with a clear message, nothing already
/// saved is lost, and once there is room again the same save succeeds.
#[test]
fn a_full_disk_refuses_the_change_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    let mut conn = db::open(&path).unwrap();
    demo::load(&mut conn).unwrap();
    let before = demo::count(&conn).unwrap();
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "max_page_count", pages).unwrap();
    let err = demo::fill(&mut conn, 500, 3).unwrap_err();
    assert_eq!(err.code(), "DB_WRITE_FAILED");
    assert!(err.message().contains("磁盘已满") && err.message().contains("已保存的数据不受影响"), "{}", err.message());
    assert_eq!(demo::count(&conn).unwrap(), before, "the failed batch left nothing behind");
    conn.pragma_update(None, "max_page_count", 1_000_000).unwrap();
    demo::fill(&mut conn, 500, 3).unwrap();
    assert_eq!(demo::count(&conn).unwrap(), before + 500);
}

/// A data file that can only be read (a write-protected USB stick, a read-only share): every change is refused
/// in Chinese and the file is unchanged.
#[test]
fn a_read_only_file_refuses_changes_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let mut conn = db::open(&path).unwrap();
        demo::load(&mut conn).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let mut conn = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let err = member::create(&mut conn, "书记", &MemberData { name: "张三".into(), ..Default::default() }).unwrap_err();
    assert_eq!(err.code(), "DB_WRITE_FAILED");
    assert!(err.message().contains("只读"), "{}", err.message());
    drop(conn);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

/// A data folder that cannot be created is named in the message.
#[test]
fn an_unwritable_folder_is_named() {
    let err = db::open(std::path::Path::new("/proc/branchbook-cannot-exist/branchbook.db")).unwrap_err();
    assert!(chinese(&err.message()), "{}", err.message());
    assert_eq!(err.code(), "FOLDER_UNWRITABLE");
    assert!(err.message().contains("/proc/branchbook-cannot-exist"), "{}", err.message());
}
