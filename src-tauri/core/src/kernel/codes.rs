//! Code lists of domain.md: the code is stored, the name is shown.
use serde::Serialize;

pub type CodeList = &'static [(&'static str, &'static str)];

/// 性别, GB/T 2261.1.
pub const SEX: CodeList = &[("1", "男"), ("2", "女")];

/// 民族, GB 3304.
pub const ETHNICITY: CodeList = &[
    ("01", "汉族"), ("02", "蒙古族"), ("03", "回族"), ("04", "藏族"), ("05", "维吾尔族"), ("06", "苗族"),
    ("07", "彝族"), ("08", "壮族"), ("09", "布依族"), ("10", "朝鲜族"), ("11", "满族"), ("12", "侗族"),
    ("13", "瑶族"), ("14", "白族"), ("15", "土家族"), ("16", "哈尼族"), ("17", "哈萨克族"), ("18", "傣族"),
    ("19", "黎族"), ("20", "傈僳族"), ("21", "佤族"), ("22", "畲族"), ("23", "高山族"), ("24", "拉祜族"),
    ("25", "水族"), ("26", "东乡族"), ("27", "纳西族"), ("28", "景颇族"), ("29", "柯尔克孜族"), ("30", "土族"),
    ("31", "达斡尔族"), ("32", "仫佬族"), ("33", "羌族"), ("34", "布朗族"), ("35", "撒拉族"), ("36", "毛南族"),
    ("37", "仡佬族"), ("38", "锡伯族"), ("39", "阿昌族"), ("40", "普米族"), ("41", "塔吉克族"), ("42", "怒族"),
    ("43", "乌孜别克族"), ("44", "俄罗斯族"), ("45", "鄂温克族"), ("46", "德昂族"), ("47", "保安族"),
    ("48", "裕固族"), ("49", "京族"), ("50", "塔塔尔族"), ("51", "独龙族"), ("52", "鄂伦春族"), ("53", "赫哲族"),
    ("54", "门巴族"), ("55", "珞巴族"), ("56", "基诺族"), ("97", "其他未识别民族"), ("98", "外国血统中国籍人士"),
];

/// 学历 (the party's statistics list, with 党校 variants).
pub const EDUCATION: CodeList = &[
    ("11", "研究生（博士）"), ("12", "研究生（硕士）"), ("20", "大学本科"), ("30", "大学专科"),
    ("40", "中专/职高/技校"), ("50", "高中"), ("60", "初中"), ("70", "小学及以下"),
    ("81", "中央党校研究生"), ("82", "中央党校大学"), ("83", "中央党校大专"),
    ("84", "省委党校研究生"), ("85", "省委党校大学"), ("86", "省委党校大专"),
];

/// 学历段 for statistics.
pub const EDUCATION_BAND: CodeList = &[("college", "大专及以上"), ("high", "高中·中专"), ("basic", "初中及以下")];

pub fn education_band(code: &str) -> Option<&'static str> {
    match code {
        "11" | "12" | "20" | "30" | "81" | "82" | "83" | "84" | "85" | "86" => Some("college"),
        "40" | "50" => Some("high"),
        "60" | "70" => Some("basic"),
        _ => None,
    }
}

/// 工作岗位, top level of the party statistics list.
pub const JOB: CodeList = &[
    ("01", "工人（工勤技能人员）"), ("02", "农牧渔民"), ("03", "专业技术人员"), ("04", "管理人员"),
    ("05", "党政机关工作人员"), ("06", "学生"), ("07", "其他职业人员"), ("08", "离退休人员"),
];

/// 人员类别.
pub const CATEGORY: CodeList = &[("full", "正式党员"), ("probationary", "预备党员")];

/// 党籍状态.
pub const STATUS: CodeList = &[
    ("normal", "正常"), ("suspended", "停止党籍"), ("out", "出党"), ("deceased", "死亡"), ("transferred", "转出"),
];

/// Kinds of 出党.
pub const OUT_KIND: CodeList =
    &[("persuaded", "劝退"), ("removed", "除名"), ("lapsed", "自行脱党"), ("withdrew", "退党"), ("expelled", "开除")];

/// 党内职务.
pub const PARTY_POST: CodeList = &[
    ("secretary", "书记"), ("deputy", "副书记"), ("organization", "组织委员"), ("publicity", "宣传委员"),
    ("discipline", "纪检委员"), ("youth", "青年委员"), ("group_leader", "党小组长"),
];

/// 失联 reasons.
pub const LOST_REASON: CodeList = &[
    ("1", "外出务工经商"), ("2", "单位改制或破产"), ("3", "毕业后去向不明"), ("4", "工作单位改变"),
    ("5", "出国（境）"), ("6", "居住地改变"), ("7", "其他"),
];

/// 组织类别 of the organisation being set up.
pub const ORG_KIND: CodeList = &[("631", "党支部"), ("621", "党总支"), ("632", "联合党支部")];

/// 身份类别.
pub const IDENTITY_CLASS: CodeList = &[
    ("employed", "在职"), ("retired", "离退休"), ("farmer", "农民"), ("student", "学生"),
    ("unemployed", "待就业/无业"), ("new_org", "两新组织"), ("mobile", "流动"), ("public_sector", "机关/事业单位"),
];

/// 岗位性质.
pub const POSITION_NATURE: CodeList = &[
    ("leader", "领导干部"), ("staff", "普通职工"), ("worker", "一线工人"), ("farmer", "农民"), ("freelance", "自由职业者"),
];

