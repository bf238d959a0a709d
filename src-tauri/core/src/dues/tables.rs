//! The dues tables, each a `PrintTable` (printed, PDF, xlsx): the yearly 党费收缴登记表, the township's
//! 党费收缴情况统计表 (month or quarter), a member's 党费证 page, the yearly 公示 list and the 交纳基数核定表.
//! Their columns are fixed, so the township can merge branches' files.
use super::arrears::MonthState;
use super::book::Book;
use super::month::{self, Ym};
use super::remit;
use super::rules::{self, kind_name};
use super::standard::review_of;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::money::{rate_text, yuan};
use crate::kernel::print_table::{Column, PrintTable, TableGroup};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// Which dues table, for the print view, 保存为 Excel and the CLI.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
#[ts(rename = "DuesTableRequest")]
pub struct TableRequest {
    /// register (登记表), statistics (统计表), card (党费证), public (公示), review (核定表).
    pub kind: String,
    pub year: i32,
    /// statistics: YYYY-MM for a month; empty with `quarter` for a quarter.
    pub month: Option<String>,
    /// statistics: 1–4.
    pub quarter: Option<u32>,
    /// card: whose.
    pub member_id: Option<i64>,
}

pub fn table(conn: &Connection, req: &TableRequest, today: NaiveDate) -> Result<PrintTable> {
    let book = Book::load(conn)?;
    let year = if req.year == 0 { month::year(month::of_date(today)) } else { req.year };
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("year", "BAD_YEAR", format!("年份“{year}”不正确")));
    }
    match req.kind.as_str() {
        "register" => Ok(register(&book, year, today)),
        "statistics" => {
            let months: Vec<Ym> = match (&req.month, req.quarter) {
                (Some(m), _) if !m.trim().is_empty() => vec![month::parse("month", "月份", m)?],
                (_, Some(q)) if (1..=4).contains(&q) => (0..3).map(|i| month::ym(year, q * 3 - 2) + i).collect(),
                _ => return Err(Error::invalid("month", "REQUIRED", "请选择统计的月份或季度")),
            };
            statistics(conn, &book, &months, req.quarter.filter(|_| req.month.as_deref().is_none_or(|m| m.trim().is_empty())))
        }
        "card" => {
            let id = req.member_id.ok_or_else(|| Error::invalid("member_id", "REQUIRED", "请选择党员"))?;
            card(&book, id, year)
        }
        "public" => Ok(public(&book, year, today)),
        "review" => Ok(review_table(&book, year)),
        other => Err(Error::invalid("kind", "BAD_TABLE", format!("没有名为“{other}”的党费报表"))),
    }
}

fn money_or_blank(fen: i64) -> String {
    if fen == 0 { String::new() } else { yuan(fen) }
}

/// The months of `year` a member is in the books, with what each month holds.
struct YearFacts {
    owed: i64,
    /// Owed for the months that have ended (a 公示 during the year does not ask for December yet).
    owed_ended: i64,
    paid: i64,
    late: i64,
    early: i64,
    extra: i64,
    cells: Vec<String>,
    proxies: Vec<String>,
    unpaid: Vec<u32>,
}

fn year_facts(book: &Book, id: i64, year: i32, today: NaiveDate) -> YearFacts {
    let m = book.member(id).expect("a member of the book");
    let now = month::of_date(today);
    let mut f = YearFacts { owed: 0, owed_ended: 0, paid: 0, late: 0, early: 0, extra: 0, cells: Vec::new(), proxies: Vec::new(), unpaid: Vec::new() };
    for i in 1..=12 {
        let at = month::ym(year, i);
        let owed = book.owed(m, at);
        f.owed += owed.unwrap_or(0);
        if at < now {
            f.owed_ended += owed.unwrap_or(0);
        }
        let paid = book.paid_at(id, at);
        let dues = paid.map_or(0, |p| p.dues);
        f.paid += dues;
        f.extra += paid.map_or(0, |p| p.extra);
        if let Some(p) = paid {
            for r in p.rows.iter().filter(|r| r.kind == "dues") {
                match month::of_iso(&r.paid_on) {
                    Some(pm) if pm > at => f.late += r.amount,
                    Some(pm) if pm < at => f.early += r.amount,
                    _ => {}
                }
            }
            if let Some(x) = p.proxy() {
                if !f.proxies.iter().any(|y| y == x) {
                    f.proxies.push(x.to_string());
                }
            }
        }
        let state = book.state(m, at);
        f.cells.push(match state {
            MonthState::Paid => yuan(dues),
            MonthState::Settled => match book.relief_at(id, at).map(|r| r.kind.as_str()) {
                Some("elsewhere") => "流入地".into(),
                Some("reduced") => "少交".into(),
                _ => "免交".into(),
            },
            MonthState::NotDue => "—".into(),
            _ => String::new(),
        });
        if matches!(state, MonthState::Due { .. }) && at < now {
            f.unpaid.push(i);
        }
    }
    f
}

