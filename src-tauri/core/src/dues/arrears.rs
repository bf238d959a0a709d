//! 欠缴 (C9): which ended months a member has not paid, how many in a row just before today's month, and the
//! 按自行脱党处理 warning at six. Pure: the ledger (book.rs) supplies the facts.
use super::month::{self, Ym};
use serde::{Deserialize, Serialize};

/// What one month is for a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthState {
    /// Before the first dues month or after the member left.
    NotDue,
    /// In the books but no standard is set for it yet.
    NoStandard,
    /// Owed; the flag says the member pays by quarter.
    Due { quarterly: bool },
    Paid,
    /// 免交, 少交 or 在流入地交纳: settled without counting as unpaid.
    Settled,
}

/// The arrears of one member at a date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Arrears {
    /// Ended months owed and not paid, oldest first.
    pub unpaid: Vec<Ym>,
    /// Unpaid months in a row just before the date's month (C9).
    pub run: u32,
    /// The first month of that run.
    pub run_from: Option<Ym>,
    /// The longest run of unpaid months still unpaid (a later payment does not settle the months before it), and
    /// its first month: six here is the 按自行脱党处理 warning until the secretary handles it or the months are paid.
    pub longest: u32,
    pub longest_from: Option<Ym>,
    /// 交到: the last month up to which every month is paid or settled.
    pub paid_through: Option<Ym>,
}

/// `state(m)` for every month from `first` to `last` (inclusive; `last` may be far in the future for prepaid
/// months). A month is counted once it has ended before `as_of`'s month; a quarterly payer's month once its
/// quarter has ended.
pub fn arrears(first: Ym, last: Ym, as_of: Ym, state: impl Fn(Ym) -> MonthState) -> Arrears {
    let mut a = Arrears::default();
    let ended = |m: Ym, s: MonthState| match s {
        MonthState::Due { quarterly: true } => month::quarter_end(m) < as_of,
        _ => m < as_of,
    };
    let mut through_open = true;
    let mut counted: Vec<(Ym, bool)> = Vec::new();
    for m in first..=last {
        let s = state(m);
        match s {
            MonthState::Paid | MonthState::Settled => {
                if through_open {
                    a.paid_through = Some(m);
                }
                if m < as_of {
                    counted.push((m, false));
                }
            }
            MonthState::Due { .. } => {
                through_open = false;
                if ended(m, s) {
                    a.unpaid.push(m);
                    counted.push((m, true));
                }
            }
            MonthState::NoStandard | MonthState::NotDue => through_open = false,
        }
    }
    for (m, unpaid) in counted.iter().rev() {
        if !unpaid {
            break;
        }
        a.run += 1;
        a.run_from = Some(*m);
    }
    // Runs in order; a tie goes to the later run.
    let (mut len, mut from) = (0u32, None);
    for (m, unpaid) in &counted {
        if *unpaid {
            if len == 0 {
                from = Some(*m);
            }
            len += 1;
            if len >= a.longest {
                a.longest = len;
                a.longest_from = from;
            }
        } else {
            len = 0;
        }
    }
    a
}

/// `calc arrears`: the facts of C9 as JSON, for checking the rule without a data file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArrearsCalc {
    pub first_month: String,
    /// The last dues month (the month the member died or left); none while in the branch.
    pub last_month: Option<String>,
    pub paid: Vec<String>,
    /// Months covered by an approved 少交/免交 or paid at the 流入地.
    pub exempt: Vec<String>,
    pub as_of: String,
    pub quarterly: bool,
    /// The warning's threshold; 6 (dues-2008) when absent.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArrearsAnswer {
    pub unpaid: Vec<String>,
    pub run: u32,
    /// The longest run still unpaid; the warning is on it.
    pub longest: u32,
    pub alert: bool,
    pub paid_through: Option<String>,
}

