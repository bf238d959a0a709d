-- 0010: 民主评议党员 (domain.md section 12, C12; issue 15): one appraisal a year, linked to its 组织生活 meeting, the
-- participants with their tallies and grades, and the 组织处置 of a member graded 不合格.

-- `steps` is JSON {study, self, mutual, vote, decide, follow: date} (学习培训 … 表彰处理).
CREATE TABLE appraisal (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL UNIQUE,
    meeting_id  INTEGER REFERENCES meeting(id),
    steps       TEXT NOT NULL DEFAULT '{}',
    note        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- A participant: 正式 or 预备 when the appraisal was opened (预备党员 take part but are not graded).
CREATE TABLE appraisal_entry (
    appraisal_id  INTEGER NOT NULL REFERENCES appraisal(id),
    member_id     INTEGER NOT NULL REFERENCES member(id),
    probationary  INTEGER NOT NULL DEFAULT 0 CHECK (probationary IN (0, 1)),
    v_excellent   INTEGER CHECK (v_excellent >= 0),
    v_good        INTEGER CHECK (v_good >= 0),
    v_basic       INTEGER CHECK (v_basic >= 0),
    v_poor        INTEGER CHECK (v_poor >= 0),
    v_spoiled     INTEGER CHECK (v_spoiled >= 0),
    grade         TEXT CHECK (grade IN ('excellent', 'good', 'basic', 'poor')),
    opinion       TEXT,                        -- 支委会意见
    cap_reason    TEXT,                        -- why 优秀 goes over ⌊N/3⌋
    PRIMARY KEY (appraisal_id, member_id)
) STRICT;

-- 组织处置 of a member graded 不合格: 限期改正 (months, end date), 劝其退党 or 除名.
CREATE TABLE appraisal_action (
    id            INTEGER PRIMARY KEY,
    appraisal_id  INTEGER NOT NULL REFERENCES appraisal(id),
    member_id     INTEGER NOT NULL REFERENCES member(id),
    kind          TEXT NOT NULL CHECK (kind IN ('correct', 'persuade', 'remove')),
    decided_on    TEXT NOT NULL,
    months        INTEGER CHECK (months BETWEEN 1 AND 12),
    ends_on       TEXT,
    matter        TEXT NOT NULL,               -- the matter, to keep it apart from a 党纪处分 for the same thing
    note          TEXT,
    entered_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
