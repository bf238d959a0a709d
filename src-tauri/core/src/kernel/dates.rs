//! ISO dates (YYYY-MM-DD) and ages in 周岁.
use chrono::{Datelike, NaiveDate};

pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Stored dates are always YYYY-MM-DD; read them without a format parser, since the registry does this per row.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let b = s.trim().as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok()?.parse::<u32>().ok();
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Completed years (周岁) at `at`.
pub fn age_at(birth: NaiveDate, at: NaiveDate) -> i32 {
    let mut years = at.year() - birth.year();
    if (at.month(), at.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_counts_completed_years() {
        let b = NaiveDate::from_ymd_opt(1970, 6, 15).unwrap();
        assert_eq!(age_at(b, NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()), 55);
        assert_eq!(age_at(b, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()), 56);
    }
}

/// What people type for a full date: 1965-03-01, 1965-3-1, 1965/3/1, 1965.3.1, 19650301, 1965年3月1日.
pub fn parse_flexible(s: &str) -> Option<NaiveDate> {
    let t: String = s.trim().chars().map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }).collect();
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(&t, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = t
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 || parts[0].len() != 4 {
        return None;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().ok()).collect::<Option<_>>()?;
    NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
}

#[cfg(test)]
mod flexible_tests {
    use super::*;

    #[test]
    fn forms_people_type() {
        let d = NaiveDate::from_ymd_opt(1965, 3, 1);
        for s in ["1965-03-01", "1965-3-1", "1965/3/1", "1965.3.1", "19650301", "1965年3月1日", "１９６５-３-１"] {
            assert_eq!(parse_flexible(s), d, "{s}");
        }
        assert_eq!(parse_flexible("1965-02-30"), None);
        assert_eq!(parse_flexible("65-3-1"), None);
        assert_eq!(parse_flexible("abc"), None);
    }
}