/// 年龄段 of the classification: 青年 ≤35, 中年 36–55, 老年 ≥56.
pub const AGE_BAND: CodeList = &[("youth", "青年（35岁及以下）"), ("middle", "中年（36—55岁）"), ("senior", "老年（56岁及以上）")];

/// 青年 ≤35, 中年 36–55, 老年 ≥56 (周岁).
pub fn age_band(age: i32) -> &'static str {
    match age {
        ..=35 => "youth",
        36..=55 => "middle",
        _ => "senior",
    }
}

/// Kinds of organisational life (三会一课, 主题党日 and the yearly ones).
pub const MEETING_KIND: CodeList = &[
    ("branch_assembly", "支部党员大会"), ("committee", "支委会"), ("group", "党小组会"), ("lecture", "党课"),
    ("theme_day", "主题党日"), ("life_meeting", "组织生活会"), ("appraisal", "民主评议党员"), ("other", "其他"),
];

/// 出席 / 请假 / 缺席.
pub const ATTENDANCE: CodeList = &[("present", "出席"), ("leave", "请假"), ("absent", "缺席")];

/// How a member took part: present on site or online, or a make-up after 请假 or 缺席.
pub const PARTICIPATION_MODE: CodeList = &[("onsite", "现场"), ("home", "上门送学"), ("online", "网络学习")];

/// 分类施教 study modes.
pub const STUDY_MODE: CodeList =
    &[("group_study", "集中学习"), ("home", "上门送学"), ("online", "网络学习"), ("pairing", "结对帮教")];

/// How often a kind of meeting is required.
pub const FREQUENCY: CodeList =
    &[("monthly", "每月"), ("quarterly", "每季度"), ("half_yearly", "每半年"), ("yearly", "每年"), ("off", "不作要求")];

/// How 请假 counts in 参学率.
pub const LEAVE_POLICY: CodeList = &[
    ("absent", "请假计为未参学（补学后计为参学）"),
    ("exclude", "请假不计入应参学人数"),
    ("present", "请假计为参学"),
];

pub fn name_of(list: CodeList, code: &str) -> Option<&'static str> {
    list.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// Accepts a code or its name (「男」 as well as 「1」; 「汉」 as well as 「汉族」), so CLI and import users can type either.
pub fn normalize(list: CodeList, value: &str) -> Option<&'static str> {
    let v = value.trim();
    list.iter()
        .find(|(c, n)| *c == v || *n == v || n.strip_suffix('族') == Some(v))
        .map(|(c, _)| *c)
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CodeItem {
    pub code: &'static str,
    pub name: &'static str,
}

fn items(list: CodeList) -> Vec<CodeItem> {
    list.iter().map(|(code, name)| CodeItem { code, name }).collect()
}

/// Every list at once, for the UI's dropdowns.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CodeLists {
    pub sex: Vec<CodeItem>,
    pub ethnicity: Vec<CodeItem>,
    pub education: Vec<CodeItem>,
    pub education_band: Vec<CodeItem>,
    pub job: Vec<CodeItem>,
    pub category: Vec<CodeItem>,
    pub status: Vec<CodeItem>,
    pub out_kind: Vec<CodeItem>,
    pub party_post: Vec<CodeItem>,
    pub lost_reason: Vec<CodeItem>,
    pub org_kind: Vec<CodeItem>,
    pub identity_class: Vec<CodeItem>,
    pub position_nature: Vec<CodeItem>,
    pub age_band: Vec<CodeItem>,
    pub meeting_kind: Vec<CodeItem>,
    pub attendance: Vec<CodeItem>,
    pub participation_mode: Vec<CodeItem>,
    pub study_mode: Vec<CodeItem>,
    pub frequency: Vec<CodeItem>,
    pub leave_policy: Vec<CodeItem>,
}

pub fn all() -> CodeLists {
    CodeLists {
        sex: items(SEX),
        ethnicity: items(ETHNICITY),
        education: items(EDUCATION),
        education_band: items(EDUCATION_BAND),
        job: items(JOB),
        category: items(CATEGORY),
        status: items(STATUS),
        out_kind: items(OUT_KIND),
        party_post: items(PARTY_POST),
        lost_reason: items(LOST_REASON),
        org_kind: items(ORG_KIND),
        identity_class: items(IDENTITY_CLASS),
        position_nature: items(POSITION_NATURE),
        age_band: items(AGE_BAND),
        meeting_kind: items(MEETING_KIND),
        attendance: items(ATTENDANCE),
        participation_mode: items(PARTICIPATION_MODE),
        study_mode: items(STUDY_MODE),
        frequency: items(FREQUENCY),
        leave_policy: items(LEAVE_POLICY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethnicity_list_is_complete() {
        assert_eq!(ETHNICITY.len(), 58);
        assert_eq!(name_of(ETHNICITY, "56"), Some("基诺族"));
    }

    #[test]
    fn normalize_accepts_code_or_name() {
        assert_eq!(normalize(SEX, "女"), Some("2"));
        assert_eq!(normalize(ETHNICITY, "汉"), Some("01"));
        assert_eq!(normalize(ETHNICITY, "汉族"), Some("01"));
        assert_eq!(normalize(CATEGORY, "预备党员"), Some("probationary"));
        assert_eq!(normalize(SEX, "x"), None);
    }
}
