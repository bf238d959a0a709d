//! 党员记录: a member's data and the stored record, with what can be said of a record without the data file —
//! missing fields (待完善), warnings, the 预备期 dates, the search text.
use crate::kernel::codes;
use crate::kernel::dates;
use crate::kernel::idcard;
use crate::kernel::names;
use chrono::NaiveDate;
use rusqlite::Row;
use serde::{Deserialize, Serialize};

/// A member's own data: what the form, the CLI or an import submits, and what a stored record holds.
/// On input, codes may be given as code or name (「男」 or 「1」); once stored they are codes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
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

