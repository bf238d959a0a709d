// The one seam between the UI and the Rust core: every backend call goes through here.
import { invoke } from '@tauri-apps/api/core';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/** What every failed call carries: a stable code, a Chinese sentence, and per-field errors for forms. */
export class ApiError extends Error {
  code: string;
  fields: FieldError[];
  constructor(p: { code: string; message: string; fields?: FieldError[] }) {
    super(p.message);
    this.code = p.code;
    this.fields = p.fields ?? [];
  }
  /** field → message, for inline errors under form fields. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[f.field] ??= f.message;
    return out;
  }
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) throw new ApiError(e as any);
    throw new ApiError({ code: 'IPC_ERROR', message: `程序内部通信出错：${String(e)}。请重启支部台账后重试` });
  }
}

export interface CodeItem { code: string; name: string }
export interface CodeLists {
  sex: CodeItem[]; ethnicity: CodeItem[]; education: CodeItem[]; education_band: CodeItem[]; job: CodeItem[];
  category: CodeItem[]; status: CodeItem[]; out_kind: CodeItem[]; party_post: CodeItem[]; lost_reason: CodeItem[];
  org_kind: CodeItem[]; identity_class: CodeItem[]; position_nature: CodeItem[]; age_band: CodeItem[];
  meeting_kind: CodeItem[]; attendance: CodeItem[]; participation_mode: CodeItem[]; study_mode: CodeItem[];
  frequency: CodeItem[]; leave_policy: CodeItem[];
}
export interface BackupInfo {
  path: string; file_name: string; created: string; kind: string; kind_name: string; size: number;
  members: number | null; schema_version: number | null; ok: boolean; problem: string | null;
  /** The branch the backup belongs to (组织名称). */
  branch?: string | null;
}
export interface LockStatus { enabled: boolean; idle_minutes: number }
export interface AppInfo {
  version: string; db_path: string; backup_dir: string; schema_version: number; set_up: boolean;
  open_error: { code: string; message: string } | null; latest_backup: BackupInfo | null;
  locked: boolean; lock: LockStatus | null; startup_backup: string | null;
}
export interface Group { id: number; branch_id: number; name: string; active: boolean }
export interface Branch { id: number; name: string; groups: Group[] }
export interface Org { kind: string; kind_name: string; name: string; secretary: string; branches: Branch[] }
export interface SetupInput {
  kind: string; name: string; secretary: string; branches: string[]; groups: { name: string; branch: number }[];
  /** From which month the branch keeps its books here, 「2026-11」: meetings required before it are not due. */
  books_from?: string | null;
}
export interface MgmtClass { key: string; name: string }
export interface MeetingRule { kind: string; frequency: string; from_month: number }
export interface Settings {
  mgmt_model: 'three' | 'five'; mgmt_classes: MgmtClass[]; large_text: boolean;
  meeting_rules: MeetingRule[]; leave_policy: string; theme_day: number;
  points: PointsSettings;
}
/** 积分: scheme hundred (百分制, 基础积分 60 + 奖励 up to 40) or legacy; counted_from is set by switching. */
export interface PointsSettings {
  scheme: 'hundred' | 'legacy'; base: number; bonus_cap: number | null; excellent: number; good: number; pass: number;
  counted_from: string | null;
}

