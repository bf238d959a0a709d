//! The member record (党员名册): validation, saving, 党籍 status changes. Members are never deleted.
use crate::store::audit;
use crate::kernel::codes::{self, CodeList};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::idcard::{self, IdProblem};
use crate::kernel::names;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

/// A member's own data: what the form, the CLI or an import submits, and what a stored record holds.
/// On input, codes may be given as code or name (「男」 or 「1」); once stored they are codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MemberData {
    pub name: String,
    pub sex: Option<String>,
    pub ethnicity: Option<String>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    /// The secretary checked the card: keep a number whose check character does not match.
    pub id_check_confirmed: bool,
    pub education: Option<String>,
    pub category: Option<String>,
    pub join_date: Option<String>,
    pub full_date: Option<String>,
    pub native_place: Option<String>,
    pub job: Option<String>,
    pub employer: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub police_station: Option<String>,
    pub party_post: Option<String>,
    pub branch_id: Option<i64>,
    pub group_id: Option<i64>,
    pub residence: Option<String>,
    pub tags: Vec<String>,
    pub remarks: Option<String>,
    pub identity_class: Option<String>,
    pub position_nature: Option<String>,
    pub mgmt_type: Option<String>,
    pub lost_contact: bool,
    pub lost_contact_reason: Option<String>,
    pub last_contact_date: Option<String>,
}

/// The record as stored: the member's data, plus what only the registry sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberRecord {
    pub id: i64,
    #[serde(flatten)]
    pub data: MemberData,
    pub status: String,
    pub status_kind: Option<String>,
    pub status_date: Option<String>,
    pub status_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

pub(crate) const COLUMNS: &str = "id, name, sex, ethnicity, birth_date, id_number, id_check_confirmed, education, category, \
    join_date, full_date, native_place, job, employer, phone, address, police_station, party_post, branch_id, group_id, \
    residence, tags, remarks, identity_class, position_nature, mgmt_type, status, status_kind, status_date, \
    status_reason, lost_contact, lost_contact_reason, last_contact_date, created_at, updated_at";

impl MemberRecord {
    pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Self> {
        let tags: String = r.get(21)?;
        Ok(Self {
            id: r.get(0)?,
            data: MemberData {
                name: r.get(1)?,
                sex: r.get(2)?,
                ethnicity: r.get(3)?,
                birth_date: r.get(4)?,
                id_number: r.get(5)?,
                id_check_confirmed: r.get(6)?,
                education: r.get(7)?,
                category: r.get(8)?,
                join_date: r.get(9)?,
                full_date: r.get(10)?,
                native_place: r.get(11)?,
                job: r.get(12)?,
                employer: r.get(13)?,
                phone: r.get(14)?,
                address: r.get(15)?,
                police_station: r.get(16)?,
                party_post: r.get(17)?,
                branch_id: r.get(18)?,
                group_id: r.get(19)?,
                residence: r.get(20)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                remarks: r.get(22)?,
                identity_class: r.get(23)?,
                position_nature: r.get(24)?,
                mgmt_type: r.get(25)?,
                lost_contact: r.get(30)?,
                lost_contact_reason: r.get(31)?,
                last_contact_date: r.get(32)?,
            },
            status: r.get(26)?,
            status_kind: r.get(27)?,
            status_date: r.get(28)?,
            status_reason: r.get(29)?,
            created_at: r.get(33)?,
            updated_at: r.get(34)?,
        })
    }

