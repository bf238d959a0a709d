//! Rank 2: keeping the data safe — backups, restore, the app lock.
pub mod backup;
pub mod lock;