export interface MemberInput {
  name: string; sex?: string | null; ethnicity?: string | null; birth_date?: string | null; id_number?: string | null;
  id_check_confirmed?: boolean; education?: string | null; category?: string | null; join_date?: string | null;
  full_date?: string | null; native_place?: string | null; job?: string | null; employer?: string | null;
  phone?: string | null; address?: string | null; police_station?: string | null; party_post?: string | null;
  branch_id?: number | null; group_id?: number | null; residence?: string | null; tags?: string[];
  remarks?: string | null; identity_class?: string | null; position_nature?: string | null; mgmt_type?: string | null;
  lost_contact?: boolean; lost_contact_reason?: string | null; last_contact_date?: string | null;
}
export interface MemberRecord extends Required<MemberInput> {
  id: number; status: string; status_kind: string | null; status_date: string | null; status_reason: string | null;
  created_at: string; updated_at: string;
}
export interface StatusHistory { from_status: string | null; to_status: string; kind: string | null; date: string; reason: string; actor: string }
export interface ClassHistory { dimension: string; from_value: string | null; to_value: string | null; date: string; reason: string; actor: string }
export interface MemberDetail {
  record: MemberRecord; age: number | null; party_years: number | null; age_band: string | null;
  education_band: string | null; missing: string[]; warnings: string[];
  status_history: StatusHistory[]; class_history: ClassHistory[];
}
export interface MemberQuery {
  search?: string | null; branch_id?: number | null; group_id?: number | null; category?: string | null;
  status?: string | null; identity_class?: string | null; position_nature?: string | null; mgmt_type?: string | null;
  age_band?: string | null; age_min?: number | null; age_max?: number | null; education_band?: string | null;
  incomplete?: boolean; flagged?: boolean; lost_contact?: boolean; sort?: string | null; ref_date?: string | null;
}
export interface MemberRow {
  id: number; name: string; sex: string | null; birth_date: string | null; age: number | null; id_number: string | null;
  phone: string | null; branch_id: number | null; group_id: number | null; category: string | null; status: string;
  education: string | null; join_date: string | null; identity_class: string | null; position_nature: string | null;
  mgmt_type: string | null; age_band: string | null; education_band: string | null; party_post: string | null;
  missing: string[]; flagged: boolean;
}
export interface MemberList { rows: MemberRow[]; total: number; ref_date: string }
export interface StatusChange { status: string; kind?: string | null; date: string; reason: string; destination?: string | null }
export interface Reclassify { dimension: string; value: string | null; reason: string }
export interface BatchResult { changed: number; unchanged: number }
export interface Bucket { label: string; count: number; filter: MemberQuery }
export interface Dimension { key: string; label: string; buckets: Bucket[] }
export interface Overview { total: number; ref_date: string; dimensions: Dimension[] }
export interface Todo {
  key: string; title: string; detail: string; count: number; filter: MemberQuery | null; names: string[]; page: string | null;
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  codeLists: () => call<CodeLists>('code_lists'),
  orgGet: () => call<Org>('org_get'),
  orgSetup: (input: SetupInput) => call<Org>('org_setup', { input }),
  orgLoadDemo: () => call<Org>('org_load_demo'),
  orgUpdate: (name: string, secretary: string) => call<Org>('org_update', { name, secretary }),
  orgAddBranch: (name: string) => call<Org>('org_add_branch', { name }),
  orgAddGroup: (branchId: number, name: string) => call<Group>('org_add_group', { branchId, name }),
  orgUpdateGroup: (id: number, name: string, active: boolean) => call<Group>('org_update_group', { id, name, active }),
  settingsGet: () => call<Settings>('settings_get'),
  settingsUpdate: (settings: Settings) => call<Settings>('settings_update', { settings }),
  memberList: (query: MemberQuery) => call<MemberList>('member_list', { query }),
  memberDetail: (id: number) => call<MemberDetail>('member_detail', { id }),
  memberCreate: (input: MemberInput) => call<MemberRecord>('member_create', { input }),
  memberUpdate: (id: number, input: MemberInput, classReason: string | null) =>
    call<MemberRecord>('member_update', { id, input, classReason }),
  memberChangeStatus: (id: number, change: StatusChange) => call<MemberRecord>('member_change_status', { id, change }),
  memberReclassify: (id: number, change: Reclassify) => call<MemberRecord>('member_reclassify', { id, change }),
  memberReclassifyMany: (ids: number[], change: Reclassify) => call<BatchResult>('member_reclassify_many', { ids, change }),
  classOverview: (refDate: string | null) => call<Overview>('class_overview', { refDate }),
  homeTodos: () => call<Todo[]>('home_todos'),
};

// ---- printing, export and import ----
export interface ColumnDef { key: string; label: string; numeric: boolean; center?: boolean }
export interface TableGroup { name: string | null; rows: string[][] }
export interface PrintTable {
  title: string; subtitle: string[]; columns: ColumnDef[]; groups: TableGroup[]; total: number; landscape: boolean; masked: boolean;
  notes?: string[];
}
export interface RosterRequest { query: MemberQuery; ids?: number[]; columns: string[]; full_values: boolean; by_group: boolean }
export interface SignInRequest { query: MemberQuery; topic: string; date: string; place: string; blank_rows: number }
export interface ColumnGuess { index: number; header: string; field: string | null }
export interface PreviewRow {
  row: number; name: string; status: 'ok' | 'warning' | 'error'; messages: string[];
  duplicate_of: number | null; duplicate_name: string | null; needs_acceptance: boolean;
}
export interface ImportPreview {
  file_name: string; header_row: number; columns: ColumnGuess[]; fields: { key: string; label: string }[]; rows: PreviewRow[];
  ok: number; warnings: number; errors: number; duplicates: number;
}
export interface CommitOptions { mapping: (string | null)[] | null; duplicates: 'skip' | 'update'; accept_warnings: boolean }
export interface ImportResult { created: number; updated: number; skipped: number; rejected: PreviewRow[] }

