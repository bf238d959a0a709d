//! 公民身份号码 per GB 11643-1999: 18-character numbers with a check character, and old 15-digit numbers.
use chrono::NaiveDate;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS: &[u8; 11] = b"10X98765432";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    /// Neither 15 nor 18 characters.
    Length(usize),
    /// Letters or symbols where digits belong.
    Chars,
    /// Digits 7–14 are no real date.
    BadBirthDate,
    /// A birth date after the reference day.
    FutureBirthDate,
    /// Structurally fine but the last character does not match; common in old rosters.
    Checksum { expected: char },
}

impl IdProblem {
    pub fn code(&self) -> &'static str {
        match self {
            IdProblem::Length(_) => "ID_LENGTH",
            IdProblem::Chars => "ID_CHARS",
            IdProblem::BadBirthDate => "ID_BIRTH_DATE",
            IdProblem::FutureBirthDate => "ID_FUTURE_BIRTH",
            IdProblem::Checksum { .. } => "ID_CHECKSUM",
        }
    }

    pub fn message(&self) -> String {
        match self {
            IdProblem::Length(n) => format!("公民身份号码应为18位（旧号码为15位），现在是{n}位，请核对"),
            IdProblem::Chars => "公民身份号码只能由数字组成，18位号码的最后一位可以是X，请核对".into(),
            IdProblem::BadBirthDate => "公民身份号码中的出生日期（第7至14位）不是有效日期，请核对".into(),
            IdProblem::FutureBirthDate => "公民身份号码中的出生日期晚于今天，请核对".into(),
            IdProblem::Checksum { expected } => format!(
                "公民身份号码校验位不正确，请核对最后一位（按前17位计算应为 {expected}）。若与身份证原件一致，可勾选“已核对原件”后保存"
            ),
        }
    }
}

/// A number that passed the structural checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdInfo {
    /// Always 18 characters, upper-case X; a 15-digit input is upgraded.
    pub number: String,
    pub birth_date: NaiveDate,
    /// GB/T 2261.1 code: "1" 男, "2" 女.
    pub sex: &'static str,
    pub upgraded_from_15: bool,
    /// Only a wrong check character; the caller decides whether the secretary may confirm it.
    pub checksum_ok: bool,
}

pub fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK_CHARS[(sum % 11) as usize] as char
}

/// Clean what people type: spaces (also full-width), a lower-case x.
pub fn normalize(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            'x' | 'Ｘ' | 'ｘ' => 'X',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Parses and checks a number. A wrong check character is still `Ok` with `checksum_ok == false`, because the
/// secretary may confirm it against the physical card; everything else is an error.
pub fn parse(raw: &str, today: NaiveDate) -> Result<IdInfo, IdProblem> {
    let s = normalize(raw);
    let bytes = s.as_bytes();
    let (number, upgraded) = match s.chars().count() {
        18 => {
            if !bytes[..17].iter().all(u8::is_ascii_digit) || !(bytes[17].is_ascii_digit() || bytes[17] == b'X') {
                return Err(IdProblem::Chars);
            }
            (s.clone(), false)
        }
        15 => {
            if !bytes.iter().all(u8::is_ascii_digit) {
                return Err(IdProblem::Chars);
            }
            let mut first17 = format!("{}19{}", &s[..6], &s[6..]);
            let c = check_char(first17.as_bytes());
            first17.push(c);
            (first17, true)
        }
        n => {
            // 17 digits or letters mixed in: say "digits only" when the length is right apart from letters.
            if s.chars().any(|c| !c.is_ascii_digit() && c != 'X') && (n == 18 || n == 15) {
                return Err(IdProblem::Chars);
            }
            return Err(IdProblem::Length(n));
        }
    };
    let nb = number.as_bytes();
    let birth = NaiveDate::parse_from_str(&number[6..14], "%Y%m%d").map_err(|_| IdProblem::BadBirthDate)?;
    if birth.format("%Y").to_string().parse::<i32>().unwrap_or(0) < 1880 {
        return Err(IdProblem::BadBirthDate);
    }
    if birth > today {
        return Err(IdProblem::FutureBirthDate);
    }
    let sex = if (nb[16] - b'0') % 2 == 1 { "1" } else { "2" };
    let expected = check_char(&nb[..17]);
    Ok(IdInfo { checksum_ok: nb[17] as char == expected, number, birth_date: birth, sex, upgraded_from_15: upgraded })
}

/// For posted lists: 3401**********001X.
pub fn mask(number: &str) -> String {
    let n = number.chars().count();
    if n <= 8 {
        return number.to_string();
    }
    number.chars().enumerate().map(|(i, c)| if i < 4 || i >= n - 4 { c } else { '*' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn valid_vectors() {
        let a = parse("11010519491231002X", today()).unwrap();
        assert!(a.checksum_ok);
        assert_eq!(a.sex, "2");
        assert_eq!(a.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        let b = parse("440524188001010014", today()).unwrap();
        assert!(b.checksum_ok);
        assert_eq!(b.sex, "1");
        assert_eq!(b.birth_date, NaiveDate::from_ymd_opt(1880, 1, 1).unwrap());
        let c = parse("34052419800101001X", today()).unwrap();
        assert!(c.checksum_ok);
        assert_eq!(c.sex, "1");
    }

    #[test]
    fn lower_case_x_and_spaces_accepted() {
        let a = parse(" 11010519491231002x ", today()).unwrap();
        assert_eq!(a.number, "11010519491231002X");
        assert!(a.checksum_ok);
    }

    #[test]
    fn wrong_check_char_is_flagged_not_dropped() {
        let a = parse("110105194912310021", today()).unwrap();
        assert!(!a.checksum_ok);
        assert_eq!(check_char(&a.number.as_bytes()[..17]), 'X');
    }

    #[test]
    fn invalid_numbers() {
        assert_eq!(parse("11010519491331002X", today()), Err(IdProblem::BadBirthDate)); // month 13
        assert_eq!(parse("11010519490230002X", today()), Err(IdProblem::BadBirthDate)); // 30 Feb
        assert_eq!(parse("110105203001010012", today()), Err(IdProblem::FutureBirthDate));
        assert_eq!(parse("11010519491231002", today()), Err(IdProblem::Length(17)));
        assert_eq!(parse("1101051949123100AX", today()), Err(IdProblem::Chars));
        assert_eq!(parse("abc", today()), Err(IdProblem::Length(3)));
        assert_eq!(parse("", today()), Err(IdProblem::Length(0)));
        // an Excel float that lost digits
        assert!(matches!(parse("3.40524E+17", today()), Err(IdProblem::Length(_))));
    }

    #[test]
    fn fifteen_digit_upgrade() {
        // 15-digit form of 34052419800101001X: drop "19" and the check char.
        let a = parse("340524800101001", today()).unwrap();
        assert_eq!(a.number, "34052419800101001X");
        assert!(a.upgraded_from_15 && a.checksum_ok);
        assert_eq!(a.sex, "1");
    }

    #[test]
    fn problems_name_the_field_in_chinese() {
        assert!(IdProblem::Checksum { expected: 'X' }.message().contains("公民身份号码校验位不正确"));
        assert_eq!(IdProblem::Length(17).code(), "ID_LENGTH");
    }

    #[test]
    fn masking() {
        assert_eq!(mask("34052419800101001X"), "3405**********001X");
    }
}
