-- 0008: 流动党员, 组织关系转接 and 失联 (domain.md section 11, issue 15). "Mobile" is decided by the card: away six
-- months or more and not back. 失联 itself stays on the member record (lost_contact, last_contact_date); this area
-- keeps the search attempts beside the contact log.

-- One card per time a member is away. `returned_on` closes it; a member has at most one open card.
-- `clear` is the 六个清 as JSON {flow, contact, housing, thinking, employment, family: last confirmed date}.
CREATE TABLE mobile_card (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES member(id),
    away_since      TEXT NOT NULL,             -- 外出日期
    reason          TEXT,                      -- 外出事由
    destination     TEXT,                      -- 流向：省/市/县
    workplace       TEXT,                      -- 流入地单位
    host_org        TEXT,                      -- 流入地党组织
    host_contact    TEXT,                      -- its contact person and phone
    permit_no       TEXT,                      -- 《流动党员活动证》编号
    permit_issued   TEXT,
    permit_checked  TEXT,                      -- last yearly check
    dues_way        TEXT CHECK (dues_way IN ('home', 'host', 'quarterly')),
    keeper_id       INTEGER REFERENCES member(id),  -- 联系责任人
    clear           TEXT NOT NULL DEFAULT '{}',
    returned_on     TEXT,                      -- 返回日期
    prev_identity   TEXT,                      -- 身份类别 before it became 流动, restored on return
    note            TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX mobile_card_open ON mobile_card(member_id) WHERE returned_on IS NULL;

-- Contact log of mobile members (kind 'contact') and search attempts for 失联 members (kind 'search').
CREATE TABLE mobile_contact (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES member(id),
    kind          TEXT NOT NULL DEFAULT 'contact' CHECK (kind IN ('contact', 'search')),
    date          TEXT NOT NULL,
    way           TEXT NOT NULL,               -- 电话, 微信, 走访, 返乡面谈 …
    by_whom       TEXT,                        -- 联系人 / 查找人
    content       TEXT NOT NULL,               -- 内容 / 结果
    follow_up     TEXT,                        -- 后续
    reported      INTEGER NOT NULL DEFAULT 0 CHECK (reported IN (0, 1)),      -- the member reported to the branch
    host_activity INTEGER NOT NULL DEFAULT 0 CHECK (host_activity >= 0),      -- 流入地组织生活 attended, as reported
    found         INTEGER NOT NULL DEFAULT 0 CHECK (found IN (0, 1)),         -- a search that reached the member
    entered_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    voided        INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason   TEXT
) STRICT;
CREATE INDEX mobile_contact_member ON mobile_contact(member_id, date);

-- 组织关系转接. Out: the three-part 介绍信 (`date` = 开具日期), the member stays the branch's until the 回执 is back
-- (`receipt_on`), when the 党籍 status becomes 转出. In: the member as they reported (`date` = 报到日).
CREATE TABLE transfer (
    id                INTEGER PRIMARY KEY,
    member_id         INTEGER NOT NULL REFERENCES member(id),
    direction         TEXT NOT NULL CHECK (direction IN ('out', 'in')),
    letter_no         TEXT NOT NULL,           -- 介绍信编号
    date              TEXT NOT NULL,
    from_org          TEXT NOT NULL,
    to_org            TEXT NOT NULL,
    dues_paid_through TEXT,                    -- 党费已交到 YYYY-MM
    valid_days        INTEGER CHECK (valid_days > 0),
    arrived_on        TEXT,                    -- out: 报到日 at the receiving branch, from the 回执
    receipt_on        TEXT,                    -- out: the day the 回执 came back
    reason            TEXT,
    note              TEXT,
    entered_by        TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    cancelled         INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    cancel_reason     TEXT
) STRICT;
CREATE INDEX transfer_member ON transfer(member_id);
