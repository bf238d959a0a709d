-- 0001: organisation, members, classification and status history, settings, audit log.

CREATE TABLE org (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    kind        TEXT NOT NULL,            -- 631 党支部, 621 党总支, 632 联合党支部
    name        TEXT NOT NULL,
    secretary   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- 支部: a 党支部 org has exactly one; a 党总支 lists its 支部 here.
CREATE TABLE branch (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE party_group (
    id          INTEGER PRIMARY KEY,
    branch_id   INTEGER NOT NULL REFERENCES branch(id),
    name        TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE TABLE member (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    sex                 TEXT,
    ethnicity           TEXT,
    birth_date          TEXT,
    id_number           TEXT,
    id_check_confirmed  INTEGER NOT NULL DEFAULT 0 CHECK (id_check_confirmed IN (0, 1)),
    education           TEXT,
    category            TEXT,
    join_date           TEXT,
    full_date           TEXT,
    native_place        TEXT,
    job                 TEXT,
    employer            TEXT,
    phone               TEXT,
    address             TEXT,
    police_station      TEXT,
    party_post          TEXT,
    branch_id           INTEGER REFERENCES branch(id),
    group_id            INTEGER REFERENCES party_group(id),
    residence           TEXT,              -- 居住地社区 when it differs from the branch (双重管理)
    tags                TEXT NOT NULL DEFAULT '[]',
    remarks             TEXT,
    identity_class      TEXT,
    position_nature     TEXT,
    mgmt_type           TEXT,
    status              TEXT NOT NULL DEFAULT 'normal',
    status_kind         TEXT,
    status_date         TEXT,
    status_reason       TEXT,
    lost_contact        INTEGER NOT NULL DEFAULT 0 CHECK (lost_contact IN (0, 1)),
    lost_contact_reason TEXT,
    last_contact_date   TEXT,
    -- search and sort keys derived from name, kept in step by member.rs
    name_pinyin         TEXT NOT NULL DEFAULT '',
    name_initials       TEXT NOT NULL DEFAULT '',
    stroke_key          TEXT NOT NULL DEFAULT '',
    -- name | pinyin | initials | ID | phone, lower-case: one LIKE serves the search box
    search_text         TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX member_id_number ON member(id_number) WHERE id_number IS NOT NULL;
CREATE INDEX member_group ON member(group_id);
-- No index on stroke_key: walking it costs a row lookup per member, slower than scanning and sorting the matches.

CREATE TABLE status_history (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    from_status TEXT,
    to_status   TEXT NOT NULL,
    kind        TEXT,
    date        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX status_history_member ON status_history(member_id);

CREATE TABLE class_history (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES member(id),
    dimension   TEXT NOT NULL,             -- identity_class, position_nature, mgmt_type
    from_value  TEXT,
    to_value    TEXT,
    date        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX class_history_member ON class_history(member_id);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    before      TEXT,
    after       TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
