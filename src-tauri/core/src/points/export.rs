//! 积分公示 and the township's spreadsheets: the month's print table, the notice for the 党务公开栏, the month's
//! .xlsx and the year workbook (one sheet a month and a summary).
use super::config;
use super::month::{month_table, parse_month, year_start, MonthTable, TableRequest};
use super::tenths::{from_tenths, show, to_tenths};
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use crate::org;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::collections::HashMap;

/// The columns every branch file has, month after month, so the township can merge them.
fn print_columns() -> Vec<Column> {
    vec![
        Column::new("seq", "序号", true),
        Column::new("name", "姓名", false),
        Column::new("group", "党小组", false),
        Column::new("base", "基础项", true),
        Column::new("bonus", "奖励", true),
        Column::new("deduction", "扣减", true),
        Column::new("month_total", "本月得分", true).formula("=SUM(D{r}:F{r})"),
        Column::new("year_total", "年度累计", true),
        Column::new("rank", "排名", true).formula("=RANK(H{r},$H${first}:$H${last})"),
        Column::new("tier", "等次", false).centered(),
        Column::new("remarks", "备注", false),
    ]
}

fn print_rows(t: &MonthTable) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![(i + 1).to_string(), r.name.clone(), r.group_name.clone()];
            cells.extend(r.cells.iter().map(|c| show(to_tenths(*c))));
            cells.extend([show(to_tenths(r.month_total)), show(to_tenths(r.year_total)), r.rank.to_string(), r.tier.to_string()]);
            cells.push(if r.probationary { "预备党员".into() } else { String::new() });
            cells
        })
        .collect()
}

/// How 年度累计 is made, in the words the screen and the printout both use.
pub fn formula_line(t: &MonthTable) -> String {
    let cap = t.bonus_cap.map(|c| format!("（奖励全年最多计 {} 分）", show(to_tenths(c)))).unwrap_or_default();
    format!("基础积分 {} 分　　年度累计 = 基础积分 + 1月至本月各项得分{cap}　　排名按年度累计，同分同名次", show(to_tenths(t.base)))
}

/// The month's table as the township receives it (categories as columns, formulas for 本月得分 and 排名).
pub fn month_print_table(conn: &Connection, month: &str, group_id: Option<i64>) -> Result<PrintTable> {
    let t = month_table(conn, &TableRequest { month: month.into(), group_id, by_rule: false })?;
    let (y, m) = parse_month(month)?;
    let mut columns = print_columns();
    // A group's own sheet ranks within the branch, so Excel must not re-rank the subset.
    if group_id.is_some() {
        columns[8].formula = None;
    }
    Ok(PrintTable { chart: None,
        title: format!("{}{y}年{m}月党员积分表", org::get(conn)?.name),
        subtitle: vec![formula_line(&t), format!("共 {} 人", t.rows.len())],
        total: t.rows.len(),
        groups: vec![TableGroup { name: None, rows: print_rows(&t) }],
        columns,
        landscape: true,
        masked: false,
        notes: Vec::new(),
    })
}

/// 公示: the month's table for the 党务公开栏, with the 公示期 and the objection line; no ID numbers, no phones.
pub fn notice_table(conn: &Connection, month: &str, from: &str, to: &str) -> Result<PrintTable> {
    let (y, m) = parse_month(month)?;
    let parse = |field: &str, s: &str| dates::parse_flexible(s).ok_or_else(|| Error::invalid(field, "BAD_DATE", "公示期请按 2026-11-01 的格式填写"));
    let (f, t) = (parse("notice_from", from)?, parse("notice_to", to)?);
    if t < f {
        return Err(Error::invalid("notice_to", "DATE_ORDER", "公示结束日期不能早于开始日期"));
    }
    let mut table = month_print_table(conn, month, None)?;
    let org = org::get(conn)?;
    table.title = format!("{}{y}年{m}月党员积分公示", org.name);
    table.subtitle = vec![format!("公示期：{} 至 {}", dates::iso(f), dates::iso(t))];
    table.notes = vec![
        format!("公示期内如有异议，请向支部反映（联系人：{}）。", org.secretary),
        format!("{}　{}", org.name, dates::iso(f)),
    ];
    Ok(table)
}

/// The file title of the month's table (`month` given) or of the year workbook.
pub fn file_title(conn: &Connection, month: Option<&str>, year: Option<i32>) -> Result<String> {
    let org = org::get(conn)?;
    match (month, year) {
        (Some(m), _) => {
            let (y, mm) = parse_month(m)?;
            Ok(format!("{}{y}年{mm}月党员积分表", org.name))
        }
        (None, Some(y)) => Ok(format!("{}{y}年党员积分（全年）", org.name)),
        (None, None) => Err(Error::invalid("month", "REQUIRED", "请选择要导出的月份或年份")),
    }
}

