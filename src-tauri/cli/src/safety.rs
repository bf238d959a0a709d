//! 数据安全: the password lock (its recovery when the password is forgotten) and backups beside the data file.
use branchbook_core::safety::{backup, lock};
use branchbook_core::Error;
use clap::Subcommand;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum LockCommand {
    /// Turn the lock off without the password (needs access to this PC's data file anyway).
    Clear,
    /// Is the lock on?
    Status,
}

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Back up now (to the backups folder, or to --out).
    Now {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The backups with their check.
    List,
    /// Restore a backup file into the data file (the current data is backed up first).
    Restore {
        file: PathBuf,
        /// Restore even when the backup belongs to another branch (the refusal names both).
        #[arg(long)]
        other_branch: bool,
    },
}

pub fn lock(conn: &mut Connection, actor: &str, command: LockCommand) -> Result<(), Error> {
    match command {
        LockCommand::Clear => {
            lock::clear(conn, actor, None)?;
            println!("密码锁已解除");
        }
        LockCommand::Status => {
            let s = lock::status(conn)?;
            println!("{}", if s.enabled { format!("已设置密码锁，空闲 {} 分钟后自动锁定", s.idle_minutes) } else { "未设置密码锁".into() });
        }
    }
    Ok(())
}

/// `path`: the data file, beside which the backups folder is.
pub fn backup(conn: &mut Connection, actor: &str, path: &Path, command: BackupCommand) -> Result<(), Error> {
    match command {
        BackupCommand::Now { out } => {
            let dest = match out {
                Some(o) => {
                    backup::backup_to(conn, &o)?;
                    o
                }
                None => backup::make(conn, path, "manual")?,
            };
            println!("已备份到 {}", dest.display());
        }
        BackupCommand::List => {
            for b in backup::list_for(path)? {
                let state = if b.ok { "可用".to_string() } else { format!("不可用：{}", b.problem.unwrap_or_default()) };
                println!("{}\t{}\t{}\t{} 人\t{}", b.file_name, b.created, b.kind_name, b.members.map(|m| m.to_string()).unwrap_or("-".into()), state);
            }
        }
        BackupCommand::Restore { file, other_branch } => {
            let info = backup::restore(conn, path, &file, actor, other_branch)?;
            println!("已从 {}（{}）恢复；恢复前的数据已另存在备份文件夹", info.file_name, info.created);
        }
    }
    Ok(())
}
