//! 表头识别: which member field a roster column holds, from the header words real rosters use, and which row is
//! the header. Part of the import; apart so that the words can grow without crowding the import's rules.
use crate::members::member;
use crate::store::sheet::Cell;
use serde::Serialize;

/// Header words seen in real rosters, per field.
const HEADERS: &[(&str, &[&str])] = &[
    ("seq", &["序号", "编号"]),
    ("name", &["姓名", "党员姓名", "名字"]),
    ("sex", &["性别"]),
    ("ethnicity", &["民族"]),
    ("birth_date", &["出生日期", "出生年月", "出生年月日", "出生时间", "生日"]),
    ("id_number", &["公民身份号码", "身份证号", "身份证号码", "身份证", "证件号码", "公民身份证号码"]),
    ("education", &["学历", "文化程度", "全日制学历", "最高学历"]),
    ("category", &["人员类别", "党员类别", "党员类型"]),
    ("join_date", &["入党时间", "入党日期", "入党年月"]),
    ("full_date", &["转正时间", "转正日期"]),
    ("native_place", &["籍贯"]),
    ("job", &["工作岗位", "岗位", "职业"]),
    ("employer", &["工作单位", "单位", "工作单位及职务"]),
    ("phone", &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"]),
    ("address", &["家庭住址", "住址", "家庭地址", "现居住地", "居住地址"]),
    ("police_station", &["户籍派出所"]),
    ("party_post", &["党内职务"]),
    ("group", &["党小组", "所在党小组", "所属党小组"]),
    ("residence", &["居住地社区"]),
    ("identity_class", &["身份类别"]),
    ("position_nature", &["岗位性质"]),
    ("mgmt_type", &["管理类型"]),
    ("remarks", &["备注"]),
];

/// A field a column can be mapped to, for the mapping dropdowns.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct FieldChoice {
    pub key: &'static str,
    pub label: &'static str,
}

pub fn field_choices() -> Vec<FieldChoice> {
    HEADERS
        .iter()
        .filter(|(k, _)| *k != "seq")
        .map(|(k, _)| FieldChoice { key: k, label: if *k == "group" { "党小组" } else { member::label(k) } })
        .collect()
}

fn normalize_header(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth -= 1,
            _ if depth > 0 => {}
            c if c.is_whitespace() || "*＊:：".contains(c) => {}
            c => out.push(c),
        }
    }
    out
}

pub fn guess_field(header: &str) -> Option<&'static str> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    HEADERS.iter().find(|(_, words)| words.contains(&h.as_str())).map(|(k, _)| *k)
}

/// The header is the row, among the first twenty, that names the most known fields (and 姓名).
pub fn detect_header(rows: &[Vec<Cell>]) -> Option<(usize, Vec<Option<&'static str>>)> {
    let mut best: Option<(usize, Vec<Option<&'static str>>, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(20) {
        let mapping: Vec<Option<&'static str>> = row.iter().map(|c| match c {
            Cell::Text(t) => guess_field(t),
            _ => None,
        }).collect();
        let known = mapping.iter().flatten().count();
        if mapping.contains(&Some("name")) && known >= 2 && best.as_ref().is_none_or(|b| known > b.2) {
            best = Some((i, mapping, known));
        }
    }
    best.map(|(i, m, _)| (i, m))
}