export const files = {
  rosterColumns: () => call<{ all: ColumnDef[]; default: string[] }>('roster_columns'),
  rosterTable: (request: RosterRequest) => call<PrintTable>('roster_table', { request }),
  signInTable: (request: SignInRequest) => call<PrintTable>('sign_in_table', { request }),
  /** Opens the save dialog in Rust; resolves to the saved path, or null when cancelled. */
  exportXlsx: (req: { roster?: RosterRequest; signIn?: SignInRequest; meetingId?: number }) =>
    call<string | null>('export_xlsx', { roster: req.roster ?? null, signIn: req.signIn ?? null, meetingId: req.meetingId ?? null }),
  importOpen: () => call<ImportPreview | null>('import_open'),
  importRemap: (mapping: (string | null)[]) => call<ImportPreview>('import_remap', { mapping }),
  importCommit: (options: CommitOptions) => call<ImportResult>('import_commit', { options }),
  importSaveReport: () => call<string | null>('import_save_report'),
};

// ---- organisational life (三会一课, 主题党日) ----
export interface AttendanceInput {
  member_id: number; status: string; mode?: string | null; reason?: string | null;
  makeup_date?: string | null; makeup_by?: string | null; note?: string | null;
}
export interface Attendee extends Required<AttendanceInput> { name: string; group_id: number | null; category: string | null }
export interface MeetingInput {
  kind: string; state: 'planned' | 'held'; date: string; start_time?: string | null; end_time?: string | null;
  place?: string | null; topic: string; host?: string | null; recorder?: string | null; lecturer?: string | null;
  branch_id?: number | null; group_id?: number | null; content?: string | null; decisions?: string | null;
  attendees?: AttendanceInput[] | null;
}
export interface Tally { expected: number; present: number; leave: number; absent: number; made_up: number; took_part: number; rate: number | null }
export interface Quorum { voting: number; present_voting: number; met: boolean }
export interface Meeting {
  id: number; kind: string; kind_name: string; state: 'planned' | 'held' | 'cancelled'; date: string;
  start_time: string | null; end_time: string | null; place: string | null; topic: string; host: string | null;
  recorder: string | null; lecturer: string | null; branch_id: number; group_id: number | null; group_name: string | null;
  content: string | null; decisions: string | null; cancel_reason: string | null;
}
export interface MeetingDetail extends Meeting { attendees: Attendee[]; tally: Tally; quorum: Quorum | null }
export interface MeetingSummary extends Meeting { tally: Tally }
export interface MeetingQuery { from?: string | null; to?: string | null; kind?: string | null; state?: string | null; group_id?: number | null }
export interface Makeup { meeting_id: number; member_id: number; mode: string; date: string; by?: string | null; note?: string | null }
export interface CalendarCell {
  label: string; start: string; end: string; span: number; status: string; status_name: string;
  meetings: { id: number; date: string; state: string; topic: string }[];
}
export interface CalendarRow {
  kind: string; kind_name: string; frequency: string; frequency_name: string; from_month: number;
  branch_id: number; group_id: number | null; scope: string; cells: CalendarCell[];
}
export interface Calendar {
  title: string; today: string; months: string[]; rows: CalendarRow[]; held: number; planned: number; due: number; overdue: number;
}
export interface CalendarRequest { year: number; quarter?: number | null; month?: number | null }
export interface MemberRate { member_id: number; name: string; group_id: number | null; status: string; tally: Tally }
export interface Participation {
  from: string; to: string; leave_policy: string; meetings: MeetingSummary[]; members: MemberRate[]; overall: Tally;
}
export interface MemberMeeting { meeting_id: number; date: string; kind_name: string; topic: string; status: string; mode: string | null }
export interface MemberParticipation { from: string; to: string; tally: Tally; meetings: MemberMeeting[] }
export interface Inactive {
  member_id: number; name: string; group_id: number | null; age: number | null; expected: number;
  last_took_part: string | null; mobile: boolean; frail: boolean;
}
export interface ClassPlan { class_key: string; class_name: string; content: string; mode: string; mode_name: string; saved: boolean; members: number }
export interface Partner { pairing_id: number; mentor_id: number; mentor_name: string; start_date: string; goal: string | null }
export interface Missed { meeting_id: number; date: string; kind_name: string; topic: string; status: string }
export interface HelpMember {
  member_id: number; name: string; group_id: number | null; class_key: string; class_name: string; age: number | null;
  mobile: boolean; frail: boolean; partner: Partner | null; missed: Missed[];
}
export interface StudyPlans { year: number; quarter: number; plans: ClassPlan[]; help: HelpMember[] }
export interface PlanInput { year: number; quarter: number; class_key: string; content: string; mode: string }
export interface PairInput { mentor_id: number; mentee_id: number; start_date: string; goal?: string | null }

