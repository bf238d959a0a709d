//! SQL on the tables points owns (architecture.md: table ownership).
