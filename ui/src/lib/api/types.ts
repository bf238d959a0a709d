// Every type that crosses IPC, mirroring the Rust type it is serialised from (field names exactly as Rust's, snake_case).
// Kept in this one file so it can be replaced wholesale by types generated from the Rust (ts-rs). Where the TypeScript
// name differs from the Rust one, the doc comment names the Rust type. UI-only helper types do not belong here.

// ---- kernel ----
/** Rust: kernel::error::FieldError. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}
/** Rust: kernel::error::ErrorPayload — what every failed command returns. */
export interface ErrorPayload { code: string; message: string; fields: FieldError[] }
/** Rust: kernel::codes::CodeItem. */
export interface CodeItem { code: string; name: string }
/** Rust: kernel::codes::CodeLists. */
export interface CodeLists {
  sex: CodeItem[]; ethnicity: CodeItem[]; education: CodeItem[]; education_band: CodeItem[]; job: CodeItem[];
  category: CodeItem[]; status: CodeItem[]; out_kind: CodeItem[]; party_post: CodeItem[]; lost_reason: CodeItem[];
  org_kind: CodeItem[]; identity_class: CodeItem[]; position_nature: CodeItem[]; age_band: CodeItem[];
  meeting_kind: CodeItem[]; attendance: CodeItem[]; participation_mode: CodeItem[]; study_mode: CodeItem[];
  frequency: CodeItem[]; leave_policy: CodeItem[];
}
/** Rust: kernel::print_table::Column (a printed table's column). Also serves members::roster::ColumnDef, whose
 *  fields are the same minus `center`. */
export interface ColumnDef { key: string; label: string; numeric: boolean; center?: boolean }
/** Rust: kernel::print_table::TableGroup. */
export interface TableGroup { name: string | null; rows: string[][] }
/** Rust: kernel::print_table::PrintTable. */
export interface PrintTable {
  title: string; subtitle: string[]; columns: ColumnDef[]; groups: TableGroup[]; total: number; landscape: boolean; masked: boolean;
  notes?: string[];
}

// ---- the app (adapter: src-tauri/src/commands.rs) ----
/** Rust: AppInfo in the Tauri adapter. */
export interface AppInfo {
  version: string; db_path: string; backup_dir: string; schema_version: number; set_up: boolean;
  open_error: { code: string; message: string } | null; latest_backup: BackupInfo | null;
  locked: boolean; lock: LockStatus | null; startup_backup: string | null;
}

// ---- org ----
/** Rust: org::Group. */
export interface Group { id: number; branch_id: number; name: string; active: boolean }
/** Rust: org::Branch. */
export interface Branch { id: number; name: string; groups: Group[] }
/** Rust: org::Org. */
export interface Org { kind: string; kind_name: string; name: string; secretary: string; branches: Branch[] }
/** Rust: org::SetupInput (`groups` are org::GroupInput). */
export interface SetupInput {
  kind: string; name: string; secretary: string; branches: string[]; groups: { name: string; branch: number }[];
  /** From which month the branch keeps its books here, 「2026-11」: meetings required before it are not due. */
  books_from?: string | null;
}

// ---- safety ----
/** Rust: safety::backup::BackupInfo. */
export interface BackupInfo {
  path: string; file_name: string; created: string; kind: string; kind_name: string; size: number;
  members: number | null; schema_version: number | null; ok: boolean; problem: string | null;
  /** The branch the backup belongs to (组织名称). */
  branch?: string | null;
}
/** Rust: safety::lock::LockStatus. */
export interface LockStatus { enabled: boolean; idle_minutes: number }

// ---- settings (the 设置 aggregate and each area's share of it) ----
/** Rust: members::config::MgmtClass. */
export interface MgmtClass { key: string; name: string }
/** Rust: meetings::config::MeetingRule. */
export interface MeetingRule { kind: string; frequency: string; from_month: number }
/** Rust: settings::Settings. */
export interface Settings {
  mgmt_model: 'three' | 'five'; mgmt_classes: MgmtClass[]; large_text: boolean;
  meeting_rules: MeetingRule[]; leave_policy: string; theme_day: number;
  points: PointsSettings;
}
/** Rust: points::config::PointsSettings. 积分: scheme hundred (百分制, 基础积分 60 + 奖励 up to 40) or legacy;
 *  counted_from is set by switching. */
export interface PointsSettings {
  scheme: 'hundred' | 'legacy'; base: number; bonus_cap: number | null; excellent: number; good: number; pass: number;
  counted_from: string | null;
}

