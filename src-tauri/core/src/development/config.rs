//! The workday calendar (C8) the secretary keeps: the year's 法定假日 and 调休上班日, as announced. 公示 periods are
//! counted in 工作日 on it.
use crate::kernel::dates;
use crate::kernel::error::Result;
use crate::store::kv;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct WorkdayCalendar {
    /// 法定假日 falling on weekdays (YYYY-MM-DD).
    pub holidays: Vec<String>,
    /// 调休上班日: weekend days that are worked.
    pub workdays: Vec<String>,
}

impl WorkdayCalendar {
    pub fn dates(&self) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
        let parse = |v: &[String]| v.iter().filter_map(|s| dates::parse(s)).collect();
        (parse(&self.holidays), parse(&self.workdays))
    }
}

pub fn get(conn: &Connection) -> Result<WorkdayCalendar> {
    Ok(match kv::get(conn, "workday_calendar")? {
        Some(json) => serde_json::from_str(&json)?,
        None => WorkdayCalendar::default(),
    })
}

pub fn put(conn: &Connection, c: &WorkdayCalendar) -> Result<()> {
    kv::put(conn, "workday_calendar", &serde_json::to_string(c)?)
}
