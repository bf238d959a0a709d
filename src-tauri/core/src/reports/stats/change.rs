//! Table 1 (党员数量变化): 上年底 + 发展 + 恢复党籍 + 转入 − 出党 − 停止党籍 − 死亡 − 转出 = 年底应有, which must equal
//! 年底实有 (section 13). Every addition and departure is an event of the year — a 审批, an arrival, a 党籍 change —
//! so a count that does not balance points at the members whose record changed without one.
use super::counted::Register;
use super::model::{Cell, Check, Counter, Table};
use crate::kernel::dates;
use crate::kernel::error::Result;
use crate::members::store as member_store;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{HashMap, HashSet};

pub const ADD: [&str; 3] = ["发展党员", "恢复党籍", "转入"];
pub const LEAVE: [(&str, &str); 4] = [("out", "出党"), ("suspended", "停止党籍"), ("deceased", "死亡"), ("transferred", "转出")];

/// Table 1 between the day after `prev` and `day`, and its balance check. `developed` are the 发展党员 of the
/// period (table 16 counts the same people).
pub(super) fn table(conn: &Connection, reg: &Register, prev: NaiveDate, day: NaiveDate) -> Result<(Table, Check, Vec<i64>)> {
    let (p, d) = (dates::iso(prev), dates::iso(day));
    let before: HashSet<i64> = reg.on(conn, prev)?.iter().map(|m| m.id).collect();
    let now: HashSet<i64> = reg.on(conn, day)?.iter().map(|m| m.id).collect();
    let mut c = Counter::new(
        std::iter::once("上年底党员数").chain(ADD).chain(LEAVE.iter().map(|l| l.1)).chain(["年底应有党员数", "年底实有党员数"]),
    );
    let mut sorted_before: Vec<i64> = before.iter().copied().collect();
    sorted_before.sort_unstable();
    for id in &sorted_before {
        c.add("上年底党员数", *id);
    }
    // The change each member's events make, to find the ones whose record changed without an event.
    let mut delta: HashMap<i64, i64> = HashMap::new();
    let arrivals: Vec<&(i64, String)> = reg.arrivals.iter().filter(|(_, a)| *a > p && *a <= d).collect();
    for (m, _) in &arrivals {
        c.add("转入", *m);
        *delta.entry(*m).or_default() += 1;
    }
    let arrived: HashSet<(i64, &str)> = arrivals.iter().map(|(m, a)| (*m, a.as_str())).collect();
    let came_by_transfer: HashSet<i64> = reg.arrivals.iter().map(|(m, _)| *m).collect();
    let mut developed = Vec::new();
    for m in &reg.records {
        if came_by_transfer.contains(&m.id) {
            continue;
        }
        if reg.start(m).is_some_and(|s| s > p && s <= d) {
            c.add("发展党员", m.id);
            developed.push(m.id);
            *delta.entry(m.id).or_default() += 1;
        }
    }
    for (m, from, to, date) in member_store::status_changes(conn, &p, &d)? {
        let was = from.as_deref() == Some("normal");
        if to == "normal" && !was {
            // Coming back by a 转入 is counted as the arrival.
            if !arrived.contains(&(m, date.as_str())) {
                c.add("恢复党籍", m);
                *delta.entry(m).or_default() += 1;
            }
        } else if was && to != "normal" {
            if let Some((_, label)) = LEAVE.iter().find(|(k, _)| *k == to) {
                c.add(label, m);
                *delta.entry(m).or_default() -= 1;
            }
        }
    }
    let mut sorted_now: Vec<i64> = now.iter().copied().collect();
    sorted_now.sort_unstable();
    for id in &sorted_now {
        c.add("年底实有党员数", *id);
    }
    let mut t = c.finish(1, "党员数量变化", vec![format!("统计期间 {} 至 {}；发展党员按上级党委审批日期统计。", dates::iso(prev.succ_opt().unwrap_or(prev)), d)]);
    let adds: i64 = ADD.iter().map(|l| t.value(l)).sum();
    let leaves: i64 = LEAVE.iter().map(|l| t.value(l.1)).sum();
    let expected = t.value("上年底党员数") + adds - leaves;
    let i = t.columns.iter().position(|c| c == "年底应有党员数").expect("column");
    t.cells[i] = Cell { value: expected, members: Vec::new() };
    let actual = t.value("年底实有党员数");
    // Whoever is counted differently from what their events say: a record typed in or changed without an event.
    let mut unexplained: Vec<i64> = before
        .union(&now)
        .copied()
        .filter(|m| before.contains(m) as i64 + delta.get(m).copied().unwrap_or(0) != now.contains(m) as i64)
        .collect();
    unexplained.sort_unstable();
    let detail = if expected == actual {
        format!("上年底 {} + 增加 {adds} − 减少 {leaves} = {expected}，与年底实有 {actual} 相符", t.value("上年底党员数"))
    } else {
        format!(
            "上年底 {} + 增加 {adds} − 减少 {leaves} = {expected}，年底实有 {actual}，相差 {}。下列党员的党籍变化没有登记（如直接录入、未登记转入或发展），请在党员名册或相应模块补登",
            t.value("上年底党员数"),
            actual - expected
        )
    };
    let mut check = Check::new(1, "表1 平衡：上年底 + 增加 − 减少 = 年底实有", expected == actual && unexplained.is_empty(), detail);
    check.members = unexplained;
    Ok((t, check, developed))
}
