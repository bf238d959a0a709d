//! 统计图表: the structures a secretary would rather show than read — age, 党龄, 学历, 管理类型, 参学率 by month,
//! the month's points by 等次, dues collected by month. Each is a `PrintTable` whose first column is the label
//! and second the charted number, with the chart drawn above it (screen, PDF, and a native chart in Excel).
//! Counted like the 党内统计: members of the branch at the date, ages at it (C5, C6, C11).
use super::stats::{self, bands};
use crate::kernel::dates::{self, age_at};
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::{Bar, Chart, Column, PrintTable, TableGroup};
use chrono::NaiveDate;
use rusqlite::Connection;

/// 党龄 bands of the chart (from 转正, C6); a 预备党员 has none.
const PARTY_YEARS: [bands::AgeBand; 6] = [
    bands::AgeBand { label: "不满10年", min: None, max: Some(9) },
    bands::AgeBand { label: "10至19年", min: Some(10), max: Some(19) },
    bands::AgeBand { label: "20至29年", min: Some(20), max: Some(29) },
    bands::AgeBand { label: "30至39年", min: Some(30), max: Some(39) },
    bands::AgeBand { label: "40至49年", min: Some(40), max: Some(49) },
    bands::AgeBand { label: "50年及以上", min: Some(50), max: None },
];

fn percent(n: f64, total: f64) -> String {
    if total > 0.0 { format!("{:.1}%", n * 100.0 / total) } else { "—".into() }
}

/// A chart table of counts: label, 人数, 占比.
fn counts(title: String, sub: Vec<String>, rows: Vec<(String, i64)>) -> PrintTable {
    let total: i64 = rows.iter().map(|r| r.1).sum();
    let bars = rows.iter().map(|(l, n)| Bar { label: l.clone(), value: *n as f64, shown: n.to_string() }).collect();
    let mut body: Vec<Vec<String>> = rows.iter().map(|(l, n)| vec![l.clone(), n.to_string(), percent(*n as f64, total as f64)]).collect();
    body.push(vec!["合计".into(), total.to_string(), percent(total as f64, total as f64)]);
    PrintTable {
        title,
        subtitle: sub,
        columns: vec![Column::new("label", "类别", false), Column::new("value", "人数", true), Column::new("share", "占比", true)],
        total: rows.len(),
        groups: vec![TableGroup { name: None, rows: body }],
        landscape: false,
        masked: false,
        notes: Vec::new(),
        chart: Some(Chart { kind: "bars".into(), unit: "人".into(), bars }),
    }
}

