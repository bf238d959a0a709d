//! A realistic demo branch, so a newcomer can try everything at once; also the generator for benchmarks.
use crate::store::audit;
use crate::kernel::dates;
use crate::kernel::error::{Error, Result};
use crate::kernel::idcard;
use crate::meetings::meeting;
use crate::points;
use crate::members::member::{self, MemberData, StatusChange};
use crate::members::store as member_store;
use crate::org::{self, GroupInput, SetupInput};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::Connection;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤";
const GIVEN_M: &str = "建国军伟强磊洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆荣新德福林春生志海文";
const GIVEN_F: &str = "秀英芳娜敏静丽艳娟霞玲桂兰萍燕红梅琴云莲珍凤洁雪慧玉彩琳倩";
const AREA: [&str; 4] = ["340524", "340521", "340522", "340523"];

/// A small deterministic generator: the same demo every time, no extra dependency.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, s: &'a str) -> char {
        let chars: Vec<char> = s.chars().collect();
        chars[self.below(chars.len())]
    }
}

/// Members with valid ID numbers, spread the way a village branch is: 40–70% aged 60+, mostly 正式党员.
pub fn generate(n: usize, seed: u64, groups: &[i64], today: NaiveDate) -> Vec<MemberData> {
    let mut rng = Lcg(seed);
    let mut used = std::collections::HashSet::new();
    (0..n)
        .map(|i| {
            let male = rng.below(100) < 72;
            let given_pool = if male { GIVEN_M } else { GIVEN_F };
            let mut name = format!("{}{}", rng.pick(SURNAMES), rng.pick(given_pool));
            if rng.below(100) < 65 {
                name.push(rng.pick(given_pool));
            }
            // Age 22..92, weighted towards the old.
            let age = if rng.below(100) < 58 { 60 + rng.below(33) } else { 22 + rng.below(38) } as i32;
            let birth = NaiveDate::from_ymd_opt(today.year() - age, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .unwrap_or(today);
            let number = loop {
                let seq = rng.below(99) + 1;
                let sex_digit = if male { 2 * rng.below(5) + 1 } else { 2 * rng.below(5) };
                let first17 = format!("{}{}{:02}{}", AREA[i % AREA.len()], birth.format("%Y%m%d"), seq, sex_digit);
                let full = format!("{first17}{}", idcard::check_char(first17.as_bytes()));
                if used.insert(full.clone()) {
                    break full;
                }
            };
            let probationary = age < 45 && rng.below(100) < 12;
            let join_age = 20 + rng.below((age - 19).clamp(1, 30) as usize) as i32;
            let mut join = NaiveDate::from_ymd_opt(birth.year() + join_age, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
                .unwrap_or(today);
            // Accepted at 18 or older; a full member has finished the one-year 预备期.
            let earliest = NaiveDate::from_ymd_opt(birth.year() + 18, birth.month(), 1)
                .and_then(|d| d.checked_add_days(Days::new(60)))
                .unwrap_or(birth);
            if probationary {
                join = today.checked_sub_days(Days::new(30 + rng.below(300) as u64)).unwrap_or(today);
            } else {
                let latest = today.checked_sub_days(Days::new(400)).unwrap_or(today);
                join = join.clamp(earliest, latest.max(earliest));
            }
            let full = (!probationary).then(|| member::probation_end(join));
            let education = if age >= 60 {
                ["60", "70", "50", "60", "40"][rng.below(5)]
            } else {
                ["20", "30", "50", "40", "60", "30", "12"][rng.below(7)]
            };
            let (identity, job, position) = if age >= 60 {
                if rng.below(100) < 70 { ("farmer", "02", "farmer") } else { ("retired", "08", "staff") }
            } else {
                let picked = [
                    ("farmer", "02", "farmer"),
                    ("employed", "04", "leader"),
                    ("new_org", "01", "worker"),
                    ("mobile", "07", "freelance"),
                    ("employed", "03", "staff"),
                    ("student", "06", "staff"),
                ][rng.below(6)];
                // A student is young; an older member in that draw farms at home.
                if picked.0 == "student" && age > 26 { ("farmer", "02", "farmer") } else { picked }
            };
            let mgmt = ["pioneer", "growing", "growing", "improve", "growing", "pioneer"][rng.below(6)];
            let group = (!groups.is_empty()).then(|| groups[i % groups.len()]);
            MemberData {
                name,
                sex: Some(if male { "1" } else { "2" }.into()),
                ethnicity: Some(if rng.below(100) < 94 { "01" } else { "03" }.into()),
                birth_date: Some(dates::iso(birth)),
                id_number: Some(number),
                education: Some(education.into()),
                category: Some(if probationary { "probationary" } else { "full" }.into()),
                join_date: Some(dates::iso(join)),
                full_date: full.map(dates::iso),
                native_place: Some("安徽省".into()),
                job: Some(job.into()),
                employer: (identity == "employed" || identity == "new_org").then(|| "城关镇人民政府".to_string()),
                phone: Some(format!("13{}{:08}", 5 + rng.below(5), rng.next() % 100_000_000)),
                address: Some(format!("东风村{}组{}号", 1 + rng.below(8), 1 + rng.below(60))),
                group_id: group,
                identity_class: Some(identity.into()),
                position_nature: Some(position.into()),
                mgmt_type: Some(mgmt.into()),
                ..Default::default()
            }
        })
        .collect()
}

/// Demo members with a part to play (indices into the generated list).
const LOST: usize = 13;
const BREACH: usize = 20;
const NO_ACTIVITY: usize = 44;
const TRANSFERRED_IN: usize = 50;
const ADDED_THIS_MONTH: usize = 57;

/// Sets up 东风村党支部 with four 党小组 and about 60 members, including the cases a secretary meets:
/// two records to complete, a confirmed wrong check character, a member in 失联 (with no attendance), one
/// transferred out, one deceased, one transferred in mid-year, one added this month, one with no activity all
/// year, and two pairs of members with the same name.
pub fn load(conn: &mut Connection) -> Result<org::Org> {
    if org::is_set_up(conn)? {
        return Err(Error::AlreadySetUp);
    }
    let today = dates::today();
    let secretary = "张建国";
    let tx = conn.transaction()?;
    org::setup_in(
        &tx,
        &SetupInput {
            kind: "631".into(),
            name: "城关镇东风村党支部".into(),
            secretary: secretary.into(),
            branches: vec![],
            groups: ["第一党小组", "第二党小组", "第三党小组", "第四党小组"]
                .iter()
                .map(|g| GroupInput { name: g.to_string(), branch: 0 })
                .collect(),
            // The demo keeps its books from January: its meetings start then, so last year is not overdue.
            books_from: Some(format!("{}-01", today.format("%Y"))),
        },
    )?;
    let groups: Vec<i64> = org::groups(&tx, false)?.iter().map(|g| g.id).collect();
    let mut inputs = generate(58, 20_261_001, &groups, today);
    // The 书记 and 支委 live in the village and farm or work there: not 流动, not 学生.
    for input in inputs.iter_mut().take(7) {
        if matches!(input.identity_class.as_deref(), Some("mobile" | "student")) {
            input.identity_class = Some("farmer".into());
            input.position_nature = Some("farmer".into());
            input.job = Some("02".into());
            input.employer = None;
        }
    }
    // Same names are common in a village: two 王芳 and two 李建军 (sex as the ID number says).
    let women: Vec<usize> = (22..40).filter(|&i| inputs[i].sex.as_deref() == Some("2")).take(2).collect();
    let men: Vec<usize> = (22..40).filter(|&i| inputs[i].sex.as_deref() == Some("1")).take(2).collect();
    for &i in &women {
        inputs[i].name = "王芳".into();
    }
    for &i in &men {
        inputs[i].name = "李建军".into();
    }
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let moved_in = this_month.checked_sub_months(chrono::Months::new(5)).unwrap_or(this_month);
    inputs[TRANSFERRED_IN].remarks = Some(format!("{}年{}月由城南社区党支部转入", moved_in.year(), moved_in.month()));
    inputs[ADDED_THIS_MONTH].remarks = Some("本月由西山村党支部转入".into());
    inputs[NO_ACTIVITY].remarks = Some("常年在外务工，今年未参加组织生活，也未请假".into());
    inputs[0].name = secretary.into();
    inputs[0].party_post = Some("secretary".into());
    inputs[1].party_post = Some("organization".into());
    inputs[2].party_post = Some("publicity".into());
    for (i, input) in inputs.iter_mut().enumerate().skip(3).take(4) {
        input.party_post = Some("group_leader".into());
        input.group_id = Some(groups[i % groups.len()]);
    }
    // 待完善: entered from an old paper list.
    inputs[10].education = None;
    inputs[11].ethnicity = None;
    inputs[11].join_date = None;
    inputs[11].full_date = None;
    // A wrong check character the secretary confirmed against the card.
    if let Some(n) = inputs[12].id_number.as_mut() {
        let last = if n.ends_with('0') { '1' } else { '0' };
        n.pop();
        n.push(last);
        inputs[12].id_check_confirmed = true;
    }
    inputs[13].lost_contact = true;
    inputs[13].lost_contact_reason = Some("1".into());
    inputs[13].last_contact_date = today.checked_sub_days(Days::new(250)).map(dates::iso);
    inputs[14].residence = Some("城关镇幸福社区".into());
    inputs[14].remarks = Some("易地搬迁户，居住在幸福社区，组织关系仍在本村".into());
    // 「光荣在党50年」: one old member whose 党龄 (from 转正, C6) reaches 50 at the next 七一.
    let next_july = next_july_first(today);
    let special = [LOST, BREACH, NO_ACTIVITY, TRANSFERRED_IN, ADDED_THIS_MONTH, 15, 16];
    let old = (17..57).filter(|i| !special.contains(i)).find(|&i| {
        inputs[i].category.as_deref() == Some("full") && inputs[i].birth_date.as_deref().and_then(dates::parse).is_some_and(|b| b.year() <= next_july.year() - 72)
    });
    if let Some(i) = old {
        let full = NaiveDate::from_ymd_opt(next_july.year() - 50, 5, 20).unwrap_or(today);
        inputs[i].full_date = Some(dates::iso(full));
        inputs[i].join_date = Some(dates::iso(dates::add_months(full, -12)));
    }
    let mut ids = Vec::new();
    for input in &inputs {
        ids.push(member::create_in(&tx, secretary, input, today)?.id);
    }
    let org = org::get(&tx)?;
    audit::record(&tx, secretary, "demo", "org", Some(1), None::<&()>, Some(&org))?;
    tx.commit()?;
    member::change_status(conn, secretary, ids[15], &StatusChange {
        status: "transferred".into(),
        kind: None,
        date: dates::iso(today.checked_sub_days(Days::new(90)).unwrap_or(today)),
        reason: "随子女迁居县城，组织关系转至城南社区党支部".into(),
        destination: Some("城南社区党支部".into()),
    })?;
    member::change_status(conn, secretary, ids[16], &StatusChange {
        status: "deceased".into(),
        kind: None,
        date: dates::iso(today.checked_sub_days(Days::new(200)).unwrap_or(today)),
        reason: "因病去世".into(),
        destination: None,
    })?;
    let cast = Cast {
        lost: ids[LOST],
        breach: ids[BREACH],
        no_activity: ids[NO_ACTIVITY],
        since: vec![(ids[TRANSFERRED_IN], moved_in), (ids[ADDED_THIS_MONTH], this_month)],
    };
    meetings(conn, secretary, today, &cast)?;
    let people: Vec<(i64, Option<String>, Option<String>)> =
        ids.iter().zip(&inputs).map(|(id, m)| (*id, m.identity_class.clone(), m.join_date.clone())).collect();
    dues_ledger(conn, secretary, today, &people, &cast)?;
    pipeline(conn, secretary, today, &people)?;
    away(conn, secretary, today, &cast)?;
    care(conn, secretary, today, &cast)?;
    appraisal(conn, secretary, today)?;
    Ok(org)
}

/// The 七一 on or after `today`.
fn next_july_first(today: NaiveDate) -> NaiveDate {
    let this = NaiveDate::from_ymd_opt(today.year(), 7, 1).unwrap_or(today);
    if today <= this { this } else { NaiveDate::from_ymd_opt(today.year() + 1, 7, 1).unwrap_or(today) }
}

/// A day `days` before today, in this year if possible (demo dates never lie ahead).
fn back(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

/// Members in good standing with no part to play yet: (id, record), in registry order.
fn spare(conn: &Connection, cast: &Cast, taken: &[i64]) -> Result<Vec<member::MemberRecord>> {
    let busy = [cast.lost, cast.breach, cast.no_activity];
    Ok(member_store::records(conn, true)?
        .into_iter()
        .filter(|m| !busy.contains(&m.id) && !taken.contains(&m.id) && m.data.party_post.is_none() && !cast.since.iter().any(|(id, _)| *id == m.id))
        .collect())
}

/// 流动党员: three members away with cards (one not contacted this year), and a 介绍信 awaiting its 回执.
fn away(conn: &mut Connection, actor: &str, today: NaiveDate, cast: &Cast) -> Result<()> {
    use crate::mobile::{self, contact::ContactInput, transfer::OutInput, CardInput};
    let pool = spare(conn, cast, &[])?;
    // Members the registry already calls 流动, so the demo's classification stays as generated.
    let away: Vec<&member::MemberRecord> = pool.iter().filter(|m| m.data.identity_class.as_deref() == Some("mobile")).take(3).collect();
    let keeper = member_store::records(conn, true)?.into_iter().find(|m| m.data.party_post.as_deref() == Some("organization")).map(|m| m.id);
    let places = [
        ("广东省深圳市宝安区", "深圳某电子有限公司", "中共深圳某电子有限公司支部委员会", "刘书记 0755-27610388", "务工", 430),
        ("浙江省宁波市北仑区", "宁波某建筑工程公司", "中共北仑区某流动党员党支部", "陈书记 0574-86180215", "务工", 300),
        ("江苏省苏州市昆山市", "个体经营", "中共昆山市某社区委员会", "王主任 0512-57510966", "经商", 560),
    ];
    for (k, (m, (dest, work, host, contact, why, days))) in away.iter().zip(places).enumerate() {
        let since = back(today, days);
        let confirmed = dates::iso(back(today, 40 + 100 * k as u64));
        let clear = crate::mobile::rules::CLEAR_ITEMS.iter().map(|(key, _)| (key.to_string(), confirmed.clone())).collect();
        let input = CardInput {
            member_id: m.id,
            away_since: dates::iso(since),
            reason: Some(why.into()),
            destination: Some(dest.into()),
            workplace: Some(work.into()),
            host_org: Some(host.into()),
            host_contact: Some(contact.into()),
            permit_no: Some(format!("皖流党证第{:03}号", 12 + k)),
            permit_issued: Some(dates::iso(since)),
            dues_way: Some(["home", "host", "quarterly"][k].into()),
            keeper_id: keeper,
            clear,
            ..Default::default()
        };
        mobile::save(conn, actor, &input, today)?;
        // The third was last reached before this year began: the home page asks for contact and the yearly report.
        let contacted = if k == 2 { NaiveDate::from_ymd_opt(today.year() - 1, 11, 20).unwrap_or(today) } else { back(today, 20 + 30 * k as u64) };
        let contact = ContactInput {
            member_id: m.id,
            kind: "contact".into(),
            date: dates::iso(contacted),
            way: ["微信", "电话", "电话"][k].into(),
            by_whom: Some("组织委员".into()),
            content: ["在深圳务工，身体健康，按月在流入地参加支部学习", "在工地做施工员，已与流入地党组织取得联系", "在昆山做小生意，家中老人由亲属照顾"][k].into(),
            follow_up: (k == 1).then(|| "春节返乡时当面谈心".into()),
            reported: k == 0,
            host_activity: [3, 1, 0][k],
            found: false,
        };
        mobile::contact::add(conn, actor, &contact, today)?;
    }
    let taken: Vec<i64> = away.iter().map(|m| m.id).collect();
    let out = spare(conn, cast, &taken)?.into_iter().rev().find(|m| m.data.identity_class.as_deref() == Some("employed"));
    if let Some(m) = out {
        let issued = back(today, 20);
        let paid = back(today, 35);
        let input = OutInput {
            member_id: m.id,
            date: dates::iso(issued),
            to_org: "中共城关镇城南社区委员会".into(),
            dues_paid_through: format!("{:04}-{:02}", paid.year(), paid.month()),
            valid_days: Some(30),
            reason: Some("工作调动，随单位迁至城南".into()),
            ..Default::default()
        };
        mobile::transfer::transfer_out(conn, actor, &input, today)?;
    }
    Ok(())
}

/// 关爱帮扶: four 困难党员 with their visits at 春节, 七一 and a 四必访.
fn care(conn: &mut Connection, actor: &str, today: NaiveDate, cast: &Cast) -> Result<()> {
    use crate::care::{hardship, visit, HardshipInput, VisitInput};
    let taken: Vec<i64> = crate::mobile::board(conn, today)?.cards.iter().map(|c| c.member_id).collect();
    let pool = spare(conn, cast, &taken)?;
    let mut old: Vec<&member::MemberRecord> = pool.iter().filter(|m| m.data.birth_date.as_deref().and_then(dates::parse).is_some_and(|b| dates::age_at(b, today) >= 60)).collect();
    old.truncate(4);
    let kinds = [("重病", "帮助申请大病救助，支委每月上门看望"), ("高龄空巢", "结对党员每周电话问候，逢年过节上门"), ("低保/特困", "协助办理低保年审，优先安排公益岗位"), ("丧失劳动能力", "协调邻里帮助农忙，协助申请残疾补贴")];
    // The 纪念章 of earlier years were issued on their 七一: only the coming 七一's list is open.
    let this_july = NaiveDate::from_ymd_opt(today.year(), 7, 1).unwrap_or(today);
    let last_issued = if today >= this_july { today.year() } else { today.year() - 1 };
    for year in crate::care::rules::MEDAL_FIRST_YEAR..=last_issued {
        let due: Vec<i64> = crate::care::medals(conn, year)?.rows.iter().filter(|r| r.issued_on.is_none()).map(|r| r.member_id).collect();
        if !due.is_empty() {
            crate::care::issue_medals(conn, actor, year, &due, &format!("{year}-07-01"), today)?;
        }
    }
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(today.year(), m, d).filter(|x| *x <= today).unwrap_or(today);
    for (k, (m, (kind, measures))) in old.iter().zip(kinds).enumerate() {
        hardship::save(conn, actor, &HardshipInput {
            member_id: m.id,
            kind: kind.into(),
            recognized_on: dates::iso(NaiveDate::from_ymd_opt(today.year() - 1, 3 + k as u32, 10).unwrap_or(today)),
            keeper: Some("张建国".into()),
            measures: Some(measures.into()),
            review_on: Some(dates::iso(NaiveDate::from_ymd_opt(today.year() + 1, 3, 1).unwrap_or(today))),
            ..Default::default()
        }, today)?;
        let festival = VisitInput {
            member_id: m.id,
            date: dates::iso(day(1, 20 + k as u32)),
            occasion: "春节".into(),
            visitors: "张建国、组织委员".into(),
            amount: Some("500".into()),
            goods: Some("米、油各一份".into()),
            fund_source: Some("党费".into()),
            signed: true,
            note: None,
            confirm_large: false,
        };
        visit::add(conn, actor, &festival, today)?;
        visit::add(conn, actor, &VisitInput { date: dates::iso(day(6, 28)), occasion: "七一".into(), amount: Some("300".into()), goods: None, fund_source: Some("上级下拨".into()), ..festival.clone() }, today)?;
        if k == 0 {
            visit::add(conn, actor, &VisitInput { date: dates::iso(day(9, 15)), occasion: "生病".into(), amount: None, goods: Some("牛奶、水果".into()), fund_source: None, signed: false, note: Some("住院期间看望".into()), ..festival }, today)?;
        }
    }
    Ok(())
}

/// Last year's 民主评议, done in the first weeks of this year: tallies for everyone, ⌊N/3⌋ graded 优秀.
fn appraisal(conn: &mut Connection, actor: &str, today: NaiveDate) -> Result<()> {
    use crate::appraisal::{self, AppraisalInput, GradeInput, TallyInput, Votes};
    let day = |m: u32, d: u32| dates::iso(NaiveDate::from_ymd_opt(today.year(), m, d).filter(|x| *x <= today).unwrap_or(today));
    let steps = [("study", day(1, 8)), ("self", day(1, 12)), ("mutual", day(1, 15)), ("vote", day(1, 15)), ("decide", day(1, 18)), ("follow", day(1, 25))];
    let input = AppraisalInput { year: today.year() - 1, steps: steps.iter().map(|(k, d)| (k.to_string(), d.clone())).collect(), ..Default::default() };
    let a = appraisal::open(conn, actor, &input)?;
    let voters = 40u32;
    let mut rng = Lcg(20_260_115);
    let full: Vec<i64> = a.entries.iter().filter(|e| !e.probationary).map(|e| e.member_id).collect();
    let mut rows = Vec::new();
    let mut by_excellent = Vec::new();
    for (i, id) in full.iter().enumerate() {
        let excellent = rng.below(30) as u32;
        let basic = if i % 9 == 4 { 3 + rng.below(5) as u32 } else { rng.below(2) as u32 };
        let spoiled = rng.below(2) as u32;
        let good = voters - excellent - basic - spoiled;
        rows.push(TallyInput { member_id: *id, votes: Some(Votes { excellent, good, basic, poor: 0, spoiled }) });
        by_excellent.push((excellent, *id));
    }
    let a = appraisal::tally(conn, actor, a.id, &rows)?;
    by_excellent.sort_by(|x, y| y.0.cmp(&x.0));
    for (rank, (_, id)) in by_excellent.iter().enumerate() {
        let grade = if (rank as u32) < a.excellent_max { "excellent" } else { "good" };
        appraisal::grade(conn, actor, a.id, &GradeInput { member_id: *id, grade: Some(grade.into()), opinion: Some("同意".into()), cap_reason: None })?;
    }
    Ok(())
}

/// The 发展党员 pipeline: three 申请人 (one whose 谈话 is overdue), two 入党积极分子, one 发展对象, and the branch's
/// 预备党员 taken through every step from the application, accepted eleven months ago so 转正 is due next month.
fn pipeline(conn: &mut Connection, actor: &str, today: NaiveDate, people: &[(i64, Option<String>, Option<String>)]) -> Result<()> {
    use crate::development::{self, PersonInput, StepInput, VoteInput};
    let ago = |months: i32, days: i64| dates::iso(dates::add_months(today, -months) + chrono::Duration::days(days));
    let add = |conn: &mut Connection, name: &str, sex: &str, birth: &str, applied: String| -> Result<i64> {
        let input = PersonInput { name: name.into(), sex: Some(sex.into()), birth_date: Some(birth.into()), education: Some("30".into()), applied_on: applied, ..Default::default() };
        Ok(development::add(conn, actor, &input, today)?.0.id)
    };
    let step = |conn: &mut Connection, person: i64, n: u8, date: String, extra: StepInput| -> Result<()> {
        development::record(conn, actor, &StepInput { person_id: person, step: n, date, actor: Some("张建国".into()), ..extra }, today)?;
        Ok(())
    };
    let none = StepInput::default;
    let vote = || Some(VoteInput { expected: 48, present: 41, yes: 41, ..Default::default() });
    let (contact, introducers) = (people[3].0, vec![people[1].0, people[2].0]);
    // 申请人.
    add(conn, "刘晓东", "1", "2001-04-12", ago(0, -10))?;
    add(conn, "陈佳怡", "2", "1999-10-03", ago(1, -15))?;
    let p = add(conn, "赵宇航", "1", "2003-06-21", ago(0, -20))?;
    step(conn, p, 2, ago(0, -5), none())?;
    // 入党积极分子.
    for (name, sex, birth) in [("孙婷婷", "2", "1997-02-14"), ("周志强", "1", "1995-08-30")] {
        let p = add(conn, name, sex, birth, ago(9, 0))?;
        step(conn, p, 2, ago(9, 10), none())?;
        step(conn, p, 3, ago(8, 0), none())?;
        step(conn, p, 4, ago(8, 3), none())?;
        step(conn, p, 5, ago(8, 3), StepInput { people: vec![contact], ..none() })?;
        step(conn, p, 6, ago(2, 0), StepInput { record: Some("思想汇报按时，参加志愿服务".into()), ..none() })?;
    }
    // 发展对象.
    let p = add(conn, "吴思远", "1", "1994-11-08", ago(26, 0))?;
    for (n, date) in [(2, ago(26, 10)), (3, ago(24, 0)), (4, ago(24, 3)), (5, ago(24, 3)), (6, ago(18, 0)), (6, ago(13, 0)), (7, ago(6, 0)), (8, ago(6, 3)), (9, ago(6, 5))] {
        let extra = match n {
            5 => StepInput { people: vec![contact], ..none() },
            9 => StepInput { people: introducers.clone(), ..none() },
            _ => none(),
        };
        step(conn, p, n, date, extra)?;
    }
    step(conn, p, 10, ago(3, 0), StepInput { passed: Some(true), record: Some("政审合格".into()), ..none() })?;
    step(conn, p, 11, ago(2, 0), StepInput { training_days: Some(3), training_hours: Some(24), ..none() })?;
    // The branch's 预备党员: the pipeline from the application to now, accepted eleven months ago.
    let member = crate::members::store::activity::dues_roll(conn)?.into_iter().find(|m| m.status == "normal" && m.category.as_deref() == Some("probationary"));
    let Some(m) = member else { return Ok(()) };
    let a = dates::add_months(today, -11);
    let at = |months: i32, days: i64| dates::iso(dates::add_months(a, months) + chrono::Duration::days(days));
    let rec = crate::members::member::get_record(conn, m.id)?;
    let input = PersonInput {
        name: m.name.clone(),
        sex: rec.data.sex.clone(),
        ethnicity: rec.data.ethnicity.clone(),
        birth_date: rec.data.birth_date.clone(),
        id_number: rec.data.id_number.clone(),
        education: rec.data.education.clone(),
        employer: rec.data.employer.clone(),
        phone: rec.data.phone.clone(),
        group_id: rec.data.group_id,
        applied_on: at(-30, 0),
        ..Default::default()
    };
    let p = development::add(conn, actor, &input, today)?.0.id;
    let tx = conn.transaction()?;
    crate::development::store::set_member(&tx, p, m.id)?;
    tx.commit()?;
    let steps: Vec<(u8, String, StepInput)> = vec![
        (2, at(-30, 15), none()),
        (3, at(-26, 0), none()),
        (4, at(-26, 5), none()),
        (5, at(-26, 5), StepInput { people: vec![contact], ..none() }),
        (6, at(-20, 0), none()),
        (6, at(-14, 0), none()),
        (7, at(-13, 0), none()),
        (8, at(-13, 3), none()),
        (9, at(-13, 5), StepInput { people: introducers.clone(), ..none() }),
        (10, at(-12, 0), StepInput { passed: Some(true), ..none() }),
        (11, at(-11, 0), StepInput { training_days: Some(3), ..none() }),
        (12, at(0, -40), StepInput { notice_to: Some(at(0, -30)), ..none() }),
        (13, at(0, -20), none()),
        (14, at(0, -15), none()),
        (15, at(0, 0), StepInput { vote: vote(), ..none() }),
        (16, at(0, 10), none()),
        (17, at(1, 10), StepInput { doc_no: Some(format!("城党〔{}〕18号", dates::add_months(a, 1).year())), ..none() }),
        (18, at(1, 20), none()),
        (19, at(2, 0), none()),
        (20, at(2, 0), none()),
        (21, at(5, 0), StepInput { record: Some("按时参加组织生活，表现良好".into()), ..none() }),
        (21, at(9, 0), StepInput { record: Some("带头参加村道整治志愿服务".into()), ..none() }),
    ];
    for (n, date, extra) in steps {
        step(conn, p, n, date, extra)?;
    }
    Ok(())
}

/// This year's 党费 so far: every member's standard from January (or from joining), payments month by month as a
/// branch collects them — a few late, one by proxy, a student by quarter, one 免交, a 大额 gift at 七一 — the
/// 上缴 of each finished quarter, and two members who stopped paying (the 常年在外 member and the 失联 one), so
/// 欠缴提醒 and 首页 show the 自行脱党 warning.
fn dues_ledger(conn: &mut Connection, actor: &str, today: NaiveDate, people: &[(i64, Option<String>, Option<String>)], cast: &Cast) -> Result<()> {
    use crate::dues::{self, month};
    let jan = month::ym(today.year(), 1);
    let now = month::of_date(today);
    let decided = dates::iso(NaiveDate::from_ymd_opt(today.year(), 1, 10).unwrap_or(today).min(today));
    let since = |id: i64| cast.since.iter().find(|(m, _)| *m == id).map(|(_, d)| month::of_date(*d));
    let mut payers: Vec<(i64, i32)> = Vec::new();
    for (i, (id, class, join)) in people.iter().enumerate() {
        // One member pays the student rate by quarter (a student away at college).
        let class = if i == 33 { &Some("student".to_string()) } else { class };
        let (kind, base, std) = match class.as_deref() {
            Some("retired") => ("retired", Some(["2450.00", "3800.00", "5200.00", "4322.50"][i % 4]), None),
            Some("employed" | "public_sector" | "new_org") => ("employed", Some(["2800.00", "3000.00", "3000.01", "4322.50", "5600.00", "10500.00"][i % 6]), None),
            Some("student") => ("student", None, None),
            Some("unemployed") => ("unemployed", None, None),
            _ => ("farmer", None, Some(if i % 5 == 0 { "1.00" } else { "0.50" })),
        };
        let joined = join.as_deref().and_then(month::of_iso);
        let first = [Some(jan), joined, since(*id)].into_iter().flatten().max().unwrap_or(jan);
        let input = dues::StandardInput {
            member_id: *id,
            kind: kind.into(),
            base: base.map(Into::into),
            standard: std.map(Into::into),
            from_month: month::key(first),
            quarterly: kind == "student",
            // Decided at the January 核定, or when the member came (transferred in, accepted).
            decided_on: Some(dates::iso(dates::parse(&decided).unwrap_or(today).max(month::first_day(first)).min(today))),
            ..Default::default()
        };
        // A member who has left (转出, 去世) keeps the standard they had; skip anyone the rules refuse.
        let tx = conn.transaction()?;
        if dues::standard::set_standard_in(&tx, actor, &input, today).is_ok() {
            tx.commit()?;
            payers.push((*id, first));
        }
    }
    // 低保 since March, 免交 approved by the township.
    let exempt = people.get(25).map(|p| p.0);
    if let Some(id) = exempt {
        let from = month::key(jan.max(now - 9));
        dues::add_relief(conn, actor, &dues::ReliefInput {
            member_id: id,
            kind: "exempt".into(),
            from_month: from,
            to_month: Some(month::key(month::ym(today.year(), 12))),
            approved_by: Some("中共城关镇委员会".into()),
            approved_on: Some(decided.clone()),
            doc_no: Some(format!("城党〔{}〕3号", today.year())),
            note: Some("家庭困难，享受最低生活保障".into()),
            ..Default::default()
        })?;
    }
    let stopped = [cast.no_activity, cast.lost];
    let late: Vec<i64> = people.iter().skip(40).take(3).map(|p| p.0).collect();
    let proxy = people.get(30).map(|p| p.0);
    let book = dues::book::Book::load(conn)?;
    for at in jan..now {
        let day = |d: u32| month::first_day(at).with_day(d).unwrap_or(month::first_day(at)).min(today);
        // Most pay in the month; the three late ones for last month have not paid yet; the 常年在外 member paid
        // January only and the 失联 member nothing.
        let mut on_time = Vec::new();
        for (id, first) in &payers {
            let m = match book.member(*id) {
                Some(m) => m,
                None => continue,
            };
            let due = at >= *first && book.in_books(m, at) && matches!(book.state(m, at), dues::arrears::MonthState::Due { quarterly: false });
            let skip = (stopped.contains(id) && (at > jan || *id == cast.lost)) || (at == now - 1 && late.contains(id)) || Some(*id) == proxy;
            if due && !skip {
                on_time.push(*id);
            }
        }
        if !on_time.is_empty() {
            dues::pay(conn, actor, &dues::PayInput { member_ids: on_time, months: vec![month::key(at)], paid_on: dates::iso(day(8)), collected_by: Some("李秀英".into()), ..Default::default() }, today)?;
        }
        if let Some(id) = proxy {
            if book.member(id).is_some_and(|m| book.in_books(m, at)) {
                dues::pay(conn, actor, &dues::PayInput { member_ids: vec![id], months: vec![month::key(at)], paid_on: dates::iso(day(12)), proxy: Some("其子".into()), collected_by: Some("李秀英".into()), ..Default::default() }, today)?;
            }
        }
        // Students pay by quarter, in the quarter's last month.
        if month::quarter_end(at) == at {
            let students: Vec<i64> = payers.iter().filter(|(id, _)| book.standard_at(*id, at).is_some_and(|s| s.quarterly)).map(|p| p.0).collect();
            for id in students {
                let months: Vec<String> = (at - 2..=at).filter(|m| book.member(id).is_some_and(|x| book.in_books(x, *m))).map(month::key).collect();
                if !months.is_empty() {
                    dues::pay(conn, actor, &dues::PayInput { member_ids: vec![id], months, paid_on: dates::iso(day(20)), ..Default::default() }, today)?;
                }
            }
        }
        // 七一: the secretary gives 1000.00 voluntarily (大额党费).
        if month::month_no(at) == 7 {
            dues::pay(conn, actor, &dues::PayInput { member_ids: vec![people[0].0], extra: Some("1000.00".into()), paid_on: dates::iso(day(1)), note: Some("七一自愿多交".into()), ..Default::default() }, today)?;
        }
        // Each finished quarter is remitted on the 10th of the next month.
        if month::quarter_end(at) == at && at + 1 < now {
            let q_from = at - 2;
            let collected: i64 = dues::book::Book::load(conn)?.rows.iter().filter(|p| month::parse("", "", &p.month).is_ok_and(|m| (q_from..=at).contains(&m))).map(|p| p.amount).sum();
            if collected > 0 {
                dues::remit(conn, actor, &dues::RemitInput {
                    date: dates::iso(month::first_day(at + 1).with_day(10).unwrap_or(month::first_day(at + 1)).min(today)),
                    from_month: month::key(q_from),
                    to_month: month::key(at),
                    amount: crate::kernel::money::yuan(collected),
                    method: "转账".into(),
                    receipt_no: Some(format!("{}{:02}0317", today.year(), month::month_no(at))),
                    ..Default::default()
                }, today)?;
            }
        }
    }
    Ok(())
}

/// Who plays which part in the demo's year.
struct Cast {
    /// 失联: no attendance at all.
    lost: i64,
    /// One breach of the village rules.
    breach: i64,
    /// Absent from everything, no leave asked.
    no_activity: i64,
    /// Members in the branch only from a month on.
    since: Vec<(i64, NaiveDate)>,
}

/// How much a member does beyond the duties, which spreads the tiers the way a real branch's spread.
#[derive(Clone, Copy, PartialEq)]
enum Effort {
    /// Much volunteer work, 结对, a 党课: 优秀 or high 良好.
    Active,
    /// Some: 良好.
    Engaged,
    /// Duties only: 合格.
    Plain,
    /// Often absent without leave: 待提升.
    Weak,
}

/// This year's organisational life so far (at least six months), so the calendar, the rates and the reminders have
/// something to show.
/// Last month's 支委会 is left out on purpose: the home screen then shows what an overdue meeting looks like.
fn meetings(conn: &mut Connection, actor: &str, today: NaiveDate, cast: &Cast) -> Result<()> {
    let mut rng = Lcg(20_261_101);
    let groups = org::groups(conn, false)?;
    let tx = conn.transaction()?;
    let members = member_store::ids_in_good_standing(&tx)?;
    let mut effort_rng = Lcg(20_261_201);
    let effort: std::collections::HashMap<i64, Effort> = members
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let e = match effort_rng.below(100) {
                _ if i == 0 => Effort::Active,
                0..=19 => Effort::Active,
                20..=54 => Effort::Engaged,
                55..=91 => Effort::Plain,
                _ => Effort::Weak,
            };
            (id, e)
        })
        .collect();
    let in_branch = |id: i64, date: NaiveDate| id != cast.lost && cast.since.iter().all(|(m, from)| *m != id || date >= *from);
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    const REASONS: [&str; 4] = ["外出务工", "生病住院", "家中有事", "在外地照顾孙辈"];
    let mut plan: Vec<(&str, NaiveDate, Option<i64>, &str)> = Vec::new();
    for back in 1..=(today.month() - 1).max(6) {
        let Some(month) = this_month.checked_sub_months(chrono::Months::new(back)) else { continue };
        let day = |d: u32| month.with_day(d).unwrap_or(month);
        plan.push(("theme_day", day(1), None, "开展主题党日活动：重温入党誓词，学习党章"));
        if back != 1 {
            plan.push(("committee", day(3), None, "研究本月党建工作和村级重点事项"));
        }
        for (i, g) in groups.iter().enumerate() {
            plan.push(("group", day(8 + i as u32), Some(g.id), "学习会议精神，交流思想"));
        }
        if month.month() % 3 == 0 {
            plan.push(("branch_assembly", day(20), None, "通报季度工作，讨论村级事务"));
            plan.push(("lecture", day(22), None, "书记讲党课：发挥党员先锋模范作用"));
        }
    }
    plan.sort_by_key(|p| p.1);
    for (kind, date, group_id, topic) in plan {
        let mut attendees = Vec::new();
        for a in meeting::expected_attendees(&tx, kind, None, group_id)? {
            let id = a.attendance.member_id;
            if !in_branch(id, date) {
                continue;
            }
            let roll = rng.below(100);
            let weak = effort.get(&id) == Some(&Effort::Weak);
            let (status, mode, reason) = match roll {
                _ if id == cast.no_activity => ("absent", None, None),
                0..=6 => ("leave", (rng.below(2) == 0).then(|| "home".to_string()), Some(REASONS[rng.below(REASONS.len())].to_string())),
                7..=9 => ("absent", None, None),
                10..=44 if weak => ("absent", None, None),
                _ => ("present", Some("onsite".to_string()), None),
            };
            attendees.push(meeting::AttendanceInput {
                member_id: a.attendance.member_id,
                status: status.into(),
                makeup_date: mode.as_ref().map(|_| dates::iso(date + Days::new(3))),
                makeup_by: mode.as_ref().map(|_| actor.to_string()),
                mode,
                reason,
                note: None,
            });
        }
        let data = meeting::MeetingData {
            kind: kind.into(),
            state: "held".into(),
            date: dates::iso(date),
            start_time: Some("09:00".into()),
            end_time: Some("11:00".into()),
            place: Some("村委会会议室".into()),
            topic: topic.into(),
            host: Some(actor.into()),
            recorder: Some("组织委员".into()),
            lecturer: (kind == "lecture").then(|| actor.to_string()),
            group_id,
            ..Default::default()
        };
        meeting::create_in(&tx, actor, &meeting::MeetingInput { data, attendees: Some(attendees) }, today)?;
    }
    // Points beyond attendance, by each member's effort: volunteer hours, 结对帮扶, a 党课 or 先进事迹, lateness,
    // and one breach of the village rules. Under the 百分制 (60 + 奖励 up to 40) this spreads the tiers.
    // One read of the rules (points owns their table); a missing one fails as the lookup by name did.
    let all_rules = points::rules(&tx, true)?;
    let rule = |name: &str| -> Result<i64> {
        all_rules.iter().find(|r| r.data.name == name).map(|r| r.id).ok_or(Error::Db(rusqlite::Error::QueryReturnedNoRows))
    };
    let (volunteer, pairing, late, breach) = (rule("志愿服务")?, rule("结对帮扶")?, rule("迟到早退")?, rule("违反村规民约")?);
    let lecture = rule("党课主讲/先进事迹").ok();
    const DEEDS: [&str; 5] = ["村道清扫志愿服务", "垃圾分类宣传", "防汛值守", "敬老院慰问", "人居环境整治"];
    let months: Vec<NaiveDate> = (1..=(today.month() - 1).max(6)).filter_map(|back| this_month.checked_sub_months(chrono::Months::new(back))).collect();
    let add = |ids: Vec<i64>, rule_id: i64, quantity: f64, note: Option<String>, date: NaiveDate| -> Result<()> {
        points::add_in(&tx, actor, &points::EntryInput { member_ids: ids, date: dates::iso(date), rule_id, quantity, note }, today).map(|_| ())
    };
    for &id in &members {
        let mine: Vec<NaiveDate> = months.iter().copied().filter(|m| in_branch(id, *m)).collect();
        if mine.is_empty() || id == cast.no_activity {
            continue;
        }
        let e = effort[&id];
        let mut target = match e {
            Effort::Active => 30 + rng.below(11),
            Effort::Engaged => 15 + rng.below(13),
            Effort::Plain => rng.below(9),
            Effort::Weak => 0,
        } as i64;
        let day = |m: NaiveDate, d: u32| m.with_day(d).unwrap_or(m);
        if let (Effort::Active, Some(lecture)) = (e, lecture) {
            if rng.below(2) == 0 {
                add(vec![id], lecture, 1.0, Some("在主题党日上讲述脱贫帮扶事迹".into()), day(mine[rng.below(mine.len())], 16))?;
                target -= 5;
            }
        }
        let pairs = (target / 10).min(mine.len() as i64);
        for m in mine.iter().take(pairs as usize) {
            add(vec![id], pairing, 1.0, Some("结对帮扶困难户".into()), day(*m, 18))?;
            target -= 2;
        }
        // The rest as volunteer hours spread over the months (well under the monthly cap).
        let n = mine.len() as i64;
        for (i, m) in mine.iter().enumerate() {
            let hours = target.max(0) / n + i64::from((i as i64) < target.max(0) % n);
            if hours > 0 {
                add(vec![id], volunteer, hours as f64, Some(DEEDS[rng.below(DEEDS.len())].into()), day(*m, 15))?;
            }
        }
        if matches!(e, Effort::Plain | Effort::Weak) {
            for m in &mine {
                if rng.below(100) < 12 {
                    add(vec![id], late, 1.0, None, day(*m, 1))?;
                }
            }
        }
    }
    if let Some(month) = this_month.checked_sub_months(chrono::Months::new(2)) {
        add(vec![cast.breach], breach, 1.0, Some("占道堆放柴草，经劝导已清理".into()), month.with_day(12).unwrap_or(month))?;
    }
    tx.commit()?;
    Ok(())
}

/// Inserts `n` generated members in one transaction (benchmarks and load tests).
pub fn fill(conn: &mut Connection, n: usize, seed: u64) -> Result<()> {
    let today = dates::today();
    let tx = conn.transaction()?;
    let groups: Vec<i64> = org::groups(&tx, false)?.iter().map(|g| g.id).collect();
    for input in generate(n, seed, &groups, today) {
        member::create_in(&tx, "基准测试", &input, today)?;
    }
    tx.commit()?;
    Ok(())
}

/// How many members the demo holds, for the CLI's summary line.
pub fn count(conn: &Connection) -> Result<i64> {
    member_store::count_in_good_standing(conn)
}


/// An empty 党支部 with the given 党小组, for tests, benchmarks and trying imports.
pub fn blank_branch(conn: &mut Connection, name: &str, groups: &[&str]) -> Result<org::Org> {
    org::setup(
        conn,
        &SetupInput {
            kind: "631".into(),
            name: name.into(),
            secretary: "张建国".into(),
            branches: vec![],
            groups: groups.iter().map(|g| GroupInput { name: g.to_string(), branch: 0 }).collect(),
            books_from: None,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 15's demo: 3 流动党员 (one not contacted this year), a transfer awaiting its 回执, 4 困难党员 with
    /// visits, a member due the medal next 七一, last year's appraisal — and still 56 members in good standing.
    #[test]
    fn the_demo_has_members_away_in_care_and_appraised() {
        let mut conn = crate::store::db::open_in_memory().unwrap();
        load(&mut conn).unwrap();
        let today = dates::today();
        assert_eq!(member_store::count_in_good_standing(&conn).unwrap(), 56);
        let board = crate::mobile::board(&conn, today).unwrap();
        assert_eq!(board.cards.len(), 3);
        assert!(board.cards.iter().all(|c| c.mobile && c.classified));
        assert_eq!(board.cards.iter().filter(|c| c.contact_due).count(), 1);
        let transfers = crate::mobile::transfer::list(&conn, today).unwrap();
        assert_eq!(transfers.iter().filter(|t| t.state == "awaiting").count(), 1);
        let hardships = crate::care::hardship::list(&conn, today).unwrap();
        assert_eq!(hardships.len(), 4);
        let visits = crate::care::visit::list(&conn, today.year()).unwrap();
        assert!(hardships.iter().all(|h| visits.iter().any(|v| v.member_id == h.member_id)));
        let next = next_july_first(today).year();
        assert!(crate::care::medals(&conn, next).unwrap().rows.iter().any(|r| r.due_year == next && !r.late));
        let a = crate::appraisal::show(&conn, today.year() - 1).unwrap().expect("last year's appraisal");
        assert_eq!(a.excellent_count, a.excellent_max);
        assert!(a.entries.iter().filter(|e| !e.probationary).all(|e| e.grade.is_some() && e.votes.is_some()));
    }
}
