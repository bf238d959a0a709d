//! 流动党员 over a data file: the card makes a member 流动 in the registry and gives it back on return; contacts,
//! the 六个清 and the yearly report; a transfer out waits for its 回执 before the member is 转出; a transfer in
//! creates the member; 失联 proposes 停止党籍 and, two years on, 除名.
use super::*;
use crate::demo;
use crate::kernel::dates;
use crate::members::member::{self, MemberData};
use crate::store::db;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::BTreeMap;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

const TODAY: &str = "2026-12-04";

fn branch() -> (Connection, Vec<i64>) {
    let mut conn = db::open_in_memory().unwrap();
    demo::blank_branch(&mut conn, "东风村党支部", &["第一党小组"]).unwrap();
    let people = [("张三", "farmer"), ("李四", "farmer"), ("王五", "employed")];
    let ids = people
        .iter()
        .map(|(name, class)| {
            let m = MemberData {
                name: name.to_string(),
                sex: Some("1".into()),
                ethnicity: Some("01".into()),
                birth_date: Some("1990-05-01".into()),
                category: Some("full".into()),
                join_date: Some("2015-07-01".into()),
                full_date: Some("2016-07-01".into()),
                identity_class: Some(class.to_string()),
                ..Default::default()
            };
            member::create(&mut conn, "书记", &m).unwrap().id
        })
        .collect();
    (conn, ids)
}

fn card_input(member: i64, away: &str) -> CardInput {
    CardInput { member_id: member, away_since: away.into(), destination: Some("广东省深圳市宝安区".into()), dues_way: Some("home".into()), ..Default::default() }
}

#[test]
fn a_card_six_months_old_makes_the_member_mobile_and_the_return_gives_the_class_back() {
    let (mut conn, ids) = branch();
    // Exactly six months away on the day: 流动.
    let c = save(&mut conn, "书记", &card_input(ids[0], "2026-06-04"), d(TODAY)).unwrap();
    assert!(c.mobile && c.classified && c.months_away == 6);
    assert_eq!(member::get_record(&conn, ids[0]).unwrap().data.identity_class.as_deref(), Some("mobile"));
    // A day short: a card, not yet 流动; the registry keeps its class.
    let c2 = save(&mut conn, "书记", &card_input(ids[1], "2026-06-05"), d(TODAY)).unwrap();
    assert!(!c2.mobile && !c2.classified);
    assert_eq!(member::get_record(&conn, ids[1]).unwrap().data.identity_class.as_deref(), Some("farmer"));
    // One open card per member.
    assert_eq!(save(&mut conn, "书记", &card_input(ids[0], "2026-01-01"), d(TODAY)).unwrap_err().code(), "ALREADY_OPEN");
    let back = return_home(&mut conn, "书记", c.id, "2026-12-01", d(TODAY)).unwrap();
    assert_eq!(back.returned_on.as_deref(), Some("2026-12-01"));
    assert_eq!(member::get_record(&conn, ids[0]).unwrap().data.identity_class.as_deref(), Some("farmer"));
    let history = member::detail(&conn, ids[0]).unwrap().class_history;
    assert!(history.iter().any(|h| h.reason.contains("流动党员登记")) && history.iter().any(|h| h.reason.contains("返回")));
}

#[test]
fn bad_card_input_names_the_field() {
    let (mut conn, ids) = branch();
    let mut input = card_input(ids[0], "2026-12-05");
    input.dues_way = Some("wechat".into());
    input.keeper_id = Some(ids[0]);
    input.clear = BTreeMap::from([("flow".to_string(), "2026-13-01".to_string())]);
    let Err(crate::Error::Invalid(errs)) = save(&mut conn, "书记", &input, d(TODAY)) else { panic!("accepted") };
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["away_since", "dues_way", "keeper_id", "clear.flow"]);
    assert!(errs.iter().all(|e| !e.message.is_empty() && !e.message.is_ascii()));
}