    /// 待完善: the labels of required fields that are empty.
    pub fn missing_fields(&self) -> Vec<&'static str> {
        let d = &self.data;
        missing_of([
            !d.name.is_empty(),
            d.sex.is_some(),
            d.ethnicity.is_some(),
            d.birth_date.is_some(),
            d.id_number.is_some(),
            d.education.is_some(),
            d.category.is_some(),
            d.join_date.is_some(),
            d.branch_id.is_some(),
        ])
    }

    /// Things the secretary should look at again; the record is kept as entered.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let d = &self.data;
        let join = d.join_date.as_deref().and_then(dates::parse);
        let full = d.full_date.as_deref().and_then(dates::parse);
        if let (Some(j), Some(f)) = (join, full) {
            if !full_date_fits(j, f) {
                out.push(format!(
                    "转正日期 {} 不是预备期满之日 {}，也不是延长预备期6至12个月后的日期，请核对",
                    dates::iso(f),
                    dates::iso(probation_end(j))
                ));
            }
        }
        let Some(number) = &d.id_number else { return out };
        let Ok(info) = idcard::parse(number, NaiveDate::MAX) else { return out };
        if !info.checksum_ok {
            out.push("公民身份号码校验位不正确，已由书记核对原件后确认保存".to_string());
        }
        if let Some(b) = &d.birth_date {
            if *b != dates::iso(info.birth_date) {
                out.push(format!("出生日期 {b} 与公民身份号码中的 {} 不一致", dates::iso(info.birth_date)));
            }
        }
        if let Some(s) = &d.sex {
            if s != info.sex {
                out.push(format!(
                    "性别“{}”与公民身份号码显示的“{}”不一致",
                    codes::name_of(codes::SEX, s).unwrap_or(s),
                    codes::name_of(codes::SEX, info.sex).unwrap_or("")
                ));
            }
        }
        out
    }
}

/// C7: 预备期满 = add_months(入党日期, 12).
pub fn probation_end(join: NaiveDate) -> NaiveDate {
    join.checked_add_months(chrono::Months::new(12)).unwrap_or(join)
}

/// Whether a 转正日期 fits C7: on the day the 预备期 ends, or after one extension of 6 to 12 months.
pub fn full_date_fits(join: NaiveDate, full: NaiveDate) -> bool {
    let end = probation_end(join);
    full == end || (6..=12).any(|k| end.checked_add_months(chrono::Months::new(k)) == Some(full))
}

/// What a name must not contain: emoji and other pictographs, and control or invisible formatting characters
/// (pasted from chat apps or spreadsheets). Quotes, the middle dot of minority names and Latin letters are fine.
pub fn name_problem(name: &str) -> Option<&'static str> {
    for c in name.chars() {
        let u = c as u32;
        if c.is_control() || matches!(u, 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0xFEFF) {
            return Some("控制字符或不可见字符");
        }
        if matches!(u, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0xE0000..=0xE007F | 0x20E3) {
            return Some("表情符号");
        }
    }
    None
}

/// The fields a complete record (not 待完善) must have, in the order of `missing_of`'s argument.
const REQUIRED: [&str; 9] = ["姓名", "性别", "民族", "出生日期", "公民身份号码", "学历", "人员类别", "入党日期", "所在支部"];

pub(crate) fn missing_of(present: [bool; 9]) -> Vec<&'static str> {
    REQUIRED.iter().zip(present).filter(|(_, p)| !p).map(|(l, _)| *l).collect()
}

/// Whether a stored record should be looked at again: a confirmed wrong check character, or a birth date or sex
/// that disagrees with the ID number. A cheap string check, run for every row of the registry.
pub(crate) fn needs_check(id_number: Option<&str>, confirmed: bool, birth_date: Option<&str>, sex: Option<&str>) -> bool {
    if confirmed {
        return true;
    }
    let Some(id) = id_number.filter(|i| i.len() == 18 && i.is_ascii()) else { return false };
    let birth_differs = birth_date.is_some_and(|b| b.len() == 10 && (b[..4] != id[6..10] || b[5..7] != id[10..12] || b[8..10] != id[12..14]));
    let id_sex = if (id.as_bytes()[16] - b'0') % 2 == 1 { "1" } else { "2" };
    birth_differs || sex.is_some_and(|s| s != id_sex)
}

/// The one column the search box matches: name, full pinyin, initials, ID number and phone, lower-case.
pub(crate) fn search_text(name: &str, id_number: Option<&str>, phone: Option<&str>) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        name,
        names::pinyin_full(name),
        names::pinyin_initials(name),
        id_number.unwrap_or("").to_lowercase(),
        phone.unwrap_or("")
    )
}

