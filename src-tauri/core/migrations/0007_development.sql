-- 0007: 发展党员 (domain.md section 10): the people in the pipeline and the 25 steps each one goes through, with the
-- date, who acted, the record, and what each step needs (联系人 and 介绍人, 政审, training, 公示, the votes).

-- A person from the 入党申请 on. `member_id` is set when the 支部大会 accepts them as 预备党员 (the registry then
-- holds their member record); `state` ends as `full` (转正) or `stopped` (取消资格, 停止培养) with the reason.
CREATE TABLE dev_person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sex         TEXT,
    ethnicity   TEXT,
    birth_date  TEXT,
    id_number   TEXT,
    education   TEXT,
    employer    TEXT,                      -- 单位、职务
    phone       TEXT,
    group_id    INTEGER REFERENCES party_group(id),
    member_id   INTEGER REFERENCES member(id),
    state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'full', 'stopped')),
    stop_reason TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- One row per step taken (考察 and 继续教育考察 repeat). A step entered by mistake is voided with the reason.
CREATE TABLE dev_step (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES dev_person(id),
    step        INTEGER NOT NULL CHECK (step BETWEEN 1 AND 25),
    date        TEXT NOT NULL,
    actor       TEXT,                      -- 经办人 / 谈话人
    record      TEXT,                      -- 记录、结论
    doc_no      TEXT,                      -- 文号
    people      TEXT NOT NULL DEFAULT '[]',-- member ids: 培养联系人 (5), 入党介绍人 (9)
    passed      INTEGER CHECK (passed IN (0, 1)),   -- 政治审查 (10): 合格 or not
    training_days  INTEGER,                -- 集中培训 (11)
    training_hours INTEGER,
    notice_to   TEXT,                      -- 公示 (12): the last day; `date` is the first
    vote        TEXT,                      -- 支部大会 (15, 23): JSON {expected, present, yes, no, abstain, written_yes}
    meeting_id  INTEGER REFERENCES meeting(id),
    outcome     TEXT CHECK (outcome IN ('on_time', 'extend', 'cancel')),  -- 转正讨论 (23)
    extension_months INTEGER,
    special     INTEGER NOT NULL DEFAULT 0 CHECK (special IN (0, 1)),     -- 审批 under the 6-month special limit
    entered_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    voided      INTEGER NOT NULL DEFAULT 0 CHECK (voided IN (0, 1)),
    void_reason TEXT
) STRICT;
CREATE INDEX dev_step_person ON dev_step(person_id, step);
