//! The dues ledger in memory: every member's standards, reliefs and payments read in four queries, so a year's
//! 登记表 for 1,500 members, the month's collecting list and the arrears run are arithmetic over maps.
use super::arrears::{self, Arrears, MonthState};
use super::month::{self, Ym};
use super::store::{self, PaymentRow, ReliefRow, StandardRow};
use crate::kernel::codes;
use crate::kernel::error::Result;
use crate::members::store::activity::{self, DuesMember};
use crate::org;
use rusqlite::Connection;
use std::collections::HashMap;

/// What was paid for one member and month, reversals netted out.
#[derive(Debug, Clone, Default)]
pub struct Paid {
    pub dues: i64,
    pub extra: i64,
    /// The live (not reversed) dues rows: their dates, collectors and proxies.
    pub rows: Vec<PaymentRow>,
}

impl Paid {
    pub fn paid_on(&self) -> Option<&str> {
        self.rows.iter().filter(|r| r.kind == "dues").map(|r| r.paid_on.as_str()).max()
    }
    pub fn proxy(&self) -> Option<&str> {
        self.rows.iter().filter_map(|r| r.proxy.as_deref()).find(|p| !p.is_empty())
    }
    pub fn collected_by(&self) -> Option<&str> {
        self.rows.iter().filter_map(|r| r.collected_by.as_deref()).find(|p| !p.is_empty())
    }
}

pub struct Book {
    pub members: Vec<DuesMember>,
    standards: HashMap<i64, Vec<StandardRow>>,
    reliefs: HashMap<i64, Vec<ReliefRow>>,
    pub paid: HashMap<(i64, Ym), Paid>,
    /// Each member's latest month with a payment row (prepaid months reach past today).
    last_paid: HashMap<i64, Ym>,
    /// Every payment row, reversals included, in the order written.
    pub rows: Vec<PaymentRow>,
    /// The month the branch started its books here (setup's 从哪个月开始记账).
    pub books_from: Option<Ym>,
    pub groups: HashMap<i64, String>,
    pub org_name: String,
    /// How many members have each name.
    names: HashMap<String, usize>,
}

impl Book {
    pub fn load(conn: &Connection) -> Result<Book> {
        let mut standards: HashMap<i64, Vec<StandardRow>> = HashMap::new();
        for s in store::standards(conn)? {
            standards.entry(s.member_id).or_default().push(s);
        }
        let mut reliefs: HashMap<i64, Vec<ReliefRow>> = HashMap::new();
        for r in store::reliefs(conn)?.into_iter().filter(|r| !r.revoked) {
            reliefs.entry(r.member_id).or_default().push(r);
        }
        let rows = store::payments(conn)?;
        let mut paid: HashMap<(i64, Ym), Paid> = HashMap::new();
        let mut last_paid: HashMap<i64, Ym> = HashMap::new();
        for p in &rows {
            let Some(m) = month::parse("month", "月份", &p.month).ok() else { continue };
            let l = last_paid.entry(p.member_id).or_insert(m);
            *l = (*l).max(m);
            let e = paid.entry((p.member_id, m)).or_default();
            match p.kind.as_str() {
                "extra" => e.extra += p.amount,
                _ => e.dues += p.amount,
            }
            if p.reverses.is_none() && p.reversed_by.is_none() {
                e.rows.push(p.clone());
            }
        }
        let o = org::get(conn)?;
        let members = activity::dues_roll(conn)?;
        let mut names: HashMap<String, usize> = HashMap::new();
        for m in &members {
            *names.entry(m.name.clone()).or_default() += 1;
        }
        let groups = o.branches.iter().flat_map(|b| &b.groups).map(|g| (g.id, g.name.clone())).collect();
        Ok(Book {
            members,
            standards,
            reliefs,
            paid,
            last_paid,
            rows,
            books_from: org::books_from(conn)?.map(month::of_date),
            groups,
            org_name: o.name,
            names,
        })
    }

    pub fn member(&self, id: i64) -> Option<&DuesMember> {
        self.members.iter().find(|m| m.id == id)
    }

    /// 「1980年生」 beside a name another member shares (else empty), so two 王芳 can be told apart.
    pub fn hint(&self, m: &DuesMember) -> String {
        if self.names.get(&m.name).copied().unwrap_or(0) < 2 {
            return String::new();
        }
        match m.birth_date.as_deref().filter(|b| b.len() >= 4) {
            Some(b) => format!("{}年生", &b[..4]),
            None => format!("编号 {}", m.id),
        }
    }

    /// The name as every list and sentence of 党费 shows it: 「王芳（1980年生）」 when another member shares it.
    pub fn shown(&self, m: &DuesMember) -> String {
        match self.hint(m) {
            h if h.is_empty() => m.name.clone(),
            h => format!("{}（{h}）", m.name),
        }
    }

