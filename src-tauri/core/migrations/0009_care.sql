-- 0009: 关爱帮扶 and 老党员 (domain.md section 11, issue 15): the 困难党员 register, visits with 慰问金 in 分, and
-- the 「光荣在党50年」纪念章 as issued.

-- A member recognised as in hardship: one row per recognition; `state` ends as 'resolved' with its date.
CREATE TABLE care_hardship (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member(id),
    kind          TEXT NOT NULL,               -- 困难类型: 重病, 丧失劳动能力, 天灾/突发, 低保/特困, 高龄空巢, 其他
    recognized_on TEXT NOT NULL,               -- 认定日
    keeper        TEXT,                        -- 责任人
    measures      TEXT,                        -- 帮扶措施
    review_on     TEXT,                        -- 复核日期
    state         TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'resolved')),
    resolved_on   TEXT,
    note          TEXT,
    entered_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX care_hardship_member ON care_hardship(member_id);

-- A visit: 事由 is 春节, 七一, a 四必访 item (the list is a setting) or 其他; money in 分, or goods, or both.
CREATE TABLE care_visit (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    date        TEXT NOT NULL,
    occasion    TEXT NOT NULL,
    visitors    TEXT NOT NULL,                 -- 走访人
    amount      INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),   -- 慰问金, 分
    goods       TEXT,
    fund_source TEXT,                          -- 资金来源
    signed      INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),  -- 签收
    note        TEXT,
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT
) STRICT;
CREATE INDEX care_visit_date ON care_visit(date);

-- 「光荣在党50年」纪念章 as issued: one per member.
CREATE TABLE care_medal (
    member_id  INTEGER PRIMARY KEY REFERENCES member(id),
    year       INTEGER NOT NULL,
    issued_on  TEXT NOT NULL,                  -- 颁发日期
    entered_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
