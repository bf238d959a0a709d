//! The PDF that 打印 and 保存为 PDF produce: A4 in the table's orientation, the header row on every page, the footer
//! 「第 N 页 共 M 页」 with the print date, nothing clipped, everything inside the page. Needs a Chinese system font
//! (fonts-noto-cjk on Debian; `make test` installs it).
use branchbook_core::store::pdf::{self, PageText, PdfOptions};
use branchbook_core::members::roster::{self, PrintTable, RosterRequest, ROSTER_COLUMNS};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::members::search::MemberQuery;
use branchbook_core::{store::db, demo};
use rusqlite::Connection;

const WIDE: &str = "seq,name,sex,ethnicity,birth_month,id_number,education,join_date,group,phone,address";

fn demo_branch() -> Connection {
    let mut conn = db::open_in_memory().unwrap();
    demo::load(&mut conn).unwrap();
    conn
}

fn opts() -> PdfOptions {
    PdfOptions { large: false, landscape: None, printed: "2026-11-24".into(), flow: false }
}

fn roster_of(conn: &Connection, columns: &str) -> PrintTable {
    let req = RosterRequest {
        query: MemberQuery { status: Some("normal".into()), ..Default::default() },
        columns: columns.split(',').map(String::from).collect(),
        ..Default::default()
    };
    roster::roster(conn, &req).unwrap()
}

fn page_text(p: &PageText) -> String {
    p.runs.iter().map(|r| r.text.as_str()).collect::<Vec<_>>().join("")
}

/// Every run fits the box it was laid out in and the page's printable width.
fn assert_nothing_clipped(pages: &[PageText]) {
    for (i, p) in pages.iter().enumerate() {
        for r in &p.runs {
            assert!(r.width <= r.room + 0.5, "page {}: “{}” is {:.1}pt wide in a {:.1}pt cell", i + 1, r.text, r.width, r.room);
            assert!(r.x >= 0.0 && r.x + r.width <= p.width, "page {}: “{}” runs off the page", i + 1, r.text);
            assert!(r.top >= 0.0 && r.top + r.size <= p.height, "page {}: “{}” below the page", i + 1, r.text);
        }
    }
}

/// The header row is the first row of every page: its labels sit above every data cell on the page.
fn assert_header_on_every_page(pages: &[PageText], labels: &[&str]) {
    for (i, p) in pages.iter().enumerate() {
        for label in labels {
            assert!(p.runs.iter().any(|r| r.text == *label), "page {}: header “{label}” missing", i + 1);
        }
    }
}

fn assert_footer(pages: &[PageText], printed: &str) {
    let total = pages.len();
    for (i, p) in pages.iter().enumerate() {
        let count = format!("第 {} 页 共 {} 页", i + 1, total);
        let foot = p.runs.iter().find(|r| r.text == count).unwrap_or_else(|| panic!("page {}: no “{count}”", i + 1));
        // Under everything else on the page.
        assert!(p.runs.iter().filter(|r| !r.text.starts_with("第 ") && !r.text.starts_with("打印日期")).all(|r| r.top < foot.top));
        assert!(p.runs.iter().any(|r| r.text == format!("打印日期：{printed}")), "page {}: print date missing", i + 1);
    }
}

#[test]
fn demo_roster_prints_landscape_on_two_or_three_pages_with_header_and_footer_on_each() {
    let conn = demo_branch();
    let table = roster_of(&conn, WIDE);
    assert!(table.landscape);
    let pages = pdf::layout(std::slice::from_ref(&table), &opts()).unwrap();
    assert!((2..=3).contains(&pages.len()), "{} members on {} pages", table.total, pages.len());
    for p in &pages {
        assert!(p.width > p.height, "landscape A4 expected, got {}×{}", p.width, p.height);
        assert!((p.width - 841.9).abs() < 1.0 && (p.height - 595.3).abs() < 1.0);
    }
    assert_header_on_every_page(&pages, &["序号", "姓名", "公民身份号码", "联系电话", "家庭住址"]);
    assert_footer(&pages, "2026-11-24");
    assert_nothing_clipped(&pages);
    // Every cell's text is on paper, whole: names, masked ID numbers and phones never break; addresses wrap.
    let all: String = pages.iter().map(page_text).collect();
    for row in table.groups.iter().flat_map(|g| &g.rows) {
        for cell in row {
            assert!(all.contains(cell.as_str()), "“{cell}” is not printed whole");
        }
        let id = &row[5];
        assert!(pages.iter().any(|p| p.runs.iter().any(|r| r.text == *id)), "ID number {id} split across lines");
    }
    assert!(all.contains("党员花名册"));
}

