//! The township (section 13): the package a branch sends, and 乡镇汇总 of many packages without a server.
pub mod config;
pub mod merge;
pub mod package;
mod verify;

pub use merge::{merge, Township};
pub use package::{Header, Package};

#[cfg(test)]
mod tests;
