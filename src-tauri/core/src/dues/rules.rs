//! The dues rules (中组部 2008 规定, domain.md section 9) as data: who pays on which base, the brackets and rates,
//! the fixed amounts, and the limits. A revised rule is a new `RuleSet` row with the date it applies from, not a
//! change to the code that computes; every standard records the rule-set it was computed under.
use crate::kernel::error::{Error, FieldError, Result};
use crate::kernel::money::{self, apply_rate, parse_yuan, rate_text, yuan};
use serde::{Deserialize, Serialize};

/// How a 缴费类别 finds its monthly amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A monthly wage or pay as the base; the wage brackets.
    Wage,
    /// The mean of last quarter's three monthly net incomes as the base; the wage brackets.
    Incomes,
    /// The pension as the base; the retiree brackets.
    Pension,
    /// A fixed amount the branch chooses within the rule-set's range (农民).
    Chosen,
    /// The rule-set's fixed small amount (学生, 下岗失业, 抚恤救济, 低保).
    Fixed,
}

/// 缴费类别: (key, Chinese name, basis, where the base usually comes from).
pub const KINDS: &[(&str, &str, Basis, &str)] = &[
    ("employed", "在职", Basis::Wage, "工资条"),
    ("annual", "年薪制", Basis::Wage, "当月薪酬"),
    ("self_employed", "个体经营", Basis::Incomes, "上季度月均纯收入"),
    ("retired", "离退休", Basis::Pension, "养老金"),
    ("farmer", "农民", Basis::Chosen, ""),
    ("student", "学生", Basis::Fixed, ""),
    ("unemployed", "下岗失业", Basis::Fixed, ""),
    ("relief", "抚恤救济", Basis::Fixed, ""),
    ("subsistence", "低保", Basis::Fixed, ""),
];

/// The key of a 缴费类别 given by key or by its Chinese name ("在职" or "employed").
pub fn kind_key(s: &str) -> Option<&'static str> {
    let s = s.trim();
    KINDS.iter().find(|k| k.0 == s || k.1 == s || (s == "抚恤" || s == "救济") && k.0 == "relief").map(|k| k.0)
}

pub fn kind_name(key: &str) -> &'static str {
    KINDS.iter().find(|k| k.0 == key).map(|k| k.1).unwrap_or("")
}

fn basis(key: &str) -> Basis {
    KINDS.iter().find(|k| k.0 == key).map(|k| k.2).unwrap_or(Basis::Fixed)
}

/// A bracket: bases up to and including `up_to` (分; `None` = above every other) pay `rate` basis points of the
/// whole base.
#[derive(Debug, Clone, Copy)]
pub struct Bracket {
    pub up_to: Option<i64>,
    pub rate: i64,
}

#[derive(Debug)]
pub struct RuleSet {
    pub id: &'static str,
    /// The first day it applies.
    pub from: &'static str,
    pub wage: &'static [Bracket],
    pub pension: &'static [Bracket],
    /// 学生, 下岗失业, 抚恤救济, 低保: 分 a month.
    pub fixed: i64,
    /// The range a branch chooses the 农民 amount in, 分.
    pub chosen_min: i64,
    pub chosen_max: i64,
    /// A one-off voluntary payment of this much or more is 大额党费 (goes to the centre).
    pub large: i64,
    /// 补交 / 预交 of more months than this is warned about (C10); this many unpaid months in a row is the
    /// 按自行脱党处理 warning (C9).
    pub months_limit: i32,
}

/// 中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》(2008).
pub const DUES_2008: RuleSet = RuleSet {
    id: "dues-2008",
    from: "2008-02-01",
    wage: &[
        Bracket { up_to: Some(300_000), rate: 50 },
        Bracket { up_to: Some(500_000), rate: 100 },
        Bracket { up_to: Some(1_000_000), rate: 150 },
        Bracket { up_to: None, rate: 200 },
    ],
    pension: &[Bracket { up_to: Some(500_000), rate: 50 }, Bracket { up_to: None, rate: 100 }],
    fixed: 20,
    chosen_min: 20,
    chosen_max: 100,
    large: 100_000,
    months_limit: 6,
};

/// Every rule-set, oldest first.
pub const RULE_SETS: &[&RuleSet] = &[&DUES_2008];

/// The rule-set in force on a date (ISO): the latest whose `from` is not after it.
pub fn rule_set_on(date: &str) -> &'static RuleSet {
    RULE_SETS.iter().rev().find(|r| r.from <= date).copied().unwrap_or(RULE_SETS[0])
}

/// A rule-set as people name it: dues-2008 → 2008年中组部党费规定.
pub fn rule_set_name(id: &str) -> String {
    match id.strip_prefix("dues-") {
        Some(year) => format!("{year}年中组部党费规定"),
        None => id.to_string(),
    }
}

pub fn rule_set(id: &str) -> &'static RuleSet {
    RULE_SETS.iter().find(|r| r.id == id).copied().unwrap_or(RULE_SETS[RULE_SETS.len() - 1])
}

fn bracket(brackets: &[Bracket], base: i64) -> i64 {
    brackets.iter().find(|b| b.up_to.is_none_or(|u| base <= u)).map(|b| b.rate).unwrap_or(0)
}

