-- 0006: 党费 (domain.md section 9): each member's dated standard, approved 少交/免交 (and dues paid at the 流入地),
-- payments with reversals, 上缴 to the higher committee, and how the 自行脱党 warning was handled. Money is integer 分.

-- A member's 交纳标准 from a month on; the latest row whose from_month is not after a month is the one in force.
-- A change is a new row (the earlier stays as history); a mistake is voided, never deleted.
CREATE TABLE dues_standard (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    from_month  TEXT NOT NULL,             -- YYYY-MM
    kind        TEXT NOT NULL CHECK (kind IN ('employed', 'annual', 'self_employed', 'retired', 'farmer',
                                              'student', 'unemployed', 'relief', 'subsistence')),
    base        INTEGER,                   -- 分; NULL for the fixed amounts (农民, 学生 …)
    base_source TEXT,                      -- 工资条, 养老金, 上季度收入 …
    incomes     TEXT,                      -- JSON list of 分: the three monthly net incomes of 个体经营
    rate        INTEGER,                   -- basis points (1% = 100); NULL for the fixed amounts
    amount      INTEGER NOT NULL CHECK (amount >= 0),  -- 分 a month
    rule_set    TEXT NOT NULL,             -- dues-2008
    quarterly   INTEGER NOT NULL DEFAULT 0 CHECK (quarterly IN (0, 1)),  -- pays by quarter with the branch's consent
    decided_on  TEXT NOT NULL,             -- 核定日期
    note        TEXT,
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    -- A standard entered by mistake is voided with the reason; it stays on file and no longer applies.
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT,
    voided_by   TEXT,
    voided_at   TEXT
) STRICT;
CREATE INDEX dues_standard_member ON dues_standard(member_id, from_month);

-- 经批准少交 / 免交, and 在流入地交纳: months covered here are settled and never count as unpaid.
CREATE TABLE dues_relief (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    kind        TEXT NOT NULL CHECK (kind IN ('reduced', 'exempt', 'elsewhere')),
    amount      INTEGER CHECK (amount >= 0),  -- 分 a month for 少交
    from_month  TEXT NOT NULL,
    to_month    TEXT,                      -- NULL: until revoked
    approved_by TEXT,                      -- 批准机关 (上级党委)
    approved_on TEXT,
    doc_no      TEXT,                      -- 文号
    note        TEXT,
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    revoke_reason TEXT,
    revoked_by  TEXT,
    revoked_at  TEXT
) STRICT;
CREATE INDEX dues_relief_member ON dues_relief(member_id);

-- Payments, one row per member and dues month (several months paid at once share a batch). A correction is a
-- reversal: a row with the negative amount pointing at the row it cancels, with the reason; nothing is edited.
CREATE TABLE dues_payment (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    month       TEXT NOT NULL,             -- YYYY-MM the dues are for
    kind        TEXT NOT NULL CHECK (kind IN ('dues', 'extra')),  -- 党费 / 自愿多交
    amount      INTEGER NOT NULL,          -- 分; negative in a reversal
    paid_on     TEXT NOT NULL,
    method      TEXT NOT NULL CHECK (method IN ('cash', 'transfer', 'other')),
    collected_by TEXT,                     -- 收款人
    proxy       TEXT,                      -- 代交人
    batch       INTEGER NOT NULL,
    note        TEXT,
    reverses    INTEGER REFERENCES dues_payment(id),
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX dues_payment_month ON dues_payment(month);
CREATE INDEX dues_payment_member ON dues_payment(member_id, month);
CREATE INDEX dues_payment_paid_on ON dues_payment(paid_on);
CREATE UNIQUE INDEX dues_payment_reversal ON dues_payment(reverses) WHERE reverses IS NOT NULL;

-- 上缴: dues handed to the higher committee. Corrections are reversals, as for payments.
CREATE TABLE dues_remit (
    id          INTEGER PRIMARY KEY,
    date        TEXT NOT NULL,
    from_month  TEXT NOT NULL,
    to_month    TEXT NOT NULL,
    amount      INTEGER NOT NULL,          -- 分; negative in a reversal
    method      TEXT NOT NULL,
    receipt_no  TEXT,
    note        TEXT,
    reverses    INTEGER REFERENCES dues_remit(id),
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX dues_remit_reversal ON dues_remit(reverses) WHERE reverses IS NOT NULL;

-- How the secretary handled a 连续 6 个月未交 (按自行脱党处理) warning: a talk held, a reason, or the status
-- procedure started. It answers the run that began in run_from.
CREATE TABLE dues_alert_handling (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    run_from    TEXT NOT NULL,             -- YYYY-MM, the first unpaid month of the run
    date        TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('talk', 'reason', 'procedure')),
    note        TEXT NOT NULL,
    handled_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX dues_alert_handling_member ON dues_alert_handling(member_id, run_from);

-- The default points scheme's dues rule (domain.md section 7: 未按时交纳党费 −2), for the 积分 link of 党费.
INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
SELECT '未按时交纳党费', 'deduction', -20, 'time', NULL, '[]', NULL,
       (SELECT coalesce(max(sort_order), 0) + 1 FROM point_rule), '2026-01-01T00:00:00', '2026-01-01T00:00:00'
WHERE NOT EXISTS (SELECT 1 FROM point_rule WHERE name = '未按时交纳党费');
