//! 分值: points are kept in tenths (迟到 −0.5 is −5) so sums are exact; the API speaks points with one decimal.

pub fn to_tenths(p: f64) -> i64 {
    (p * 10.0).round() as i64
}

pub fn from_tenths(t: i64) -> f64 {
    t as f64 / 10.0
}

/// 12, 12.5, −0.5: a score as a table shows it.
pub fn show(t: i64) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{:.1}", from_tenths(t))
    }
}
