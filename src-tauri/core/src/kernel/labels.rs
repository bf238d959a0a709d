//! 栏目名称: the Chinese labels of a member record's stored fields, for messages, the argument checks and the
//! audit viewer. Pure text, so every layer can name a field the same way.

/// The field labels used in messages.
pub fn member_field(field: &str) -> &'static str {
    match field {
        "name" => "姓名",
        "sex" => "性别",
        "ethnicity" => "民族",
        "birth_date" => "出生日期",
        "id_number" => "公民身份号码",
        "education" => "学历",
        "category" => "人员类别",
        "join_date" => "入党日期",
        "full_date" => "转正日期",
        "native_place" => "籍贯",
        "job" => "工作岗位",
        "employer" => "工作单位",
        "phone" => "联系电话",
        "address" => "家庭住址",
        "police_station" => "户籍派出所",
        "party_post" => "党内职务",
        "branch_id" => "所在支部",
        "group_id" => "党小组",
        "residence" => "居住地社区",
        "remarks" => "备注",
        "tags" => "标签",
        "identity_class" => "身份类别",
        "position_nature" => "岗位性质",
        "mgmt_type" => "管理类型",
        "lost_contact_reason" => "失联原因",
        "last_contact_date" => "最后联系日期",
        "status" => "党籍状态",
        "status_kind" => "出党方式",
        "date" => "日期",
        "reason" => "原因",
        "destination" => "转往组织",
        "class_reason" => "调整原因",
        _ => "字段",
    }
}