// ---- members ----
/** Rust: members::member::MemberData. */
export interface MemberInput {
  name: string; sex?: string | null; ethnicity?: string | null; birth_date?: string | null; id_number?: string | null;
  id_check_confirmed?: boolean; education?: string | null; category?: string | null; join_date?: string | null;
  full_date?: string | null; native_place?: string | null; job?: string | null; employer?: string | null;
  phone?: string | null; address?: string | null; police_station?: string | null; party_post?: string | null;
  branch_id?: number | null; group_id?: number | null; residence?: string | null; tags?: string[];
  remarks?: string | null; identity_class?: string | null; position_nature?: string | null; mgmt_type?: string | null;
  lost_contact?: boolean; lost_contact_reason?: string | null; last_contact_date?: string | null;
}
/** Rust: members::member::MemberRecord. */
export interface MemberRecord extends Required<MemberInput> {
  id: number; status: string; status_kind: string | null; status_date: string | null; status_reason: string | null;
  created_at: string; updated_at: string;
}
/** Rust: members::member::StatusHistory. */
export interface StatusHistory { from_status: string | null; to_status: string; kind: string | null; date: string; reason: string; actor: string }
/** Rust: members::member::ClassHistory. */
export interface ClassHistory { dimension: string; from_value: string | null; to_value: string | null; date: string; reason: string; actor: string }
/** Rust: members::member::MemberDetail. */
export interface MemberDetail {
  record: MemberRecord; age: number | null; party_years: number | null; age_band: string | null;
  education_band: string | null; missing: string[]; warnings: string[];
  status_history: StatusHistory[]; class_history: ClassHistory[];
}
/** Rust: members::search::MemberQuery. */
export interface MemberQuery {
  search?: string | null; branch_id?: number | null; group_id?: number | null; category?: string | null;
  status?: string | null; identity_class?: string | null; position_nature?: string | null; mgmt_type?: string | null;
  age_band?: string | null; age_min?: number | null; age_max?: number | null; education_band?: string | null;
  incomplete?: boolean; flagged?: boolean; lost_contact?: boolean; sort?: string | null; ref_date?: string | null;
}
/** Rust: members::search::MemberRow. */
export interface MemberRow {
  id: number; name: string; sex: string | null; birth_date: string | null; age: number | null; id_number: string | null;
  phone: string | null; branch_id: number | null; group_id: number | null; category: string | null; status: string;
  education: string | null; join_date: string | null; identity_class: string | null; position_nature: string | null;
  mgmt_type: string | null; age_band: string | null; education_band: string | null; party_post: string | null;
  missing: string[]; flagged: boolean;
}
/** Rust: members::search::MemberList. */
export interface MemberList { rows: MemberRow[]; total: number; ref_date: string }
/** Rust: members::member::StatusChange. */
export interface StatusChange { status: string; kind?: string | null; date: string; reason: string; destination?: string | null }
/** Rust: members::classify::Reclassify. */
export interface Reclassify { dimension: string; value: string | null; reason: string }
/** Rust: members::classify::BatchResult. */
export interface BatchResult { changed: number; unchanged: number }
/** Rust: members::classify::Bucket. */
export interface Bucket { label: string; count: number; filter: MemberQuery }
/** Rust: members::classify::Dimension. */
export interface Dimension { key: string; label: string; buckets: Bucket[] }
/** Rust: members::classify::Overview. */
export interface Overview { total: number; ref_date: string; dimensions: Dimension[] }
/** Rust: members::roster::RosterRequest. */
export interface RosterRequest { query: MemberQuery; ids?: number[]; columns: string[]; full_values: boolean; by_group: boolean }
/** Rust: RosterColumns in the Tauri adapter (members::roster::ROSTER_COLUMNS and DEFAULT_ROSTER_COLUMNS). */
export interface RosterColumns { all: ColumnDef[]; default: string[] }
/** Rust: members::import::ColumnGuess. */
export interface ColumnGuess { index: number; header: string; field: string | null }
/** Rust: members::import::FieldChoice. */
export interface FieldChoice { key: string; label: string }
/** Rust: members::import::PreviewRow (`status` is members::import::RowStatus). */
export interface PreviewRow {
  row: number; name: string; status: 'ok' | 'warning' | 'error'; messages: string[];
  duplicate_of: number | null; duplicate_name: string | null; needs_acceptance: boolean;
}
/** Rust: members::import::Preview. */
export interface ImportPreview {
  file_name: string; header_row: number; columns: ColumnGuess[]; fields: FieldChoice[]; rows: PreviewRow[];
  ok: number; warnings: number; errors: number; duplicates: number;
}
/** Rust: members::import::CommitOptions. */
export interface CommitOptions { mapping: (string | null)[] | null; duplicates: 'skip' | 'update'; accept_warnings: boolean }
/** Rust: members::import::ImportResult. */
export interface ImportResult { created: number; updated: number; skipped: number; rejected: PreviewRow[] }