fn subtitle(book: &Book, year: i32) -> String {
    format!("{}　　{year}年度　　单位：元", book.org_name)
}

/// 党费收缴登记表: members × 12 months with the year's totals.
pub fn register(book: &Book, year: i32, today: NaiveDate) -> PrintTable {
    let mut columns = vec![
        Column::new("seq", "序号", true).centered(),
        Column::new("name", "姓名", false),
        Column::new("kind", "类别", false),
        Column::money("base", "基数"),
        Column::new("rate", "比例", true),
        Column::money("monthly", "月应交"),
    ];
    for i in 1..=12 {
        columns.push(Column::money(&format!("m{i}"), &format!("{i}月")));
    }
    columns.extend([
        Column::money("owed", "全年应交"),
        Column::money("paid", "全年实交"),
        Column::money("late", "补交"),
        Column::money("early", "预交"),
        Column::money("extra", "多交"),
        Column::new("proxy", "代交人", false),
        Column::new("remarks", "备注", false),
    ]);
    let (jan, dec) = (month::ym(year, 1), month::ym(year, 12));
    let mut rows = Vec::new();
    let mut sums = vec![0i64; 12 + 5];
    for m in book.members.iter().filter(|m| (jan..=dec).any(|at| book.in_books(m, at))) {
        let at = book.last_month(m).map_or(dec, |l| l.min(dec));
        let std = book.standard_at(m.id, at);
        let f = year_facts(book, m.id, year, today);
        let mut remarks = Vec::new();
        if let Some(l) = book.last_month(m) {
            if l <= dec {
                remarks.push(format!("{}起不再交纳", month::key(l + 1)));
            }
        }
        if let Some(r) = (jan..=dec).find_map(|x| book.relief_at(m.id, x)) {
            remarks.push(format!("{} {}", match r.kind.as_str() { "reduced" => "经批准少交", "exempt" => "经批准免交", _ => "在流入地交纳" }, r.doc_no.clone().unwrap_or_default()).trim().to_string());
        }
        if std.is_some_and(|s| s.quarterly) {
            remarks.push("按季交纳".into());
        }
        if f.extra >= rules::DUES_2008.large {
            remarks.push("大额党费".into());
        }
        let mut row = vec![
            (rows.len() + 1).to_string(),
            book.shown(m),
            std.map(|s| kind_name(&s.kind).to_string()).unwrap_or_default(),
            std.and_then(|s| s.base).map(yuan).unwrap_or_default(),
            std.map(|s| s.rate.map(rate_text).unwrap_or_else(|| "定额".into())).unwrap_or_default(),
            std.map(|s| yuan(s.amount)).unwrap_or_default(),
        ];
        for (i, c) in f.cells.iter().enumerate() {
            if let Some(p) = book.paid_at(m.id, month::ym(year, i as u32 + 1)) {
                sums[i] += p.dues;
            }
            row.push(c.clone());
        }
        for (i, v) in [f.owed, f.paid, f.late, f.early, f.extra].into_iter().enumerate() {
            sums[12 + i] += v;
            row.push(money_or_blank(v));
        }
        row.push(f.proxies.join("、"));
        row.push(remarks.join("；"));
        rows.push(row);
    }
    let n = rows.len();
    let mut total = vec![String::new(), "合计".into(), String::new(), String::new(), String::new(), String::new()];
    total.extend(sums.iter().map(|v| yuan(*v)));
    total.extend([String::new(), String::new()]);
    rows.push(total);
    PrintTable { chart: None,
        title: format!("{}{year}年党费收缴登记表", book.org_name),
        subtitle: vec![subtitle(book, year), format!("共 {n} 人　　月份栏为实交金额；空白为未交，“—”为不用交纳")],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: n,
        landscape: true,
        masked: false,
        notes: vec!["收款人（签字）：　　　　　　　　支部书记（签字）：　　　　　　　　填表日期：".into()],
    }
}

