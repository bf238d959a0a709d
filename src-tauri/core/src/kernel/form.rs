//! Reading a form: trimmed text, and dates a secretary types, each wrong one a Chinese field error naming the field.
use super::dates;
use super::error::FieldError;
use chrono::NaiveDate;

/// The text typed, trimmed; `None` when blank.
pub fn text(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Collects the field errors of one form.
#[derive(Debug, Default)]
pub struct Form {
    pub errors: Vec<FieldError>,
}

impl Form {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn error(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// A record chosen from a list (a member, a meeting): `None` with the error when nothing was chosen, so the
    /// form's other fields are still checked and every mistake is said at once.
    pub fn required_id(&mut self, field: &str, id: i64, message: &str) -> Option<i64> {
        if id > 0 {
            Some(id)
        } else {
            self.error(field, "REQUIRED", message);
            None
        }
    }

    /// A required text: trimmed, at most `max` characters.
    pub fn required(&mut self, field: &str, label: &str, v: &str, max: usize) -> String {
        let t = v.trim().to_string();
        if t.is_empty() {
            self.error(field, "REQUIRED", format!("请填写{label}"));
        } else if t.chars().count() > max {
            self.error(field, "TOO_LONG", format!("{label}太长，最多 {max} 个字"));
        }
        t
    }

    /// An optional text: trimmed, `None` when blank, at most `max` characters.
    pub fn optional(&mut self, field: &str, label: &str, v: &Option<String>, max: usize) -> Option<String> {
        let t = text(v)?;
        if t.chars().count() > max {
            self.error(field, "TOO_LONG", format!("{label}太长，最多 {max} 个字"));
        }
        Some(t)
    }

    /// A date not after `today` (when given): required unless `optional`.
    pub fn date(&mut self, field: &str, label: &str, v: &str, today: NaiveDate) -> Option<NaiveDate> {
        let t = v.trim();
        if t.is_empty() {
            self.error(field, "REQUIRED", format!("请填写{label}，例如 {}", dates::iso(today)));
            return None;
        }
        match dates::parse_flexible(t) {
            Some(d) if d > today => {
                self.error(field, "FUTURE_DATE", format!("{label}不能晚于今天"));
                None
            }
            Some(d) => Some(d),
            None => {
                self.error(field, "BAD_DATE", format!("{label}“{t}”不正确，请按 {} 的格式填写", dates::iso(today)));
                None
            }
        }
    }

    /// An optional date not after `today`.
    pub fn optional_date(&mut self, field: &str, label: &str, v: &Option<String>, today: NaiveDate) -> Option<NaiveDate> {
        let t = text(v)?;
        self.date(field, label, &t, today)
    }

    /// Any date (a review or end date may lie ahead).
    pub fn any_date(&mut self, field: &str, label: &str, v: &Option<String>) -> Option<NaiveDate> {
        let t = text(v)?;
        let d = dates::parse_flexible(&t);
        if d.is_none() {
            self.error(field, "BAD_DATE", format!("{label}“{t}”不正确，请按 2026-03-05 的格式填写"));
        }
        d
    }

    pub fn finish(self) -> super::error::Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(super::error::Error::Invalid(self.errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_texts_name_their_field() {
        let today = dates::parse("2026-12-04").unwrap();
        let mut f = Form::new();
        assert_eq!(f.date("date", "联系日期", "2026-12-04", today), Some(today));
        assert_eq!(f.date("date", "联系日期", "2026-12-05", today), None);
        assert_eq!(f.date("when", "外出日期", "", today), None);
        assert_eq!(f.optional_date("x", "返回日期", &Some("  ".into()), today), None);
        assert_eq!(f.required("content", "联系内容", "  ", 10), "");
        assert_eq!(f.optional("note", "备注", &Some("一二三".into()), 2).as_deref(), Some("一二三"));
        let fields: Vec<(&str, &str)> = f.errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(fields, [("date", "FUTURE_DATE"), ("when", "REQUIRED"), ("content", "REQUIRED"), ("note", "TOO_LONG")]);
        assert!(f.errors[1].message.contains("外出日期"));
    }
}
