//! Importing a roster from the spreadsheets branches really have: title rows above the header, merged cells, blank
//! rows, full-width spaces, headers worded many ways, dates typed every way, and IDs that Excel turned into numbers.
//! Nothing is saved until `commit`, which takes every accepted row or none.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::idcard;
use crate::members::member::{self, MemberData};
use crate::members::store;
use crate::org;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Reading the spreadsheet is the store's (it knows no area); kept reachable here, where callers found it.
pub use crate::store::sheet::{parse_loose, read, read_csv, serial_date, Cell, LooseDate, Sheet};

pub use crate::members::headers::{detect_header, field_choices, guess_field, FieldChoice};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ColumnGuess {
    pub index: usize,
    pub header: String,
    pub field: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Ok,
    Warning,
    Error,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PreviewRow {
    /// Row number in the sheet as Excel shows it (1-based).
    pub row: usize,
    pub name: String,
    pub status: RowStatus,
    pub messages: Vec<String>,
    /// The existing member this row matches (by ID number, else name and birth date), or may match (`possible`).
    pub duplicate_of: Option<i64>,
    pub duplicate_name: Option<String>,
    /// A row without an ID number to go by whose name and one more detail (入党日期, phone, 党小组) match an
    /// existing member: perhaps the same person. Skipped or updated as the duplicates are, unless the secretary
    /// says to add it anyway (`CommitOptions::add_anyway`).
    pub possible: bool,
    /// Only a wrong check character: imported when the secretary accepts such warnings.
    pub needs_acceptance: bool,
    #[serde(skip)]
    data: Option<MemberData>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Preview {
    pub file_name: String,
    pub header_row: usize,
    pub columns: Vec<ColumnGuess>,
    /// What each column may be mapped to.
    pub fields: Vec<FieldChoice>,
    pub rows: Vec<PreviewRow>,
    /// What the reader left out of the file and why (a stray value far to the right), shown above the rows.
    pub notes: Vec<String>,
    pub ok: usize,
    pub warnings: usize,
    pub errors: usize,
    pub duplicates: usize,
}

/// `mapping[i]` is the field of column i (None = ignore); `None` uses the detected header.
pub fn preview(conn: &Connection, sheet: &Sheet, mapping: Option<&[Option<String>]>) -> Result<Preview> {
    preview_at(conn, sheet, mapping, dates::today())
}

pub fn preview_at(conn: &Connection, sheet: &Sheet, mapping: Option<&[Option<String>]>, today: NaiveDate) -> Result<Preview> {
    let (header_row, detected) = detect_header(&sheet.rows).ok_or_else(|| {
        Error::invalid("file", "NO_HEADER", "没有找到表头行：表格前20行中应有一行写着“姓名”“身份证号”等栏目名称。请检查表格后重试")
    })?;
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let fields: Vec<Option<String>> = match mapping {
        Some(m) => (0..width).map(|i| m.get(i).cloned().flatten().filter(|f| !f.is_empty())).collect(),
        None => (0..width).map(|i| detected.get(i).copied().flatten().map(str::to_string)).collect(),
    };
    if !fields.iter().any(|f| f.as_deref() == Some("name")) {
        return Err(Error::invalid("mapping", "NO_NAME_COLUMN", "请指定哪一列是“姓名”"));
    }
    let columns = (0..width)
        .map(|i| ColumnGuess {
            index: i,
            header: sheet.rows[header_row].get(i).map(Cell::display).unwrap_or_default(),
            field: fields[i].clone(),
        })
        .collect();
    let groups: HashMap<String, i64> = org::groups(conn, true)?.into_iter().map(|g| (g.name, g.id)).collect();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::new();
    for (i, cells) in sheet.rows.iter().enumerate().skip(header_row + 1) {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        // A header repeated on every printed page of the old sheet.
        if cells.iter().filter_map(|c| if let Cell::Text(t) = c { guess_field(t) } else { None }).count() >= 2 {
            continue;
        }
        let row = plan_row(conn, cells, &fields, &groups, &mut seen_ids, i + 1, today)?;
        if let Some(row) = row {
            rows.push(row);
        }
    }
    let count = |s: RowStatus| rows.iter().filter(|r| r.status == s).count();
    Ok(Preview {
        file_name: sheet.file_name.clone(),
        header_row: header_row + 1,
        columns,
        fields: field_choices(),
        ok: count(RowStatus::Ok),
        warnings: count(RowStatus::Warning),
        errors: count(RowStatus::Error),
        duplicates: rows.iter().filter(|r| r.duplicate_of.is_some() && r.status != RowStatus::Error).count(),
        rows,
        notes: sheet.notes.clone(),
    })
}

fn education_alias(s: &str) -> &str {
    match s {
        "博士" | "博士研究生" => "研究生（博士）",
        "硕士" | "研究生" | "硕士研究生" => "研究生（硕士）",
        "本科" | "大本" => "大学本科",
        "大专" | "专科" => "大学专科",
        "中专" | "职高" | "技校" | "中技" => "中专/职高/技校",
        "小学" | "文盲" | "半文盲" => "小学及以下",
        other => other,
    }
}

fn plan_row(
    conn: &Connection,
    cells: &[Cell],
    fields: &[Option<String>],
    groups: &HashMap<String, i64>,
    seen_ids: &mut HashMap<String, usize>,
    row_no: usize,
    today: NaiveDate,
) -> Result<Option<PreviewRow>> {
    let mut data = MemberData::default();
    let mut errors: Vec<String> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    let mut month_birth = None;
    for (cell, field) in cells.iter().zip(fields) {
        let Some(field) = field.as_deref() else { continue };
        if cell.is_empty() {
            continue;
        }
        let text = cell.display();
        match field {
            "name" => data.name = text.split_whitespace().collect(),
            "id_number" => {
                let looks_numeric = matches!(cell, Cell::Number(n) if *n >= 1e13)
                    || text.contains(['E', 'e']) && text.chars().filter(char::is_ascii_digit).count() < 15;
                if looks_numeric {
                    errors.push(format!(
                        "公民身份号码“{text}”被 Excel 存成了数字，后几位已经丢失，无法还原。请在原表中把这一列设为“文本”格式，照身份证重新输入后再导入"
                    ));
                } else {
                    data.id_number = Some(text);
                }
            }
            "birth_date" | "join_date" | "full_date" | "last_contact_date" => {
                let parsed = match cell {
                    Cell::Date(d) => Some(LooseDate::Day(*d)),
                    Cell::Number(n) if (1000.0..80000.0).contains(n) => serial_date(*n).map(LooseDate::Day),
                    _ => parse_loose(&text),
                };
                let label = member::label(field);
                let value = match parsed {
                    None => {
                        errors.push(format!("{label}“{text}”看不懂，请写成 1965-03-01 或 1965.03"));
                        None
                    }
                    Some(LooseDate::Day(d)) => Some(dates::iso(d)),
                    Some(LooseDate::Month(y, m)) => {
                        if field == "birth_date" {
                            month_birth = Some((y, m));
                            None
                        } else {
                            warnings.push(format!("{label}只有年月（{y}年{m}月），按当月1日记录"));
                            Some(format!("{y:04}-{m:02}-01"))
                        }
                    }
                };
                match field {
                    "birth_date" => data.birth_date = value,
                    "join_date" => data.join_date = value,
                    "full_date" => data.full_date = value,
                    _ => data.last_contact_date = value,
                }
            }
            "phone" => data.phone = Some(text),
            "sex" => data.sex = Some(text),
            "ethnicity" => data.ethnicity = Some(text),
            "education" => data.education = Some(education_alias(&text).to_string()),
            "category" => data.category = Some(match text.as_str() {
                "正式" => "正式党员".into(),
                "预备" => "预备党员".into(),
                _ => text,
            }),
            "native_place" => data.native_place = Some(text),
            "job" => data.job = Some(text),
            "employer" => data.employer = Some(text),
            "address" => data.address = Some(text),
            "police_station" => data.police_station = Some(text),
            "party_post" => data.party_post = Some(text),
            "residence" => data.residence = Some(text),
            "identity_class" => data.identity_class = Some(text),
            "position_nature" => data.position_nature = Some(text),
            "mgmt_type" => data.mgmt_type = Some(text),
            "remarks" => data.remarks = Some(text),
            "group" => match groups.get(&text) {
                Some(id) => data.group_id = Some(*id),
                None => warnings.push(format!("党小组“{text}”不存在，暂不分组（可在“设置”中添加该党小组后再导入或编辑）")),
            },
            _ => {}
        }
    }
    if data.name.is_empty() {
        // A subtotal or a note line, not a member.
        if errors.is_empty() && data.id_number.is_none() {
            return Ok(None);
        }
        errors.push("缺少姓名".into());
    }
    // 出生年月 without a day: the ID number gives the day; without an ID, the 1st of the month.
    if let Some((y, m)) = month_birth {
        let from_id = data.id_number.as_deref().and_then(|n| idcard::parse(n, today).ok()).map(|i| i.birth_date);
        match from_id {
            Some(d) if d.format("%Y-%m").to_string() == format!("{y:04}-{m:02}") => {}
            Some(d) => warnings.push(format!("出生年月 {y}.{m:02} 与身份证号中的 {} 不一致，以身份证号为准", dates::iso(d))),
            None => data.birth_date = Some(format!("{y:04}-{m:02}-01")),
        }
    }
    // The same person twice in the file, or already in the registry.
    let normalized_id = data.id_number.as_deref().and_then(|n| idcard::parse(n, today).ok()).map(|i| i.number);
    if let Some(id) = &normalized_id {
        if let Some(first) = seen_ids.get(id) {
            errors.push(format!("与第 {first} 行的身份证号重复"));
        } else {
            seen_ids.insert(id.clone(), row_no);
        }
    }
    let mut existing: Option<(i64, String)> = match &normalized_id {
        Some(id) => store::id_number_owner(conn, id, None)?,
        None => match &data.birth_date {
            Some(b) => store::by_name_and_birth(conn, &data.name, b)?,
            None => None,
        },
    };
    // Old paper-derived lists often have no ID numbers: the same name with one more detail in common is shown as
    // a possible duplicate, never silently a second member.
    let mut possible = false;
    if existing.is_none() && !data.name.is_empty() {
        for (id, name, number, birth, join, phone, group) in store::same_name(conn, &data.name)? {
            // Two different ID numbers are two people.
            if normalized_id.is_some() && number.is_some() {
                continue;
            }
            let same = |a: &Option<String>, b: &Option<String>| a.as_deref().is_some_and(|a| !a.is_empty() && Some(a) == b.as_deref());
            let mut what = Vec::new();
            if same(&data.birth_date, &birth) {
                what.push("出生日期");
            }
            if same(&data.join_date, &join) {
                what.push("入党日期");
            }
            if same(&data.phone, &phone) {
                what.push("联系电话");
            }
            if data.group_id.is_some() && data.group_id == group {
                what.push("党小组");
            }
            if !what.is_empty() {
                warnings.push(format!(
                    "可能与已有党员“{name}”是同一人（姓名、{}相同）：默认按“与已有党员重复的行”处理；确是另一人时请勾选“仍然新增”",
                    what.join("、")
                ));
                existing = Some((id, name));
                possible = true;
                break;
            }
        }
    }
    let mut needs_acceptance = false;
    if errors.is_empty() {
        match member::check(conn, &data, existing.as_ref().map(|e| e.0), today) {
            Ok(clean) => data = clean,
            Err(Error::Invalid(fields)) => {
                for f in fields {
                    if f.code == "ID_CHECKSUM" {
                        needs_acceptance = true;
                        let expected = data.id_number.as_deref().map(idcard::normalize).filter(|n| n.len() >= 17).map(|n| idcard::check_char(&n.as_bytes()[..17]));
                        warnings.push(format!(
                            "公民身份号码校验位不正确（按前17位计算应为 {}），请与身份证原件核对；如与原件一致，可选择“接受此类提醒”后导入",
                            expected.unwrap_or('?')
                        ));
                    } else {
                        errors.push(f.message);
                    }
                }
                if errors.is_empty() {
                    let mut confirmed = data.clone();
                    confirmed.id_check_confirmed = true;
                    data = member::check(conn, &confirmed, existing.as_ref().map(|e| e.0), today)?;
                }
            }
            Err(e) => return Err(e),
        }
    }
    let status = if !errors.is_empty() {
        RowStatus::Error
    } else if !warnings.is_empty() {
        RowStatus::Warning
    } else {
        RowStatus::Ok
    };
    let messages = errors.into_iter().chain(warnings).collect();
    Ok(Some(PreviewRow {
        row: row_no,
        name: data.name.clone(),
        status: status.clone(),
        messages,
        duplicate_of: existing.as_ref().map(|e| e.0),
        duplicate_name: existing.map(|e| e.1),
        possible,
        needs_acceptance,
        data: (status != RowStatus::Error).then_some(data),
    }))
}

#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct CommitOptions {
    pub mapping: Option<Vec<Option<String>>>,
    /// What to do with rows matching an existing member: "skip" (default) or "update".
    pub duplicates: String,
    /// Import rows whose only problem is a wrong check character, marked as confirmed.
    pub accept_warnings: bool,
    /// Rows (their numbers in the sheet) shown as possibly the same as an existing member that are another person:
    /// added as new members.
    pub add_anyway: Vec<usize>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportResult {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub rejected: Vec<PreviewRow>,
}

/// Fills the fields the sheet has into an existing member's data, keeping what the sheet leaves empty.
fn merge(existing: &MemberData, new: &MemberData) -> MemberData {
    macro_rules! pick {
        ($($f:ident),*) => { MemberData { $($f: new.$f.clone().or(existing.$f.clone()),)* ..existing.clone() } };
    }
    let mut merged = pick!(sex, ethnicity, birth_date, id_number, education, category, join_date, full_date, native_place, job,
        employer, phone, address, police_station, party_post, group_id, residence, remarks, identity_class, position_nature,
        mgmt_type, last_contact_date);
    merged.name = new.name.clone();
    merged.id_check_confirmed = existing.id_check_confirmed || new.id_check_confirmed;
    merged
}

/// All accepted rows in one transaction, or nothing.
/// Whether a previewed row stays out of the import: an error, or a warning that needs accepting and was not accepted.
pub fn is_rejected(row: &PreviewRow, accept_warnings: bool) -> bool {
    row.status == RowStatus::Error || (row.needs_acceptance && !accept_warnings)
}

/// The rows a dry run reports as not imported (the CLI's `import roster --dry-run`).
pub fn dry_run_rejected(preview: &Preview, accept_warnings: bool) -> Vec<PreviewRow> {
    preview.rows.iter().filter(|r| is_rejected(r, accept_warnings)).cloned().collect()
}

/// The spreadsheet an import session holds, or `NO_IMPORT_FILE` when none was chosen yet (a remap or commit sent
/// before a file was picked, or after the app restarted).
pub fn require_sheet<T>(sheet: Option<T>) -> Result<T> {
    sheet.ok_or_else(|| Error::invalid("file", "NO_IMPORT_FILE", "请先选择要导入的文件"))
}

pub fn commit(conn: &mut Connection, actor: &str, sheet: &Sheet, opts: &CommitOptions) -> Result<ImportResult> {
    let today = dates::today();
    let plan = preview_at(conn, sheet, opts.mapping.as_deref(), today)?;
    let update = opts.duplicates == "update";
    let tx = conn.transaction()?;
    let mut result = ImportResult { created: 0, updated: 0, skipped: 0, rejected: Vec::new() };
    for row in plan.rows {
        let data = match (&row.status, &row.data) {
            (RowStatus::Error, _) | (_, None) => {
                result.rejected.push(row);
                continue;
            }
            (_, Some(d)) => d.clone(),
        };
        if row.needs_acceptance && !opts.accept_warnings {
            let mut r = row.clone();
            r.messages.insert(0, "身份证号校验位不正确，未选择接受，本行未导入".into());
            result.rejected.push(r);
            continue;
        }
        let duplicate = row.duplicate_of.filter(|_| !(row.possible && opts.add_anyway.contains(&row.row)));
        match duplicate {
            Some(_) if !update => result.skipped += 1,
            Some(id) => {
                let existing = member::get_record(&tx, id)?.data;
                member::update_in(&tx, actor, id, &merge(&existing, &data), Some("导入花名册时更新"), today)?;
                result.updated += 1;
            }
            None => {
                member::create_checked(&tx, actor, data, today)?;
                result.created += 1;
            }
        }
    }
    crate::store::audit::record(
        &tx,
        actor,
        "import",
        "member",
        None,
        None::<&()>,
        Some(&serde_json::json!({ "file": sheet.file_name, "created": result.created, "updated": result.updated, "skipped": result.skipped, "rejected": result.rejected.len() })),
    )?;
    tx.commit()?;
    Ok(result)
}

/// The rejected rows as they were in the sheet, with a 问题 column: fix them there and import the report again.
pub fn report_table(sheet: &Sheet, header_row: usize, rejected: &[PreviewRow]) -> PrintTable {
    let header = &sheet.rows[header_row.saturating_sub(1)];
    let labels: Vec<String> = header.iter().map(Cell::display).collect();
    let mut columns = vec![Column::new("row", "原表行号", true)];
    columns.extend(labels.iter().map(|l| Column::new("cell", l, false)));
    columns.push(Column::new("problem", "问题", false));
    let rows = rejected
        .iter()
        .map(|r| {
            let cells = &sheet.rows[r.row - 1];
            let mut out = vec![r.row.to_string()];
            out.extend((0..labels.len()).map(|i| cells.get(i).map(Cell::display).unwrap_or_default()));
            out.push(r.messages.join("；"));
            out
        })
        .collect();
    PrintTable { chart: None,
        title: format!("导入未成功的行（{}）", sheet.file_name),
        subtitle: vec![format!("共 {} 行，请按“问题”一栏修改后重新导入", rejected.len())],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: rejected.len(),
        landscape: true,
        masked: false,
        notes: Vec::new(),
    }
}
