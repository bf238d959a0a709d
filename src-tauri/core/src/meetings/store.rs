//! SQL on the tables meetings owns (architecture.md: table ownership).
