//! 组织生活: meetings of 三会一课 and 主题党日, attendance, the compliance calendar, participation, study plans and
//! sign-in sheets.
use super::state::{actor, save_table, with, Arg, Res, Store};
use branchbook_core::kernel::dates;
use branchbook_core::kernel::print_table::PrintTable;
use branchbook_core::meetings::compliance::{self, Calendar, CalendarRequest};
use branchbook_core::meetings::meeting::{self, Makeup, MeetingDetail, MeetingInput, MeetingQuery, MeetingSummary};
use branchbook_core::meetings::participation::{self, Inactive, MemberParticipation, Participation};
use branchbook_core::meetings::sign_in::{self, SignInRequest};
use branchbook_core::meetings::study::{self, PairInput, Partner, PlanInput, StudyPlans};
use tauri::{AppHandle, Runtime, State};

#[tauri::command]
pub fn meeting_list(store: State<Store>, query: Arg<MeetingQuery>) -> Res<Vec<MeetingSummary>> {
    with(&store, |c| meeting::list(c, &query))
}

#[tauri::command]
pub fn meeting_detail(store: State<Store>, id: Arg<i64>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::detail(c, *id))
}

#[tauri::command]
pub fn meeting_expected(store: State<Store>, kind: Arg<String>, branch_id: Arg<Option<i64>>, group_id: Arg<Option<i64>>) -> Res<Vec<meeting::Attendee>> {
    with(&store, |c| meeting::expected_attendees(c, &kind, *branch_id, *group_id))
}

/// The 失联 members left out of the expected list, for the note under it.
#[tauri::command]
pub fn meeting_lost_contact(store: State<Store>, branch_id: Arg<Option<i64>>) -> Res<Vec<String>> {
    with(&store, |c| meeting::lost_contact_names(c, *branch_id))
}

#[tauri::command]
pub fn meeting_create(store: State<Store>, input: Arg<MeetingInput>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::create(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn meeting_update(store: State<Store>, id: Arg<i64>, input: Arg<MeetingInput>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::update(c, &actor(c)?, *id, &input))
}

#[tauri::command]
pub fn meeting_cancel(store: State<Store>, id: Arg<i64>, reason: Arg<String>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::cancel(c, &actor(c)?, *id, &reason))
}

#[tauri::command]
pub fn meeting_makeup(store: State<Store>, makeup: Arg<Makeup>) -> Res<MeetingDetail> {
    with(&store, |c| meeting::record_makeup(c, &actor(c)?, &makeup))
}

#[tauri::command]
pub fn meeting_calendar(store: State<Store>, request: Arg<CalendarRequest>) -> Res<Calendar> {
    with(&store, |c| compliance::calendar(c, &request, dates::today()))
}

// ---- sign-in sheets (签到表) ----

#[tauri::command]
pub fn meeting_sign_in(store: State<Store>, id: Arg<i64>, blank_rows: Arg<usize>) -> Res<PrintTable> {
    with(&store, |c| sign_in::meeting_sign_in(c, *id, *blank_rows))
}

#[tauri::command]
pub fn sign_in_table(store: State<Store>, request: Arg<SignInRequest>) -> Res<PrintTable> {
    with(&store, |c| sign_in::sign_in(c, &request))
}

// ---- participation (参学率) ----

// Off the main thread: a 20,000-member file keeps the window painting while this runs.
#[tauri::command(async)]
pub fn participation_report(store: State<Store>, from: Arg<String>, to: Arg<String>) -> Res<Participation> {
    with(&store, |c| participation::report(c, &from, &to))
}

#[tauri::command]
pub fn participation_member(store: State<Store>, id: Arg<i64>, from: Arg<String>, to: Arg<String>) -> Res<MemberParticipation> {
    with(&store, |c| participation::member(c, *id, &from, &to))
}

#[tauri::command]
pub fn participation_inactive(store: State<Store>, months: Arg<u32>) -> Res<Vec<Inactive>> {
    with(&store, |c| participation::inactive(c, *months, dates::today()))
}

#[tauri::command]
pub fn participation_table(store: State<Store>, from: Arg<String>, to: Arg<String>) -> Res<PrintTable> {
    with(&store, |c| participation::summary_table(c, &from, &to))
}

/// Saves the attendance summary of a period as xlsx. `None` when the secretary cancelled.
#[tauri::command]
pub async fn participation_export<R: Runtime>(app: AppHandle<R>, store: State<'_, Store>, from: Arg<String>, to: Arg<String>) -> Res<Option<String>> {
    let table = with(&store, |c| participation::summary_table(c, &from, &to))?;
    save_table(&app, &format!("{}（{}至{}）", table.title, *from, *to), &table)
}

// ---- study plans and pairing (学习计划, 结对帮学) ----

#[tauri::command]
pub fn study_plans(store: State<Store>, year: Arg<i32>, quarter: Arg<u32>) -> Res<StudyPlans> {
    with(&store, |c| study::plans(c, *year, *quarter, dates::today()))
}

#[tauri::command]
pub fn study_save_plan(store: State<Store>, input: Arg<PlanInput>) -> Res<()> {
    with(&store, |c| study::save_plan(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn study_pair(store: State<Store>, input: Arg<PairInput>) -> Res<Partner> {
    with(&store, |c| study::pair(c, &actor(c)?, &input))
}

#[tauri::command]
pub fn study_end_pairing(store: State<Store>, id: Arg<i64>, end_date: Arg<String>, result: Arg<String>) -> Res<()> {
    with(&store, |c| study::end_pairing(c, &actor(c)?, *id, &end_date, &result))
}

/// Each command's arguments as the page sends them, for `ipc_tests` (see there).
#[cfg(test)]
pub(crate) fn ipc_args() -> Vec<crate::ipc_tests::Row> {
    use serde_json::json;
    vec![
        ("meeting_list", vec![("query", json!({}), json!("x"))]),
        ("meeting_detail", vec![("id", json!(1), json!("一"))]),
        ("meeting_expected", vec![("kind", json!("2026-01"), json!(5)), ("?branchId", json!(1), json!("一")), ("?groupId", json!(1), json!("一"))]),
        ("meeting_lost_contact", vec![("?branchId", json!(1), json!("一"))]),
        ("meeting_create", vec![("input", json!({}), json!("x"))]),
        ("meeting_update", vec![("id", json!(1), json!("一")), ("input", json!({}), json!("x"))]),
        ("meeting_cancel", vec![("id", json!(1), json!("一")), ("reason", json!("2026-01"), json!(5))]),
        ("meeting_makeup", vec![("makeup", json!({}), json!("x"))]),
        ("meeting_calendar", vec![("request", json!({}), json!("x"))]),
        ("meeting_sign_in", vec![("id", json!(1), json!("一")), ("blankRows", json!(1), json!("一"))]),
        ("sign_in_table", vec![("request", json!({}), json!("x"))]),
        ("participation_report", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_member", vec![("id", json!(1), json!("一")), ("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_inactive", vec![("months", json!(1), json!("一"))]),
        ("participation_table", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("participation_export", vec![("from", json!("2026-01"), json!(5)), ("to", json!("2026-01"), json!(5))]),
        ("study_plans", vec![("year", json!(1), json!("一")), ("quarter", json!(1), json!("一"))]),
        ("study_save_plan", vec![("input", json!({}), json!("x"))]),
        ("study_pair", vec![("input", json!({}), json!("x"))]),
        ("study_end_pairing", vec![("id", json!(1), json!("一")), ("endDate", json!("2026-01"), json!(5)), ("result", json!("2026-01"), json!(5))]),
    ]
}
