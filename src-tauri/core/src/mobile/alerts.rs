//! What the home page says about members away, transfers and 失联: 失联 first (it outranks 流动), then overdue
//! 回执, then mobile members out of contact or not reported this year.
use super::{card, lost, transfer};
use crate::kernel::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    /// lost_action, receipt, mobile_contact, mobile_report, mobile_confirm.
    pub key: &'static str,
    pub member_id: i64,
    pub name: String,
    pub text: String,
}

pub fn alerts(conn: &Connection, today: NaiveDate) -> Result<Vec<Alert>> {
    let mut out = Vec::new();
    for l in lost::list(conn, today)? {
        if l.proposal.is_some() {
            out.push(Alert { key: "lost_action", member_id: l.member_id, name: l.name.clone(), text: format!("{}：{}", l.name, l.advice) });
        }
    }
    for t in transfer::list(conn, today)? {
        if t.state == "awaiting" && t.overdue {
            out.push(Alert {
                key: "receipt",
                member_id: t.member_id,
                name: t.name.clone(),
                text: format!("{}：介绍信第 {} 号的回执应在 {} 前收回", t.name, t.letter_no, t.receipt_due.clone().unwrap_or_default()),
            });
        }
    }
    for c in card::board(conn, today)?.cards {
        if c.lost_contact {
            continue;
        }
        if c.mobile && !c.classified {
            out.push(Alert { key: "mobile_confirm", member_id: c.member_id, name: c.name.clone(), text: format!("{}：外出已满 6 个月（{} 起）", c.name, c.away_since) });
        }
        if c.contact_due {
            let since = c.last_contact.clone().map_or_else(|| format!("{} 外出后", c.away_since), |d| format!("最后联系 {d}"));
            out.push(Alert { key: "mobile_contact", member_id: c.member_id, name: c.name.clone(), text: format!("{}：{}，已超过联系周期", c.name, since) });
        } else if c.mobile && !c.reported_this_year {
            out.push(Alert { key: "mobile_report", member_id: c.member_id, name: c.name.clone(), text: format!("{}：{} 年还没有向支部汇报", c.name, today.year()) });
        }
    }
    Ok(out)
}
