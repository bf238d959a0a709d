//! Arguments that arrive from the UI as JSON. Deserializing happens here, not in the shell, so that a missing, empty
//! or wrongly typed value becomes a field error in Chinese (`REQUIRED` / `INVALID` with the field), never an
//! internal message such as "invalid type: null, expected a string".
use crate::kernel::error::{Error, FieldError, Result};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Deserializes the argument `key` (as the UI sends it, camelCase) of `command` from `value` (`None`: not sent,
/// which is the same as null). Optional arguments accept both.
pub fn parse<T: DeserializeOwned>(command: &str, key: &str, value: Option<&Value>) -> Result<T> {
    let value = value.unwrap_or(&Value::Null);
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut field = snake(key);
        // The deepest named segment: `input.tags[0]` is about `tags`, `changes.name` about `name`.
        for seg in e.path().iter() {
            if let serde_path_to_error::Segment::Map { key } = seg {
                field = snake(key);
            }
        }
        let inner = e.into_inner().to_string();
        // "missing field `name`" points at the struct; the field is in the message.
        if let Some(missing) = between(&inner, "missing field `", "`") {
            field = snake(missing);
        }
        Error::Invalid(vec![problem(command, &field, &inner)])
    })
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = &s[s.find(start)? + start.len()..];
    Some(&rest[..rest.find(end)?])
}

/// `branchId` → `branch_id`.
pub fn snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn problem(command: &str, field: &str, serde_message: &str) -> FieldError {
    let label = label(command, field);
    if serde_message.starts_with("invalid type: null") || serde_message.starts_with("missing field") {
        return FieldError::new(field, "REQUIRED", format!("请填写{label}"));
    }
    if let Some(unknown) = between(serde_message, "unknown field `", "`") {
        return FieldError::new(
            field,
            "INVALID",
            format!("提交的内容里有本程序不认识的项目“{unknown}”，请重新打开这个页面后再试"),
        );
    }
    let expected = serde_message.rsplit("expected ").next().unwrap_or("");
    let message = if serde_message.starts_with("unknown variant") {
        format!("{label}不在可选范围内，请从列表中选择")
    } else if expected.starts_with("a boolean") {
        format!("{label}只能选择“是”或“否”")
    } else if ["i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "isize"].iter().any(|t| expected.starts_with(t)) {
        if serde_message.contains("integer `-") {
            format!("{label}不能是负数")
        } else {
            format!("{label}应填写整数")
        }
    } else if expected.starts_with("f32") || expected.starts_with("f64") {
        format!("{label}应填写数字")
    } else if expected.starts_with("a string") || expected.starts_with("a character") {
        format!("{label}应填写文字")
    } else if expected.starts_with("a sequence") {
        format!("{label}应是一组选择")
    } else {
        format!("{label}填写的内容不正确，请检查后重试")
    };
    FieldError::new(field, "INVALID", message)
}

