//! The bands of the 党内统计年报 (domain.md section 13), kept as data with the template year they come from: a revised
//! template is a new table of bands, not a code change. Ages and 党龄 are counted at the report date (C5, C6, C11),
//! never at today. Pure.
use crate::kernel::dates::{self, age_at};
use chrono::NaiveDate;

/// The template year these bands are from.
pub const TEMPLATE_YEAR: i32 = 2025;

/// An age band: inclusive bounds in 周岁; `None` is open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeBand {
    pub label: &'static str,
    pub min: Option<i32>,
    pub max: Option<i32>,
}

const fn band(label: &'static str, min: Option<i32>, max: Option<i32>) -> AgeBand {
    AgeBand { label, min, max }
}

/// Table 2 (党员基本情况): 30岁及以下 … 71岁及以上.
pub const TABLE2_AGE: [AgeBand; 10] = [
    band("30岁及以下", None, Some(30)),
    band("31至35岁", Some(31), Some(35)),
    band("36至40岁", Some(36), Some(40)),
    band("41至45岁", Some(41), Some(45)),
    band("46至50岁", Some(46), Some(50)),
    band("51至55岁", Some(51), Some(55)),
    band("56至60岁", Some(56), Some(60)),
    band("61至65岁", Some(61), Some(65)),
    band("66至70岁", Some(66), Some(70)),
    band("71岁及以上", Some(71), None),
];

/// Table 5 (建制村): 35岁及以下 … 60岁及以上.
pub const TABLE5_AGE: [AgeBand; 5] = [
    band("35岁及以下", None, Some(35)),
    band("36至45岁", Some(36), Some(45)),
    band("46至54岁", Some(46), Some(54)),
    band("55至59岁", Some(55), Some(59)),
    band("60岁及以上", Some(60), None),
];

/// Table 16 (发展党员): 25岁及以下 … 60岁及以上.
pub const TABLE16_AGE: [AgeBand; 6] = [
    band("25岁及以下", None, Some(25)),
    band("26至30岁", Some(26), Some(30)),
    band("31至35岁", Some(31), Some(35)),
    band("36至40岁", Some(36), Some(40)),
    band("41至59岁", Some(41), Some(59)),
    band("60岁及以上", Some(60), None),
];

/// Table 43 (失联党员): 党龄 bands in years (C6).
pub const TABLE43_PARTY_YEARS: [AgeBand; 5] = [
    band("不满1年", None, Some(0)),
    band("1至5年", Some(1), Some(5)),
    band("6至10年", Some(6), Some(10)),
    band("11至20年", Some(11), Some(20)),
    band("21年及以上", Some(21), None),
];

/// The band an age (or 党龄) falls in.
pub fn band_of(bands: &[AgeBand], years: i32) -> Option<&'static str> {
    bands.iter().find(|b| b.min.is_none_or(|m| years >= m) && b.max.is_none_or(|m| years <= m)).map(|b| b.label)
}

/// Age band of a member born on `birth` at the report date (C5).
pub fn age_band(bands: &[AgeBand], birth: NaiveDate, report: NaiveDate) -> Option<&'static str> {
    band_of(bands, age_at(birth, report))
}

/// 党龄 band at the report date, counted from 转正日期 (C6); a 预备党员 (no 转正日期) has none.
pub fn party_years_band(bands: &[AgeBand], full: Option<NaiveDate>, report: NaiveDate) -> Option<&'static str> {
    full.filter(|f| *f <= report).and_then(|f| band_of(bands, age_at(f, report)))
}

/// Table 3 (入党时间): inclusive date ranges of 入党日期.
pub const TABLE3_JOINED: [(&str, Option<&str>, Option<&str>); 9] = [
    ("1937年7月6日及以前", None, Some("1937-07-06")),
    ("1937年7月7日至1945年9月2日", Some("1937-07-07"), Some("1945-09-02")),
    ("1945年9月3日至1949年9月", Some("1945-09-03"), Some("1949-09-30")),
    ("1949年10月至1966年4月", Some("1949-10-01"), Some("1966-04-30")),
    ("1966年5月至1976年10月", Some("1966-05-01"), Some("1976-10-31")),
    ("1976年11月至1978年12月", Some("1976-11-01"), Some("1978-12-31")),
    ("1979年1月至2002年10月", Some("1979-01-01"), Some("2002-10-31")),
    ("2002年11月至2012年10月", Some("2002-11-01"), Some("2012-10-31")),
    ("2012年11月及以后", Some("2012-11-01"), None),
];

/// The 入党时间 band of a 入党日期.
pub fn joined_band(join: NaiveDate) -> Option<&'static str> {
    let d = dates::iso(join);
    TABLE3_JOINED
        .iter()
        .find(|(_, from, to)| from.is_none_or(|f| d.as_str() >= f) && to.is_none_or(|t| d.as_str() <= t))
        .map(|(label, _, _)| *label)
}

/// Table 4 (学历): the template's bands and the 学历 codes (GB/T 4658, 党校 degrees with their level) in each.
pub const TABLE4_EDUCATION: [(&str, &[&str]); 6] = [
    ("研究生", &["11", "12", "81", "84"]),
    ("大学本科", &["20", "82", "85"]),
    ("大学专科", &["30", "83", "86"]),
    ("中专", &["40"]),
    ("高中、中技", &["50"]),
    ("初中及以下", &["60", "70"]),
];

/// The 学历 band of a code; `None` for an empty or unknown code (the member is listed, not dropped).
pub fn education_band(code: &str) -> Option<&'static str> {
    TABLE4_EDUCATION.iter().find(|(_, codes)| codes.contains(&code)).map(|(label, _)| *label)
}