/// What `calc dues` and a standard's form send: the kind, and the base, the three incomes or the chosen amount.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesCalcInput")]
pub struct CalcInput {
    /// 缴费类别, by key (`employed`) or Chinese name (在职).
    pub kind: String,
    /// 元, "3000.01".
    pub base: Option<String>,
    /// 个体经营: last quarter's three monthly net incomes, 元.
    pub incomes: Vec<String>,
    /// 农民: the amount the branch chose, 元 (0.20–1.00); empty for the branch's setting.
    pub standard: Option<String>,
}

/// A computed monthly amount.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "DuesCalc")]
pub struct Calc {
    pub kind: String,
    pub kind_name: String,
    /// The base in 分, where the kind has one.
    pub base_fen: Option<i64>,
    pub base: Option<String>,
    /// Basis points, where a rate applies.
    pub rate_bp: Option<i64>,
    /// "1%", or 定额 for the fixed amounts.
    pub rate: String,
    pub amount: String,
    pub amount_fen: i64,
    pub rule_set: String,
}

/// The monthly amount of section 9 under `rules`; `chosen_default` is the branch's 农民 amount (分).
pub fn calc(input: &CalcInput, rules: &RuleSet, chosen_default: i64) -> Result<Calc> {
    let Some(kind) = kind_key(&input.kind) else {
        let names: Vec<&str> = KINDS.iter().map(|k| k.1).collect();
        let msg = if input.kind.trim().is_empty() {
            format!("请选择缴费类别（{}）", names.join("、"))
        } else {
            format!("缴费类别“{}”不正确，应为：{}", input.kind.trim(), names.join("、"))
        };
        return Err(Error::invalid("kind", "BAD_KIND", msg));
    };
    let base_of = |label: &str| -> Result<i64> {
        match input.base.as_deref() {
            Some(b) if !b.trim().is_empty() => parse_yuan("base", label, b),
            _ => Err(Error::invalid("base", "REQUIRED", format!("请填写{label}（元），它是党费的交纳基数"))),
        }
    };
    let (base, rate) = match basis(kind) {
        Basis::Wage => {
            let b = base_of(if kind == "annual" { "当月薪酬" } else { "每月工资收入" })?;
            (Some(b), Some(bracket(rules.wage, b)))
        }
        Basis::Pension => {
            let b = base_of("每月离退休费")?;
            (Some(b), Some(bracket(rules.pension, b)))
        }
        Basis::Incomes => {
            let b = if input.incomes.iter().any(|s| !s.trim().is_empty()) {
                mean_of_three(&input.incomes)?
            } else if input.base.as_deref().is_some_and(|b| !b.trim().is_empty()) {
                base_of("上季度月均纯收入")?
            } else {
                return Err(Error::invalid("incomes", "REQUIRED", "个体经营请填写上季度 3 个月各自的月纯收入（元），取平均数作为交纳基数"));
            };
            (Some(b), Some(bracket(rules.wage, b)))
        }
        Basis::Chosen | Basis::Fixed => (None, None),
    };
    let amount = match (basis(kind), base, rate) {
        (_, Some(b), Some(r)) => apply_rate(b, r),
        (Basis::Chosen, _, _) => {
            let a = match input.standard.as_deref().filter(|s| !s.trim().is_empty()) {
                Some(s) => parse_yuan("standard", "农民党员每月交纳额", s)?,
                None => chosen_default,
            };
            if !(rules.chosen_min..=rules.chosen_max).contains(&a) {
                return Err(Error::invalid(
                    "standard",
                    "OUT_OF_RANGE",
                    format!(
                        "农民党员每月交纳 {} 元超出规定范围：按{}，应在 {}—{} 元之间",
                        yuan(a),
                        rule_set_name(rules.id),
                        yuan(rules.chosen_min),
                        yuan(rules.chosen_max)
                    ),
                ));
            }
            a
        }
        _ => rules.fixed,
    };
    Ok(Calc {
        kind: kind.into(),
        kind_name: kind_name(kind).into(),
        base_fen: base,
        base: base.map(yuan),
        rate_bp: rate,
        rate: rate.map(rate_text).unwrap_or_else(|| "定额".into()),
        amount: yuan(amount),
        amount_fen: amount,
        rule_set: rules.id.into(),
    })
}

/// 个体经营: the mean of exactly three monthly incomes, half-up to the 分.
fn mean_of_three(incomes: &[String]) -> Result<i64> {
    if incomes.len() != 3 {
        return Err(Error::invalid("incomes", "INCOMES_THREE", format!("个体经营请填写上季度 3 个月的月纯收入（现在是 {} 个）", incomes.len())));
    }
    let mut errs: Vec<FieldError> = Vec::new();
    let mut sum = 0;
    for (i, s) in incomes.iter().enumerate() {
        // Each month's own field (incomes.0 …), so the error sits under the box that holds the mistake.
        let field = format!("incomes.{i}");
        let r = if s.trim().is_empty() {
            Err(Error::invalid(&field, "REQUIRED", format!("请填写上季度第 {} 个月的纯收入（元）", i + 1)))
        } else {
            parse_yuan(&field, &format!("上季度第 {} 个月的纯收入", i + 1), s)
        };
        match r {
            Ok(v) => sum += v,
            Err(Error::Invalid(e)) => errs.extend(e),
            Err(e) => return Err(e),
        }
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    Ok((2 * sum + 3) / 6)
}

/// The amount a payment of `fen` is flagged as 大额党费 from.
pub fn is_large(fen: i64, rules: &RuleSet) -> bool {
    fen >= rules.large
}

/// "按月" / "按季".
pub fn cadence(quarterly: bool) -> &'static str {
    if quarterly { "按季" } else { "按月" }
}