/// 党费收缴情况统计表 for the township: a row per month (and the quarter's 合计).
fn statistics(conn: &Connection, book: &Book, months: &[Ym], quarter: Option<u32>) -> Result<PrintTable> {
    let remits = remit::remits(conn, month::year(months[0]))?.remits;
    let columns = vec![
        Column::new("period", "月份", false),
        Column::new("members", "党员总数", true),
        Column::new("due", "应交人数", true),
        Column::new("on_time", "按时交纳人数", true),
        Column::new("unpaid", "未交人数", true),
        Column::money("owed", "应交金额"),
        Column::money("paid", "实交金额"),
        Column::money("late", "补交金额"),
        Column::money("extra", "多交金额"),
        Column::money("remitted", "上缴金额"),
        Column::new("remit_date", "上缴日期", false),
    ];
    let mut rows = Vec::new();
    let mut sum = [0i64; 9];
    let mut remit_dates = Vec::new();
    for &at in months {
        let (mut members, mut due, mut on_time, mut unpaid, mut owed, mut paid, mut late, mut extra) = (0i64, 0i64, 0i64, 0i64, 0i64, 0i64, 0i64, 0i64);
        for m in &book.members {
            if book.on_roll(m, at) {
                members += 1;
            }
            let o = book.owed(m, at).unwrap_or(0);
            let p = book.paid_at(m.id, at);
            let state = book.state(m, at);
            if o > 0 || matches!(state, MonthState::Paid) {
                due += 1;
                owed += o;
                match state {
                    MonthState::Paid => {
                        let first = p.and_then(|p| p.rows.iter().filter(|r| r.kind == "dues").filter_map(|r| month::of_iso(&r.paid_on)).min());
                        if first.is_some_and(|f| f <= at) {
                            on_time += 1;
                        }
                    }
                    MonthState::Due { .. } => unpaid += 1,
                    _ => {}
                }
            }
            paid += p.map_or(0, |p| p.dues);
        }
        // Money received in this month for earlier months, and voluntary extra paid in it.
        for r in book.rows.iter().filter(|r| month::of_iso(&r.paid_on) == Some(at)) {
            match (r.kind.as_str(), month::parse("", "", &r.month).ok()) {
                ("extra", _) => extra += r.amount,
                (_, Some(dm)) if dm < at => late += r.amount,
                _ => {}
            }
        }
        let (remitted, dates) = remit::remitted_between(&remits, &dates::iso(month::first_day(at)), &dates::iso(month::last_day(at)));
        remit_dates.extend(dates.clone());
        let v = [members, due, on_time, unpaid, owed, paid, late, extra, remitted];
        for (s, x) in sum.iter_mut().zip(v) {
            *s += x;
        }
        rows.push(stat_row(month::label(at), &v, dates.join("、")));
    }
    if let Some(q) = quarter {
        // Head counts of a quarter are those of its last month; money adds up.
        let last = rows.last().cloned().unwrap_or_default();
        let mut total = stat_row(format!("第{}季度合计", ["一", "二", "三", "四"][(q - 1) as usize]), &sum, remit_dates.join("、"));
        total[1..5].clone_from_slice(&last[1..5]);
        rows.push(total);
    }
    let period = match quarter {
        Some(q) => format!("{}年第{}季度", month::year(months[0]), ["一", "二", "三", "四"][(q - 1) as usize]),
        None => month::label(months[0]),
    };
    Ok(PrintTable { chart: None,
        title: format!("{}{period}党费收缴情况统计表", book.org_name),
        subtitle: vec![format!("统计期间：{period}　　单位：人、元")],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: months.len(),
        landscape: true,
        masked: false,
        notes: vec![
            "按时交纳：在该月或之前交纳；逾期补交的党员既不计入按时交纳人数，也不计入未交人数。实交金额：该月应交党费中已交的金额（含之后补交）；补交金额：该月收到的以前月份党费；多交金额：该月收到的自愿多交党费。".into(),
            "填报人：　　　　　　　　支部书记：　　　　　　　　报送日期：".into(),
        ],
    })
}

