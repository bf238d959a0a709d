//! The rules of 老党员 care (domain.md section 11): the 「光荣在党50年」纪念章 year by 党龄 (C6, counted from 转正日期)
//! and 新中国成立前入党. Pure.
use crate::kernel::dates::add_months;
use chrono::{Datelike, NaiveDate};

/// The medal has been issued each 七一 since this year.
pub const MEDAL_FIRST_YEAR: i32 = 2021;
/// 党龄 50 years.
pub const MEDAL_MONTHS: i32 = 600;

/// The 七一 at which a member whose 转正日期 is `full` receives the medal: the first year Y with
/// `add_months(full, 600) ≤ Y-07-01` (C6), not before the medal existed.
pub fn medal_year(full: NaiveDate) -> i32 {
    let fifty = add_months(full, MEDAL_MONTHS);
    let july = |y: i32| NaiveDate::from_ymd_opt(y, 7, 1).expect("07-01 exists");
    let y = if fifty <= july(fifty.year()) { fifty.year() } else { fifty.year() + 1 };
    y.max(MEDAL_FIRST_YEAR)
}

/// 新中国成立前入党: 入党日期 on or before 1949-09-30.
pub fn joined_before_1949(join: NaiveDate) -> bool {
    join <= NaiveDate::from_ymd_opt(1949, 9, 30).expect("a real date")
}

/// 困难类型 offered first; any other word is kept as typed.
pub const HARDSHIP_KINDS: [&str; 6] = ["重病", "丧失劳动能力", "天灾/突发", "低保/特困", "高龄空巢", "其他"];

/// 四必访 as most townships list it (a setting the branch may edit).
pub const DEFAULT_MUST_VISIT: [&str; 4] = ["生产生活困难", "生病", "家庭纠纷", "红白喜事"];

/// The two visits the township asks a list for.
pub const FESTIVALS: [&str; 2] = ["春节", "七一"];

/// 高龄 from this age (a setting).
pub const DEFAULT_OLD_AGE: i32 = 80;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::dates::parse;
    use crate::development::rules::{probation_end, DEV_2014};

    fn probation_end_for_test(accepted: NaiveDate, k: i32) -> NaiveDate {
        probation_end(accepted, &[k], &DEV_2014).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn the_medal_on_07_01_and_the_day_after() {
        assert_eq!(medal_year(d("1976-07-01")), 2026);
        assert_eq!(medal_year(d("1976-07-02")), 2027);
        assert_eq!(medal_year(d("1976-06-30")), 2026);
        assert_eq!(medal_year(d("1960-03-01")), MEDAL_FIRST_YEAR, "50 years reached before 2021: the first issue");
        // An extended 预备期 moves 转正 and so the medal: accepted 1975-07-01, extended 6 months, 转正 1977-01-01.
        assert_eq!(medal_year(probation_end_for_test(d("1975-07-01"), 6)), 2027);
    }

    #[test]
    fn joined_before_the_founding() {
        assert!(joined_before_1949(d("1949-09-30")));
        assert!(!joined_before_1949(d("1949-10-01")));
    }
}
