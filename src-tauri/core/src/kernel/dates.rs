//! ISO dates (YYYY-MM-DD) and ages in 周岁.
use chrono::Datelike;
pub use chrono::NaiveDate;

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

/// 2026-10 (or 2026-10-05, 2026.10, 2026年10月) as (year, month).
pub fn parse_month(s: &str) -> super::error::Result<(i32, u32)> {
    let t = s.trim().trim_end_matches('月');
    let parts: Vec<&str> = t.split(['-', '.', '/', '年']).filter(|p| !p.is_empty()).collect();
    let ok = parts.len() >= 2 && parts[0].len() == 4;
    let y = parts.first().and_then(|p| p.parse::<i32>().ok());
    let m = parts.get(1).and_then(|p| p.parse::<u32>().ok());
    match (ok, y, m) {
        (true, Some(y), Some(m)) if (2000..=2100).contains(&y) && (1..=12).contains(&m) => Ok((y, m)),
        _ => Err(super::error::Error::invalid("month", "BAD_MONTH", format!("月份“{s}”不正确，请按 2026-10 的格式填写"))),
    }
}

/// 2026-10 for a (year, month).
pub fn month_key(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// C2 `add_months(d, n)`: the same day n months later (or earlier, n < 0); when that day does not exist, the last
/// day of that month (民法典 第二百零二条): 01-31 + 1 → 02-28 (02-29 in a leap year). Years are 12 months.
pub fn add_months(d: NaiveDate, n: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + n;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = days_in_month(y, m);
    NaiveDate::from_ymd_opt(y, m, d.day().min(last)).expect("a day within the month")
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()).map(|d| d.day()).unwrap_or(28)
}

/// C5 周岁 at `at`: the largest n with `add_months(birth, 12n) ≤ at` — 18 on the 18th birthday; someone born on
/// 02-29 turns a year older on 02-28 of a common year. Before the birth it is negative.
pub fn age_at(birth: NaiveDate, at: NaiveDate) -> i32 {
    let mut years = at.year() - birth.year();
    if add_months(birth, 12 * years) > at {
        years -= 1;
    }
    years
}

/// C8 工作日: Monday to Friday, minus the 法定假日, plus the 调休上班日 (weekend days worked), as the branch's calendar
/// lists them.
pub fn is_workday(d: NaiveDate, holidays: &[NaiveDate], extra_workdays: &[NaiveDate]) -> bool {
    if extra_workdays.contains(&d) {
        return true;
    }
    d.weekday().num_days_from_monday() < 5 && !holidays.contains(&d)
}

/// C8: the last day of a period of `n` 工作日 starting on `from` (which counts when it is a workday).
pub fn add_workdays(from: NaiveDate, n: u32, holidays: &[NaiveDate], extra_workdays: &[NaiveDate]) -> NaiveDate {
    let (mut d, mut left) = (from, n);
    loop {
        if is_workday(d, holidays, extra_workdays) {
            left = left.saturating_sub(1);
            if left == 0 {
                return d;
            }
        }
        d = d.succ_opt().expect("a date before the year 262143");
    }
}

