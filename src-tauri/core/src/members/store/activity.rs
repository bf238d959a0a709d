//! SQL on the tables members owns that meetings and points need (kept apart so the members area can grow its own store.rs
//! while they are being written).
