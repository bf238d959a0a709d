//! The optional password lock: asked at start and after some idle minutes. Only an argon2 hash of the password is
//! stored. It keeps a passer-by out of the app's screens; it does not encrypt the data file (README says so).
use crate::store::audit;
use crate::kernel::error::{Error, FieldError, Result};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use crate::store::kv;
use rusqlite::Connection;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct LockStatus {
    pub enabled: bool,
    /// Lock again after this many minutes without use; 0 only at start.
    pub idle_minutes: u32,
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    kv::get(conn, key)
}

pub fn status(conn: &Connection) -> Result<LockStatus> {
    Ok(LockStatus {
        enabled: get(conn, "lock_hash")?.is_some(),
        idle_minutes: get(conn, "lock_idle")?.and_then(|v| v.parse().ok()).unwrap_or(10),
    })
}

/// Sets (or changes) the password. Changing needs the current one.
pub fn set(conn: &mut Connection, actor: &str, current: Option<&str>, password: &str, idle_minutes: u32) -> Result<LockStatus> {
    let mut errs = Vec::new();
    if status(conn)?.enabled && !verify(conn, current.unwrap_or(""))? {
        errs.push(FieldError::new("current", "WRONG_PASSWORD", "原密码不正确"));
    }
    if password.chars().count() < 4 {
        errs.push(FieldError::new("password", "TOO_SHORT", "密码至少 4 位，请设一个自己记得住、别人猜不到的密码"));
    }
    if idle_minutes > 240 {
        errs.push(FieldError::new("idle_minutes", "OUT_OF_RANGE", "自动锁定时间请填 0 至 240 分钟（0 表示只在启动时询问）"));
    }
    if !errs.is_empty() {
        return Err(Error::Invalid(errs));
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|_| Error::invalid("password", "HASH_FAILED", "无法设置密码（系统随机数或内存不足），请重试"))?
        .to_string();
    let tx = conn.transaction()?;
    for (k, v) in [("lock_hash", hash), ("lock_idle", idle_minutes.to_string())] {
        kv::put(&tx, k, &v)?;
    }
    let after = status(&tx)?;
    // The audit row says that the lock changed, never the hash.
    audit::record(&tx, actor, "set", "lock", None, None::<&()>, Some(&after))?;
    tx.commit()?;
    Ok(after)
}

pub fn verify(conn: &Connection, password: &str) -> Result<bool> {
    let Some(hash) = get(conn, "lock_hash")? else { return Ok(true) };
    let Ok(parsed) = PasswordHash::new(&hash) else { return Ok(false) };
    Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// Unlocks the app: the password is right, or `WRONG_PASSWORD` (the lock screen's message).
pub fn unlock(conn: &Connection, password: &str) -> Result<()> {
    if verify(conn, password)? {
        Ok(())
    } else {
        Err(Error::invalid("password", "WRONG_PASSWORD", "密码不正确，请重新输入"))
    }
}

/// Turns the lock off. The app asks for the password; the CLI's recovery (`lock clear`) passes `None`, since
/// whoever can run it on the PC can read the file anyway.
pub fn clear(conn: &mut Connection, actor: &str, password: Option<&str>) -> Result<LockStatus> {
    if let Some(p) = password {
        if !verify(conn, p)? {
            return Err(Error::invalid("password", "WRONG_PASSWORD", "密码不正确"));
        }
    }
    let tx = conn.transaction()?;
    kv::delete(&tx, &["lock_hash", "lock_idle"])?;
    let after = status(&tx)?;
    audit::record(&tx, actor, if password.is_some() { "clear" } else { "recover" }, "lock", None, None::<&()>, Some(&after))?;
    tx.commit()?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::db;

    #[test]
    fn unlock_says_wrong_password_in_chinese() {
        let mut conn = db::open_in_memory().unwrap();
        unlock(&conn, "whatever").unwrap();
        set(&mut conn, "书记", None, "1234", 10).unwrap();
        unlock(&conn, "1234").unwrap();
        let e = unlock(&conn, "12345").unwrap_err();
        assert_eq!(e.code(), "WRONG_PASSWORD");
        let p = e.payload();
        assert_eq!((p.fields[0].field.as_str(), p.fields[0].code, p.fields[0].message.as_str()), ("password", "WRONG_PASSWORD", "密码不正确，请重新输入"));
    }

    #[test]
    fn set_verify_change_and_clear() {
        let mut conn = db::open_in_memory().unwrap();
        assert!(!status(&conn).unwrap().enabled);
        assert!(verify(&conn, "anything").unwrap(), "no lock, nothing to check");
        assert_eq!(set(&mut conn, "书记", None, "12", 10).unwrap_err().code(), "TOO_SHORT");
        let s = set(&mut conn, "书记", None, "dongfeng2026", 15).unwrap();
        assert_eq!(s, LockStatus { enabled: true, idle_minutes: 15 });
        let stored: String = conn.query_row("SELECT value FROM setting WHERE key = 'lock_hash'", [], |r| r.get(0)).unwrap();
        assert!(stored.starts_with("$argon2") && !stored.contains("dongfeng2026"));
        assert!(verify(&conn, "dongfeng2026").unwrap());
        assert!(!verify(&conn, "dongfeng2025").unwrap());
        assert_eq!(set(&mut conn, "书记", Some("wrong"), "newpass", 5).unwrap_err().code(), "WRONG_PASSWORD");
        set(&mut conn, "书记", Some("dongfeng2026"), "newpass", 5).unwrap();
        assert_eq!(clear(&mut conn, "书记", Some("dongfeng2026")).unwrap_err().code(), "WRONG_PASSWORD");
        assert!(!clear(&mut conn, "书记", Some("newpass")).unwrap().enabled);
        set(&mut conn, "书记", None, "again1", 5).unwrap();
        assert!(!clear(&mut conn, "命令行", None).unwrap().enabled, "the documented recovery");
        let log = audit::list(&conn, None, 10).unwrap();
        assert!(log.iter().all(|a| !a.after.as_deref().unwrap_or("").contains("argon2")));
    }
}