/// The month's table as .xlsx.
pub fn write_month(conn: &Connection, path: &std::path::Path, month: &str) -> Result<()> {
    crate::store::xlsx::write_table(path, &month_print_table(conn, month, None)?)
}

/// A year workbook: one sheet per month (to this month in the current year) and a summary sheet.
pub fn write_year(conn: &Connection, path: &std::path::Path, year: i32, today: NaiveDate) -> Result<()> {
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", "BAD_PERIOD", "请选择正确的年份"));
    }
    let last = if year == today.year() { today.month() } else { 12 };
    let org = org::get(conn)?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut by_member: HashMap<i64, Vec<f64>> = HashMap::new();
    // Each member's 年度累计 at the last month they are listed: the capped 奖励 makes it more than a sum.
    let mut year_totals: HashMap<i64, i64> = HashMap::new();
    let mut order: Vec<(i64, String, String)> = Vec::new();
    for m in 1..=last {
        let month = format!("{year:04}-{m:02}");
        let t = month_table(conn, &TableRequest { month: month.clone(), ..Default::default() })?;
        for r in &t.rows {
            if !by_member.contains_key(&r.member_id) {
                order.push((r.member_id, r.name.clone(), r.group_name.clone()));
            }
            by_member.entry(r.member_id).or_insert_with(|| vec![0.0; last as usize])[m as usize - 1] = r.month_total;
            year_totals.insert(r.member_id, to_tenths(r.year_total));
        }
        let table = month_print_table(conn, &month, None)?;
        crate::store::xlsx::fill_sheet(wb.add_worksheet(), &table, &format!("{m}月"))?;
    }
    let base = config::get(conn)?.base;
    let mut columns = vec![Column::new("seq", "序号", true), Column::new("name", "姓名", false), Column::new("group", "党小组", false)];
    for m in 1..=last {
        columns.push(Column::new(&format!("m{m}"), &format!("{m}月"), true));
    }
    // Column letters after the months: 全年得分 sums them, 年度累计 adds the base, 排名 ranks it.
    let col = |i: usize| rust_xlsxwriter::utility::column_number_to_name(i as u16);
    let (first_m, last_m) = (col(3), col(2 + last as usize));
    let total_col = col(3 + last as usize);
    let year_col = col(4 + last as usize);
    columns.push(Column::new("year_sum", "全年得分", true).formula(&format!("=SUM({first_m}{{r}}:{last_m}{{r}})")));
    let s = config::get(conn)?;
    let mut year_column = Column::new("year_total", "年度累计", true);
    // Only a plain sum can stay a formula; with the 奖励 cap or a scheme switched this year it is the computed value.
    if s.bonus_cap.is_none() && year_start(&s, year) == format!("{year:04}-01") {
        year_column = year_column.formula(&format!("={}+{total_col}{{r}}", show(to_tenths(base))));
    }
    columns.push(year_column);
    columns.push(Column::new("rank", "排名", true).formula(&format!("=RANK({year_col}{{r}},${year_col}${{first}}:${year_col}${{last}})")));
    columns.push(Column::new("tier", "等次", false).centered());
    let totals: Vec<i64> = order.iter().map(|(id, ..)| year_totals[id]).collect();
    let mut sorted = totals.clone();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let rows: Vec<Vec<String>> = order
        .iter()
        .zip(&totals)
        .enumerate()
        .map(|(i, ((id, name, group), total))| {
            let months = &by_member[id];
            let mut row = vec![(i + 1).to_string(), name.clone(), group.clone()];
            row.extend(months.iter().map(|v| show(to_tenths(*v))));
            row.push(show(months.iter().map(|v| to_tenths(*v)).sum()));
            row.push(show(*total));
            row.push((sorted.partition_point(|s| s > total) + 1).to_string());
            row.push(s.tier(from_tenths(*total)).to_string());
            row
        })
        .collect();
    let summary = PrintTable { chart: None,
        title: format!("{}{year}年党员积分汇总表", org.name),
        subtitle: vec![format!("基础积分 {} 分　　统计至 {year}年{last}月", show(to_tenths(base))), format!("共 {} 人", rows.len())],
        total: rows.len(),
        columns,
        groups: vec![TableGroup { name: None, rows }],
        landscape: true,
        masked: false,
        notes: Vec::new(),
    };
    let ws = wb.add_worksheet();
    crate::store::xlsx::fill_sheet(ws, &summary, "全年汇总")?;
    // The summary is what the township opens first.
    ws.set_active(true);
    crate::store::xlsx::save(&mut wb, path)?;
    Ok(())
}
