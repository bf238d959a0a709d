//! The printed pages that are not lists — 党员信息卡 and 会议记录 — as `PrintTable`s of 项目/内容 rows, so the
//! PDF layout (pdf.rs) prints them like every other table.
use crate::kernel::codes;
use crate::kernel::error::Result;
use crate::meetings::meeting;
use crate::members::member;
use crate::org;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};

use rusqlite::Connection;

fn code(list: codes::CodeList, v: &Option<String>) -> String {
    v.as_deref().and_then(|c| codes::name_of(list, c)).unwrap_or("").to_string()
}

fn text(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

fn dim_label(d: &str) -> &'static str {
    match d {
        "mgmt_type" => "管理类型",
        "identity_class" => "身份类别",
        "position_nature" => "岗位性质",
        _ => "分类",
    }
}

/// 党员信息卡 of one member: the card as the print view shows it, in four columns, and both histories.
pub fn member_card(conn: &Connection, id: i64) -> Result<PrintTable> {
    let d = member::detail(conn, id)?;
    let m = &d.record.data;
    let o = org::get(conn)?;
    let group = m.group_id.and_then(|g| o.branches.iter().flat_map(|b| &b.groups).find(|x| x.id == g)).map(|g| g.name.clone()).unwrap_or_default();
    let classes = crate::members::config::classes(conn)?;
    let class_name = |dim: &str, v: &Option<String>| -> String {
        match (dim, v.as_deref()) {
            (_, None) => "未分类".into(),
            ("mgmt_type", Some(k)) => classes.iter().find(|c| c.key == k).map(|c| c.name.clone()).unwrap_or_else(|| "（旧分类）".into()),
            ("identity_class", Some(k)) => codes::name_of(codes::IDENTITY_CLASS, k).unwrap_or(k).into(),
            (_, Some(k)) => codes::name_of(codes::POSITION_NATURE, k).unwrap_or(k).into(),
        }
    };
    let pairs: Vec<[(&str, String); 2]> = vec![
        [("姓名", m.name.clone()), ("性别", code(codes::SEX, &m.sex))],
        [("民族", code(codes::ETHNICITY, &m.ethnicity)), ("出生日期", text(&m.birth_date))],
        [("学历", code(codes::EDUCATION, &m.education)), ("籍贯", text(&m.native_place))],
        [("公民身份号码", text(&m.id_number)), ("人员类别", code(codes::CATEGORY, &m.category))],
        [("入党日期", text(&m.join_date)), ("转正日期", text(&m.full_date))],
        [("党小组", group), ("党内职务", code(codes::PARTY_POST, &m.party_post))],
        [("工作岗位", code(codes::JOB, &m.job)), ("联系电话", text(&m.phone))],
        [("工作单位", text(&m.employer)), ("家庭住址", text(&m.address))],
        [("党籍状态", codes::name_of(codes::STATUS, &d.record.status).unwrap_or("").into()), ("身份类别", code(codes::IDENTITY_CLASS, &m.identity_class))],
        [("管理类型", m.mgmt_type.as_deref().and_then(|k| classes.iter().find(|c| c.key == k)).map(|c| c.name.clone()).unwrap_or_default()), ("备注", text(&m.remarks))],
    ];
    let rows = pairs.into_iter().map(|[(a, av), (b, bv)]| vec![a.to_string(), av, b.to_string(), bv]).collect();
    let mut notes = vec!["分类历史：".to_string()];
    if d.class_history.is_empty() {
        notes.push("　无".into());
    }
    for h in &d.class_history {
        notes.push(format!(
            "　{}　{}：{} → {}　原因：{}　经办人：{}",
            h.date,
            dim_label(&h.dimension),
            class_name(&h.dimension, &h.from_value),
            class_name(&h.dimension, &h.to_value),
            h.reason,
            h.actor
        ));
    }
    notes.push("党籍状态变动：".into());
    if d.status_history.is_empty() {
        notes.push("　无".into());
    }
    for h in &d.status_history {
        let from = h.from_status.as_deref().and_then(|s| codes::name_of(codes::STATUS, s)).unwrap_or("");
        let to = codes::name_of(codes::STATUS, &h.to_status).unwrap_or("");
        notes.push(format!("　{}　{from} → {to}　原因：{}　经办人：{}", h.date, h.reason, h.actor));
    }
    notes.push("内部资料，请妥善保管，不得张贴".into());
    Ok(PrintTable { chart: None,
        title: "党员信息卡".into(),
        subtitle: vec![o.name.clone()],
        columns: vec![Column::new("k1", "项目", false), Column::new("v1", "内容", false), Column::new("k2", "项目", false), Column::new("v2", "内容", false)],
        groups: vec![TableGroup { name: None, rows }],
        total: 1,
        landscape: false,
        masked: false,
        notes,
    })
}

/// `text` with empty lines after it up to `lines` lines: the PDF layout makes a row as tall as its lines, so the
/// printed box has room to write in.
fn room(text: String, lines: usize) -> String {
    let have = text.split('\n').count();
    if have >= lines {
        return text;
    }
    text + &"\n".repeat(lines - have)
}