export const meetings = {
  list: (query: MeetingQuery) => call<MeetingSummary[]>('meeting_list', { query }),
  detail: (id: number) => call<MeetingDetail>('meeting_detail', { id }),
  expected: (kind: string, branchId: number | null, groupId: number | null) =>
    call<Attendee[]>('meeting_expected', { kind, branchId, groupId }),
  lostContact: (branchId: number | null) => call<string[]>('meeting_lost_contact', { branchId }),
  create: (input: MeetingInput) => call<MeetingDetail>('meeting_create', { input }),
  update: (id: number, input: MeetingInput) => call<MeetingDetail>('meeting_update', { id, input }),
  cancel: (id: number, reason: string) => call<MeetingDetail>('meeting_cancel', { id, reason }),
  makeup: (makeup: Makeup) => call<MeetingDetail>('meeting_makeup', { makeup }),
  calendar: (request: CalendarRequest) => call<Calendar>('meeting_calendar', { request }),
  signIn: (id: number, blankRows: number) => call<PrintTable>('meeting_sign_in', { id, blankRows }),
  participation: (from: string, to: string) => call<Participation>('participation_report', { from, to }),
  memberParticipation: (id: number, from: string, to: string) => call<MemberParticipation>('participation_member', { id, from, to }),
  inactive: (months: number) => call<Inactive[]>('participation_inactive', { months }),
  participationTable: (from: string, to: string) => call<PrintTable>('participation_table', { from, to }),
  /** Opens the save dialog in Rust; resolves to the saved path, or null when cancelled. */
  participationExport: (from: string, to: string) => call<string | null>('participation_export', { from, to }),
  studyPlans: (year: number, quarter: number) => call<StudyPlans>('study_plans', { year, quarter }),
  savePlan: (input: PlanInput) => call<null>('study_save_plan', { input }),
  pair: (input: PairInput) => call<Partner>('study_pair', { input }),
  endPairing: (id: number, endDate: string, result: string) => call<null>('study_end_pairing', { id, endDate, result }),
};

// ---- points (积分制) ----
export interface PointRule {
  id: number; name: string; category: 'base' | 'bonus' | 'deduction'; points: number; unit: 'time' | 'hour';
  monthly_cap: number | null; meeting_kinds: string[]; attendance: string | null; active: boolean;
}
export interface RuleInput {
  name: string; category: string; points: number; unit: string; monthly_cap: number | null; meeting_kinds: string[]; attendance: string | null;
}
export interface PointEntry {
  id: number; member_id: number; member_name: string; date: string; rule_id: number; rule_name: string; category: string;
  quantity: number; requested: number; points: number; note: string | null; meeting_id: number | null; entered_by: string;
  created_at: string; voided: boolean; void_reason: string | null; voided_by: string | null;
}
export interface EntryInput { member_ids: number[]; date: string; rule_id: number; quantity: number; note: string | null }
export interface AddResult { summary: string; entries: PointEntry[]; capped: string[] }
export interface MonthRowPoints {
  member_id: number; name: string; group_id: number | null; group_name: string; probationary: boolean; cells: number[];
  month_total: number; year_total: number; rank: number; tier: string;
}
export interface MonthTable { month: string; title: string; base: number; bonus_cap: number | null; columns: { key: string; label: string }[]; rows: MonthRowPoints[]; ranked: number }
export interface Talk { id: number; member_id: number; alert_month: string; date: string; talked_by: string; note: string | null }
export interface PointAlert {
  member_id: number; name: string; group_name: string; kind: 'bottom' | 'below' | 'probationary'; reason: string;
  scores: [string, number][]; talk: Talk | null;
}
export interface TalkInput { member_id: number; alert_month: string; date: string; talked_by: string; note: string | null }
export interface MemberMonthPoints { month: string; base: number; bonus: number; deduction: number; total: number; year_total: number }
export interface PointsHistory { year: number; base: number; months: MemberMonthPoints[]; entries: PointEntry[] }

