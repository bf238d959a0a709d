//! Participation in organisational life: 参学率 per member over any period, members who have not taken part in
//! N months, and the attendance summary (members × meetings) that prints and saves as xlsx.
use crate::kernel::dates;
use crate::members::standing;
use crate::members::store::activity;
use super::store;
use crate::kernel::error::{Error, Result};
use crate::meetings::meeting::{self, MeetingQuery, MeetingSummary, Tally};
use crate::org;
use crate::kernel::print_table::{Column, PrintTable, TableGroup};

use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// Inclusive ISO bounds from what the secretary typed.
pub fn range(from: &str, to: &str) -> Result<(String, String)> {
    let parse = |field: &str, label: &str, s: &str| {
        dates::parse_flexible(s).ok_or_else(|| Error::invalid(field, "BAD_DATE", format!("{label}“{s}”不是有效日期，请按 2026-01-01 的格式填写")))
    };
    let f = parse("from", "开始日期", from)?;
    let t = parse("to", "结束日期", to)?;
    if t < f {
        return Err(Error::invalid("to", "DATE_ORDER", "结束日期不能早于开始日期"));
    }
    Ok((dates::iso(f), dates::iso(t)))
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberRate {
    pub member_id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub status: String,
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Participation {
    pub from: String,
    pub to: String,
    pub leave_policy: String,
    /// Held meetings in the period, oldest first.
    pub meetings: Vec<MeetingSummary>,
    pub members: Vec<MemberRate>,
    /// Over every expected attendance of the period.
    pub overall: Tally,
}

struct Mark {
    meeting_id: i64,
    member_id: i64,
    status: String,
    mode: Option<String>,
}

/// Attendance rows of held meetings in [from, to].
fn marks(conn: &Connection, from: &str, to: &str) -> Result<Vec<Mark>> {
    Ok(store::held_marks(conn, from, to)?
        .into_iter()
        .map(|(meeting_id, member_id, status, mode)| Mark { meeting_id, member_id, status, mode })
        .collect())
}

/// 参学率 of every member expected at a held meeting in the period (members since transferred included: the
/// record is of what happened), and of every meeting.
pub fn report(conn: &Connection, from: &str, to: &str) -> Result<Participation> {
    let (from, to) = range(from, to)?;
    let policy = crate::meetings::config::leave_policy(conn)?;
    let mut meetings = meeting::list(conn, &MeetingQuery { from: Some(from.clone()), to: Some(to.clone()), state: Some("held".into()), ..Default::default() })?;
    meetings.reverse();
    // Summed in SQL per member (a year of a large branch is tens of thousands of rows), then named from members.
    let people = activity::standings(conn)?;
    let mut members: Vec<(Option<String>, MemberRate)> = store::held_counts_by_member(conn, &from, &to, Tally::counts_at)?
        .into_iter()
        .filter_map(|(member_id, counts)| {
            let p = people.get(&member_id)?;
            let rate = MemberRate { member_id, name: p.name.clone(), group_id: p.group_id, status: p.status.clone(), tally: Tally::from_counts(counts, &policy) };
            Some((p.stroke_key.clone(), rate))
        })
        .collect();
    // As SQL's ORDER BY stroke_key, id.
    members.sort_by(|a, b| (&a.0, a.1.member_id).cmp(&(&b.0, b.1.member_id)));
    let members: Vec<MemberRate> = members.into_iter().map(|m| m.1).collect();
    let overall = Tally::from_counts(store::held_counts(conn, &from, &to, Tally::counts_at)?, &policy);
    Ok(Participation { from, to, leave_policy: policy, meetings, members, overall })
}

/// One member's meetings in the period, for the detail pane.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberMeeting {
    pub meeting_id: i64,
    pub date: String,
    pub kind_name: String,
    pub topic: String,
    pub status: String,
    pub mode: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct MemberParticipation {
    pub from: String,
    pub to: String,
    pub tally: Tally,
    /// Newest first.
    pub meetings: Vec<MemberMeeting>,
}

pub fn member(conn: &Connection, member_id: i64, from: &str, to: &str) -> Result<MemberParticipation> {
    let (from, to) = range(from, to)?;
    let policy = crate::meetings::config::leave_policy(conn)?;
    let meetings: Vec<MemberMeeting> = store::member_meetings(conn, member_id, &from, &to)?
        .into_iter()
        .map(|(meeting_id, date, kind, topic, status, mode)| MemberMeeting {
            meeting_id,
            date,
            kind_name: crate::kernel::codes::name_of(crate::kernel::codes::MEETING_KIND, &kind).unwrap_or("会议").to_string(),
            topic,
            status,
            mode,
        })
        .collect();
    let tally = meeting::tally(meetings.iter().map(|m| (m.status.as_str(), m.mode.as_deref())), &policy);
    Ok(MemberParticipation { from, to, tally, meetings })
}

/// A member who was expected at meetings in the last N months and took part in none.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Inactive {
    pub member_id: i64,
    pub name: String,
    pub group_id: Option<i64>,
    pub age: Option<i32>,
    /// Meetings the member was expected at in the window.
    pub expected: u32,
    /// The last meeting the member took part in, ever.
    pub last_took_part: Option<String>,
    /// 流动党员 or 失联: needs contact, not a reminder on the board.
    pub mobile: bool,
    /// 高龄, ill or disabled: needs 上门送学.
    pub frail: bool,
}


pub fn inactive(conn: &Connection, months: u32, today: NaiveDate) -> Result<Vec<Inactive>> {
    if !(1..=60).contains(&months) {
        return Err(Error::invalid("months", "OUT_OF_RANGE", "请填写 1 至 60 个月"));
    }
    let since = dates::iso(today.checked_sub_months(Months::new(months)).unwrap_or(today));
    // Counted per member from meetings' tables, then kept to members in good standing and named from members.
    let people = activity::standings(conn)?;
    let mut rows: Vec<(Option<String>, Inactive)> = store::not_taking_part(conn, &since, &dates::iso(today))?
        .into_iter()
        .filter_map(|(member_id, expected, last_took_part)| {
            let p = people.get(&member_id).filter(|p| p.status == "normal")?;
            let age = p.birth_date.as_deref().and_then(dates::parse).map(|b| dates::age_at(b, today));
            let tags: Vec<String> = serde_json::from_str(&p.tags).unwrap_or_default();
            let row = Inactive {
                member_id,
                name: p.name.clone(),
                group_id: p.group_id,
                age,
                expected,
                last_took_part,
                mobile: standing::is_mobile(p.identity_class.as_deref(), p.lost_contact),
                frail: standing::is_frail(age, &tags),
            };
            Some((p.stroke_key.clone(), row))
        })
        .collect();
    // As SQL's ORDER BY stroke_key, id.
    rows.sort_by(|a, b| (&a.0, a.1.member_id).cmp(&(&b.0, b.1.member_id)));
    Ok(rows.into_iter().map(|r| r.1).collect())
}

/// 参学率 as people write it: 85.7%.
pub fn percent(rate: Option<f64>) -> String {
    rate.map(|r| format!("{:.1}%", r * 100.0)).unwrap_or_else(|| "—".into())
}

/// Short kind names for a column header.
fn short_kind(kind: &str) -> &'static str {
    match kind {
        "branch_assembly" => "党员大会",
        "committee" => "支委会",
        "group" => "小组会",
        "lecture" => "党课",
        "theme_day" => "主题党日",
        "life_meeting" => "组织生活会",
        "appraisal" => "民主评议",
        _ => "其他",
    }
}

