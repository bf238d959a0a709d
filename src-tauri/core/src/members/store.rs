//! SQL on the tables members owns (architecture.md: table ownership).