/// Table 5 (建制村): 学历 in three bands.
pub const TABLE5_EDUCATION: [(&str, &[&str]); 3] = [
    ("大专及以上", &["11", "12", "81", "84", "20", "82", "85", "30", "83", "86"]),
    ("中专、高中、中技", &["40", "50"]),
    ("初中及以下", &["60", "70"]),
];

pub fn village_education_band(code: &str) -> Option<&'static str> {
    TABLE5_EDUCATION.iter().find(|(_, codes)| codes.contains(&code)).map(|(label, _)| *label)
}

/// Table 43 (失联党员): age bands.
pub const TABLE43_AGE: [AgeBand; 4] = [
    band("35岁及以下", None, Some(35)),
    band("36至45岁", Some(36), Some(45)),
    band("46至60岁", Some(46), Some(60)),
    band("61岁及以上", Some(61), None),
];

/// Table 43: how long contact has been lost, in whole months (a member counts as 失联 from 6 months on).
pub const TABLE43_LOST_MONTHS: [AgeBand; 4] = [
    band("失联6个月至1年", Some(6), Some(12)),
    band("失联1年以上至5年", Some(13), Some(12 * 6 - 1)),
    band("失联6至10年", Some(72), Some(12 * 11 - 1)),
    band("失联11年及以上", Some(132), None),
];

/// The report date of a year: 12-31 (C11) unless the template says otherwise.
pub fn report_date(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).expect("12-31 exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernel::dates::parse;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn a_birthday_on_the_report_date_counts_that_day_and_one_on_01_01_the_whole_year() {
        let report = report_date(2026);
        // Born 1996-12-31: 30 on 2026-12-31 (C5), still 30岁及以下.
        assert_eq!(age_band(&TABLE2_AGE, d("1996-12-31"), report), Some("30岁及以下"));
        // Born 1995-12-31: 31 that day.
        assert_eq!(age_band(&TABLE2_AGE, d("1995-12-31"), report), Some("31至35岁"));
        // Born 1996-01-01 is 30 all year; born 1995-01-01 31.
        assert_eq!(age_band(&TABLE2_AGE, d("1996-01-01"), report), Some("30岁及以下"));
        assert_eq!(age_band(&TABLE2_AGE, d("1955-01-01"), report), Some("71岁及以上"));
        assert_eq!(age_band(&TABLE2_AGE, d("1956-01-01"), report), Some("66至70岁"));
    }

    #[test]
    fn born_on_02_29_turns_a_year_older_on_02_28_and_the_bands_are_counted_at_the_report_date_not_today() {
        assert_eq!(age_at(d("1996-02-29"), d("2026-02-28")), 30);
        assert_eq!(age_at(d("1996-02-29"), d("2026-02-27")), 29);
        assert_eq!(age_band(&TABLE5_AGE, d("1992-02-29"), report_date(2027)), Some("35岁及以下"));
        assert_eq!(age_band(&TABLE5_AGE, d("1992-02-29"), report_date(2028)), Some("36至45岁"));
        // Table 16's own bands: 25 and 26 at the edge.
        assert_eq!(age_band(&TABLE16_AGE, d("2001-12-31"), report_date(2026)), Some("25岁及以下"));
        assert_eq!(age_band(&TABLE16_AGE, d("2000-12-31"), report_date(2026)), Some("26至30岁"));
    }

    #[test]
    fn joined_bands_at_their_edges() {
        let pairs = [
            ("1949-09-30", "1945年9月3日至1949年9月"),
            ("1949-10-01", "1949年10月至1966年4月"),
            ("1978-12-31", "1976年11月至1978年12月"),
            ("1979-01-01", "1979年1月至2002年10月"),
            ("2012-10-31", "2002年11月至2012年10月"),
            ("2012-11-01", "2012年11月及以后"),
            ("1937-07-06", "1937年7月6日及以前"),
            ("1937-07-07", "1937年7月7日至1945年9月2日"),
        ];
        for (date, band) in pairs {
            assert_eq!(joined_band(d(date)), Some(band), "{date}");
        }
    }

    #[test]
    fn party_years_from_the_full_date_and_none_for_a_probationary_member() {
        let report = report_date(2026);
        // 转正 2025-12-31: one year on 2026-12-31; 2026-01-01: not yet.
        assert_eq!(party_years_band(&TABLE43_PARTY_YEARS, Some(d("2025-12-31")), report), Some("1至5年"));
        assert_eq!(party_years_band(&TABLE43_PARTY_YEARS, Some(d("2026-01-01")), report), Some("不满1年"));
        assert_eq!(party_years_band(&TABLE43_PARTY_YEARS, None, report), None);
        assert_eq!(party_years_band(&TABLE43_PARTY_YEARS, Some(d("2027-01-01")), report), None, "转正 after the report date");
    }

    #[test]
    fn every_education_code_has_a_band_and_the_bands_cover_every_age() {
        for (code, _) in crate::kernel::codes::EDUCATION {
            assert!(education_band(code).is_some(), "{code}");
        }
        assert_eq!(education_band(""), None);
        for age in 0..130 {
            for bands in [&TABLE2_AGE[..], &TABLE5_AGE[..], &TABLE16_AGE[..], &TABLE43_PARTY_YEARS[..]] {
                assert_eq!(bands.iter().filter(|b| b.min.is_none_or(|m| age >= m) && b.max.is_none_or(|m| age <= m)).count(), 1, "{age}");
            }
        }
    }
}