/// The field labels used in messages.
pub fn label(field: &str) -> &'static str {
    match field {
        "name" => "姓名",
        "sex" => "性别",
        "ethnicity" => "民族",
        "birth_date" => "出生日期",
        "id_number" => "公民身份号码",
        "education" => "学历",
        "category" => "人员类别",
        "join_date" => "入党日期",
        "full_date" => "转正日期",
        "native_place" => "籍贯",
        "job" => "工作岗位",
        "employer" => "工作单位",
        "phone" => "联系电话",
        "address" => "家庭住址",
        "police_station" => "户籍派出所",
        "party_post" => "党内职务",
        "branch_id" => "所在支部",
        "group_id" => "党小组",
        "residence" => "居住地社区",
        "remarks" => "备注",
        "tags" => "标签",
        "identity_class" => "身份类别",
        "position_nature" => "岗位性质",
        "mgmt_type" => "管理类型",
        "lost_contact_reason" => "失联原因",
        "last_contact_date" => "最后联系日期",
        "status" => "党籍状态",
        "status_kind" => "出党方式",
        "date" => "日期",
        "reason" => "原因",
        "destination" => "转往组织",
        "class_reason" => "调整原因",
        _ => "字段",
    }
}

fn text(v: &Option<String>) -> Option<String> {
    v.as_ref().map(|s| s.replace('\u{3000}', " ").trim().to_string()).filter(|s| !s.is_empty())
}

struct Checker<'a> {
    errs: Vec<FieldError>,
    today: NaiveDate,
    conn: &'a Connection,
}

impl Checker<'_> {
    fn err(&mut self, field: &str, code: &'static str, msg: String) {
        self.errs.push(FieldError::new(field, code, msg));
    }

    fn code(&mut self, field: &str, list: CodeList, v: &Option<String>) -> Option<String> {
        let v = text(v)?;
        match codes::normalize(list, &v) {
            Some(c) => Some(c.to_string()),
            None => {
                self.err(field, "UNKNOWN_CODE", format!("{}“{v}”不在可选范围内，请从列表中选择", label(field)));
                None
            }
        }
    }

    fn date(&mut self, field: &str, v: &Option<String>) -> Option<NaiveDate> {
        let v = text(v)?;
        match dates::parse_flexible(&v) {
            None => {
                self.err(field, "BAD_DATE", format!("{}“{v}”不是有效日期，请按 1965-03-01 的格式填写", label(field)));
                None
            }
            Some(d) if d > self.today => {
                self.err(field, "FUTURE_DATE", format!("{}不能晚于今天，请核对", label(field)));
                None
            }
            Some(d) => Some(d),
        }
    }

    fn max_len(&mut self, field: &str, v: Option<String>, max: usize) -> Option<String> {
        if v.as_ref().is_some_and(|s| s.chars().count() > max) {
            self.err(field, "TOO_LONG", format!("{}太长，最多{max}个字", label(field)));
        }
        v
    }

    fn mgmt_type(&mut self, v: &Option<String>) -> Result<Option<String>> {
        let Some(v) = text(v) else { return Ok(None) };
        let classes = crate::members::config::classes(self.conn)?;
        Ok(match classes.iter().find(|c| c.key == v || c.name == v) {
            Some(c) => Some(c.key.clone()),
            None => {
                self.err("mgmt_type", "UNKNOWN_CODE", format!("管理类型“{v}”不在当前分类模式中，请从列表中选择"));
                None
            }
        })
    }
}

