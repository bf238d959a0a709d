//! Keys derived from a member's name: full pinyin and initials for search, and the surname-stroke (姓氏笔画) sort key.
use pinyin::ToPinyin;

static STROKES: &[u8; 20992] = include_bytes!("../../data/strokes.bin");
const FIRST_CJK: u32 = 0x4E00;

/// Surnames whose surname reading differs from the character's common reading.
fn surname_reading(c: char) -> Option<&'static str> {
    Some(match c {
        '曾' => "zeng",
        '单' => "shan",
        '解' => "xie",
        '仇' => "qiu",
        '朴' => "piao",
        '查' => "zha",
        '区' => "ou",
        '覃' => "qin",
        '翟' => "zhai",
        '盖' => "ge",
        '尉' => "yu",
        '缪' => "miao",
        '乐' => "yue",
        '华' => "hua",
        '任' => "ren",
        '沈' => "shen",
        '柏' => "bai",
        '长' => "chang",
        _ => return None,
    })
}

fn readings(name: &str) -> Vec<String> {
    name.chars()
        .enumerate()
        .filter_map(|(i, c)| {
            if i == 0 {
                if let Some(r) = surname_reading(c) {
                    return Some(r.to_string());
                }
            }
            match c.to_pinyin() {
                Some(p) => Some(p.plain().replace('ü', "v")),
                None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase().to_string()),
                None => None,
            }
        })
        .collect()
}

/// 张三 → "zhangsan".
pub fn pinyin_full(name: &str) -> String {
    readings(name).concat()
}

/// 张三 → "zs".
pub fn pinyin_initials(name: &str) -> String {
    readings(name).iter().filter_map(|r| r.chars().next()).collect()
}

pub fn strokes(c: char) -> Option<u8> {
    let i = (c as u32).checked_sub(FIRST_CJK)? as usize;
    STROKES.get(i).copied().filter(|n| *n > 0)
}

/// Sorts by the surname's stroke count, then keeps one surname together, then the next character likewise.
/// Characters without a count (Latin letters, rare ideographs) go after those with one.
pub fn stroke_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| format!("{:02}{:05X}", strokes(c).unwrap_or(99), c as u32))
        .collect()
}

/// What a name must not contain: emoji and other pictographs, and control or invisible formatting characters
/// (pasted from chat apps or spreadsheets). Quotes, the middle dot of minority names and Latin letters are fine.
pub fn name_problem(name: &str) -> Option<&'static str> {
    for c in name.chars() {
        let u = c as u32;
        if c.is_control() || matches!(u, 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0xFEFF) {
            return Some("控制字符或不可见字符");
        }
        if matches!(u, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE00..=0xFE0F | 0xE0000..=0xE007F | 0x20E3) {
            return Some("表情符号");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_keys() {
        assert_eq!(pinyin_full("张三"), "zhangsan");
        assert_eq!(pinyin_initials("张三"), "zs");
        assert_eq!(pinyin_initials("王伟"), "ww");
        assert_eq!(pinyin_full("曾国强"), "zengguoqiang");
        assert_eq!(pinyin_full("吕梅"), "lvmei");
    }

    #[test]
    fn stroke_order_follows_surname_strokes() {
        // 丁 2, 王 4, 刘 6, 陈 7, 张 7, 谢 12
        let mut names = vec!["谢红", "张三", "王伟", "丁一", "刘洋", "陈明"];
        names.sort_by_key(|n| stroke_key(n));
        assert_eq!(names[0], "丁一");
        assert_eq!(names[1], "王伟");
        assert_eq!(names[2], "刘洋");
        assert_eq!(names[5], "谢红");
        assert_eq!(strokes('马'), Some(3));
        assert_eq!(strokes('陈'), Some(7));
    }
}

/// A list of names for a sentence: all of them when few, else the first `n` and 「等 N 人」, so that a 批量 of 1,500
/// members does not become one paragraph of 1,500 names.
pub fn fold(names: &[String], n: usize) -> String {
    if names.len() <= n {
        names.join("、")
    } else {
        format!("{} 等 {} 人", names[..n].join("、"), names.len())
    }
}

#[cfg(test)]
mod fold_tests {
    #[test]
    fn a_long_list_is_folded_with_its_count() {
        let v: Vec<String> = (1..=12).map(|i| format!("党员{i}")).collect();
        assert_eq!(super::fold(&v[..3], 10), "党员1、党员2、党员3");
        assert_eq!(super::fold(&v, 2), "党员1、党员2 等 12 人");
    }
}