/// The Chinese name of an argument or of a field inside one, as the secretary sees it on the form.
pub fn label(command: &str, field: &str) -> &'static str {
    if field == "name" {
        return if command.starts_with("member") || command.starts_with("import") {
            "姓名"
        } else if command.starts_with("points_rule") {
            "规则名称"
        } else if command.contains("group") {
            "党小组名称"
        } else if command.contains("branch") {
            "支部名称"
        } else {
            "名称"
        };
    }
    match field {
        "input" | "change" | "changes" | "settings" | "request" | "query" | "options" | "makeup" => "提交的内容",
        "id" => "所选记录",
        "kind" => if command.starts_with("meeting") { "会议类型" } else { "类型" },
        "secretary" => "书记",
        "branches" => "支部",
        "groups" => "党小组",
        "branch" => "所属支部",
        "from" => "开始日期",
        "to" => "结束日期",
        "month" => "月份",
        "months" => "月数",
        "year" => "年份",
        "quarter" => "季度",
        "member_id" | "member_ids" => "党员",
        "meeting_id" => "会议",
        "rule_id" => "积分规则",
        "mentor_id" => "帮带人",
        "mentee_id" => "结对对象",
        "start_date" => "开始日期",
        "end_date" => "结束日期",
        "goal" => "帮带目标",
        "result" => "结对结果",
        "content" => "内容",
        "mode" => "方式",
        "class_key" => "课程",
        "topic" => "主题",
        "place" => "地点",
        "blank_rows" => "空白行数",
        "date" => "日期",
        "start_time" => "开始时间",
        "end_time" => "结束时间",
        "host" => "主持人",
        "recorder" => "记录人",
        "lecturer" => "授课人",
        "decisions" => "决议事项",
        "state" => "状态",
        "attendees" => "参会人员",
        "data" => "会议信息",
        "by" => "负责人",
        "note" => "备注",
        "makeup_date" => "补学日期",
        "makeup_by" => "补学负责人",
        "quantity" => "次数",
        "points" => "分值",
        "unit" => "计分单位",
        "monthly_cap" => "每月上限",
        "meeting_kinds" => "会议类型",
        "attendance" => "参会情况",
        "include_voided" => "是否包含作废记录",
        "include_retired" => "是否包含停用规则",
        "by_rule" => "按规则分列",
        "alert_month" => "提醒月份",
        "talked_by" => "谈话人",
        "active" => "是否启用",
        "dimension" => "分类维度",
        "value" => "分类",
        "mapping" => "列对应关系",
        "duplicates" => "重复处理方式",
        "accept_warnings" => "是否接受提醒",
        "mgmt_model" => "分类模式",
        "mgmt_classes" => "管理类型",
        "large_text" => "大字模式",
        "meeting_rules" => "会议要求",
        "frequency" => "频次",
        "from_month" => "起始月份",
        "leave_policy" => "请假计算方式",
        "theme_day" => "主题党日",
        "base" => if command.starts_with("dues") { "交纳基数" } else { "基础分" },
        "incomes" => "上季度月纯收入",
        "standard" => "每月交纳额",
        "base_source" => "基数来源",
        "quarterly" => "按季交纳",
        "decided_on" => "核定日期",
        "paid_on" => "交纳日期",
        "method" => "交纳方式",
        "collected_by" => "收款人",
        "proxy" => "代交人",
        "extra" => "自愿多交金额",
        "count" => "月数",
        "run_from" => "欠缴起始月份",
        "action" => "处理方式",
        "amount" => "金额",
        "to_month" => "截止月份",
        "approved_by" => "批准机关",
        "approved_on" => "批准日期",
        "doc_no" => if command.starts_with("dev") { "文号" } else { "批准文号" },
        "receipt_no" => "回执号",
        "farmer_fen" => "农民党员每月交纳额",
        "person_id" => "发展对象",
        "step" => "步骤",
        "applied_on" => "递交申请书日期",
        "actor" => "经办人",
        "record" => "记录",
        "people" => "联系人或介绍人",
        "passed" => "政审结论",
        "training_days" => "培训天数",
        "training_hours" => "培训学时",
        "notice_to" => "公示结束日期",
        "vote" => "表决情况",
        "outcome" => "讨论结果",
        "extension_months" => "延长月数",
        "special" => "特殊情况",
        "change_from" => "新基数起算方式",
        "excellent" | "good" | "basic" | "poor" | "spoiled" if command.starts_with("appraisal") => "票数",
        "excellent" | "good" | "pass" => "等次分数线",
        "ids" => "所选党员",
        "columns" => "列",
        "full_values" => "完整显示",
        "by_group" => "按党小组分组",
        "search" => "搜索内容",
        "sort" => "排序",
        "ref_date" => "统计日期",
        "age_min" | "age_max" => "年龄",
        "age_band" => "年龄段",
        "education_band" => "学历",
        "incomplete" => "待完善",
        "flagged" => "待核对",
        "limit" => "条数",
        "entity" => "记录类型",
        "file_name" => "备份文件",
        "password" => "密码",
        "current" => "当前密码",
        "idle_minutes" => "自动锁定时间",
        "class_reason" => "调整原因",
        "roster" => "花名册",
        "sign_in" => "签到表",
        "key" => if command.starts_with("report") { "报表" } else { "类型" },
        "period" => "报表期间",
        "as_of_date" => "统计截止日期",
        "folder" => "选择方式",
        "print" => "打印方式",
        "away_since" => "外出日期",
        "destination" if command.starts_with("mobile") => "流向",
        "workplace" => "流入地单位",
        "host_org" => "流入地党组织",
        "host_contact" => "流入地党组织联系人",
        "permit_no" => "活动证编号",
        "permit_issued" => "活动证发放日期",
        "permit_checked" => "活动证年审日期",
        "dues_way" => "党费交纳方式",
        "keeper_id" => "联系责任人",
        "clear" => "六个清",
        "returned_on" => "返回日期",
        "way" => "方式",
        "by_whom" => "联系人",
        "follow_up" => "后续安排",
        "reported" => "是否向支部汇报",
        "host_activity" => "参加流入地组织生活次数",
        "found" => "是否找到",
        "letter_no" => "介绍信编号",
        "to_org" => "转往的党组织",
        "from_org" => "来源党组织",
        "dues_paid_through" => "党费已交到",
        "valid_days" => "有效期天数",
        "arrived_on" => "报到日期",
        "receipt_on" => "回执收回日期",
        "last_contact" => "最后联系日期",
        "cadence" => "核实周期",
        "recognized_on" => "认定日期",
        "keeper" => "帮扶责任人",
        "measures" => "帮扶措施",
        "review_on" => "复核日期",
        "resolved_on" => "解除日期",
        "occasion" => "走访事由",
        "visitors" => "走访人",
        "goods" => "慰问物品",
        "fund_source" => "资金来源",
        "signed" => "是否签收",
        "issued_on" => "颁发日期",
        "old_age" => "高龄起算年龄",
        "must_visit" => "四必访",
        "steps" => "评议步骤",
        "rows" => "票数",
        "votes" => "票数",
        "grade" => "评定等次",
        "opinion" => "支委会意见",
        "cap_reason" => "超出比例的理由",
        "matter" => "不合格的主要问题",
        "already_punished" => "是否已受党纪处分",
        _ => crate::kernel::labels::member_field(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::member::MemberData;
    use serde_json::json;

    fn field_error<T: DeserializeOwned + std::fmt::Debug>(cmd: &str, key: &str, v: Option<Value>) -> FieldError {
        match parse::<T>(cmd, key, v.as_ref()) {
            Err(Error::Invalid(errs)) => errs[0].clone(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn null_name_is_a_required_field_in_chinese() {
        let e = field_error::<MemberData>("member_create", "input", Some(json!({"name": null})));
        assert_eq!((e.field.as_str(), e.code, e.message.as_str()), ("name", "REQUIRED", "请填写姓名"));
    }

    #[test]
    fn missing_and_wrong_types_name_the_field() {
        let e = field_error::<i64>("member_detail", "id", None);
        assert_eq!((e.field.as_str(), e.code), ("id", "REQUIRED"));
        let e = field_error::<i64>("meeting_expected", "branchId", Some(json!("x")));
        assert_eq!((e.field.as_str(), e.code, e.message.as_str()), ("branch_id", "INVALID", "所在支部应填写整数"));
        let e = field_error::<u32>("participation_inactive", "months", Some(json!(-3)));
        assert_eq!(e.message, "月数不能是负数");
        let e = field_error::<MemberData>("member_create", "input", Some(json!({"name": "张三", "tags": [1]})));
        assert_eq!((e.field.as_str(), e.message.as_str()), ("tags", "标签应填写文字"));
        let e = field_error::<MemberData>("member_create", "input", Some(json!({"nmae": "张三"})));
        assert_eq!(e.code, "INVALID");
        assert!(e.message.contains("nmae"));
    }

    #[test]
    fn optional_arguments_accept_missing_and_null() {
        assert_eq!(parse::<Option<String>>("class_overview", "refDate", None).unwrap(), None);
        assert_eq!(parse::<Option<i64>>("x", "id", Some(&Value::Null)).unwrap(), None);
        assert_eq!(parse::<i64>("x", "id", Some(&json!(7))).unwrap(), 7);
    }
}