/// Checks every field and returns the cleaned data: codes normalized, dates ISO, derived birth date and sex filled.
pub(crate) fn check(conn: &Connection, input: &MemberData, id: Option<i64>, today: NaiveDate) -> Result<MemberData> {
    let mut c = Checker { errs: Vec::new(), today, conn };
    let name: String = input.name.replace('\u{3000}', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        c.err("name", "REQUIRED", "请填写姓名".into());
    } else if let Some(bad) = name_problem(&name) {
        c.err("name", "BAD_NAME", format!("姓名里不能有{bad}，请按身份证上的姓名填写"));
    } else if name.chars().count() > 30 {
        c.err("name", "TOO_LONG", "姓名太长，最多30个字".into());
    }
    let mut sex = c.code("sex", codes::SEX, &input.sex);
    let ethnicity = c.code("ethnicity", codes::ETHNICITY, &input.ethnicity);
    let mut birth = c.date("birth_date", &input.birth_date);
    let mut id_number = None;
    if let Some(raw) = text(&input.id_number) {
        match idcard::parse(&raw, today) {
            Err(p) => c.err("id_number", p.code(), p.message()),
            Ok(info) => {
                if !info.checksum_ok && !input.id_check_confirmed {
                    let expected = idcard::check_char(&info.number.as_bytes()[..17]);
                    let p = IdProblem::Checksum { expected };
                    c.err("id_number", p.code(), p.message());
                }
                // Derive what was left empty; a conflict with what was typed is kept and shown as a warning.
                birth = birth.or(Some(info.birth_date));
                sex = sex.or(Some(info.sex.to_string()));
                let dup: Option<(i64, String)> = conn
                    .query_row(
                        "SELECT id, name FROM member WHERE id_number = ?1 AND id IS NOT ?2",
                        params![info.number, id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .optional()?;
                if let Some((_, other)) = dup {
                    c.err("id_number", "DUPLICATE_ID", format!("公民身份号码与已有党员“{other}”重复，请核对"));
                }
                id_number = Some(info.number);
            }
        }
    }
    let education = c.code("education", codes::EDUCATION, &input.education);
    let category = c.code("category", codes::CATEGORY, &input.category);
    let join = c.date("join_date", &input.join_date);
    let full = c.date("full_date", &input.full_date);
    if let (Some(b), Some(j)) = (birth, join) {
        if j <= b {
            c.err("join_date", "DATE_ORDER", "入党日期不能早于出生日期，请核对".into());
        } else if dates::age_at(b, j) < 18 {
            c.err("join_date", "UNDER_AGE", "入党时应年满十八周岁，请核对入党日期或出生日期".into());
        }
    }
    if let (Some(j), Some(f)) = (join, full) {
        if f < j {
            c.err("full_date", "DATE_ORDER", "转正日期不能早于入党日期，请核对".into());
        } else if f < probation_end(j) {
            // C7: the 预备期 is one year; 转正日 is its end, or later after an extension.
            c.err(
                "full_date",
                "PROBATION_TOO_SHORT",
                format!("预备期为一年，转正日期最早是 {}（入党日期满一年），请核对", dates::iso(probation_end(j))),
            );
        }
    }
    if category.as_deref() == Some("probationary") && full.is_some() {
        c.err("full_date", "PROBATIONARY_FULL_DATE", "预备党员还没有转正日期；如已转正，请把人员类别改为“正式党员”".into());
    }
    let phone = text(&input.phone).map(|p| p.replace(['　', ' '], ""));
    if let Some(p) = &phone {
        let ok = p.chars().all(|ch| ch.is_ascii_digit() || ch == '-' || ch == '+') && (7..=20).contains(&p.len());
        if !ok {
            c.err("phone", "BAD_PHONE", "联系电话只能填数字（可带“-”），7至20位，例如 13812345678 或 0551-12345678".into());
        }
    }
    let job = c.code("job", codes::JOB, &input.job);
    let party_post = c.code("party_post", codes::PARTY_POST, &input.party_post);
    let identity_class = c.code("identity_class", codes::IDENTITY_CLASS, &input.identity_class);
    let position_nature = c.code("position_nature", codes::POSITION_NATURE, &input.position_nature);
    let mgmt_type = c.mgmt_type(&input.mgmt_type)?;
    let lost_contact_reason = c.code("lost_contact_reason", codes::LOST_REASON, &input.lost_contact_reason);
    let last_contact = c.date("last_contact_date", &input.last_contact_date);
    if input.lost_contact && lost_contact_reason.is_none() {
        c.err("lost_contact_reason", "REQUIRED", "已标记失联，请选择失联原因".into());
    }
    let branches: Vec<i64> = conn.prepare("SELECT id FROM branch WHERE active = 1 ORDER BY sort_order, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // A 党支部 has one branch: fill it in rather than asking.
    let branch_id = input.branch_id.or(if branches.len() == 1 { Some(branches[0]) } else { None });
    if let Some(b) = branch_id {
        if !branches.contains(&b) {
            c.err("branch_id", "UNKNOWN_CODE", "所选支部不存在，请重新选择".into());
        }
    }
    if let Some(g) = input.group_id {
        let gb: Option<i64> =
            conn.query_row("SELECT branch_id FROM party_group WHERE id = ?1", [g], |r| r.get(0)).optional()?;
        match gb {
            None => c.err("group_id", "UNKNOWN_CODE", "所选党小组不存在，请重新选择".into()),
            Some(gb) if Some(gb) != branch_id => {
                c.err("group_id", "GROUP_BRANCH", "所选党小组不属于该党员所在支部，请重新选择".into())
            }
            _ => {}
        }
    }
    let native_place = c.max_len("native_place", text(&input.native_place), 50);
    let employer = c.max_len("employer", text(&input.employer), 100);
    let address = c.max_len("address", text(&input.address), 100);
    let police_station = c.max_len("police_station", text(&input.police_station), 50);
    let residence = c.max_len("residence", text(&input.residence), 50);
    let remarks = c.max_len("remarks", text(&input.remarks), 500);
    if !c.errs.is_empty() {
        return Err(Error::Invalid(c.errs));
    }
    let tags = input.tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    Ok(MemberData {
        name,
        sex,
        ethnicity,
        birth_date: birth.map(dates::iso),
        id_number,
        id_check_confirmed: input.id_check_confirmed,
        education,
        category,
        join_date: join.map(dates::iso),
        full_date: full.map(dates::iso),
        native_place,
        job,
        employer,
        phone,
        address,
        police_station,
        party_post,
        branch_id,
        group_id: input.group_id,
        residence,
        tags,
        remarks,
        identity_class,
        position_nature,
        mgmt_type,
        lost_contact: input.lost_contact,
        lost_contact_reason: if input.lost_contact { lost_contact_reason } else { None },
        last_contact_date: last_contact.map(dates::iso),
    })
}

/// The dimensions a secretary re-classifies by hand, each with its history.
pub const CLASS_DIMENSIONS: [&str; 3] = ["identity_class", "position_nature", "mgmt_type"];

fn class_value<'a>(m: &'a MemberData, dim: &str) -> &'a Option<String> {
    match dim {
        "identity_class" => &m.identity_class,
        "position_nature" => &m.position_nature,
        _ => &m.mgmt_type,
    }
}

/// Inserts (id 0) or updates the member's data, keeping the search and sort keys in step with the name.
fn write_data(tx: &Transaction, id: i64, m: &MemberData, now: &str) -> Result<i64> {
    let tags = serde_json::to_string(&m.tags)?;
    let p = params![
        m.name, m.sex, m.ethnicity, m.birth_date, m.id_number, m.id_check_confirmed, m.education, m.category,
        m.join_date, m.full_date, m.native_place, m.job, m.employer, m.phone, m.address, m.police_station,
        m.party_post, m.branch_id, m.group_id, m.residence, tags, m.remarks, m.identity_class, m.position_nature,
        m.mgmt_type, m.lost_contact, m.lost_contact_reason, m.last_contact_date,
        names::pinyin_full(&m.name), names::pinyin_initials(&m.name), names::stroke_key(&m.name), now,
        search_text(&m.name, m.id_number.as_deref(), m.phone.as_deref())
    ];
    if id == 0 {
        tx.prepare_cached(
            "INSERT INTO member (name, sex, ethnicity, birth_date, id_number, id_check_confirmed, education, category,
                join_date, full_date, native_place, job, employer, phone, address, police_station, party_post,
                branch_id, group_id, residence, tags, remarks, identity_class, position_nature, mgmt_type,
                lost_contact, lost_contact_reason, last_contact_date, name_pinyin, name_initials, stroke_key,
                updated_at, search_text, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
                ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?32)",
        )?
        .execute(p)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            &format!(
                "UPDATE member SET name = ?1, sex = ?2, ethnicity = ?3, birth_date = ?4, id_number = ?5,
                id_check_confirmed = ?6, education = ?7, category = ?8, join_date = ?9, full_date = ?10,
                native_place = ?11, job = ?12, employer = ?13, phone = ?14, address = ?15, police_station = ?16,
                party_post = ?17, branch_id = ?18, group_id = ?19, residence = ?20, tags = ?21, remarks = ?22,
                identity_class = ?23, position_nature = ?24, mgmt_type = ?25, lost_contact = ?26,
                lost_contact_reason = ?27, last_contact_date = ?28, name_pinyin = ?29, name_initials = ?30,
                stroke_key = ?31, updated_at = ?32, search_text = ?33 WHERE id = {id}"
            ),
            p,
        )?;
        Ok(id)
    }
}

