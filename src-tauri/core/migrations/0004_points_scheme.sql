-- 0004: the 百分制 points scheme of domain.md section 7 (基础积分 60 kept by duties, 奖励 0–40, deductions) becomes
-- the default for new branches. A branch already set up keeps the scheme it has been scoring with until the
-- secretary switches in 设置; switching never rewrites recorded entries.

-- A branch already set up: pin its old settings (基础分 100, 90/80/60, attendance earns points) unless it saved its own.
INSERT INTO setting (key, value)
SELECT 'points', '{"scheme":"legacy","base":100.0,"bonus_cap":null,"excellent":90.0,"good":80.0,"pass":60.0,"counted_from":null}'
WHERE EXISTS (SELECT 1 FROM org) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'points');

-- A file not yet set up gets the new rule set: attending earns nothing (the seed rules were never used there).
DELETE FROM point_rule
WHERE NOT EXISTS (SELECT 1 FROM org) AND NOT EXISTS (SELECT 1 FROM point_entry)
  AND category = 'base' AND attendance = 'present';
INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
SELECT '党课主讲/先进事迹', 'bonus', 50, 'time', NULL, '[]', NULL, 8, '2026-01-01T00:00:00', '2026-01-01T00:00:00'
WHERE NOT EXISTS (SELECT 1 FROM org) AND NOT EXISTS (SELECT 1 FROM point_rule WHERE name = '党课主讲/先进事迹');
INSERT INTO point_rule (name, category, points, unit, monthly_cap, meeting_kinds, attendance, sort_order, created_at, updated_at)
SELECT '参加党员冬春训/集中培训', 'bonus', 20, 'time', NULL, '[]', NULL, 9, '2026-01-01T00:00:00', '2026-01-01T00:00:00'
WHERE NOT EXISTS (SELECT 1 FROM org) AND NOT EXISTS (SELECT 1 FROM point_rule WHERE name = '参加党员冬春训/集中培训');