pub fn build(conn: &Connection, key: &str, year: i32, month: &str, today: NaiveDate) -> Result<PrintTable> {
    let org = crate::org::get(conn)?.name;
    // The structures are as of 12-31 of a past year, as of today in the current one.
    let day = bands::report_date(year).min(today.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today)));
    let as_of = format!("统计日期 {}；按正式组织关系统计", dates::iso(day));
    match key {
        "chart_age" | "chart_education" => {
            let r = stats::report(conn, year, Some(day))?;
            let (no, title) = if key == "chart_age" { (2, "党员年龄结构") } else { (4, "党员学历结构") };
            let t = r.table(no).expect("table");
            let skip = if no == 2 { 4 } else { 1 };
            let rows: Vec<(String, i64)> = t.columns.iter().zip(&t.cells).skip(skip).map(|(l, c)| (l.clone(), c.value)).collect();
            let mut p = counts(format!("{org}{title}"), vec![as_of], rows);
            let field = if no == 2 { "出生日期" } else { "学历" };
            let unplaced = r.missing.iter().filter(|m| m.table == no && m.field == field).count();
            if unplaced > 0 {
                p.notes.push(format!("另有 {unplaced} 名党员缺少{field}，未计入图表，请在党员名册中补全。"));
            }
            Ok(p)
        }
        "chart_party_years" => {
            let members = stats::members_on(conn, day)?;
            let mut rows: Vec<(String, i64)> = PARTY_YEARS.iter().map(|b| (b.label.to_string(), 0)).collect();
            let (mut probationary, mut undated) = (0, 0);
            for m in &members {
                let full = m.data.full_date.as_deref().and_then(dates::parse);
                match full {
                    Some(f) if f <= day => {
                        let label = bands::band_of(&PARTY_YEARS, age_at(f, day)).unwrap_or("不满10年");
                        if let Some(r) = rows.iter_mut().find(|r| r.0 == label) {
                            r.1 += 1;
                        }
                    }
                    // 转正 after the day, or a 预备党员: no 党龄 yet.
                    Some(_) => probationary += 1,
                    None if m.data.category.as_deref() == Some("probationary") => probationary += 1,
                    // A 正式党员 whose 转正日期 is not recorded: not a 预备党员, and no 党龄 to place.
                    None => undated += 1,
                }
            }
            rows.push(("预备党员（无党龄）".into(), probationary));
            let mut p = counts(format!("{org}党员党龄结构"), vec![format!("{as_of}；党龄从转正之日算起")], rows);
            if undated > 0 {
                p.notes.push(format!("另有 {undated} 名正式党员缺少转正日期，未计入图表，请在党员名册中补全。"));
            }
            Ok(p)
        }
        "chart_classes" => {
            let members = stats::members_on(conn, today)?;
            let classes = crate::members::config::classes(conn)?;
            let mut rows: Vec<(String, i64)> = classes.iter().map(|c| (c.name.clone(), members.iter().filter(|m| m.data.mgmt_type.as_deref() == Some(c.key.as_str())).count() as i64)).collect();
            let none = members.iter().filter(|m| !classes.iter().any(|c| m.data.mgmt_type.as_deref() == Some(c.key.as_str()))).count() as i64;
            rows.push(("未分类".into(), none));
            Ok(counts(format!("{org}党员分类（管理类型）"), vec![format!("统计日期 {}", dates::iso(today))], rows))
        }
        "chart_participation" => {
            let last = if year == chrono::Datelike::year(&today) { chrono::Datelike::month(&today) } else { 12 };
            let mut bars = Vec::new();
            let mut body = Vec::new();
            for mo in 1..=last {
                let first = NaiveDate::from_ymd_opt(year, mo, 1).expect("month");
                let end = dates::add_months(first, 1).pred_opt().expect("day");
                let p = crate::meetings::participation::report(conn, &dates::iso(first), &dates::iso(end))?;
                let rate = p.overall.rate;
                let shown = crate::meetings::participation::percent(rate);
                bars.push(Bar { label: format!("{mo}月"), value: rate.unwrap_or(0.0) * 100.0, shown: if rate.is_some() { shown.clone() } else { "无会议".into() } });
                // The number without its % sign, so a spreadsheet charts it.
                body.push(vec![format!("{mo}月"), rate.map(|r| format!("{:.1}", r * 100.0)).unwrap_or_else(|| "—".into()), p.meetings.len().to_string(), p.overall.expected.to_string(), p.overall.took_part.to_string()]);
            }
            Ok(PrintTable {
                title: format!("{org}{year}年各月参学率"),
                subtitle: vec!["参学率 = 参加学习人次 ÷ 应参加人次（按组织生活设置中的请假计算办法）".into()],
                columns: vec![
                    Column::new("label", "月份", false),
                    Column::new("value", "参学率（%）", true),
                    Column::new("meetings", "会议次数", true),
                    Column::new("expected", "应参加人次", true),
                    Column::new("took_part", "参加人次", true),
                ],
                total: body.len(),
                groups: vec![TableGroup { name: None, rows: body }],
                landscape: false,
                masked: false,
                notes: Vec::new(),
                chart: Some(Chart { kind: "columns".into(), unit: "%".into(), bars }),
            })
        }
        "chart_points" => {
            let t = crate::points::month::month_table(conn, &crate::points::month::TableRequest { month: month.into(), group_id: None, by_rule: false })?;
            let s = crate::points::config::get(conn)?;
            let tiers = [
                ("优秀", format!("优秀（{}分及以上）", s.excellent)),
                ("良好", format!("良好（{}分及以上）", s.good)),
                ("合格", format!("合格（{}分及以上）", s.pass)),
                ("待提升", format!("待提升（不足{}分）", s.pass)),
            ];
            let rows = tiers.iter().map(|(k, label)| (label.clone(), t.rows.iter().filter(|r| r.tier == *k).count() as i64)).collect();
            Ok(counts(format!("{org}{}积分分布", crate::dues::month::label(crate::dues::month::parse("month", "月份", month)?)), vec!["按截至本月的年度累计积分分等次".into()], rows))
        }
        "chart_dues" => {
            let mut by_month = [0i64; 12];
            for p in crate::dues::store::payments(conn)? {
                if let Some(d) = dates::parse(&p.paid_on).filter(|d| chrono::Datelike::year(d) == year) {
                    by_month[chrono::Datelike::month(&d) as usize - 1] += p.amount;
                }
            }
            let total: i64 = by_month.iter().sum();
            let bars = by_month.iter().enumerate().map(|(i, f)| Bar { label: format!("{}月", i + 1), value: *f as f64 / 100.0, shown: crate::kernel::money::yuan(*f) }).collect();
            let mut body: Vec<Vec<String>> = by_month.iter().enumerate().map(|(i, f)| vec![format!("{}月", i + 1), crate::kernel::money::yuan(*f)]).collect();
            body.push(vec!["合计".into(), crate::kernel::money::yuan(total)]);
            Ok(PrintTable {
                title: format!("{org}{year}年各月党费收缴"),
                subtitle: vec!["按交纳日期所在月份汇总（元），含补交、预交，冲正已扣除".into()],
                columns: vec![Column::new("label", "月份", false), Column::money("value", "收缴金额（元）")],
                total: 12,
                groups: vec![TableGroup { name: None, rows: body }],
                landscape: false,
                masked: false,
                notes: Vec::new(),
                chart: Some(Chart { kind: "columns".into(), unit: "元".into(), bars }),
            })
        }
        _ => Err(Error::invalid("key", "BAD_TABLE", format!("没有名为“{key}”的图表"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    #[test]
    fn a_chart_prints_every_bar_with_its_label_and_number_above_its_table_and_excel_gets_the_numbers() {
        let mut conn = crate::store::db::open_in_memory().unwrap();
        crate::demo::load(&mut conn).unwrap();
        let today = dates::today();
        let t = build(&conn, "chart_age", today.year(), &today.format("%Y-%m").to_string(), today).unwrap();
        let chart = t.chart.as_ref().unwrap();
        assert_eq!(chart.bars.len(), 10);
        let counted: f64 = chart.bars.iter().map(|b| b.value).sum();
        assert_eq!(t.groups[0].rows.last().unwrap()[1], (counted as i64).to_string(), "合计 row = the bars");
        assert!(t.notes.is_empty(), "every demo member has a birth date: {:?}", t.notes);
        // 党龄: the demo's one 预备党员 has none; the 正式党员 without 入党 and 转正 dates is named in a note, not counted as 预备.
        let py = build(&conn, "chart_party_years", today.year(), "", today).unwrap();
        let pre = py.chart.as_ref().unwrap().bars.iter().find(|b| b.label.starts_with("预备党员")).unwrap().value;
        assert_eq!(pre, 1.0);
        let pages = crate::store::pdf::layout(std::slice::from_ref(&t), &Default::default()).unwrap();
        let texts: Vec<&str> = pages[0].runs.iter().map(|r| r.text.as_str()).collect();
        for b in &chart.bars {
            // Once beside its bar, once in the table.
            assert!(texts.iter().filter(|x| **x == b.label).count() >= 2, "{}", b.label);
        }
        let chart_label = pages[0].runs.iter().find(|r| r.text == chart.bars[0].label).unwrap();
        let table_head = pages[0].runs.iter().find(|r| r.text == "类别").unwrap();
        assert!(chart_label.top < table_head.top, "the chart is above its table");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("年龄.xlsx");
        crate::store::xlsx::write_table(&path, &t).unwrap();
        let sheet = crate::store::sheet::read(&path).unwrap();
        assert!(sheet.rows.iter().any(|r| r.first().is_some_and(|c| c.display() == "合计")));
        // Every month of the year in the 参学率 and 党费 charts, numbers a spreadsheet can chart.
        for key in ["chart_participation", "chart_dues"] {
            let t = build(&conn, key, today.year() - 1, "", today).unwrap();
            assert_eq!(t.chart.unwrap().bars.len(), 12, "{key}");
            assert!(t.groups[0].rows.iter().take(12).all(|r| r[1] == "—" || r[1].parse::<f64>().is_ok()), "{key}");
        }
    }
}