fn class_history_row(tx: &Transaction, actor: &str, member: i64, dim: &str, from: &Option<String>, to: &Option<String>, date: &str, reason: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO class_history (member_id, dimension, from_value, to_value, date, reason, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![member, dim, from, to, date, reason, actor, audit::now()])?;
    Ok(())
}

pub fn get_record(conn: &Connection, id: i64) -> Result<MemberRecord> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM member WHERE id = ?1"), [id], MemberRecord::from_row)
        .optional()?
        .ok_or(Error::NotFound { entity: "member", id })
}

/// Adds a member in its own transaction.
pub fn create(conn: &mut Connection, actor: &str, input: &MemberData) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let m = create_in(&tx, actor, input, dates::today())?;
    tx.commit()?;
    Ok(m)
}

/// Adds a member inside the caller's transaction (batch work: demo data, imports).
pub fn create_in(tx: &Transaction, actor: &str, input: &MemberData, today: NaiveDate) -> Result<MemberRecord> {
    if !crate::org::is_set_up(tx)? {
        return Err(Error::NotSetUp);
    }
    let data = check(tx, input, None, today)?;
    create_checked(tx, actor, data, today)
}

/// Saves data that `check` has already cleaned (an import validates every row in its preview first).
pub(crate) fn create_checked(tx: &Transaction, actor: &str, data: MemberData, today: NaiveDate) -> Result<MemberRecord> {
    let now = audit::now();
    let id = write_data(tx, 0, &data, &now)?;
    let day = dates::iso(today);
    for dim in CLASS_DIMENSIONS {
        let v = class_value(&data, dim);
        if v.is_some() {
            class_history_row(tx, actor, id, dim, &None, v, &day, "新增党员时分类")?;
        }
    }
    let m = MemberRecord {
        id,
        data,
        status: "normal".into(),
        status_kind: None,
        status_date: None,
        status_reason: None,
        created_at: now.clone(),
        updated_at: now,
    };
    audit::record(tx, actor, "create", "member", Some(id), None::<&()>, Some(&m))?;
    Ok(m)
}

