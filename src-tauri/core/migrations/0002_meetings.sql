-- 0002: organisational life (三会一课, 主题党日): meetings, per-member attendance, study plans per class, 结对.

CREATE TABLE meeting (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,             -- branch_assembly, committee, group, lecture, theme_day, life_meeting, appraisal, other
    -- planned: on the calendar, not yet held; held: attendance recorded; cancelled: kept with its reason.
    state       TEXT NOT NULL DEFAULT 'planned' CHECK (state IN ('planned', 'held', 'cancelled')),
    date        TEXT NOT NULL,
    start_time  TEXT,
    end_time    TEXT,
    place       TEXT,
    topic       TEXT NOT NULL,
    host        TEXT,
    recorder    TEXT,
    lecturer    TEXT,                      -- 党课 only
    branch_id   INTEGER NOT NULL REFERENCES branch(id),
    group_id    INTEGER REFERENCES party_group(id),  -- 党小组会 only
    content     TEXT,                      -- content / minutes (会议记录)
    decisions   TEXT,
    cancel_reason TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_date ON meeting(date);

-- One row per expected attendee. `mode` says how the member took part: onsite or online while present, or a
-- make-up (home = 上门送学, online = 网络学习) after 请假 or 缺席.
CREATE TABLE attendance (
    meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
    member_id   INTEGER NOT NULL REFERENCES member(id),
    status      TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    mode        TEXT CHECK (mode IN ('onsite', 'home', 'online')),
    reason      TEXT,                      -- 请假 reason
    makeup_date TEXT,
    makeup_by   TEXT,
    note        TEXT,
    PRIMARY KEY (meeting_id, member_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX attendance_member ON attendance(member_id);

-- 分类施教: the quarter's study content and mode for each class of the 管理类型 model.
CREATE TABLE study_plan (
    year        INTEGER NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    class_key   TEXT NOT NULL,
    content     TEXT NOT NULL,
    mode        TEXT NOT NULL,             -- group_study, home, online, pairing
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (year, quarter, class_key)
) STRICT;

-- 结对帮教: a mentor member paired with a member who needs help. Ended, never deleted.
CREATE TABLE pairing (
    id          INTEGER PRIMARY KEY,
    mentor_id   INTEGER NOT NULL REFERENCES member(id),
    mentee_id   INTEGER NOT NULL REFERENCES member(id),
    start_date  TEXT NOT NULL,
    goal        TEXT,
    end_date    TEXT,
    result      TEXT,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX pairing_mentee ON pairing(mentee_id);
