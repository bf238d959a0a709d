//! The rules of 民主评议党员 (domain.md section 12): the 优秀 cap (C12), and the 限期改正 period. Pure.

/// C12: at most ⌊N/3⌋ 优秀, N = 正式党员 whose relation is in the branch (预备党员 take part, ungraded).
pub fn excellent_max(full_members: u32) -> u32 {
    full_members / 3
}

/// 限期改正 (不合格党员组织处置办法): usually 6 months, at most 12.
pub const CORRECTION_MONTHS: std::ops::RangeInclusive<i32> = 1..=12;

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