/// C8: how many 工作日 from `from` to `to`, both included.
pub fn workdays_between(from: NaiveDate, to: NaiveDate, holidays: &[NaiveDate], extra_workdays: &[NaiveDate]) -> u32 {
    from.iter_days().take_while(|d| *d <= to).filter(|d| is_workday(*d, holidays, extra_workdays)).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse(s).unwrap()
    }

    #[test]
    fn age_counts_completed_years() {
        let b = NaiveDate::from_ymd_opt(1970, 6, 15).unwrap();
        assert_eq!(age_at(b, NaiveDate::from_ymd_opt(2026, 6, 14).unwrap()), 55);
        assert_eq!(age_at(b, NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()), 56);
    }

    #[test]
    fn add_months_falls_back_to_the_last_day_of_a_shorter_month() {
        assert_eq!(add_months(d("2025-01-31"), 1), d("2025-02-28"));
        assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
        assert_eq!(add_months(d("2025-08-31"), 1), d("2025-09-30"));
        assert_eq!(add_months(d("2024-02-29"), 12), d("2025-02-28"));
        assert_eq!(add_months(d("2024-02-29"), 48), d("2028-02-29"));
        assert_eq!(add_months(d("2025-07-01"), 18), d("2027-01-01"));
        assert_eq!(add_months(d("2025-12-15"), 1), d("2026-01-15"));
        assert_eq!(add_months(d("2026-01-15"), -1), d("2025-12-15"));
        assert_eq!(add_months(d("2026-03-31"), -1), d("2026-02-28"));
    }

    #[test]
    fn eighteen_on_the_birthday_and_the_leap_day_born_age_on_feb_28() {
        assert_eq!(age_at(d("2008-12-03"), d("2026-12-03")), 18);
        assert_eq!(age_at(d("2008-12-03"), d("2026-12-02")), 17);
        assert_eq!(age_at(d("2008-02-29"), d("2026-02-28")), 18);
        assert_eq!(age_at(d("2008-02-29"), d("2026-02-27")), 17);
        assert_eq!(age_at(d("2008-02-29"), d("2028-02-28")), 19);
        assert_eq!(age_at(d("2008-02-29"), d("2028-02-29")), 20);
    }

    #[test]
    fn workdays_skip_weekends_and_holidays_and_count_adjusted_saturdays() {
        // 2026-10-01 (Thu) to 10-07 are holidays; Saturday 10-10 is worked (调休).
        let hol: Vec<NaiveDate> = (1..=7).map(|i| NaiveDate::from_ymd_opt(2026, 10, i).unwrap()).collect();
        let extra = [d("2026-10-10")];
        assert_eq!(add_workdays(d("2026-09-30"), 1, &hol, &extra), d("2026-09-30"));
        assert_eq!(add_workdays(d("2026-09-30"), 5, &hol, &extra), d("2026-10-12"));
        assert_eq!(add_workdays(d("2026-10-03"), 1, &hol, &extra), d("2026-10-08"));
        assert_eq!(workdays_between(d("2026-09-28"), d("2026-10-11"), &hol, &extra), 6);
        assert_eq!(add_workdays(d("2026-12-04"), 5, &[], &[]), d("2026-12-10"));
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

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A count in Chinese numerals as letters write it (1–999): 10 → 十, 30 → 三十, 91 → 九十一, 105 → 一百零五.
pub fn chinese_count(n: i64) -> String {
    let n = n.clamp(0, 999) as usize;
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push(DIGITS[h]);
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push(DIGITS[t]);
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 || n == 0 {
        s.push(DIGITS[u]);
    }
    s
}

/// A month in capital numerals, as a 介绍信's 党费已交到 reads: 2026-11 → 二〇二六年十一月.
pub fn chinese_month(year: i32, month: u32) -> String {
    let y: String = year.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect();
    format!("{y}年{}月", chinese_count(month as i64))
}

/// A day in capital numerals, as a letter is dated: 2026-11-14 → 二〇二六年十一月十四日.
pub fn chinese_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}{}日", chinese_month(d.year(), d.month()), chinese_count(d.day() as i64))
}

#[cfg(test)]
mod numeral_tests {
    use super::*;

    #[test]
    fn chinese_numerals_of_letters() {
        assert_eq!(chinese_month(2026, 11), "二〇二六年十一月");
        assert_eq!(chinese_month(2030, 1), "二〇三〇年一月");
        assert_eq!(chinese_date(parse("2026-11-14").unwrap()), "二〇二六年十一月十四日");
        let got: Vec<String> = [1, 10, 30, 91, 100, 105, 110].iter().map(|n| chinese_count(*n)).collect();
        assert_eq!(got, ["一", "十", "三十", "九十一", "一百", "一百零五", "一百一十"]);
    }
}