/// Saves an edit. A change of 身份类别, 岗位性质 or 管理类型 needs `class_reason`, kept in the class history.
pub fn update(conn: &mut Connection, actor: &str, id: i64, input: &MemberData, class_reason: Option<&str>) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let after = update_in(&tx, actor, id, input, class_reason, dates::today())?;
    tx.commit()?;
    Ok(after)
}

/// An edit inside the caller's transaction (imports that update existing members).
pub fn update_in(tx: &Transaction, actor: &str, id: i64, input: &MemberData, class_reason: Option<&str>, today: NaiveDate) -> Result<MemberRecord> {
    let before = get_record(tx, id)?;
    let data = check(tx, input, Some(id), today)?;
    let changed: Vec<&str> =
        CLASS_DIMENSIONS.into_iter().filter(|d| class_value(&before.data, d) != class_value(&data, d)).collect();
    let reason = class_reason.map(str::trim).filter(|r| !r.is_empty());
    if !changed.is_empty() && reason.is_none() {
        let dims: Vec<&str> = changed.iter().map(|d| label(d)).collect();
        return Err(Error::invalid("class_reason", "REQUIRED", format!("调整了{}，请填写调整原因", dims.join("、"))));
    }
    write_data(tx, id, &data, &audit::now())?;
    let day = dates::iso(today);
    for dim in changed {
        class_history_row(tx, actor, id, dim, class_value(&before.data, dim), class_value(&data, dim), &day, reason.unwrap_or(""))?;
    }
    let after = get_record(tx, id)?;
    audit::record(tx, actor, "update", "member", Some(id), Some(&before), Some(&after))?;
    Ok(after)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct StatusChange {
    pub status: String,
    /// The kind of 出党 (劝退, 除名, 自行脱党, 退党, 开除), required with status "out".
    pub kind: Option<String>,
    pub date: String,
    pub reason: String,
    /// 转往组织: where a member transferred out (转出) goes; kept in `status_kind` of a transferred member.
    pub destination: Option<String>,
}

/// 党籍 status changes keep their date and reason; the member stays in the registry.
pub fn change_status(conn: &mut Connection, actor: &str, id: i64, change: &StatusChange) -> Result<MemberRecord> {
    let tx = conn.transaction()?;
    let before = get_record(&tx, id)?;
    let mut errs = Vec::new();
    let status = codes::normalize(codes::STATUS, &change.status);
    if status.is_none() {
        errs.push(FieldError::new("status", "UNKNOWN_CODE", "请选择新的党籍状态"));
    } else if status == Some(before.status.as_str()) {
        errs.push(FieldError::new("status", "UNCHANGED", "党籍状态没有变化"));
    }
    let kind = change.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()).and_then(|k| codes::normalize(codes::OUT_KIND, k));
    if status == Some("out") && kind.is_none() {
        errs.push(FieldError::new("status_kind", "REQUIRED", "出党请选择方式：劝退、除名、自行脱党、退党或开除"));
    }
    let destination = change.destination.as_deref().map(str::trim).filter(|d| !d.is_empty());
    if status == Some("transferred") {
        match destination {
            None => errs.push(FieldError::new("destination", "REQUIRED", "转出请填写转往的党组织，例如“某某镇某某村党支部”")),
            Some(d) if d.chars().count() > 100 => errs.push(FieldError::new("destination", "TOO_LONG", "转往组织太长，最多100个字")),
            _ => {}
        }
    }
    let date = dates::parse_flexible(&change.date);
    match date {
        None => errs.push(FieldError::new("date", "BAD_DATE", "请填写变动日期，例如 2026-10-01")),
        Some(d) if d > dates::today() => errs.push(FieldError::new("date", "FUTURE_DATE", "变动日期不能晚于今天")),
        _ => {}
    }
    let reason = change.reason.trim();
    if reason.is_empty() {
        errs.push(FieldError::new("reason", "REQUIRED", "请填写变动原因"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let status = status.unwrap_or_default();
    let kind = match status {
        "out" => kind.map(str::to_string),
        "transferred" => destination.map(str::to_string),
        _ => None,
    };
    let date = dates::iso(date.unwrap_or_default());
    tx.execute(
        "UPDATE member SET status = ?1, status_kind = ?2, status_date = ?3, status_reason = ?4, updated_at = ?5 WHERE id = ?6",
        params![status, kind, date, reason, audit::now(), id],
    )?;
    tx.execute(
        "INSERT INTO status_history (member_id, from_status, to_status, kind, date, reason, actor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, before.status, status, kind, date, reason, actor, audit::now()],
    )?;
    let after = get_record(&tx, id)?;
    audit::record(&tx, actor, "status", "member", Some(id), Some(&before), Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusHistory {
    pub from_status: Option<String>,
    pub to_status: String,
    pub kind: Option<String>,
    pub date: String,
    pub reason: String,
    pub actor: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClassHistory {
    pub dimension: String,
    pub from_value: Option<String>,
    pub to_value: Option<String>,
    pub date: String,
    pub reason: String,
    pub actor: String,
}

/// Everything the detail pane shows.
#[derive(Debug, Clone, Serialize)]
pub struct MemberDetail {
    pub record: MemberRecord,
    pub age: Option<i32>,
    pub party_years: Option<i32>,
    pub age_band: Option<&'static str>,
    pub education_band: Option<&'static str>,
    pub missing: Vec<&'static str>,
    pub warnings: Vec<String>,
    pub status_history: Vec<StatusHistory>,
    pub class_history: Vec<ClassHistory>,
}

pub fn detail(conn: &Connection, id: i64) -> Result<MemberDetail> {
    let record = get_record(conn, id)?;
    let today = dates::today();
    let birth = record.data.birth_date.as_deref().and_then(dates::parse);
    let age = birth.map(|b| dates::age_at(b, today));
    // 党龄 counts from 转正日期.
    let party_years = record.data.full_date.as_deref().and_then(dates::parse).map(|f| dates::age_at(f, today).max(0));
    let status_history = conn
        .prepare("SELECT from_status, to_status, kind, date, reason, actor FROM status_history WHERE member_id = ?1 ORDER BY id DESC")?
        .query_map([id], |r| {
            Ok(StatusHistory { from_status: r.get(0)?, to_status: r.get(1)?, kind: r.get(2)?, date: r.get(3)?, reason: r.get(4)?, actor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let class_history = conn
        .prepare("SELECT dimension, from_value, to_value, date, reason, actor FROM class_history WHERE member_id = ?1 ORDER BY id DESC")?
        .query_map([id], |r| {
            Ok(ClassHistory { dimension: r.get(0)?, from_value: r.get(1)?, to_value: r.get(2)?, date: r.get(3)?, reason: r.get(4)?, actor: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(MemberDetail {
        age,
        party_years,
        age_band: age.map(crate::members::classify::age_band),
        education_band: record.data.education.as_deref().and_then(codes::education_band),
        missing: record.missing_fields(),
        warnings: record.warnings(),
        status_history,
        class_history,
        record,
    })
}