pub use money::yuan as show;

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(kind: &str, base: &str) -> String {
        calc(&CalcInput { kind: kind.into(), base: Some(base.into()), ..Default::default() }, &DUES_2008, 50).unwrap().amount
    }

    #[test]
    fn every_wage_bracket_edge() {
        assert_eq!(amount("在职", "3000.00"), "15.00");
        assert_eq!(amount("在职", "3000.01"), "30.00");
        assert_eq!(amount("在职", "5000.00"), "50.00");
        assert_eq!(amount("在职", "5000.01"), "75.00");
        assert_eq!(amount("在职", "10000.00"), "150.00");
        assert_eq!(amount("在职", "10000.01"), "200.00");
        assert_eq!(amount("年薪制", "10000.01"), "200.00");
        assert_eq!(amount("在职", "0.01"), "0.00");
    }

    #[test]
    fn retiree_brackets_break_at_5000() {
        assert_eq!(amount("离退休", "5000.00"), "25.00");
        assert_eq!(amount("离退休", "5000.01"), "50.00");
        assert_eq!(amount("离退休", "3000.01"), "15.00");
    }

    #[test]
    fn rounding_traps_are_half_up_to_the_fen() {
        assert_eq!(amount("在职", "1001.00"), "5.01");
        assert_eq!(amount("在职", "4322.50"), "43.23");
        assert_eq!(amount("在职", "1000.99"), "5.00");
        assert_eq!(amount("离退休", "2345.67"), "11.73");
    }

    #[test]
    fn self_employed_use_the_mean_of_three_incomes() {
        let c = calc(&CalcInput { kind: "个体经营".into(), incomes: vec!["9000.00".into(), "12000.00".into(), "6000.00".into()], ..Default::default() }, &DUES_2008, 50).unwrap();
        assert_eq!((c.base.as_deref(), c.rate.as_str(), c.amount.as_str()), (Some("9000.00"), "1.5%", "135.00"));
        // 10000.00 / 3 = 3333.333… → 3333.33
        let c = calc(&CalcInput { kind: "个体经营".into(), incomes: vec!["10000".into(), "0".into(), "0".into()], ..Default::default() }, &DUES_2008, 50).unwrap();
        assert_eq!(c.base.as_deref(), Some("3333.33"));
        let two = calc(&CalcInput { kind: "个体经营".into(), incomes: vec!["1".into(), "2".into()], ..Default::default() }, &DUES_2008, 50).unwrap_err();
        assert_eq!(two.code(), "INCOMES_THREE");
    }

    #[test]
    fn fixed_and_chosen_amounts() {
        let f = |kind: &str, std: Option<&str>| calc(&CalcInput { kind: kind.into(), standard: std.map(Into::into), ..Default::default() }, &DUES_2008, 50);
        assert_eq!(f("农民", Some("0.50")).unwrap().amount, "0.50");
        assert_eq!(f("农民", None).unwrap().amount, "0.50");
        assert_eq!(f("农民", Some("1.00")).unwrap().amount, "1.00");
        assert_eq!(f("农民", Some("1.01")).unwrap_err().code(), "OUT_OF_RANGE");
        assert_eq!(f("农民", Some("0.19")).unwrap_err().code(), "OUT_OF_RANGE");
        for k in ["学生", "下岗失业", "抚恤救济", "低保"] {
            let c = f(k, None).unwrap();
            assert_eq!((c.amount.as_str(), c.rate.as_str()), ("0.20", "定额"), "{k}");
        }
    }

    #[test]
    fn bad_input_names_the_field() {
        let e = calc(&CalcInput { kind: "公务员".into(), ..Default::default() }, &DUES_2008, 50).unwrap_err();
        assert_eq!(e.code(), "BAD_KIND");
        assert!(e.message().contains("在职"));
        let e = calc(&CalcInput { kind: "在职".into(), ..Default::default() }, &DUES_2008, 50).unwrap_err();
        assert_eq!(e.code(), "REQUIRED");
        let e = calc(&CalcInput { kind: "在职".into(), base: Some("3000.001".into()), ..Default::default() }, &DUES_2008, 50).unwrap_err();
        assert_eq!(e.code(), "BAD_AMOUNT");
    }

    #[test]
    fn the_rule_set_in_force_by_date() {
        assert_eq!(rule_set_on("2026-12-04").id, "dues-2008");
        assert!(is_large(100_000, &DUES_2008) && !is_large(99_999, &DUES_2008));
    }
}
