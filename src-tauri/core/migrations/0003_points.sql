-- 0003: the points system (积分制): rules, the ledger, monthly totals, and talks held on 约谈提醒.
-- Points are stored in tenths (迟到 −0.5 is −5), so sums are exact.

CREATE TABLE point_rule (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('base', 'bonus', 'deduction')),  -- 基础 / 奖励 / 扣减
    points      INTEGER NOT NULL,          -- tenths, per unit; negative for deductions
    unit        TEXT NOT NULL CHECK (unit IN ('time', 'hour')),                    -- 每次 / 每小时
    monthly_cap INTEGER,                   -- tenths; the most (or for deductions, the least) a member gets a month
    meeting_kinds TEXT NOT NULL DEFAULT '[]',  -- JSON list of meeting kinds whose attendance produces entries
    attendance  TEXT CHECK (attendance IN ('present', 'leave', 'absent')),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- The default scheme of domain.md section 7, a common village pattern; every rule can be edited or retired.
INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at) VALUES
    ('参加三会一课', 'base', 20, 'time', NULL, '["branch_assembly","committee","group","lecture"]', 'present', 1, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('参加主题党日', 'base', 20, 'time', NULL, '["theme_day"]', 'present', 2, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('无故缺席组织生活', 'deduction', -20, 'time', NULL, '["branch_assembly","committee","group","lecture","theme_day"]', 'absent', 3, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('迟到早退', 'deduction', -5, 'time', NULL, '[]', NULL, 4, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('志愿服务', 'bonus', 10, 'hour', 100, '[]', NULL, 5, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('结对帮扶', 'bonus', 20, 'time', NULL, '[]', NULL, 6, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),
    ('违反村规民约', 'deduction', -50, 'time', NULL, '[]', NULL, 7, '2026-01-01T00:00:00', '2026-01-01T00:00:00');

CREATE TABLE point_entry (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    date        TEXT NOT NULL,
    rule_id     INTEGER NOT NULL REFERENCES point_rule(id),
    -- What the rule said when the entry was made: editing a rule never changes points already recorded.
    rule_name   TEXT NOT NULL,
    category    TEXT NOT NULL,
    quantity    INTEGER NOT NULL,          -- times, or hours in tenths
    requested   INTEGER NOT NULL,          -- tenths, before the monthly cap
    points      INTEGER NOT NULL,          -- tenths, after the cap
    note        TEXT,
    meeting_id  INTEGER REFERENCES meeting(id),  -- set when attendance produced the entry
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT,
    voided_by   TEXT,
    voided_at   TEXT
) STRICT;
CREATE INDEX point_entry_member ON point_entry(member_id, date);
CREATE INDEX point_entry_date ON point_entry(date) WHERE voided = 0;
CREATE INDEX point_entry_meeting ON point_entry(meeting_id) WHERE meeting_id IS NOT NULL;

-- Each member's totals per month and category, kept in step with point_entry in the same transaction, so a
-- monthly table of 20,000 members over a million entries reads 20,000 rows per month instead of the ledger.
CREATE TABLE point_month (
    month       TEXT NOT NULL,             -- YYYY-MM
    member_id   INTEGER NOT NULL REFERENCES member(id),
    base        INTEGER NOT NULL DEFAULT 0,
    bonus       INTEGER NOT NULL DEFAULT 0,
    deduction   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, member_id)
) STRICT, WITHOUT ROWID;

-- 约谈: the talk held with a member on the alert list; it clears the alert of that month.
CREATE TABLE point_talk (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    alert_month TEXT NOT NULL,             -- YYYY-MM whose alert the talk answers
    date        TEXT NOT NULL,
    talked_by   TEXT NOT NULL,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX point_talk_member ON point_talk(member_id, alert_month);