#[test]
fn contacts_the_six_clear_items_and_the_yearly_report() {
    let (mut conn, ids) = branch();
    let mut input = card_input(ids[0], "2025-03-01");
    input.keeper_id = Some(ids[2]);
    input.clear = ["flow", "contact", "housing", "thinking", "employment"].iter().map(|k| (k.to_string(), "2026-06-05".to_string())).collect();
    input.clear.insert("family".into(), "2026-06-04".into());
    let c = save(&mut conn, "书记", &input, d(TODAY)).unwrap();
    // The cadence is six months: confirmed 06-04 no longer holds on 12-04, 06-05 does.
    assert!(!c.all_clear);
    assert_eq!(c.clear.iter().filter(|x| !x.holds).map(|x| x.key.as_str()).collect::<Vec<_>>(), ["family"]);
    // Confirming the 六个清 on 06-05 was being in touch: not due on 12-04 (issue 25 §5: a card filled in today is not
    // 「超期未联系」); once the confirmations are older than the cadence, it is.
    assert!(!c.contact_due && !c.reported_this_year);
    assert!(show(&conn, c.id, d("2026-12-06")).unwrap().contact_due);
    assert_eq!(c.keeper_name.as_deref(), Some("王五"));
    let keys = |conn: &Connection| alerts(conn, d(TODAY)).unwrap().into_iter().map(|a| a.key).collect::<Vec<_>>();
    assert_eq!(keys(&conn), ["mobile_report"]);
    let contact = ContactInput { member_id: ids[0], date: "2026-11-20".into(), way: "微信".into(), content: "在深圳务工，身体好".into(), host_activity: 2, ..Default::default() };
    // Issue 25 §5: a contact before the member went away (2025-03-01) is refused beside the date.
    let crate::Error::Invalid(f) = contact::add(&mut conn, "书记", &ContactInput { date: "2025-02-01".into(), ..contact.clone() }, d(TODAY)).unwrap_err() else { panic!() };
    assert_eq!((f[0].field.as_str(), f[0].code), ("date", "BEFORE_AWAY"));
    contact::add(&mut conn, "书记", &contact, d(TODAY)).unwrap();
    assert_eq!(keys(&conn), ["mobile_report"], "contacted, but has not reported this year");
    contact::add(&mut conn, "书记", &ContactInput { reported: true, host_activity: 1, date: "2026-12-01".into(), ..contact.clone() }, d(TODAY)).unwrap();
    assert!(keys(&conn).is_empty());
    let c = show(&conn, c.id, d(TODAY)).unwrap();
    assert_eq!((c.last_contact.as_deref(), c.host_activities), (Some("2026-12-01"), 3));
    assert_eq!(member::get_record(&conn, ids[0]).unwrap().data.last_contact_date.as_deref(), Some("2026-12-01"));
    let empty = contact::add(&mut conn, "书记", &ContactInput { member_id: ids[0], ..Default::default() }, d(TODAY)).unwrap_err();
    let crate::Error::Invalid(errs) = empty else { panic!() };
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["date", "way", "content"]);
}

