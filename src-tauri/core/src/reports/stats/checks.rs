//! The cross-checks the township runs (section 13), over a branch's tables or a township's 合计: table 1
//! balances (change.rs), the totals of tables 1–4 agree, the bands of a table add up to its total, and each 其中
//! is no more than its parent. A failure names the members behind it where one table can tell.
use super::model::{Check, Table};
use std::collections::HashSet;

fn members_of(t: &Table, label: &str) -> HashSet<i64> {
    t.columns.iter().position(|c| c == label).map(|i| t.cells[i].members.iter().copied().collect()).unwrap_or_default()
}

/// Band groups of each table: (table, parent column, the bands' first and last column, what they are).
const BAND_SUMS: &[(u8, &str, &str, &str, &str)] = &[
    (2, "党员总数", "30岁及以下", "71岁及以上", "各年龄段"),
    (3, "党员总数", "1937年7月6日及以前", "2012年11月及以后", "各入党时间段"),
    (4, "党员总数", "研究生", "初中及以下", "各学历"),
    (16, "发展党员总数", "25岁及以下", "60岁及以上", "各年龄段"),
    (43, "失联党员总数", "35岁及以下", "61岁及以上", "各年龄段"),
    (43, "失联党员总数", "党龄不满1年", "党龄21年及以上", "各党龄段"),
    (43, "失联党员总数", "失联6个月至1年", "失联11年及以上", "各失联时间段"),
    (43, "失联党员总数", "①外出务工经商", "⑦其他", "各失联原因"),
];

/// 其中 columns and their parents.
const PARTS: &[(u8, &str, &[&str])] = &[
    (2, "党员总数", &["其中：预备党员", "女", "少数民族"]),
    (5, "党员总数", &["女"]),
    (8, "参加评议党员", &["其中：预备党员（不定等次）", "优秀", "合格", "基本合格", "不合格"]),
    (15, "转正总数", &["其中：按期转正"]),
    (16, "发展党员总数", &["女", "少数民族", "大专及以上学历"]),
];

/// Every check but table 1's balance (which needs the year's events).
pub fn run(tables: &[Table]) -> Vec<Check> {
    let get = |no: u8| tables.iter().find(|t| t.no == no);
    let mut out = Vec::new();
    if let (Some(t1), Some(t2), Some(t3), Some(t4)) = (get(1), get(2), get(3), get(4)) {
        let (a, b, c, d) = (t1.value("年底实有党员数"), t2.value("党员总数"), t3.value("党员总数"), t4.value("党员总数"));
        out.push(Check::new(1, "表1 年底实有与表2、表3、表4 的党员总数一致", a == b && b == c && c == d, format!("表1 {a}，表2 {b}，表3 {c}，表4 {d}")));
    }
    if let (Some(t1), Some(t16)) = (get(1), get(16)) {
        let (a, b) = (t1.value("发展党员"), t16.value("发展党员总数"));
        out.push(Check::new(16, "表16 发展党员总数与表1 发展党员一致", a == b, format!("表1 {a}，表16 {b}")));
    }
    for (no, parent, first, last, what) in BAND_SUMS {
        let Some(t) = get(*no) else { continue };
        let (Some(i), Some(j)) = (t.columns.iter().position(|c| c == first), t.columns.iter().position(|c| c == last)) else { continue };
        let sum: i64 = t.cells[i..=j].iter().map(|c| c.value).sum();
        let total = t.value(parent);
        let mut check = Check::new(*no, format!("表{no} {what}之和等于{parent}"), sum == total, format!("{what}合计 {sum}，{parent} {total}"));
        if sum != total {
            let placed: HashSet<i64> = t.cells[i..=j].iter().flat_map(|c| c.members.iter().copied()).collect();
            let mut unplaced: Vec<i64> = members_of(t, parent).difference(&placed).copied().collect();
            unplaced.sort_unstable();
            if !unplaced.is_empty() {
                check.detail.push_str("（缺少所需项目的党员见名单）");
            }
            check.members = unplaced;
        }
        out.push(check);
    }
    for (no, parent, parts) in PARTS {
        let Some(t) = get(*no) else { continue };
        let total = t.value(parent);
        let over: Vec<String> = parts.iter().filter(|p| t.value(p) > total).map(|p| format!("{p} {}", t.value(p))).collect();
        let detail = if over.is_empty() {
            format!("{parent} {total}；{}", parts.iter().map(|p| format!("{p} {}", t.value(p))).collect::<Vec<_>>().join("，"))
        } else {
            format!("{parent} {total}，但 {}", over.join("，"))
        };
        out.push(Check::new(*no, format!("表{no} 各“其中”项不大于{parent}"), over.is_empty(), detail));
    }
    out
}