fn stat_row(label: String, v: &[i64; 9], dates: String) -> Vec<String> {
    let mut r = vec![label];
    r.extend(v[..4].iter().map(|x| x.to_string()));
    r.extend(v[4..].iter().map(|x| yuan(*x)));
    r.push(dates);
    r
}

/// A member's 党费证 page for a year: each month's standard, owed, paid, date and collector.
fn card(book: &Book, id: i64, year: i32) -> Result<PrintTable> {
    let m = book.member(id).ok_or(Error::NotFound { entity: "member", id })?;
    let columns = vec![
        Column::new("month", "月份", false),
        Column::new("kind", "类别", false),
        Column::money("base", "基数"),
        Column::new("rate", "比例", true),
        Column::money("owed", "应交"),
        Column::money("paid", "实交"),
        Column::new("paid_on", "交纳日期", false),
        Column::new("collector", "收款人", false),
        Column::new("remarks", "备注", false),
    ];
    let mut rows = Vec::new();
    let (mut owed_sum, mut paid_sum) = (0, 0);
    for i in 1..=12 {
        let at = month::ym(year, i);
        let std = book.standard_at(id, at).filter(|_| book.in_books(m, at));
        let owed = book.owed(m, at);
        let paid = book.paid_at(id, at);
        owed_sum += owed.unwrap_or(0);
        paid_sum += paid.map_or(0, |p| p.dues);
        let mut remarks = Vec::new();
        if let Some(p) = paid {
            if let Some(x) = p.proxy() {
                remarks.push(format!("{x}代交"));
            }
            match p.paid_on().and_then(month::of_iso) {
                Some(pm) if pm > at => remarks.push("补交".into()),
                Some(pm) if pm < at => remarks.push("预交".into()),
                _ => {}
            }
            if p.extra > 0 {
                remarks.push(format!("自愿多交 {} 元", yuan(p.extra)));
            }
        }
        if let Some(r) = book.relief_at(id, at).filter(|_| book.in_books(m, at)) {
            remarks.push(match r.kind.as_str() { "reduced" => "经批准少交", "exempt" => "经批准免交", _ => "在流入地交纳" }.into());
        }
        rows.push(vec![
            format!("{i}月"),
            std.map(|s| kind_name(&s.kind).to_string()).unwrap_or_default(),
            std.and_then(|s| s.base).map(yuan).unwrap_or_default(),
            std.map(|s| s.rate.map(rate_text).unwrap_or_else(|| "定额".into())).unwrap_or_default(),
            owed.map(yuan).unwrap_or_else(|| "—".into()),
            paid.filter(|p| p.dues != 0).map(|p| yuan(p.dues)).unwrap_or_default(),
            paid.and_then(|p| p.paid_on()).unwrap_or_default().to_string(),
            paid.and_then(|p| p.collected_by()).unwrap_or_default().to_string(),
            remarks.join("；"),
        ]);
    }
    rows.push(vec!["全年".into(), String::new(), String::new(), String::new(), yuan(owed_sum), yuan(paid_sum), String::new(), String::new(), String::new()]);
    Ok(PrintTable { chart: None,
        title: format!("党费证　{year}年"),
        subtitle: vec![format!("姓名：{}　　{}　　所在支部：{}", book.shown(m), book.category_name(m), book.org_name)],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: 1,
        landscape: false,
        masked: false,
        notes: vec!["党员本人签字：　　　　　　　　收款人签字：".into()],
    })
}