#[test]
fn a_transfer_out_waits_for_its_receipt() {
    let (mut conn, ids) = branch();
    let out = OutInput { member_id: ids[1], date: "2026-11-02".into(), to_org: "中共某某街道某某社区委员会".into(), dues_paid_through: "2026-11".into(), ..Default::default() };
    // 有效期 over three months is refused.
    let long = transfer::transfer_out(&mut conn, "书记", &OutInput { valid_days: Some(100), ..out.clone() }, d(TODAY)).unwrap_err();
    assert_eq!(long.code(), "TOO_LONG");
    let t = transfer::transfer_out(&mut conn, "书记", &out, d(TODAY)).unwrap();
    assert_eq!((t.letter_no.as_str(), t.state.as_str(), t.valid_until.as_deref()), ("2026-001", "awaiting", Some("2026-12-01")));
    // Arrival unknown: the 回执 is due a month after the last valid day, so not yet overdue.
    assert_eq!((t.receipt_due.as_deref(), t.overdue), (Some("2027-01-01"), false));
    assert_eq!(member::get_record(&conn, ids[1]).unwrap().status, "normal", "the member stays the branch's until the 回执 is back");
    assert_eq!(transfer::transfer_out(&mut conn, "书记", &out, d(TODAY)).unwrap_err().code(), "ALREADY_OPEN");
    let letter = tables::letter(&conn, t.id, d(TODAY)).unwrap();
    let text: String = letter.groups.iter().flat_map(|g| g.rows.iter().flatten()).cloned().collect();
    assert!(text.contains("党费已交到二〇二六年十一月") && text.contains("有效期三十天") && text.contains("李四同志（男，36岁，汉族）"), "{text}");
    assert!(text.contains("【第一联　存根】") && text.contains("【第三联　回执】") && text.contains("特此回复"), "{text}");
    let done = transfer::receipt(&mut conn, "书记", t.id, "2026-11-05", "2026-11-20", d(TODAY)).unwrap();
    assert_eq!(done.state, "done");
    let m = member::get_record(&conn, ids[1]).unwrap();
    assert_eq!((m.status.as_str(), m.status_kind.as_deref(), m.status_date.as_deref()), ("transferred", Some("中共某某街道某某社区委员会"), Some("2026-11-05")));
    // A 回执 from 01-31 is due 02-28.
    let (mut conn2, ids2) = branch();
    let t2 = transfer::transfer_out(&mut conn2, "书记", &OutInput { member_id: ids2[0], date: "2026-01-20".into(), valid_days: Some(10), ..out }, d(TODAY)).unwrap();
    assert_eq!(t2.receipt_due.as_deref(), Some("2026-02-28"), "last valid day 01-29 → 02-28");
    assert!(t2.overdue);
    assert_eq!(alerts(&conn2, d(TODAY)).unwrap()[0].key, "receipt");
}

#[test]
fn a_transfer_in_creates_the_member_in_a_group() {
    let (mut conn, _) = branch();
    let group = crate::org::groups(&conn, false).unwrap()[0].id;
    let input = InInput {
        member: MemberData { name: "孙七".into(), sex: Some("2".into()), category: Some("full".into()), join_date: Some("2010-07-01".into()), ..Default::default() },
        letter_no: "031".into(),
        from_org: "中共某某镇某某村支部委员会".into(),
        date: "2026-11-28".into(),
        dues_paid_through: "2026-11".into(),
        group_id: Some(group),
        ..Default::default()
    };
    let t = transfer::transfer_in(&mut conn, "书记", &input, d(TODAY)).unwrap();
    let m = member::get_record(&conn, t.member_id).unwrap();
    assert_eq!((m.data.name.as_str(), m.data.group_id, m.status.as_str()), ("孙七", Some(group), "normal"));
    assert_eq!(transfer::transfer_in(&mut conn, "书记", &input, d(TODAY)).unwrap_err().code(), "DUPLICATE");
    let Err(crate::Error::Invalid(errs)) = transfer::transfer_in(&mut conn, "书记", &InInput::default(), d(TODAY)) else { panic!() };
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["date", "from_org", "letter_no", "dues_paid_through", "name"]);
}

