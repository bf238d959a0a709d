//! Money (C1): integer 分 everywhere; 元 only as text at the edges ("3000.01"). Rates in basis points (0.5% = 50),
//! so base × rate is exact integer arithmetic rounded half-up once, never a float.
use super::error::{Error, Result};

/// "3000.01", "3000.1", "3000", "3,000.01", "￥3000", "３０００．０１" → 300001 分. More than two decimals, a sign,
/// or anything else is refused with `field` named.
pub fn parse_yuan(field: &str, label: &str, s: &str) -> Result<i64> {
    let t: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '．' => '.',
            _ => c,
        })
        .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | ' ') && *c != '元')
        .collect();
    let bad = || Error::invalid(field, "BAD_AMOUNT", format!("{label}“{}”不是正确的金额，请填写元，最多两位小数，例如 3000.01", s.trim()));
    if t.is_empty() {
        return Err(Error::invalid(field, "REQUIRED", format!("请填写{label}")));
    }
    let (yuan, fen) = match t.split_once('.') {
        Some((y, f)) => (y, f),
        None => (t.as_str(), ""),
    };
    if yuan.is_empty() && fen.is_empty() || fen.len() > 2 || !yuan.bytes().all(|b| b.is_ascii_digit()) || !fen.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    if yuan.len() > 12 {
        return Err(bad());
    }
    let y: i64 = if yuan.is_empty() { 0 } else { yuan.parse().map_err(|_| bad())? };
    let f: i64 = match fen.len() {
        0 => 0,
        1 => fen.parse::<i64>().map_err(|_| bad())? * 10,
        _ => fen.parse().map_err(|_| bad())?,
    };
    Ok(y * 100 + f)
}

/// 300001 → "3000.01"; negative amounts (a reversal) keep their sign.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let a = fen.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// base × rate, rate in basis points (1% = 100), rounded half-up to the 分: 1001.00 × 0.5% = 5.005 → 5.01.
pub fn apply_rate(base_fen: i64, rate_bp: i64) -> i64 {
    (base_fen * rate_bp + 5_000).div_euclid(10_000)
}

/// 50 → "0.5%", 150 → "1.5%", 100 → "1%".
pub fn rate_text(rate_bp: i64) -> String {
    let whole = rate_bp / 100;
    let frac = rate_bp % 100;
    if frac == 0 {
        format!("{whole}%")
    } else if frac % 10 == 0 {
        format!("{whole}.{}%", frac / 10)
    } else {
        format!("{whole}.{frac:02}%")
    }
}

/// 大写金额 for a 介绍信 or a receipt: 1234.50 → 壹仟贰佰叁拾肆元伍角整.
pub fn capital(fen: i64) -> String {
    const D: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const U: [&str; 4] = ["", "拾", "佰", "仟"];
    const BIG: [&str; 3] = ["", "万", "亿"];
    let fen = fen.max(0);
    let (y, j, f) = (fen / 100, (fen / 10 % 10) as usize, (fen % 10) as usize);
    let mut out = String::new();
    if y > 0 {
        let digits: Vec<usize> = y.to_string().bytes().map(|b| (b - b'0') as usize).collect();
        let n = digits.len();
        let mut zero = false;
        for (i, &dg) in digits.iter().enumerate() {
            let pos = n - 1 - i;
            if dg == 0 {
                zero = true;
            } else {
                if zero && !out.is_empty() {
                    out.push('零');
                }
                zero = false;
                out.push(D[dg]);
                out.push_str(U[pos % 4]);
            }
            if pos % 4 == 0 && pos > 0 {
                // A whole group of zeros (1,0000,0000) writes no 万.
                let group_start = i.saturating_sub(3);
                if digits[group_start..=i].iter().any(|&x| x != 0) {
                    out.push_str(BIG[pos / 4]);
                }
            }
        }
        out.push('元');
    }
    if j == 0 && f == 0 {
        if out.is_empty() {
            out.push_str("零元");
        }
        out.push('整');
        return out;
    }
    if j > 0 {
        out.push(D[j]);
        out.push('角');
    } else if y > 0 {
        out.push('零');
    }
    if f > 0 {
        out.push(D[f]);
        out.push('分');
    } else {
        out.push('整');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_exactly() {
        assert_eq!(parse_yuan("base", "基数", "3000.01").unwrap(), 300001);
        assert_eq!(parse_yuan("base", "基数", "3000.1").unwrap(), 300010);
        assert_eq!(parse_yuan("base", "基数", "3,000").unwrap(), 300000);
        assert_eq!(parse_yuan("base", "基数", "￥0.20元").unwrap(), 20);
        assert_eq!(parse_yuan("base", "基数", "３０００．０１").unwrap(), 300001);
        assert_eq!(parse_yuan("base", "基数", ".5").unwrap(), 50);
        for bad in ["3000.001", "-5", "abc", "1e3", "3.000.1", "."] {
            let e = parse_yuan("base", "基数", bad).unwrap_err();
            assert_eq!(e.code(), "BAD_AMOUNT", "{bad}");
            assert!(e.message().contains("基数"), "{bad}");
        }
        assert_eq!(parse_yuan("base", "基数", " ").unwrap_err().code(), "REQUIRED");
    }

    #[test]
    fn half_up_to_the_fen() {
        assert_eq!(apply_rate(100100, 50), 501); // 1001.00 × 0.5% = 5.005 → 5.01
        assert_eq!(apply_rate(432250, 100), 4323); // 4322.50 × 1% = 43.225 → 43.23
        assert_eq!(apply_rate(100099, 50), 500); // 5.00495 → 5.00
        assert_eq!(yuan(4323), "43.23");
        assert_eq!(yuan(20), "0.20");
        assert_eq!(yuan(-1500), "-15.00");
        assert_eq!(rate_text(50), "0.5%");
        assert_eq!(rate_text(150), "1.5%");
        assert_eq!(rate_text(200), "2%");
    }

    #[test]
    fn capital_numerals() {
        assert_eq!(capital(123450), "壹仟贰佰叁拾肆元伍角整");
        assert_eq!(capital(100001), "壹仟元零壹分");
        assert_eq!(capital(20), "贰角整");
        assert_eq!(capital(0), "零元整");
        assert_eq!(capital(1000000), "壹万元整");
        assert_eq!(capital(10050000), "壹拾万零伍佰元整");
        assert_eq!(capital(3005), "叁拾元零伍分");
    }
}
