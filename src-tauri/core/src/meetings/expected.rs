//! 应到人员: who a meeting of each kind expects (支委会 the committee, 党小组会 one group, otherwise the whole
//! branch in good standing, 失联 members left out and named), and the exceptions shortcut.
use super::meeting::{AttendanceInput, Attendee, MeetingInput};
use crate::kernel::codes;
use crate::kernel::error::{Error, Result};
use crate::members::store::activity::{self, Reach};
use crate::org::store::activity as org_activity;

use rusqlite::Connection;

/// The kinds whose expected attendees are the whole branch; 支委会 is the committee, 党小组会 one group.
pub const COMMITTEE_POSTS: [&str; 6] = ["secretary", "deputy", "organization", "publicity", "discipline", "youth"];

/// Who is expected at a meeting of this kind: the 支委 for a 支委会, the group's members for a 党小组会, and every
/// member of the branch in good standing otherwise (预备党员 included: they attend, they only do not vote).
/// 失联 members are not expected by default: nobody can tell them of the meeting. The form names them
/// (`lost_contact_names`) and the secretary can still add one who came.
pub fn expected(conn: &Connection, kind: &str, branch_id: i64, group_id: Option<i64>) -> Result<Vec<i64>> {
    let reach = match kind {
        "committee" => Reach::Posts(&COMMITTEE_POSTS),
        "group" => Reach::Group(group_id),
        _ => Reach::Everyone,
    };
    activity::reachable(conn, branch_id, reach)
}

/// The expected attendees of a new meeting as the form lists them: everyone present on site, to mark the exceptions.
pub fn expected_attendees(conn: &Connection, kind: &str, branch_id: Option<i64>, group_id: Option<i64>) -> Result<Vec<Attendee>> {
    let branch = match branch_id.or(group_id.and_then(|g| org_activity::group_branch(conn, g).ok().flatten())) {
        Some(b) => b,
        None => org_activity::first_active_branch(conn)?.ok_or(Error::NotSetUp)?,
    };
    let kind = codes::normalize(codes::MEETING_KIND, kind).unwrap_or("other");
    expected(conn, kind, branch, group_id)?
        .into_iter()
        .map(|member_id| {
            let (name, group_id, category) = activity::card(conn, member_id)?;
            let attendance = AttendanceInput { member_id, status: "present".into(), mode: Some("onsite".into()), ..Default::default() };
            Ok(Attendee { attendance, name, group_id, category })
        })
        .collect()
}

/// The 失联 members of a branch in good standing, left out of the expected attendees: the note under the list.
pub fn lost_contact_names(conn: &Connection, branch_id: Option<i64>) -> Result<Vec<String>> {
    activity::lost_contact_names(conn, branch_id)
}

/// The CLI's shortcut: with no list given, everyone the kind expects is present except the listed exceptions
/// (as the secretary says it: "all came but 王五 on leave"). A given list, or no exceptions, is left as it is.
pub fn apply_exceptions(conn: &Connection, input: &mut MeetingInput, exceptions: &[AttendanceInput]) -> Result<()> {
    if input.attendees.is_some() || exceptions.is_empty() {
        return Ok(());
    }
    let expected = expected_attendees(conn, &input.data.kind, input.data.branch_id, input.data.group_id)?;
    input.attendees = Some(
        expected
            .into_iter()
            .map(|a| {
                exceptions
                    .iter()
                    .find(|e| e.member_id == a.attendance.member_id)
                    .cloned()
                    .unwrap_or(AttendanceInput { member_id: a.attendance.member_id, status: "present".into(), ..Default::default() })
            })
            .collect(),
    );
    Ok(())
}