export const points = {
  rules: (includeRetired: boolean) => call<PointRule[]>('points_rules', { includeRetired }),
  createRule: (input: RuleInput) => call<PointRule>('points_rule_create', { input }),
  updateRule: (id: number, input: RuleInput) => call<PointRule>('points_rule_update', { id, input }),
  setRuleActive: (id: number, active: boolean) => call<PointRule>('points_rule_set_active', { id, active }),
  /** Switches an existing branch to the 百分制 from this month; recorded entries are kept as they are. */
  adoptHundred: () => call<Settings>('points_adopt_hundred', {}),
  add: (input: EntryInput) => call<AddResult>('points_add', { input }),
  void: (id: number, reason: string) => call<PointEntry>('points_void', { id, reason }),
  entries: (query: { month?: string | null; member_id?: number | null; include_voided?: boolean }) => call<PointEntry[]>('points_entries', { query }),
  table: (request: { month: string; group_id?: number | null; by_rule?: boolean }) => call<MonthTable>('points_table', { request }),
  alerts: (month: string) => call<PointAlert[]>('points_alerts', { month }),
  talk: (input: TalkInput) => call<Talk>('points_talk', { input }),
  history: (id: number, year: number) => call<PointsHistory>('points_member_history', { id, year }),
  printTable: (month: string, groupId: number | null) => call<PrintTable>('points_print_table', { month, groupId }),
  noticeTable: (month: string, from: string, to: string) => call<PrintTable>('points_notice_table', { month, from, to }),
  /** Opens the save dialog in Rust; the month's table, or the year workbook. Null when cancelled. */
  export: (req: { month?: string; year?: number }) => call<string | null>('points_export', { month: req.month ?? null, year: req.year ?? null }),
};

// ---- data safety ----
export interface FieldChange { field: string; before: string; after: string }
export interface AuditRow {
  id: number; at: string; actor: string; action: string; entity: string; entity_id: number | null;
  before: string | null; after: string | null; action_name: string; entity_name: string; subject: string; changes: FieldChange[];
}
export interface AuditQuery { from?: string | null; to?: string | null; member_id?: number | null; entity?: string | null; limit?: number | null }

export const safety = {
  backups: () => call<BackupInfo[]>('backup_list'),
  backupNow: () => call<BackupInfo>('backup_now'),
  /** Opens the folder dialog in Rust; the saved path, or null when cancelled. */
  backupToUsb: () => call<string | null>('backup_to_usb'),
  /** `confirmOther`: the secretary said yes to restoring another branch's backup (after OTHER_BRANCH). */
  restore: (fileName: string, confirmOther = false) =>
    call<BackupInfo>('backup_restore', confirmOther ? { fileName, confirmOther } : { fileName }),
  /** Opens the file dialog in Rust; null when cancelled. With `confirmOther`, restores the file picked last time. */
  restoreFile: (confirmOther = false) => call<BackupInfo | null>('backup_restore_file', confirmOther ? { confirmOther } : undefined),
  rescue: (fileName: string) => call<string>('backup_rescue', { fileName }),
  audit: (query: AuditQuery) => call<{ rows: AuditRow[]; total: number }>('audit_query', { query }),
  auditExport: (query: AuditQuery) => call<string | null>('audit_export', { query }),
  lockSet: (current: string | null, password: string, idleMinutes: number) => call<LockStatus>('lock_set', { current, password, idleMinutes }),
  lockClear: (password: string) => call<LockStatus>('lock_clear', { password }),
  lockNow: () => call<boolean>('lock_now'),
  unlock: (password: string) => call<boolean>('lock_unlock', { password }),
};

// ---- PDF: 打印 and 保存为 PDF through the core's layout; opening what was saved ----
/** A table as previewed, or the 信息卡 of these members, or a meeting's 会议记录. */
export interface PdfRequest { table?: PrintTable | null; card_ids?: number[]; meeting_id?: number | null; large?: boolean; landscape?: boolean | null }
export const pdf = {
  /** Opens the save dialog in Rust; resolves to the saved path, or null when cancelled. */
  save: (request: PdfRequest) => call<string | null>('pdf_save', { request }),
  /** Writes the PDF to a temp file and opens it in the system's viewer to print. */
  print: (request: PdfRequest) => call<string>('pdf_print', { request }),
  openSaved: (path: string, folder: boolean) => call<null>('open_saved', { path, folder }),
};
