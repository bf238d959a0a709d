//! What a member's record says about how the branch reaches them — each defined here once, for every area.
//! "In good standing" (在册, status `normal`) is the `status = 'normal'` filter of members/store.rs queries.

/// Age from which a member counts as 高龄 for 上门送学.
pub const FRAIL_AGE: i32 = 80;

/// Tag words that mean a member cannot come to meetings (ill, disabled, bedridden).
const FRAIL_TAGS: [&str; 4] = ["病", "残", "行动不便", "卧床"];

/// 高龄, ill or disabled: needs 上门送学 rather than a reminder.
pub fn is_frail(age: Option<i32>, tags: &[String]) -> bool {
    age.is_some_and(|a| a >= FRAIL_AGE) || tags.iter().any(|t| FRAIL_TAGS.iter().any(|k| t.contains(k)))
}

/// 流动党员 or 失联: needs contact, not a reminder on the board. Who is 流动 is decided once, by the 流动党员 area
/// (`mobile::rules::is_mobile`, away six months or more): its card sets the 身份类别 to 流动 and gives the old class
/// back on return, so the lower areas read the decision here without reaching up.
pub fn is_mobile(identity_class: Option<&str>, lost_contact: bool) -> bool {
    identity_class == Some("mobile") || lost_contact
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frail_by_age_or_tag_and_mobile_by_identity_or_lost_contact() {
        assert!(is_frail(Some(80), &[]));
        assert!(!is_frail(Some(79), &[]));
        assert!(is_frail(None, &["长期卧床".to_string()]));
        assert!(!is_frail(None, &["退役军人".to_string()]));
        assert!(is_mobile(Some("mobile"), false));
        assert!(is_mobile(Some("farmer"), true));
        assert!(!is_mobile(Some("farmer"), false));
    }
}