#[test]
fn lost_contact_proposes_suspension_then_removal() {
    let (mut conn, ids) = branch();
    lost::mark(&mut conn, "书记", &LostInput { member_id: ids[2], last_contact: "2026-06-05".into(), reason: "1".into() }, d(TODAY)).unwrap();
    let l = &lost::list(&conn, d(TODAY)).unwrap()[0];
    assert_eq!((l.proposal.as_deref(), l.months, l.reason_name.as_deref()), (None, Some(5), Some("外出务工经商")));
    // Six months on (06-04 → 12-04) but no search yet: search first.
    let mut data = member::get_record(&conn, ids[2]).unwrap().data;
    data.last_contact_date = Some("2026-06-04".into());
    member::update(&mut conn, "书记", ids[2], &data, None).unwrap();
    let l = &lost::list(&conn, d(TODAY)).unwrap()[0];
    assert!(l.proposal.is_none() && l.advice.contains("查找"));
    assert_eq!(lost::act(&mut conn, "书记", ids[2], TODAY, d(TODAY)).unwrap_err().code(), "NOT_YET");
    // Issue 25 §5: a search dated before the last contact is refused beside the date, never counted.
    let early = ContactInput { member_id: ids[2], kind: "search".into(), date: "2026-06-01".into(), way: "走访".into(), content: "家人也联系不上".into(), ..Default::default() };
    let crate::Error::Invalid(f) = contact::add(&mut conn, "书记", &early, d(TODAY)).unwrap_err() else { panic!() };
    assert_eq!((f[0].field.as_str(), f[0].code), ("date", "BEFORE_LAST_CONTACT"));
    assert!(f[0].message.contains("2026-06-04"), "{}", f[0].message);
    let search = ContactInput { member_id: ids[2], kind: "search".into(), date: "2026-11-01".into(), way: "走访".into(), content: "家人也联系不上".into(), ..Default::default() };
    contact::add(&mut conn, "书记", &search, d(TODAY)).unwrap();
    assert!(lost::list(&conn, d(TODAY)).unwrap()[0].proposal.is_none(), "多方查找: one search is not enough");
    contact::add(&mut conn, "书记", &ContactInput { way: "电话".into(), content: "原单位称已离职".into(), ..search.clone() }, d(TODAY)).unwrap();
    assert_eq!(lost::list(&conn, d(TODAY)).unwrap()[0].proposal.as_deref(), Some("suspend"));
    assert_eq!(alerts(&conn, d(TODAY)).unwrap()[0].key, "lost_action");
    lost::act(&mut conn, "书记", ids[2], TODAY, d(TODAY)).unwrap();
    assert_eq!(member::get_record(&conn, ids[2]).unwrap().status, "suspended");
    let l = &lost::list(&conn, d(TODAY)).unwrap()[0];
    assert!(l.proposal.is_none() && l.advice.contains("2028-12-04"));
    // Two years after 停止党籍: 除名.
    assert_eq!(lost::list(&conn, d("2028-12-04")).unwrap()[0].proposal.as_deref(), Some("remove"));
    // A search that finds the member ends the 失联.
    contact::add(&mut conn, "书记", &ContactInput { found: true, date: "2026-12-03".into(), ..search }, d(TODAY)).unwrap();
    assert!(lost::list(&conn, d(TODAY)).unwrap().is_empty());
}

#[test]
fn an_empty_form_is_told_every_mistake_at_once() {
    let (mut conn, _) = branch();
    let fields = |r: crate::Result<Transfer>| match r {
        Err(crate::Error::Invalid(errs)) => errs.iter().map(|e| e.field.clone()).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(fields(transfer::transfer_out(&mut conn, "书记", &OutInput::default(), d(TODAY))), ["member_id", "date", "to_org", "dues_paid_through"]);
    let Err(crate::Error::Invalid(errs)) = save(&mut conn, "书记", &CardInput::default(), d(TODAY)) else { panic!() };
    assert_eq!(errs.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), ["member_id", "away_since"]);
    let Err(crate::Error::Invalid(errs)) = lost::mark(&mut conn, "书记", &LostInput::default(), d(TODAY)) else { panic!() };
    assert_eq!(errs.len(), 3);
}

/// Issue 25 §5: a card away since long ago, nothing confirmed and nobody contacted, is 「超期未联系」; the same card with
/// its 六个清 confirmed today is not.
#[test]
fn a_card_confirmed_today_is_not_overdue_for_contact() {
    let (mut conn, ids) = branch();
    let fresh = save(&mut conn, "书记", &card_input(ids[1], "2024-01-01"), d(TODAY)).unwrap();
    assert!(fresh.contact_due);
    let mut input = card_input(ids[1], "2024-01-01");
    input.id = fresh.id;
    input.clear = ["flow", "contact", "housing", "thinking", "employment", "family"].iter().map(|k| (k.to_string(), TODAY.to_string())).collect();
    let c = save(&mut conn, "书记", &input, d(TODAY)).unwrap();
    assert!(!c.contact_due && c.all_clear, "{:?}", c.alerts);
    assert!(!c.alerts.iter().any(|a| a.contains("没有联系")), "{:?}", c.alerts);
}