// ---- points (积分制) ----
/** Rust: points::Rule. */
export interface PointRule {
  id: number; name: string; category: 'base' | 'bonus' | 'deduction'; points: number; unit: 'time' | 'hour';
  monthly_cap: number | null; meeting_kinds: string[]; attendance: string | null; active: boolean;
}
/** Rust: points::RuleData. */
export interface RuleInput {
  name: string; category: string; points: number; unit: string; monthly_cap: number | null; meeting_kinds: string[]; attendance: string | null;
}
/** Rust: points::Entry. */
export interface PointEntry {
  id: number; member_id: number; member_name: string; date: string; rule_id: number; rule_name: string; category: string;
  quantity: number; requested: number; points: number; note: string | null; meeting_id: number | null; entered_by: string;
  created_at: string; voided: boolean; void_reason: string | null; voided_by: string | null;
}
/** Rust: points::EntryInput. */
export interface EntryInput { member_ids: number[]; date: string; rule_id: number; quantity: number; note: string | null }
/** Rust: points::AddResult. */
export interface AddResult { summary: string; entries: PointEntry[]; capped: string[] }
/** Rust: points::EntryQuery. */
export interface EntryQuery { month?: string | null; member_id?: number | null; include_voided?: boolean }
/** Rust: points::TableRequest. */
export interface TableRequest { month: string; group_id?: number | null; by_rule?: boolean }
/** Rust: points::TableColumn. */
export interface TableColumn { key: string; label: string }
/** Rust: points::MonthRow. */
export interface MonthRowPoints {
  member_id: number; name: string; group_id: number | null; group_name: string; probationary: boolean; cells: number[];
  month_total: number; year_total: number; rank: number; tier: string;
}
/** Rust: points::MonthTable. */
export interface MonthTable { month: string; title: string; base: number; bonus_cap: number | null; columns: TableColumn[]; rows: MonthRowPoints[]; ranked: number }
/** Rust: points::Talk. */
export interface Talk { id: number; member_id: number; alert_month: string; date: string; talked_by: string; note: string | null }
/** Rust: points::Alert. */
export interface PointAlert {
  member_id: number; name: string; group_name: string; kind: 'bottom' | 'below' | 'probationary'; reason: string;
  scores: [string, number][]; talk: Talk | null;
}
/** Rust: points::TalkInput. */
export interface TalkInput { member_id: number; alert_month: string; date: string; talked_by: string; note: string | null }
/** Rust: points::MemberMonth. */
export interface MemberMonthPoints { month: string; base: number; bonus: number; deduction: number; total: number; year_total: number }
/** Rust: points::MemberHistory. */
export interface PointsHistory { year: number; base: number; months: MemberMonthPoints[]; entries: PointEntry[] }

