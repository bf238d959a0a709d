//! 党员信息校验: every field of a member's data checked and cleaned before it is saved (codes, dates, the ID
//! number and its duplicates, branch and group).
use crate::kernel::codes::{self, CodeList};
use crate::kernel::dates;
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::idcard::{self, IdProblem};
use crate::kernel::labels::member_field as label;
use crate::kernel::names::name_problem;
use crate::members::record::{probation_end, MemberData};
use crate::members::store;
use crate::org::store as org_store;
use chrono::NaiveDate;
use rusqlite::Connection;

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
                let dup = store::id_number_owner(conn, &info.number, id)?;
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
    let branches = org_store::active_branch_ids(conn)?;
    // A 党支部 has one branch: fill it in rather than asking.
    let branch_id = input.branch_id.or(if branches.len() == 1 { Some(branches[0]) } else { None });
    if let Some(b) = branch_id {
        if !branches.contains(&b) {
            c.err("branch_id", "UNKNOWN_CODE", "所选支部不存在，请重新选择".into());
        }
    }
    if let Some(g) = input.group_id {
        let gb = org_store::group_branch(conn, g)?;
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

