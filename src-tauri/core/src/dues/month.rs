//! Dues months as one integer (year × 12 + month − 1), so ranges, runs and quarter ends are arithmetic.
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use chrono::{Datelike, NaiveDate};

pub type Ym = i32;

pub fn ym(year: i32, month: u32) -> Ym {
    year * 12 + month as i32 - 1
}

pub fn of_date(d: NaiveDate) -> Ym {
    ym(d.year(), d.month())
}

/// "2026-10" (or 2026.10, 2026年10月); a bad month names `field` and its label.
pub fn parse(field: &str, label: &str, s: &str) -> Result<Ym> {
    dates::parse_month(s).map(|(y, m)| ym(y, m)).map_err(|_| {
        if s.trim().is_empty() {
            Error::invalid(field, "REQUIRED", format!("请填写{label}"))
        } else {
            Error::invalid(field, "BAD_MONTH", format!("{label}“{}”不正确，请按 2026-10 的格式填写", s.trim()))
        }
    })
}

/// An ISO date's month.
pub fn of_iso(s: &str) -> Option<Ym> {
    dates::parse(s).map(of_date)
}

pub fn key(m: Ym) -> String {
    format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1)
}

/// 2026年10月.
pub fn label(m: Ym) -> String {
    format!("{}年{}月", m.div_euclid(12), m.rem_euclid(12) + 1)
}

pub fn year(m: Ym) -> i32 {
    m.div_euclid(12)
}

/// 1–12.
pub fn month_no(m: Ym) -> u32 {
    (m.rem_euclid(12) + 1) as u32
}

/// The last month of the quarter `m` is in.
pub fn quarter_end(m: Ym) -> Ym {
    m - m.rem_euclid(3) + 2
}

pub fn first_day(m: Ym) -> NaiveDate {
    NaiveDate::from_ymd_opt(year(m), month_no(m), 1).expect("a real month")
}

pub fn last_day(m: Ym) -> NaiveDate {
    dates::add_months(first_day(m), 1).pred_opt().expect("a real day")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_arithmetic() {
        let m = ym(2025, 12);
        assert_eq!(key(m + 1), "2026-01");
        assert_eq!(key(quarter_end(ym(2026, 1))), "2026-03");
        assert_eq!(key(quarter_end(ym(2026, 3))), "2026-03");
        assert_eq!(key(quarter_end(ym(2026, 4))), "2026-06");
        assert_eq!(dates::iso(last_day(ym(2028, 2))), "2028-02-29");
        assert_eq!(parse("month", "月份", "2026年3月").unwrap(), ym(2026, 3));
        assert_eq!(parse("month", "月份", "2026-13").unwrap_err().code(), "BAD_MONTH");
        assert_eq!(parse("month", "月份", "").unwrap_err().code(), "REQUIRED");
    }
}
