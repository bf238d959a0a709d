//! The rules of 民主评议党员 (domain.md section 12): the 优秀 cap (C12), and the 限期改正 period. Pure.

/// C12: at most ⌊N/3⌋ 优秀, N = 正式党员 whose relation is in the branch (预备党员 take part, ungraded).
pub fn excellent_max(full_members: u32) -> u32 {
    full_members / 3
}

/// 限期改正 (不合格党员组织处置办法): usually 6 months, at most 12.
pub const CORRECTION_MONTHS: std::ops::RangeInclusive<i32> = 1..=12;

/// The usual 限期改正 period; shorter is allowed, with the reason in the note.
pub const CORRECTION_USUAL_MONTHS: i32 = 6;

/// The steps of the year's appraisal (key, name), in order.
pub const STEPS: [(&str, &str); 6] =
    [("study", "学习培训"), ("self", "个人自评"), ("mutual", "党员互评"), ("vote", "民主测评"), ("decide", "组织评定"), ("follow", "表彰处理")];

/// Grades (key, name).
pub const GRADES: [(&str, &str); 4] = [("excellent", "优秀"), ("good", "合格"), ("basic", "基本合格"), ("poor", "不合格")];

/// 组织处置 of a member graded 不合格 (key, name).
pub const ACTIONS: [(&str, &str); 3] = [("correct", "限期改正"), ("persuade", "劝其退党"), ("remove", "除名")];

pub fn grade_name(key: &str) -> Option<&'static str> {
    GRADES.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_at_thirty_to_thirty_three() {
        assert_eq!([30, 31, 32, 33].map(excellent_max), [10, 10, 10, 11]);
        assert_eq!(excellent_max(2), 0);
        assert!(CORRECTION_MONTHS.contains(&6) && !CORRECTION_MONTHS.contains(&13));
    }
}