    pub fn group_name(&self, m: &DuesMember) -> String {
        m.group_id.and_then(|g| self.groups.get(&g)).cloned().unwrap_or_default()
    }

    pub fn standards_of(&self, member_id: i64) -> &[StandardRow] {
        self.standards.get(&member_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The standard in force in a month: the latest entered for the latest month not after it.
    pub fn standard_at(&self, member_id: i64, m: Ym) -> Option<&StandardRow> {
        let key = month::key(m);
        self.standards_of(member_id).iter().rev().find(|s| s.from_month <= key)
    }

    /// The approved 少交/免交 or 在流入地交纳 covering a month.
    pub fn relief_at(&self, member_id: i64, m: Ym) -> Option<&ReliefRow> {
        let key = month::key(m);
        self.reliefs.get(&member_id)?.iter().rev().find(|r| r.from_month <= key && r.to_month.as_ref().is_none_or(|t| *t >= key))
    }

    pub fn reliefs_of(&self, member_id: i64) -> &[ReliefRow] {
        self.reliefs.get(&member_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first dues month: the first standard's month, not before the member joined (a 预备党员 owes from the
    /// month of the 支部大会 that accepted them) nor before the branch started its books here.
    pub fn first_month(&self, m: &DuesMember) -> Option<Ym> {
        let first = self.standards_of(m.id).iter().filter_map(|s| month::parse("from_month", "", &s.from_month).ok()).min()?;
        let joined = m.join_date.as_deref().and_then(month::of_iso);
        Some([Some(first), joined, self.books_from].into_iter().flatten().max().unwrap_or(first))
    }

    /// The last dues month of a member who left (the month of death, 转出, 出党 or 停止党籍); none while in the branch.
    pub fn last_month(&self, m: &DuesMember) -> Option<Ym> {
        if m.status == "normal" {
            return None;
        }
        Some(m.status_date.as_deref().and_then(month::of_iso).unwrap_or(Ym::MIN))
    }

    pub fn in_books(&self, m: &DuesMember, at: Ym) -> bool {
        self.first_month(m).is_some_and(|f| f <= at) && self.last_month(m).is_none_or(|l| at <= l)
    }

    /// Whether the member belongs on a month's list: in the branch that month (joined by its end, not yet left).
    pub fn on_roll(&self, m: &DuesMember, at: Ym) -> bool {
        let joined = m.join_date.as_deref().and_then(month::of_iso).is_none_or(|j| j <= at);
        joined && self.last_month(m).is_none_or(|l| at <= l)
    }

    pub fn paid_at(&self, member_id: i64, m: Ym) -> Option<&Paid> {
        self.paid.get(&(member_id, m))
    }

    pub fn state(&self, m: &DuesMember, at: Ym) -> MonthState {
        let Some(first) = self.first_month(m) else {
            return if self.on_roll(m, at) { MonthState::NoStandard } else { MonthState::NotDue };
        };
        if at < first || self.last_month(m).is_some_and(|l| at > l) {
            return MonthState::NotDue;
        }
        if self.paid_at(m.id, at).is_some_and(|p| p.dues > 0) {
            return MonthState::Paid;
        }
        if self.relief_at(m.id, at).is_some() {
            return MonthState::Settled;
        }
        // 0.00 owed is never arrears (a standard of 0 from before bases of 0 were refused).
        if self.standard_at(m.id, at).is_some_and(|s| s.amount == 0) {
            return MonthState::Settled;
        }
        MonthState::Due { quarterly: self.standard_at(m.id, at).is_some_and(|s| s.quarterly) }
    }

    /// What the member owes for a month (分): the standard, or the approved reduced amount, or 0 when exempt.
    pub fn owed(&self, m: &DuesMember, at: Ym) -> Option<i64> {
        if !self.in_books(m, at) {
            return None;
        }
        match self.relief_at(m.id, at) {
            Some(r) if r.kind == "reduced" => r.amount.or(Some(0)),
            Some(_) => Some(0),
            None => self.standard_at(m.id, at).map(|s| s.amount),
        }
    }

    /// C9 at `as_of` (the month whose start is the date's month).
    pub fn arrears(&self, m: &DuesMember, as_of: Ym) -> Arrears {
        let Some(first) = self.first_month(m) else { return Arrears::default() };
        let last_paid = self.last_paid.get(&m.id).copied().unwrap_or(first);
        let end = match self.last_month(m) {
            Some(l) => l,
            None => last_paid.max(as_of),
        };
        arrears::arrears(first, end, as_of, |at| self.state(m, at))
    }

    /// 预备党员 or 正式党员.
    pub fn category_name(&self, m: &DuesMember) -> &'static str {
        m.category.as_deref().and_then(|c| codes::name_of(codes::CATEGORY, c)).unwrap_or("")
    }
}