/// The yearly public list (公示): names and totals only, no ID numbers or phones.
fn public(book: &Book, year: i32, today: NaiveDate) -> PrintTable {
    let columns = vec![
        Column::new("seq", "序号", true).centered(),
        Column::new("name", "姓名", false),
        Column::new("group", "党小组", false),
        Column::money("monthly", "月交纳额"),
        Column::money("owed", "应交"),
        Column::money("paid", "实交"),
        Column::new("remarks", "备注", false),
    ];
    let (jan, dec) = (month::ym(year, 1), month::ym(year, 12));
    let mut rows = Vec::new();
    let (mut owed, mut paid) = (0, 0);
    for m in book.members.iter().filter(|m| (jan..=dec).any(|at| book.in_books(m, at))) {
        let f = year_facts(book, m.id, year, today);
        owed += f.owed_ended;
        paid += f.paid;
        let std = book.standard_at(m.id, book.last_month(m).map_or(dec, |l| l.min(dec)));
        let remarks = if f.unpaid.is_empty() { String::new() } else { format!("{}月未交", f.unpaid.iter().map(u32::to_string).collect::<Vec<_>>().join("、")) };
        let name = book.shown(m);
        rows.push(vec![(rows.len() + 1).to_string(), name, book.group_name(m), std.map(|s| yuan(s.amount)).unwrap_or_default(), yuan(f.owed_ended), yuan(f.paid), remarks]);
    }
    let n = rows.len();
    rows.push(vec![String::new(), "合计".into(), String::new(), String::new(), yuan(owed), yuan(paid), String::new()]);
    PrintTable { chart: None,
        title: format!("{}{year}年党费交纳情况公示", book.org_name),
        subtitle: vec![format!(
            "共 {n} 人　　单位：元　　应交计至 {}（已结束的月份），实交计至 {}",
            month::label(month::of_date(today).min(dec + 1) - 1),
            dates::iso(today)
        )],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: n,
        landscape: false,
        masked: false,
        notes: vec!["如有疑问，请向支部书记或组织委员反映。".into()],
    }
}

/// 交纳基数核定表: every member's base, source, rate and amount, with room to sign.
fn review_table(book: &Book, year: i32) -> PrintTable {
    let r = review_of(book, year).expect("computed from the book");
    let columns = vec![
        Column::new("seq", "序号", true).centered(),
        Column::new("name", "姓名", false),
        Column::new("kind", "缴费类别", false),
        Column::new("source", "基数来源", false),
        Column::money("base", "基数"),
        Column::new("rate", "比例", true),
        Column::money("amount", "月交纳额"),
        Column::new("from", "起始月份", false),
        Column::new("decided", "核定日期", false),
        Column::new("sign", "本人签字", false),
    ];
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let s = x.standard.as_ref();
            vec![
                (i + 1).to_string(),
                if x.hint.is_empty() { x.name.clone() } else { format!("{}（{}）", x.name, x.hint) },
                s.map(|s| s.kind_name.clone()).unwrap_or_else(|| "未核定".into()),
                s.and_then(|s| s.base_source.clone()).unwrap_or_default(),
                s.and_then(|s| s.base.clone()).unwrap_or_default(),
                s.map(|s| s.rate.clone()).unwrap_or_default(),
                s.map(|s| s.amount.clone()).unwrap_or_default(),
                s.map(|s| s.from_month.clone()).unwrap_or_default(),
                s.map(|s| s.decided_on.clone()).unwrap_or_default(),
                String::new(),
            ]
        })
        .collect();
    PrintTable { chart: None,
        title: format!("{}{year}年党费交纳基数核定表", book.org_name),
        subtitle: vec![format!("依据{}　　共 {} 人，未核定 {} 人　　单位：元", rules::rule_set_name(rules::rule_set_on(&format!("{year}-12-31")).id), r.rows.len(), r.missing)],
        columns,
        groups: vec![TableGroup { name: None, rows }],
        total: r.rows.len(),
        landscape: true,
        masked: false,
        notes: vec!["核定人：　　　　　　　　支部书记：　　　　　　　　核定日期：".into()],
    }
}
