-- 积分: what points was last told of each meeting (its date, state and who was on its attendance list), so the points
-- area answers "was this member in the branch before" from its own table instead of reading meeting tables.
-- Kept in step by points::sync_meeting on every meeting change; filled here from the meetings recorded so far.
CREATE TABLE point_meeting_roll (
    meeting_id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    state TEXT NOT NULL,
    member_ids TEXT NOT NULL DEFAULT '[]'
) STRICT;

INSERT INTO point_meeting_roll (meeting_id, date, state, member_ids)
SELECT mt.id, mt.date, mt.state,
       coalesce((SELECT json_group_array(a.member_id) FROM attendance a WHERE a.meeting_id = mt.id), '[]')
FROM meeting mt;

CREATE INDEX point_meeting_roll_date ON point_meeting_roll (state, date);