#[test]
fn header_row_has_columns_sized_to_content_not_one_character_wide() {
    let conn = demo_branch();
    let table = roster_of(&conn, WIDE);
    let pages = pdf::layout(std::slice::from_ref(&table), &opts()).unwrap();
    // No header label was broken one character per line (the WebKit failure): each label is one run.
    for label in ["公民身份号码", "出生年月", "入党时间", "联系电话", "家庭住址"] {
        assert!(pages[0].runs.iter().any(|r| r.text == label), "header “{label}” was broken");
    }
    // Names are one line each.
    let names: Vec<&String> = table.groups.iter().flat_map(|g| &g.rows).map(|r| &r[1]).collect();
    for n in names {
        assert!(pages.iter().any(|p| p.runs.iter().any(|r| r.text == *n)), "name {n} wrapped");
    }
}

#[test]
fn every_column_of_the_roster_fits_a_landscape_page_without_clipping() {
    let conn = demo_branch();
    let all: Vec<&str> = ROSTER_COLUMNS.iter().map(|c| c.key).collect();
    let table = roster_of(&conn, &all.join(","));
    let pages = pdf::layout(std::slice::from_ref(&table), &opts()).unwrap();
    assert_nothing_clipped(&pages);
    // With 21 columns a long label may take two lines, but it is on every page.
    for (i, p) in pages.iter().enumerate() {
        for label in ["姓名", "公民身份号码", "党籍状态", "备注"] {
            assert!(page_text(p).contains(label), "page {}: header {label} missing", i + 1);
        }
    }
    let text: String = pages.iter().map(page_text).collect();
    for row in table.groups.iter().flat_map(|g| &g.rows) {
        assert!(text.contains(row[1].as_str()));
    }
}

#[test]
fn sign_in_sheet_is_portrait_and_large_print_is_larger_on_more_pages() {
    let conn = demo_branch();
    let req = SignInRequest { query: MemberQuery { status: Some("normal".into()), ..Default::default() }, topic: "学习".into(), blank_rows: 5, ..Default::default() };
    let table = sign_in::sign_in(&conn, &req).unwrap();
    let normal = pdf::layout(std::slice::from_ref(&table), &opts()).unwrap();
    assert!(normal.iter().all(|p| p.height > p.width), "a sign-in sheet prints portrait");
    assert_header_on_every_page(&normal, &["序号", "姓名", "签到"]);
    assert_footer(&normal, "2026-11-24");
    assert_nothing_clipped(&normal);
    let large = pdf::layout(std::slice::from_ref(&table), &PdfOptions { large: true, ..opts() }).unwrap();
    assert!(large.len() >= normal.len());
    let body = |pages: &[PageText]| pages[0].runs.iter().find(|r| r.text == "签到").unwrap().size;
    assert!(body(&large) > body(&normal) + 2.0, "大字打印 does not enlarge the type");
    // The chosen orientation wins over the table's.
    let turned = pdf::layout(std::slice::from_ref(&table), &PdfOptions { landscape: Some(true), ..opts() }).unwrap();
    assert!(turned.iter().all(|p| p.width > p.height));
}