// ---- meetings (组织生活: 三会一课, 主题党日) ----
/** Rust: meetings::meeting::AttendanceInput. */
export interface AttendanceInput {
  member_id: number; status: string; mode?: string | null; reason?: string | null;
  makeup_date?: string | null; makeup_by?: string | null; note?: string | null;
}
/** Rust: meetings::meeting::Attendee. */
export interface Attendee extends Required<AttendanceInput> { name: string; group_id: number | null; category: string | null }
/** Rust: meetings::meeting::MeetingInput. */
export interface MeetingInput {
  kind: string; state: 'planned' | 'held'; date: string; start_time?: string | null; end_time?: string | null;
  place?: string | null; topic: string; host?: string | null; recorder?: string | null; lecturer?: string | null;
  branch_id?: number | null; group_id?: number | null; content?: string | null; decisions?: string | null;
  attendees?: AttendanceInput[] | null;
}
/** Rust: meetings::meeting::Tally. */
export interface Tally { expected: number; present: number; leave: number; absent: number; made_up: number; took_part: number; rate: number | null }
/** Rust: meetings::meeting::Quorum. */
export interface Quorum { voting: number; present_voting: number; met: boolean }
/** Rust: meetings::meeting::Meeting. */
export interface Meeting {
  id: number; kind: string; kind_name: string; state: 'planned' | 'held' | 'cancelled'; date: string;
  start_time: string | null; end_time: string | null; place: string | null; topic: string; host: string | null;
  recorder: string | null; lecturer: string | null; branch_id: number; group_id: number | null; group_name: string | null;
  content: string | null; decisions: string | null; cancel_reason: string | null;
}
/** Rust: meetings::meeting::MeetingDetail. */
export interface MeetingDetail extends Meeting { attendees: Attendee[]; tally: Tally; quorum: Quorum | null }
/** Rust: meetings::meeting::MeetingSummary. */
export interface MeetingSummary extends Meeting { tally: Tally }
/** Rust: meetings::meeting::MeetingQuery. */
export interface MeetingQuery { from?: string | null; to?: string | null; kind?: string | null; state?: string | null; group_id?: number | null }
/** Rust: meetings::meeting::Makeup. */
export interface Makeup { meeting_id: number; member_id: number; mode: string; date: string; by?: string | null; note?: string | null }
/** Rust: meetings::compliance::CellMeeting. */
export interface CellMeeting { id: number; date: string; state: string; topic: string }
/** Rust: meetings::compliance::Cell. */
export interface CalendarCell {
  label: string; start: string; end: string; span: number; status: string; status_name: string;
  meetings: CellMeeting[];
}
/** Rust: meetings::compliance::CalendarRow. */
export interface CalendarRow {
  kind: string; kind_name: string; frequency: string; frequency_name: string; from_month: number;
  branch_id: number; group_id: number | null; scope: string; cells: CalendarCell[];
}
/** Rust: meetings::compliance::Calendar. */
export interface Calendar {
  title: string; today: string; months: string[]; rows: CalendarRow[]; held: number; planned: number; due: number; overdue: number;
}
/** Rust: meetings::compliance::CalendarRequest. */
export interface CalendarRequest { year: number; quarter?: number | null; month?: number | null }
/** Rust: meetings::participation::MemberRate. */
export interface MemberRate { member_id: number; name: string; group_id: number | null; status: string; tally: Tally }
/** Rust: meetings::participation::Participation. */
export interface Participation {
  from: string; to: string; leave_policy: string; meetings: MeetingSummary[]; members: MemberRate[]; overall: Tally;
}
/** Rust: meetings::participation::MemberMeeting. */
export interface MemberMeeting { meeting_id: number; date: string; kind_name: string; topic: string; status: string; mode: string | null }
/** Rust: meetings::participation::MemberParticipation. */
export interface MemberParticipation { from: string; to: string; tally: Tally; meetings: MemberMeeting[] }
/** Rust: meetings::participation::Inactive. */
export interface Inactive {
  member_id: number; name: string; group_id: number | null; age: number | null; expected: number;
  last_took_part: string | null; mobile: boolean; frail: boolean;
}
/** Rust: meetings::study::ClassPlan. */
export interface ClassPlan { class_key: string; class_name: string; content: string; mode: string; mode_name: string; saved: boolean; members: number }
/** Rust: meetings::study::Partner. */
export interface Partner { pairing_id: number; mentor_id: number; mentor_name: string; start_date: string; goal: string | null }
/** Rust: meetings::study::Missed. */
export interface Missed { meeting_id: number; date: string; kind_name: string; topic: string; status: string }
/** Rust: meetings::study::HelpMember. */
export interface HelpMember {
  member_id: number; name: string; group_id: number | null; class_key: string; class_name: string; age: number | null;
  mobile: boolean; frail: boolean; partner: Partner | null; missed: Missed[];
}
/** Rust: meetings::study::StudyPlans. */
export interface StudyPlans { year: number; quarter: number; plans: ClassPlan[]; help: HelpMember[] }
/** Rust: meetings::study::PlanInput. */
export interface PlanInput { year: number; quarter: number; class_key: string; content: string; mode: string }
/** Rust: meetings::study::PairInput. */
export interface PairInput { mentor_id: number; mentee_id: number; start_date: string; goal?: string | null }
/** Rust: meetings::sign_in::SignInRequest. */
export interface SignInRequest { query: MemberQuery; topic: string; date: string; place: string; blank_rows: number }

// ---- reports (home, audit viewer, documents) ----
/** Rust: reports::home::Todo. */
export interface Todo {
  key: string; title: string; detail: string; count: number; filter: MemberQuery | null; names: string[]; page: string | null;
}
/** Rust: store::audit::FieldChange. */
export interface FieldChange { field: string; before: string; after: string }
/** Rust: store::audit::AuditRow. */
export interface AuditRow {
  id: number; at: string; actor: string; action: string; entity: string; entity_id: number | null;
  before: string | null; after: string | null; action_name: string; entity_name: string; subject: string; changes: FieldChange[];
}
/** Rust: store::audit::AuditQuery. */
export interface AuditQuery { from?: string | null; to?: string | null; member_id?: number | null; entity?: string | null; limit?: number | null }
/** Rust: store::audit::AuditPage. */
export interface AuditPage { rows: AuditRow[]; total: number }
/** Rust: reports::print_docs::PdfRequest. A table as previewed, or the 信息卡 of these members, or a meeting's 会议记录. */
export interface PdfRequest { table?: PrintTable | null; card_ids?: number[]; meeting_id?: number | null; large?: boolean; landscape?: boolean | null }