/// What a cell of the summary shows for one member at one meeting.
fn mark(status: &str, mode: Option<&str>) -> &'static str {
    match (status, mode) {
        ("present", Some("online")) => "网",
        ("present", _) => "√",
        (_, Some("home")) => "送学",
        (_, Some("online")) => "网补",
        ("leave", _) => "假",
        _ => "×",
    }
}

/// 组织生活参加情况统计表: a row per member, a column per held meeting, then the member's counts and 参学率;
/// the last row gives each meeting's rate.
pub fn summary_table(conn: &Connection, from: &str, to: &str) -> Result<PrintTable> {
    let org = org::get(conn)?;
    let p = report(conn, from, to)?;
    let groups: HashMap<i64, String> = org::groups(conn, true)?.into_iter().map(|g| (g.id, g.name)).collect();
    let all = marks(conn, &p.from, &p.to)?;
    let index: HashMap<(i64, i64), (&str, Option<&str>)> =
        all.iter().map(|m| ((m.member_id, m.meeting_id), (m.status.as_str(), m.mode.as_deref()))).collect();
    let mut columns = vec![Column::new("seq", "序号", true), Column::new("name", "姓名", false), Column::new("group", "党小组", false)];
    for m in &p.meetings {
        let d = &m.meeting.data.date;
        let label = format!("{}.{}\n{}", d[5..7].trim_start_matches('0'), d[8..10].trim_start_matches('0'), short_kind(&m.meeting.data.kind));
        columns.push(Column::new(&format!("m{}", m.meeting.id), &label, false).centered());
    }
    // Each row adds up: 应参加 = 出席 + 请假 + 缺席, and 参学 = 出席 + 补学 (请假 or 缺席 made up by 送学 or 网络学习).
    for (key, label) in [("expected", "应参加"), ("present", "出席"), ("leave", "请假"), ("absent", "缺席"), ("made_up", "补学"), ("took_part", "参学")] {
        columns.push(Column::new(key, label, true));
    }
    columns.push(Column::new("rate", "参学率", true));
    let mut rows: Vec<Vec<String>> = p
        .members
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![(i + 1).to_string(), r.name.clone(), r.group_id.and_then(|g| groups.get(&g).cloned()).unwrap_or_default()];
            for m in &p.meetings {
                row.push(index.get(&(r.member_id, m.meeting.id)).map(|(s, md)| mark(s, *md)).unwrap_or("").to_string());
            }
            let t = &r.tally;
            row.extend([t.expected, t.present, t.leave, t.absent, t.made_up, t.took_part].map(|n| n.to_string()));
            row.push(percent(t.rate));
            row
        })
        .collect();
    let mut last = vec![String::new(), "各次参学率".to_string(), String::new()];
    last.extend(p.meetings.iter().map(|m| percent(m.tally.rate)));
    let o = &p.overall;
    last.extend([o.expected, o.present, o.leave, o.absent, o.made_up, o.took_part].map(|n| n.to_string()));
    last.push(percent(o.rate));
    rows.push(last);
    let policy = crate::kernel::codes::name_of(crate::kernel::codes::LEAVE_POLICY, &p.leave_policy).unwrap_or("");
    Ok(PrintTable { chart: None,
        title: format!("{}组织生活参加情况统计表", org.name),
        subtitle: vec![
            format!("统计期间：{} 至 {}　　共 {} 次会议、{} 名党员", p.from, p.to, p.meetings.len(), p.members.len()),
            format!("√ 出席　网 网络参会　假 请假　× 缺席　送学 上门送学补学　网补 网络学习补学　　参学率口径：{policy}"),
        ],
        landscape: p.meetings.len() > 4,
        total: p.members.len(),
        columns,
        groups: vec![TableGroup { name: None, rows }],
        masked: false,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings;
    use crate::meetings::meeting::{AttendanceInput, MeetingInput};

    fn meet(conn: &mut Connection, kind: &str, date: &str, marks: &[(i64, &str, Option<&str>)], all: &[i64]) -> i64 {
        let attendees = all
            .iter()
            .map(|&id| {
                let (status, mode) = marks.iter().find(|m| m.0 == id).map(|m| (m.1, m.2)).unwrap_or(("present", None));
                AttendanceInput { member_id: id, status: status.into(), mode: mode.map(Into::into), reason: (status == "leave").then(|| "外出".to_string()), ..Default::default() }
            })
            .collect();
        let tx = conn.transaction().unwrap();
        let id = meeting::create_in(&tx, "书记", &MeetingInput::new(kind, "held", date, "学习").with_attendees(attendees), dates::parse("2027-12-31").unwrap()).unwrap().meeting.id;
        tx.commit().unwrap();
        id
    }

    #[test]
    fn summary_rows_add_up_with_a_makeup_column() {
        let (mut conn, ids, _) = crate::meetings::meeting::tests::branch();
        meet(&mut conn, "theme_day", "2026-10-10", &[(ids[0], "absent", Some("home")), (ids[1], "leave", None)], &ids);
        let t = summary_table(&conn, "2026-10-01", "2026-10-31").unwrap();
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels[4..], ["应参加", "出席", "请假", "缺席", "补学", "参学", "参学率"]);
        for row in &t.groups[0].rows {
            let n = |i: usize| row[i].parse::<u32>().unwrap();
            assert_eq!(n(4), n(5) + n(6) + n(7), "应参加 = 出席 + 请假 + 缺席: {row:?}");
            assert_eq!(n(9), n(5) + n(8), "参学 = 出席 + 补学: {row:?}");
        }
        let name = crate::members::member::get_record(&conn, ids[0]).unwrap().data.name;
        let made_up = t.groups[0].rows.iter().find(|r| r[1] == name).unwrap();
        assert_eq!(made_up[4..10], ["1", "0", "0", "1", "1", "1"]);
    }

    #[test]
    fn rates_over_periods_and_the_leave_setting() {
        let (mut conn, ids, _) = crate::meetings::meeting::tests::branch();
        let a = ids[3];
        meet(&mut conn, "theme_day", "2026-09-10", &[(a, "absent", None)], &ids);
        meet(&mut conn, "theme_day", "2026-10-10", &[(a, "leave", None)], &ids);
        meet(&mut conn, "theme_day", "2026-11-10", &[], &ids);
        meet(&mut conn, "committee", "2026-11-12", &[(a, "leave", Some("home"))], &[a, ids[0]]);
        let r = report(&conn, "2026-10-01", "2026-11-30").unwrap();
        assert_eq!(r.meetings.len(), 3);
        assert_eq!(r.meetings[0].meeting.data.date, "2026-10-10", "oldest first");
        let mine = r.members.iter().find(|m| m.member_id == a).unwrap();
        // Oct: leave (not made up), Nov: present, committee: leave made up by 上门送学.
        assert_eq!((mine.tally.expected, mine.tally.took_part, mine.tally.leave, mine.tally.made_up), (3, 2, 2, 1));
        assert_eq!(mine.tally.rate, Some(2.0 / 3.0));
        let q3 = report(&conn, "2026-07-01", "2026-09-30").unwrap();
        assert_eq!(q3.members.iter().find(|m| m.member_id == a).unwrap().tally.rate, Some(0.0));
        // 请假不计入应参学人数: the unexcused-by-make-up leave drops out of the denominator.
        let mut s = settings::get(&conn).unwrap();
        s.leave_policy = "exclude".into();
        settings::update(&mut conn, "书记", &s).unwrap();
        let r = report(&conn, "2026-10-01", "2026-11-30").unwrap();
        assert_eq!(r.members.iter().find(|m| m.member_id == a).unwrap().tally.rate, Some(1.0));
        let one = member(&conn, a, "2026-01-01", "2026-12-31").unwrap();
        assert_eq!(one.meetings.len(), 4);
        assert_eq!(one.meetings[0].date, "2026-11-12");
        assert_eq!(report(&conn, "2026-12-01", "2026-11-01").unwrap_err().code(), "DATE_ORDER");
    }

    #[test]
    fn inactive_members_are_marked_mobile_or_frail() {
        let (mut conn, ids, _) = crate::meetings::meeting::tests::branch();
        conn.execute("UPDATE member SET identity_class = 'mobile', birth_date = '1990-05-01', tags = '[]' WHERE id = ?1", [ids[4]]).unwrap();
        conn.execute("UPDATE member SET birth_date = '1940-01-01', identity_class = 'farmer', lost_contact = 0 WHERE id = ?1", [ids[6]]).unwrap();
        meet(&mut conn, "theme_day", "2026-05-10", &[], &ids);
        meet(&mut conn, "theme_day", "2026-09-10", &[(ids[4], "absent", None), (ids[6], "leave", None), (ids[7], "absent", None)], &ids);
        meet(&mut conn, "theme_day", "2026-10-10", &[(ids[4], "absent", None), (ids[6], "absent", None), (ids[7], "absent", Some("online"))], &ids);
        let list = inactive(&conn, 3, dates::parse("2026-11-23").unwrap()).unwrap();
        let got: Vec<(i64, bool, bool, u32)> = list.iter().map(|i| (i.member_id, i.mobile, i.frail, i.expected)).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.contains(&(ids[4], true, false, 2)));
        assert!(got.contains(&(ids[6], false, true, 2)));
        assert_eq!(list[0].last_took_part.as_deref(), Some("2026-05-10"));
        assert_eq!(inactive(&conn, 0, dates::today()).unwrap_err().code(), "OUT_OF_RANGE");
    }

    #[test]
    fn summary_table_has_a_column_per_meeting_and_rates() {
        let (mut conn, ids, _) = crate::meetings::meeting::tests::branch();
        meet(&mut conn, "theme_day", "2026-10-10", &[(ids[0], "absent", None), (ids[1], "absent", None), (ids[2], "leave", None)], &ids);
        meet(&mut conn, "committee", "2026-10-20", &[], &[ids[0], ids[5]]);
        let t = summary_table(&conn, "2026-10-01", "2026-10-31").unwrap();
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels[3..5], ["10.10\n主题党日", "10.20\n支委会"]);
        assert_eq!(t.columns.last().unwrap().label, "参学率");
        let rows = &t.groups[0].rows;
        assert_eq!(rows.len(), 9, "8 members and the rates row");
        let first = rows.iter().find(|r| r[1] == crate::members::member::get_record(&conn, ids[0]).unwrap().data.name).unwrap();
        assert_eq!(first[3..], ["×", "√", "2", "1", "0", "1", "0", "1", "50.0%"]);
        let last = rows.last().unwrap();
        assert_eq!(last[1], "各次参学率");
        assert_eq!(last[3], "62.5%", "5 of 8 at the 主题党日");
        assert_eq!(last[4], "100.0%");
        // Saved as xlsx and read back: the two-line meeting headers and the rates survive as written.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("统计表.xlsx");
        crate::store::xlsx::write_table(&path, &t).unwrap();
        let sheet = crate::members::import::read(&path).unwrap();
        let header = sheet.rows.iter().position(|r| r.first().is_some_and(|c| c.display() == "序号")).unwrap();
        let cells: Vec<String> = sheet.rows[header].iter().map(|c| c.display()).collect();
        assert_eq!(cells[3], "10.10\n主题党日");
        let back: Vec<String> = sheet.rows.last().unwrap().iter().map(|c| c.display()).collect();
        assert_eq!(back[1], "各次参学率");
        assert_eq!(back.last().unwrap(), &percent(t_overall(&conn)));
    }

    fn t_overall(conn: &Connection) -> Option<f64> {
        report(conn, "2026-10-01", "2026-10-31").unwrap().overall.rate
    }
}
