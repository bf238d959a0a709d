//! The rules of 流动党员 and 组织关系转接 (domain.md section 11): "mobile" is defined here, once — away from the branch's
//! activities six months or more in a row (C4, inclusive); the 介绍信's 有效期 (never over 3 months); the 回执 due
//! within a month of arrival (C3). Pure.
use crate::kernel::dates::{add_months, iso};
use crate::kernel::error::{Error, Result};
use chrono::NaiveDate;

/// Months away that make a member 流动.
pub const MOBILE_MONTHS: i32 = 6;
/// A 介绍信 is valid for at most this many months.
pub const LETTER_MAX_MONTHS: i32 = 3;
/// The 回执 comes back within this many months of arrival.
pub const RECEIPT_MONTHS: i32 = 1;

/// 流动党员: away since `away_since` and, on `on`, six months or more (exactly six counts).
pub fn is_mobile(away_since: NaiveDate, on: NaiveDate) -> bool {
    add_months(away_since, MOBILE_MONTHS) <= on
}

/// Checks a 介绍信's 有效期: the last valid day may be at most 3 months after issue.
pub fn check_validity(issued: NaiveDate, valid_until: NaiveDate) -> Result<()> {
    let max = add_months(issued, LETTER_MAX_MONTHS);
    if valid_until < issued {
        return Err(Error::invalid("valid_until", "BAD_RANGE", "介绍信的有效期不能早于开具日期"));
    }
    if valid_until > max {
        return Err(Error::invalid(
            "valid_until",
            "TOO_LONG",
            format!("介绍信有效期最长 {LETTER_MAX_MONTHS} 个月：{} 开具的，最晚有效至 {}", iso(issued), iso(max)),
        ));
    }
    Ok(())
}

/// When the 回执 is due: one month after arrival (C2/C3: 01-31 → 02-28).
pub fn receipt_due(arrived: NaiveDate) -> NaiveDate {
    add_months(arrived, RECEIPT_MONTHS)
}

/// 六个清 (key, name): each confirmed on a date; older than the cadence it is not 清 any more.
pub const CLEAR_ITEMS: [(&str, &str); 6] =
    [("flow", "流向清"), ("contact", "联系方式清"), ("housing", "居住条件清"), ("thinking", "思想状况清"), ("employment", "就业状况清"), ("family", "家庭情况清")];

/// 党费交纳方式 of a mobile member.
pub const DUES_WAYS: [(&str, &str); 3] = [("home", "回乡交纳"), ("host", "在流入地交纳"), ("quarterly", "按季交纳")];

/// 联系方式 offered first; any other word is kept as typed.
pub const CONTACT_WAYS: [&str; 5] = ["电话", "微信", "走访", "返乡面谈", "其他"];

/// The default cadence (months) of confirming the 六个清 and of contact.
pub const DEFAULT_CADENCE_MONTHS: i32 = 6;

/// A 清 confirmed on `confirmed` still holds on `on` while fewer than `cadence` months have passed.
pub fn clear_holds(confirmed: NaiveDate, cadence: i32, on: NaiveDate) -> bool {
    add_months(confirmed, cadence) > on
}

/// 失联 six months or more (C4, from the last contact): the 停止党籍 procedure is proposed from this day.
pub fn suspend_from(last_contact: NaiveDate) -> NaiveDate {
    add_months(last_contact, 6)
}

/// Two years after 停止党籍 without contact: 按自行脱党予以除名 is proposed from this day.
pub fn removal_from(suspended_on: NaiveDate) -> NaiveDate {
    add_months(suspended_on, 24)
}

/// A 介绍信's last valid day: the issue day counts as the first of its `days`.
pub fn valid_until(issued: NaiveDate, days: i64) -> NaiveDate {
    issued + chrono::Duration::days(days.max(1) - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::dates::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn exactly_six_months_away_is_mobile() {
        assert!(is_mobile(d("2026-06-04"), d("2026-12-04")));
        assert!(!is_mobile(d("2026-06-05"), d("2026-12-04")));
        assert!(is_mobile(d("2026-08-31"), d("2027-02-28")));
    }

    #[test]
    fn a_letter_is_valid_three_months_at_most() {
        assert!(check_validity(d("2026-01-31"), d("2026-04-30")).is_ok());
        assert_eq!(check_validity(d("2026-01-31"), d("2026-05-01")).unwrap_err().code(), "TOO_LONG");
        assert_eq!(check_validity(d("2026-01-31"), d("2026-01-30")).unwrap_err().code(), "BAD_RANGE");
    }

    #[test]
    fn the_receipt_from_01_31() {
        assert_eq!(receipt_due(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(receipt_due(d("2028-01-31")), d("2028-02-29"));
    }

    #[test]
    fn a_clear_older_than_the_cadence_does_not_hold() {
        assert!(clear_holds(d("2026-06-05"), 6, d("2026-12-04")));
        assert!(!clear_holds(d("2026-06-04"), 6, d("2026-12-04")));
    }

    #[test]
    fn lost_contact_proposals() {
        assert_eq!(suspend_from(d("2026-02-28")), d("2026-08-28"));
        assert_eq!(removal_from(d("2024-02-29")), d("2026-02-28"));
    }

    #[test]
    fn a_letter_of_thirty_days_and_the_three_month_cap() {
        assert_eq!(valid_until(d("2026-12-04"), 30), d("2027-01-02"));
        assert!(check_validity(d("2026-01-01"), valid_until(d("2026-01-01"), 91)).is_ok());
        assert_eq!(check_validity(d("2026-01-01"), valid_until(d("2026-01-01"), 92)).unwrap_err().code(), "TOO_LONG");
    }
}
