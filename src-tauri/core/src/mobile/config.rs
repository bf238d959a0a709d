//! The branch's cadence (months) for the 六个清 and for contact with a mobile member — varies locally (default 6).
use super::rules::DEFAULT_CADENCE_MONTHS;
use crate::kernel::error::{Error, Result};
use crate::store::kv;
use rusqlite::Connection;

const KEY: &str = "mobile_cadence_months";

pub fn cadence(conn: &Connection) -> Result<i32> {
    Ok(kv::get(conn, KEY)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_CADENCE_MONTHS))
}

pub fn set_cadence(conn: &Connection, months: i32) -> Result<()> {
    if !(1..=12).contains(&months) {
        return Err(Error::invalid("mobile_cadence_months", "OUT_OF_RANGE", "流动党员联系和“六个清”核实周期请填 1 到 12 个月"));
    }
    kv::put(conn, KEY, &months.to_string())
}