/// 会议记录 of one meeting, as kept in the minutes book: details, who attended, content, decisions, signatures.
pub fn meeting_record(conn: &Connection, id: i64) -> Result<PrintTable> {
    let d = meeting::detail(conn, id)?;
    let m = &d.meeting;
    let o = org::get(conn)?;
    let names = |status: &str| -> String {
        let v: Vec<String> = d
            .attendees
            .iter()
            .filter(|a| a.attendance.status == status)
            .map(|a| match (&a.attendance.reason, status) {
                (Some(r), "leave") if !r.is_empty() => format!("{}（{r}）", a.name),
                _ => a.name.clone(),
            })
            .collect();
        if v.is_empty() { "无".into() } else { v.join("、") }
    };
    let time = format!(
        "{} {}{}",
        m.data.date,
        m.data.start_time.clone().unwrap_or_default(),
        m.data.end_time.as_deref().map(|e| format!("—{e}")).unwrap_or_default()
    );
    let mut rows: Vec<Vec<String>> = vec![
        vec!["会议主题".into(), m.data.topic.clone()],
        vec!["时间".into(), time.trim().to_string()],
        vec!["地点".into(), text(&m.data.place)],
        vec!["主持人".into(), text(&m.data.host)],
        vec!["记录人".into(), text(&m.data.recorder)],
    ];
    if m.data.kind == "lecture" {
        rows.push(vec!["主讲人".into(), text(&m.data.lecturer)]);
    }
    if m.data.state == "held" {
        // As the screen shows it (93.2%), not rounded to a whole per cent.
        let rate = d.tally.rate.map(|r| format!("（参学率 {:.1}%）", r * 100.0)).unwrap_or_default();
        rows.push(vec!["应到人数".into(), format!("{} 人", d.tally.expected)]);
        rows.push(vec!["实到人数".into(), format!("{} 人{rate}", d.tally.present)]);
        rows.push(vec!["请假人员".into(), names("leave")]);
        rows.push(vec!["缺席人员".into(), names("absent")]);
        if let Some(q) = &d.quorum {
            rows.push(vec![
                "到会情况".into(),
                format!("有表决权的正式党员 {} 人，到会 {} 人，{}", q.voting, q.present_voting, if q.met { "超过半数" } else { "未超过半数" }),
            ]);
        }
    } else {
        let all: Vec<&str> = d.attendees.iter().map(|a| a.name.as_str()).collect();
        rows.push(vec!["应到人员".into(), format!("{}（共 {} 人）", all.join("、"), all.len())]);
    }
    // Room to write by hand, as tall as the preview's boxes (18 and 8 lines of the printed size, about 6 and 2.7 cm):
    // the minutes are often written on the printed page, and both sign.
    rows.push(vec!["会议内容".into(), room(text(&m.data.content), 18)]);
    rows.push(vec!["会议决议".into(), room(text(&m.data.decisions), 8)]);
    rows.push(vec!["主持人签字".into(), room(String::new(), 3)]);
    rows.push(vec!["记录人签字".into(), room(String::new(), 3)]);
    let kind = match &m.group_name {
        Some(g) => format!("{}（{g}）", m.kind_name),
        None => m.kind_name.clone(),
    };
    Ok(PrintTable { chart: None,
        title: format!("{}会议记录", o.name),
        subtitle: vec![kind],
        columns: vec![Column::new("item", "项目", false), Column::new("content", "内容", false)],
        groups: vec![TableGroup { name: None, rows }],
        total: d.attendees.len(),
        landscape: false,
        masked: false,
        notes: Vec::new(),
    })
}

/// What 打印 / 保存为 PDF lays out: the table a print view shows (built by the core, handed back as previewed), the
/// 信息卡 of these members, or a meeting's 会议记录 — with the print options chosen beside it.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct PdfRequest {
    pub table: Option<PrintTable>,
    pub card_ids: Vec<i64>,
    pub meeting_id: Option<i64>,
    pub large: bool,
    pub landscape: Option<bool>,
}

impl PdfRequest {
    /// The tables to print, one page start each; nothing to print is a field error.
    pub fn tables(&self, conn: &Connection) -> Result<Vec<PrintTable>> {
        if let Some(t) = &self.table {
            return Ok(vec![t.clone()]);
        }
        if let Some(id) = self.meeting_id {
            return Ok(vec![meeting_record(conn, id)?]);
        }
        if self.card_ids.is_empty() {
            return Err(crate::kernel::error::Error::invalid("table", "REQUIRED", "没有要打印的内容"));
        }
        self.card_ids.iter().map(|id| member_card(conn, *id)).collect()
    }

    /// Large print and orientation as chosen, and today as the print date in the footer.
    pub fn options(&self) -> crate::store::pdf::PdfOptions {
        crate::store::pdf::PdfOptions { large: self.large, landscape: self.landscape, printed: crate::kernel::dates::iso(crate::kernel::dates::today()), flow: false }
    }
}

#[cfg(test)]
mod request_tests {
    use super::*;

    #[test]
    fn a_request_names_what_to_print_or_is_refused() {
        let mut conn = crate::store::db::open_in_memory().unwrap();
        crate::demo::load(&mut conn).unwrap();
        let none = PdfRequest::default().tables(&conn).unwrap_err();
        assert_eq!(none.code(), "REQUIRED");
        let cards = PdfRequest { card_ids: vec![1, 2], ..Default::default() }.tables(&conn).unwrap();
        assert_eq!(cards.len(), 2);
        let opts = PdfRequest { large: true, landscape: Some(false), ..Default::default() }.options();
        assert!(opts.large && opts.landscape == Some(false));
    }
}