#[test]
fn grouped_roster_keeps_group_headings_and_notes() {
    let conn = demo_branch();
    let mut req = RosterRequest { by_group: true, ..Default::default() };
    req.query.status = Some("normal".into());
    let mut table = roster::roster(&conn, &req).unwrap();
    table.notes = vec!["公示期间如有异议，请向支部委员会反映。".into()];
    let pages = pdf::layout(std::slice::from_ref(&table), &opts()).unwrap();
    let text: String = pages.iter().map(page_text).collect();
    for g in &table.groups {
        let heading = format!("{}（{} 人）", g.name.as_deref().unwrap(), g.rows.len());
        assert!(text.contains(&heading), "group heading {heading} missing");
    }
    assert!(text.contains("公示期间如有异议"));
    assert_nothing_clipped(&pages);
}

#[test]
fn pdf_file_is_valid_with_the_font_subset_into_it() {
    let conn = demo_branch();
    let table = roster_of(&conn, WIDE);
    let bytes = pdf::render(std::slice::from_ref(&table), &opts()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // The system CJK font is 10–20 MB; only the glyphs used go into the file.
    assert!(bytes.len() < 1_500_000, "PDF is {} bytes: the font was not subset", bytes.len());
}

#[test]
fn meeting_record_and_info_card_print_through_the_same_layout() {
    let conn = demo_branch();
    let (id, topic): (i64, String) =
        conn.query_row("SELECT id, topic FROM meeting WHERE state = 'held' ORDER BY date DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    let record = branchbook_core::reports::print_docs::meeting_record(&conn, id).unwrap();
    let pages = pdf::layout(std::slice::from_ref(&record), &opts()).unwrap();
    assert!(pages.iter().all(|p| p.height > p.width), "会议记录 prints portrait");
    let text: String = pages.iter().map(page_text).collect();
    for label in ["会议记录", "会议主题", "应到人数", "实到人数", "请假人员", "缺席人员", "会议内容", "主持人签字", "记录人签字"] {
        assert!(text.contains(label), "{label} missing from the record");
    }
    assert!(text.contains(&topic));
    // Issue 25 §2: the paper is what the preview shows — tall boxes to write the minutes and the decisions by hand
    // and room to sign, and the 参学率 to one decimal, not rounded.
    let top = |label: &str| pages.iter().flat_map(|p| p.runs.iter()).find(|r| r.text == label).map(|r| r.top).unwrap_or_else(|| panic!("{label}"));
    let one_line = top("实到人数") - top("应到人数");
    // Points: about 6 cm to write the content, 2.7 cm for the decisions, 1 cm to sign (a one-line row is 18 pt).
    assert!(top("会议决议") - top("会议内容") >= 160.0, "会议内容 has room to write: {} pt (a line row is {one_line})", top("会议决议") - top("会议内容"));
    assert!(top("主持人签字") - top("会议决议") >= 75.0, "{}", top("主持人签字") - top("会议决议"));
    assert!(top("记录人签字") - top("主持人签字") >= 28.0, "room to sign: {}", top("记录人签字") - top("主持人签字"));
    let rate = text.split("参学率").nth(1).unwrap_or_default();
    assert!(rate.trim_start().chars().take_while(|c| *c != '%').any(|c| c == '.'), "参学率 to one decimal: {rate:.20}");
    assert_footer(&pages, "2026-11-24");
    assert_nothing_clipped(&pages);

    let member: i64 = conn.query_row("SELECT id FROM member WHERE id_number IS NOT NULL ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    let id_number: String = conn.query_row("SELECT id_number FROM member WHERE id = ?1", [member], |r| r.get(0)).unwrap();
    let cards = [branchbook_core::reports::print_docs::member_card(&conn, member).unwrap(), branchbook_core::reports::print_docs::member_card(&conn, member).unwrap()];
    let pages = pdf::layout(&cards, &opts()).unwrap();
    assert_eq!(pages.len(), 2, "one card per page");
    for p in &pages {
        let t = page_text(p);
        // The card is an internal record: the full ID number, as on screen.
        assert!(t.contains(&id_number) && t.contains("党籍状态变动") && t.contains("不得张贴"), "{t}");
    }
    assert_nothing_clipped(&pages);
}