pub fn calc(input: &ArrearsCalc) -> crate::Result<ArrearsAnswer> {
    let first = month::parse("first_month", "开始交纳的月份", &input.first_month)?;
    let as_of = crate::kernel::dates::parse(&input.as_of)
        .ok_or_else(|| crate::Error::invalid("as_of", "BAD_DATE", format!("日期“{}”不正确，请按 2026-03-05 的格式填写", input.as_of)))?;
    let as_of = month::of_date(as_of);
    let months = |field: &str, label: &str, v: &[String]| -> crate::Result<Vec<Ym>> { v.iter().map(|s| month::parse(field, label, s)).collect() };
    let paid = months("paid", "已交月份", &input.paid)?;
    let exempt = months("exempt", "免交月份", &input.exempt)?;
    let last = input.last_month.as_deref().map(|s| month::parse("last_month", "最后交纳的月份", s)).transpose()?;
    let end = last.unwrap_or_else(|| paid.iter().chain(&exempt).copied().max().unwrap_or(as_of).max(as_of));
    let a = arrears(first, end, as_of, |m| {
        if paid.contains(&m) {
            MonthState::Paid
        } else if exempt.contains(&m) {
            MonthState::Settled
        } else {
            MonthState::Due { quarterly: input.quarterly }
        }
    });
    let limit = input.limit.unwrap_or(super::rules::DUES_2008.months_limit as u32);
    Ok(ArrearsAnswer { unpaid: a.unpaid.iter().map(|m| month::key(*m)).collect(), run: a.run, longest: a.longest, alert: a.longest >= limit, paid_through: a.paid_through.map(month::key) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(first: &str, paid: &[&str], exempt: &[&str], as_of: &str, quarterly: bool) -> ArrearsAnswer {
        calc(&ArrearsCalc {
            first_month: first.into(),
            paid: paid.iter().map(|s| s.to_string()).collect(),
            exempt: exempt.iter().map(|s| s.to_string()).collect(),
            as_of: as_of.into(),
            quarterly,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn the_issue_example() {
        let a = run("2025-12", &["2026-01"], &[], "2026-03-05", false);
        assert_eq!(a.unpaid, ["2025-12", "2026-02"]);
        assert_eq!((a.run, a.alert), (1, false));
        assert_eq!(a.paid_through, None);
    }

    #[test]
    fn six_in_a_row_alerts_and_five_does_not() {
        let a = run("2026-01", &[], &[], "2026-07-01", false);
        assert_eq!((a.run, a.alert), (6, true));
        let a = run("2026-01", &[], &[], "2026-06-30", false);
        assert_eq!((a.run, a.alert), (5, false));
        // A paid month breaks the run; the months before it stay unpaid.
        let a = run("2026-01", &["2026-04"], &[], "2026-11-15", false);
        assert_eq!((a.unpaid.len(), a.run), (9, 6));
        // Paying last month alone does not settle the six before it: the warning stays on that run.
        let a = run("2026-01", &["2026-10"], &[], "2026-11-15", false);
        assert_eq!((a.run, a.longest, a.alert), (0, 9, true));
        let a = run("2026-01", &["2026-07", "2026-10"], &[], "2026-11-15", false);
        assert_eq!((a.longest, a.alert), (6, true));
        let a = run("2026-01", &["2026-06", "2026-10"], &[], "2026-11-15", false);
        assert_eq!((a.longest, a.alert), (5, false));
    }

    #[test]
    fn exempt_months_never_count_and_break_a_run() {
        let a = run("2026-01", &[], &["2026-03", "2026-04"], "2026-09-01", false);
        assert_eq!(a.unpaid, ["2026-01", "2026-02", "2026-05", "2026-06", "2026-07", "2026-08"]);
        assert_eq!((a.run, a.alert), (4, false));
        let all = run("2026-01", &[], &["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"], "2026-08-01", false);
        assert!(all.unpaid.is_empty() && !all.alert);
        assert_eq!(all.paid_through.as_deref(), Some("2026-07"));
    }

    #[test]
    fn quarterly_payers_owe_a_month_once_its_quarter_ended() {
        // 2026-11-20: Q3 has ended, Q4 has not; October and November are not yet late.
        let a = run("2026-07", &[], &[], "2026-11-20", true);
        assert_eq!(a.unpaid, ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(a.run, 3);
        let a = run("2026-07", &["2026-07", "2026-08", "2026-09"], &[], "2026-11-20", true);
        assert!(a.unpaid.is_empty());
        assert_eq!(a.paid_through.as_deref(), Some("2026-09"));
    }

    #[test]
    fn prepaid_months_move_paid_through_ahead() {
        let a = run("2026-01", &["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"], &[], "2026-03-10", false);
        assert!(a.unpaid.is_empty() && a.run == 0);
        assert_eq!(a.paid_through.as_deref(), Some("2026-05"));
    }

    #[test]
    fn the_current_month_is_not_late_yet() {
        let a = run("2026-12", &[], &[], "2026-12-31", false);
        assert!(a.unpaid.is_empty());
        let bad = calc(&ArrearsCalc { first_month: "2026-13".into(), as_of: "2026-12-01".into(), ..Default::default() }).unwrap_err();
        assert_eq!(bad.code(), "BAD_MONTH");
    }
}
