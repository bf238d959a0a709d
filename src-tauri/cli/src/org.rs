//! 组织: setting up the organisation, and loading the demo branch.
use branchbook_core::{demo, org, Error};
use rusqlite::Connection;

pub fn setup(conn: &mut Connection, json: &str) -> Result<(), Error> {
    let input: org::SetupInput = serde_json::from_str(json)?;
    let o = org::setup(conn, &input)?;
    println!("{}", serde_json::to_string_pretty(&o)?);
    Ok(())
}

pub fn demo(conn: &mut Connection, extra: usize) -> Result<(), Error> {
    let o = demo::load(conn)?;
    if extra > 0 {
        demo::fill(conn, extra, 2026)?;
    }
    println!("已载入示例数据：{}，{} 名党员", o.name, demo::count(conn)?);
    Ok(())
}
