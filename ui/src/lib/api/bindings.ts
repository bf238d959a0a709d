// Generated from the Rust types that cross IPC (src-tauri/src/bindings.rs, ts-rs). Do not edit:
// change the Rust type and run `make bindings`.

export type AddResult = { 
/**
 * What was recorded, in the points each member really got (after the monthly cap): "已为 3 人记分：志愿服务 3 分".
 */
summary: string, entries: Array<Entry>, 
/**
 * Members whose points the monthly cap cut, with a sentence saying so.
 */
capped: Array<string>, };

export type Alert = { member_id: number, name: string, group_name: string, 
/**
 * bottom: the lowest 本月得分 three months running; deduction: a net deduction in each of three months running;
 * below: under the 合格 line three months running (only a branch on its old scheme); probationary: a 预备党员
 * with a net deduction this month, for the 转正 review.
 */
kind: string, reason: string, 
/**
 * (month, 本月得分) for the three months, oldest first.
 */
scores: Array<[string, number]>, talk: Talk | null, };

export type AppInfo = { version: string, db_path: string, backup_dir: string, schema_version: number, set_up: boolean, open_error: ErrorPayload | null, 
/**
 * With a damaged data file: the newest backup that passes its check.
 */
latest_backup: BackupInfo | null, locked: boolean, lock: LockStatus | null, startup_backup: string | null, 
/**
 * 升级说明: the file was upgraded by this or another new version and the secretary has not read it yet.
 */
upgrade: UpgradeNotice | null, };

export type Appraisal = { id: number, year: number, meeting_id: number | null, 
/**
 * The 组织生活 meeting, in words.
 */
meeting: string | null, steps: Array<AppraisalStep>, note: string | null, 
/**
 * N of C12: 正式党员 taking part.
 */
full_members: number, excellent_max: number, excellent_count: number, entries: Array<AppraisalEntry>, actions: Array<AppraisalAction>, 
/**
 * Warnings of the last change (over the cap …).
 */
warnings: Array<string>, };

export type AppraisalAction = { id: number, member_id: number, name: string, kind: string, kind_name: string, decided_on: string, months: number | null, ends_on: string | null, matter: string, note: string | null, };

export type AppraisalActionInput = { member_id: number, 
/**
 * correct (限期改正), persuade (劝其退党), remove (除名).
 */
kind: string, decided_on: string, 
/**
 * 限期改正 months (6 usual, at most 12).
 */
months: number | null, 
/**
 * The matter found 不合格.
 */
matter: string, 
/**
 * The same matter already carries a 党纪处分: no 组织处置 then.
 */
already_punished: boolean, note: string | null, };

export type AppraisalEntry = { member_id: number, name: string, 
/**
 * 预备党员: takes part, 不定等次.
 */
probationary: boolean, votes: Votes | null, 
/**
 * 有效票 = the four grades.
 */
valid: number | null, 
/**
 * 优秀率 of the valid votes, e.g. "62.5%".
 */
excellent_rate: string | null, grade: string | null, grade_name: string | null, opinion: string | null, cap_reason: string | null, 
/**
 * A reason for a 管理类型 re-classification that follows from the grade.
 */
class_reason: string | null, };

export type AppraisalInput = { year: number, meeting_id: number | null, 
/**
 * Step key → date (empty: not yet).
 */
steps: Record<string, string>, note: string | null, };

export type AppraisalStep = { key: string, name: string, date: string | null, };

/**
 * One expected attendee as the form submits it.
 */

export type AttendanceInput = { member_id: number, 
/**
 * present, leave or absent.
 */
status: string, 
/**
 * onsite or online while present; home or online as a make-up after leave or absence.
 */
mode: string | null, 
/**
 * Why the member asked for leave.
 */
reason: string | null, makeup_date: string | null, makeup_by: string | null, note: string | null, };

/**
 * One attendee as stored, with what the sheet and the form show.
 */

export type Attendee = { name: string, group_id: number | null, category: string | null, member_id: number, 
/**
 * present, leave or absent.
 */
status: string, 
/**
 * onsite or online while present; home or online as a make-up after leave or absence.
 */
mode: string | null, 
/**
 * Why the member asked for leave.
 */
reason: string | null, makeup_date: string | null, makeup_by: string | null, note: string | null, };

export type AuditPage = { rows: Array<AuditRow>, 
/**
 * All matches, of which `rows` holds the newest `limit`.
 */
total: number, };

/**
 * Filters of the audit viewer; all optional.
 */

export type AuditQuery = { 
/**
 * YYYY-MM-DD, inclusive.
 */
from: string | null, to: string | null, 
/**
 * Changes to this member.
 */
member_id: number | null, 
/**
 * member, meeting, point_entry, point_rule, settings, org, database, …
 */
entity: string | null, limit: number | null, };

export type AuditRow = { action_name: string, entity_name: string, 
/**
 * Who or what the change was about: a member's name, a meeting's topic.
 */
subject: string, changes: Array<FieldChange>, id: number, at: string, actor: string, action: string, entity: string, entity_id: number | null, before: string | null, after: string | null, };

/**
 * What the restore list shows of one backup file.
 */

export type BackupInfo = { path: string, file_name: string, 
/**
 * Local time, 2026-11-23 08:30.
 */
created: string, kind: string, kind_name: string, size: number, 
/**
 * Members in good standing, when the file could be read.
 */
members: number | null, schema_version: number | null, 
/**
 * The branch the backup belongs to (组织名称), when it has been set up.
 */
branch: string | null, 
/**
 * integrity_check passed and the version is one this program can open.
 */
ok: boolean, 
/**
 * Why it cannot be used, in Chinese.
 */
problem: string | null, };

export type BatchResult = { 
/**
 * Members whose class changed (one history row and one audit entry each).
 */
changed: number, 
/**
 * Members who already had that class: nothing written for them.
 */
unchanged: number, };

export type Birthday = { member_id: number, name: string, join_date: string, 
/**
 * 入党 N 周年 this year.
 */
years: number, };

export type Branch = { id: number, name: string, groups: Array<Group>, };

export type Bucket = { label: string, count: number, 
/**
 * Merged into the registry's query to open exactly these members.
 */
filter: Partial<MemberQuery>, };

export type Calendar = { title: string, today: string, 
/**
 * The month columns, 「10月」.
 */
months: Array<string>, rows: Array<CalendarRow>, held: number, planned: number, due: number, overdue: number, };

/**
 * Which stretch of time the calendar shows: a year, one quarter of it, or one month.
 */

export type CalendarRequest = { year: number, quarter: number | null, month: number | null, };

export type CalendarRow = { cells: Array<Cell>, kind: string, kind_name: string, frequency: string, frequency_name: string, 
/**
 * Yearly meetings are due from this month on (组织生活会 in Q4).
 */
from_month: number, branch_id: number, group_id: number | null, 
/**
 * The group's name for a 党小组会, the 支部's name in a 党总支, else empty.
 */
scope: string, };

export type CareSettings = { 
/**
 * 高龄 from this age (周岁, C5).
 */
old_age: number, 
/**
 * 四必访 items, as visits name their 事由.
 */
must_visit: Array<string>, };

export type CareTableRequest = { 
/**
 * hardship, visit_list, sign_sheet, visits, summary, elders, medals, birthdays.
 */
kind: string, year: number | null, 
/**
 * 春节 or 七一, for visit_list and sign_sheet.
 */
occasion: string | null, 
/**
 * YYYY-MM, for birthdays.
 */
month: string | null, };

/**
 * One entry of the list.
 */

export type CatalogItem = { key: string, 
/**
 * The area's name as the sidebar shows it (党员名册, 党费 …), or 党内统计 / 统计图表.
 */
area: string, title: string, 
/**
 * What the period picker asks: `none`, `year`, `month`, `quarter` (a year and 1–4) or `range` (two dates).
 */
period: string, 
/**
 * A chart is drawn above the table.
 */
chart: boolean, };

/**
 * The period chosen for a table; what the item does not ask for is ignored.
 */

export type CatalogPeriod = { year: number | null, 
/**
 * YYYY-MM.
 */
month: string | null, quarter: number | null, 
/**
 * range: ISO dates; 党内统计: `to` is the report date (12-31 when empty).
 */
from: string | null, to: string | null, };

/**
 * held: a meeting was held in the period; planned: one is on the calendar and the period is not over;
 * due: the current period, nothing held yet; overdue: the period ended without one; upcoming: a future period;
 * not_yet: a yearly meeting before its window opens; before_books: the period ended before the month the branch
 * started keeping its books here.
 */

export type Cell = { label: string, start: string, end: string, 
/**
 * How many of the view's month columns the period covers.
 */
span: number, status: string, status_name: string, meetings: Array<CellMeeting>, };

export type CellMeeting = { id: number, date: string, state: string, topic: string, };

/**
 * A bar chart of one series, readable printed in black and white: every bar carries its label and its number.
 */

export type Chart = { 
/**
 * `bars` (horizontal, for bands and categories) or `columns` (vertical, for months).
 */
kind: string, 
/**
 * What the numbers are, e.g. 人, %, 元.
 */
unit: string, bars: Array<ChartBar>, };

export type ChartBar = { label: string, value: number, 
/**
 * The number as written beside the bar (12, 85.0%, 1,234.50).
 */
shown: string, };

export type ClassHistory = { dimension: string, from_value: string | null, to_value: string | null, date: string, reason: string, actor: string, };

export type ClassPlan = { class_key: string, class_name: string, 
/**
 * Empty until the secretary writes the quarter's plan.
 */
content: string, mode: string, mode_name: string, saved: boolean, members: number, };

export type CodeItem = { code: string, name: string, };

/**
 * Every list at once, for the UI's dropdowns.
 */

export type CodeLists = { sex: Array<CodeItem>, ethnicity: Array<CodeItem>, education: Array<CodeItem>, education_band: Array<CodeItem>, job: Array<CodeItem>, category: Array<CodeItem>, status: Array<CodeItem>, out_kind: Array<CodeItem>, party_post: Array<CodeItem>, lost_reason: Array<CodeItem>, org_kind: Array<CodeItem>, identity_class: Array<CodeItem>, position_nature: Array<CodeItem>, age_band: Array<CodeItem>, meeting_kind: Array<CodeItem>, attendance: Array<CodeItem>, participation_mode: Array<CodeItem>, study_mode: Array<CodeItem>, frequency: Array<CodeItem>, leave_policy: Array<CodeItem>, };

/**
 * A column of a printed table.
 */

export type Column = { key: string, label: string, 
/**
 * Right-aligned; written as a number where the value is one.
 */
numeric: boolean, 
/**
 * Short marks (√, 假) centred in the cell.
 */
center: boolean, 
/**
 * An Excel formula whose cached result is the cell's value, so every viewer shows the number. `{r}` is the
 * cell's row, `{first}` and `{last}` the first and last data rows (1-based), e.g. `=SUM(D{r}:F{r})`.
 */
formula: string | null, 
/**
 * 元 with two decimals: a spreadsheet shows 15.00, not 15.
 */
money: boolean, };

/**
 * A column the secretary can pick for the 花名册.
 */

export type ColumnDef = { key: string, label: string, 
/**
 * Right-aligned and written as a number.
 */
numeric: boolean, };

export type ColumnGuess = { index: number, header: string, field: string | null, };

export type CommitOptions = { mapping: Array<string | null> | null, 
/**
 * What to do with rows matching an existing member: "skip" (default) or "update".
 */
duplicates: string, 
/**
 * Import rows whose only problem is a wrong check character, marked as confirmed.
 */
accept_warnings: boolean, 
/**
 * Rows (their numbers in the sheet) shown as possibly the same as an existing member that are another person:
 * added as new members.
 */
add_anyway: Array<number>, };

/**
 * What is due next for a person, and by when (or from when).
 */

export type DevNext = { step: number, name: string, due: string | null, earliest: string | null, overdue: boolean, rule: string, };

export type DevPerson = { id: number, name: string, sex: string | null, ethnicity: string | null, birth_date: string | null, education: string | null, employer: string | null, phone: string | null, group_id: number | null, member_id: number | null, 
/**
 * active, full (转正) or stopped.
 */
state: string, stop_reason: string | null, 
/**
 * 1–5, and its name (申请入党 … 预备党员的教育考察和转正).
 */
stage: number, stage_name: string, 
/**
 * 申请人, 入党积极分子, 发展对象, 预备党员, 正式党员.
 */
role: string, steps: Array<DevStep>, next: DevNext | null, 
/**
 * 预备期满 (C7), once accepted.
 */
probation_end: string | null, };

export type DevPersonInput = { name: string, sex: string | null, ethnicity: string | null, birth_date: string | null, id_number: string | null, education: string | null, 
/**
 * 单位、职务.
 */
employer: string | null, phone: string | null, group_id: number | null, 
/**
 * 递交入党申请书的日期 (step 1).
 */
applied_on: string, note: string | null, };

/**
 * A step as the 纪实表 lists it.
 */

export type DevStep = { id: number, step: number, name: string, date: string, actor: string | null, record: string | null, doc_no: string | null, 
/**
 * 培养联系人 or 入党介绍人, by name.
 */
people: Array<string>, passed: boolean | null, training_days: number | null, training_hours: number | null, notice_to: string | null, 
/**
 * 应到/实到/赞成/反对/弃权 in words, for a 支部大会.
 */
vote: string | null, outcome: string | null, extension_months: number | null, };

export type DevStepInput = { person_id: number, 
/**
 * 1–25.
 */
step: number, date: string, actor: string | null, record: string | null, doc_no: string | null, 
/**
 * 培养联系人 (step 5, one or two) or 入党介绍人 (step 9, two): member ids.
 */
people: Array<number>, 
/**
 * 政治审查 (10): 合格 or not.
 */
passed: boolean | null, training_days: number | null, training_hours: number | null, 
/**
 * 公示 (12): its last day; `date` is the first.
 */
notice_to: string | null, vote: DevVote | null, meeting_id: number | null, 
/**
 * 转正讨论 (23): on_time (按期转正), extend (延长预备期), cancel (取消预备党员资格).
 */
outcome: string | null, extension_months: number | null, 
/**
 * 审批 under the 6-month special limit.
 */
special: boolean, };

export type DevStepResult = { person: DevPerson, 
/**
 * Deadlines passed, in words with the rule.
 */
warnings: Array<string>, };

export type DevVote = { 
/**
 * 应到会有表决权的正式党员.
 */
expected: number, present: number, yes: number, no: number, abstain: number, 
/**
 * 因故不能到会、书面表示赞成的.
 */
written_yes: number, };

export type Dimension = { key: string, label: string, buckets: Array<Bucket>, };

export type DuesArrears = { as_of: string, limit: number, rows: Array<DuesArrearsRow>, 
/**
 * Warnings not yet handled.
 */
open_alerts: number, };

export type DuesArrearsRow = { member_id: number, name: string, hint: string, group_name: string, paid_through: string | null, unpaid: Array<string>, 
/**
 * 元 owed for the unpaid months.
 */
owed: string, run: number, 
/**
 * The longest run still unpaid and its first month (the warning is on it; handling names it).
 */
longest: number, run_from: string | null, 
/**
 * Six or more in a row still unpaid: 按自行脱党处理 warning.
 */
alert: boolean, 
/**
 * How this run's warning was handled, if it was.
 */
handled: DuesHandling | null, };

/**
 * 批量核定: the same standard for several members at once (most of a village branch are 农民 at one amount).
 */

export type DuesBulkInput = { member_ids: Array<number>, 
/**
 * 缴费类别 of the fixed amounts: 农民, 学生, 下岗失业, 抚恤救济, 低保.
 */
kind: string, 
/**
 * 农民: 元 a month; empty for the branch's setting.
 */
standard: string | null, 
/**
 * Empty: each member's default (see `default_from`).
 */
from_month: string, quarterly: boolean, };

export type DuesDeduction = { 
/**
 * 「已为 3 人记录“未按时交纳党费”−2 分（2026-10）」, or why nobody was.
 */
summary: string, members: Array<string>, 
/**
 * Already deducted for that month earlier: not twice.
 */
skipped: Array<string>, };

export type DuesHandleInput = { member_id: number, 
/**
 * The run's first month, as the arrears list gave it.
 */
run_from: string, date: string, action: string, 
/**
 * What was said or decided.
 */
note: string, };

export type DuesHandling = { id: number, member_id: number, run_from: string, date: string, 
/**
 * talk (谈话), reason (有正当理由) or procedure (按程序处置).
 */
action: string, action_name: string, note: string, handled_by: string, };

export type DuesMonthLine = { month: string, state: string, state_name: string, owed: string | null, paid: string, paid_on: string | null, collected_by: string | null, proxy: string | null, extra: string, };

export type DuesPayInput = { member_ids: Array<number>, 
/**
 * The dues months paid (YYYY-MM), the same for every member. Empty with `count`: each member's next
 * `count` months from the first one not yet paid (补交 first, then 预交).
 */
months: Array<string>, count: number | null, 
/**
 * 交纳日期; empty for today.
 */
paid_on: string, 
/**
 * cash, transfer or other (现金 / 转账 / 其他); empty for cash.
 */
method: string, 
/**
 * 收款人.
 */
collected_by: string | null, 
/**
 * 代交人: who paid on the member's behalf.
 */
proxy: string | null, 
/**
 * 自愿多交, 元 per member, recorded in the payment's month.
 */
extra: string | null, note: string | null, };

export type DuesPayResult = { 
/**
 * 「已登记 3 人 5 个月的党费，共 75.00 元」.
 */
summary: string, members: number, rows: number, total: string, total_fen: number, 
/**
 * 补交 or 预交 over six months (C10), 大额党费.
 */
warnings: Array<string>, batch: number, };

export type DuesPayment = { id: number, member_id: number, member_name: string, month: string, 
/**
 * dues (党费) or extra (自愿多交).
 */
kind: string, amount: string, amount_fen: number, paid_on: string, method_name: string, collected_by: string | null, proxy: string | null, note: string | null, 
/**
 * This row is a reversal of that row.
 */
reverses: number | null, 
/**
 * This row was reversed.
 */
reversed: boolean, 
/**
 * 大额党费 (a voluntary payment of 1000.00 or more).
 */
large: boolean, 
/**
 * 补交 (paid after its month) or 预交 (before), in words; empty when paid in its month.
 */
timing: string, entered_by: string, };

export type DuesRelief = { id: number, member_id: number, kind: string, kind_name: string, amount: string | null, from_month: string, to_month: string | null, 
/**
 * 批准机关 (for 在流入地交纳: the 流入地党组织).
 */
approved_by: string | null, approved_on: string | null, doc_no: string | null, note: string | null, revoked: boolean, words: string, };

export type DuesReliefInput = { member_id: number, 
/**
 * reduced (少交), exempt (免交) or elsewhere (在流入地交纳).
 */
kind: string, 
/**
 * 少交: 元 a month.
 */
amount: string | null, from_month: string, 
/**
 * Empty: until revoked.
 */
to_month: string | null, approved_by: string | null, approved_on: string | null, doc_no: string | null, note: string | null, };

export type DuesRemit = { id: number, date: string, from_month: string, to_month: string, amount: string, amount_fen: number, method: string, receipt_no: string | null, note: string | null, reverses: number | null, reversed: boolean, entered_by: string, };

export type DuesRemitInput = { date: string, 
/**
 * The dues months remitted: one month, or a quarter's first and last.
 */
from_month: string, to_month: string, 
/**
 * 元.
 */
amount: string, 
/**
 * 现金, 转账 …; empty for 转账.
 */
method: string, 
/**
 * 回执号 / 收据号.
 */
receipt_no: string | null, note: string | null, };

export type DuesRemits = { remits: Array<DuesRemit>, 
/**
 * Everything collected (net of reversals), remitted, and the difference still held by the branch.
 */
collected: string, remitted: string, pending: string, pending_fen: number, 
/**
 * The same for the months of the chosen year (by dues month).
 */
year: number, year_collected: string, year_remitted: string, };

export type DuesReview = { year: number, rows: Array<DuesReviewRow>, 
/**
 * Members with no standard.
 */
missing: number, reviewed: number, };

/**
 * A row of the yearly 核定: the member and the standard in force for that year.
 */

export type DuesReviewRow = { member_id: number, name: string, 
/**
 * 「1980年生」 when another member has the same name.
 */
hint: string, group_name: string, category_name: string, 
/**
 * The latest standard applying in the year (none: not yet set).
 */
standard: DuesStandard | null, 
/**
 * Decided (核定) during this year.
 */
reviewed: boolean, 
/**
 * An approved 少交/免交 or 在流入地交纳 during the year, in words.
 */
relief: string | null, };

export type DuesSettings = { 
/**
 * 农民党员 a month, 分, within the rule-set's 0.20–1.00.
 */
farmer_fen: number, 
/**
 * When a new base takes effect: `pay_month` — from the month the new pay is first received (the national
 * rule, default) — or `yearly`, at the yearly 核定 (fixed for the year: a change entered mid-year applies
 * from the next January).
 */
change_from: string, };

export type DuesSheet = { month: string, rows: Array<DuesSheetRow>, 
/**
 * 应交人数 (owing something this month) and of them 已交.
 */
due_count: number, paid_count: number, owed_total: string, paid_total: string, no_standard: number, };

export type DuesSheetRow = { member_id: number, name: string, 
/**
 * 「1980年生」 when another member has the same name.
 */
hint: string, group_name: string, category_name: string, kind_name: string, 
/**
 * 按月 or 按季.
 */
cadence: string, 
/**
 * Owed this month, 元; none when not due.
 */
owed: string | null, owed_fen: number, 
/**
 * paid, unpaid, settled, not_due or no_standard.
 */
state: string, 
/**
 * 已交, 未交, 免交, 少交, 流入地交纳, 不用交, 未核定.
 */
state_name: string, paid: string, paid_fen: number, paid_on: string | null, proxy: string | null, 
/**
 * 交到 YYYY-MM.
 */
paid_through: string | null, 
/**
 * Ended months unpaid.
 */
unpaid_count: number, run: number, };

export type DuesStandard = { id: number, member_id: number, 
/**
 * YYYY-MM it applies from.
 */
from_month: string, kind: string, kind_name: string, 
/**
 * 元, for the kinds with a base.
 */
base: string | null, base_source: string | null, 
/**
 * 个体经营's three incomes, 元.
 */
incomes: Array<string>, 
/**
 * "1%", or 定额.
 */
rate: string, amount: string, amount_fen: number, rule_set: string, quarterly: boolean, decided_on: string, note: string | null, entered_by: string, 
/**
 * Entered by mistake and voided (kept on file, no longer applies).
 */
voided: boolean, void_reason: string | null, };

export type DuesStandardInput = { member_id: number, 
/**
 * 缴费类别 by key or Chinese name.
 */
kind: string, 
/**
 * 元.
 */
base: string | null, incomes: Array<string>, 
/**
 * 农民: 元 a month; empty for the branch's setting.
 */
standard: string | null, 
/**
 * 工资条, 养老金 …; empty for the kind's usual source.
 */
base_source: string | null, 
/**
 * YYYY-MM it applies from; empty for the default (see `default_from`).
 */
from_month: string, 
/**
 * Pays by quarter (with the branch's consent).
 */
quarterly: boolean, 
/**
 * 核定日期; empty for today.
 */
decided_on: string | null, note: string | null, };

/**
 * Which dues table, for the print view, 保存为 Excel and the CLI.
 */

export type DuesTableRequest = { 
/**
 * register (登记表), statistics (统计表), card (党费证), public (公示), review (核定表).
 */
kind: string, year: number, 
/**
 * statistics: YYYY-MM for a month; empty with `quarter` for a quarter.
 */
month: string | null, 
/**
 * statistics: 1–4.
 */
quarter: number | null, 
/**
 * card: whose.
 */
member_id: number | null, };

export type Elder = { member_id: number, name: string, sex: string | null, age: number | null, 
/**
 * C6, from 转正日期.
 */
party_years: number | null, join_date: string | null, full_date: string | null, before_1949: boolean, 
/**
 * 高龄 (≥ the setting).
 */
old: boolean, address: string | null, phone: string | null, };

export type Entry = { id: number, member_id: number, member_name: string, date: string, rule_id: number, rule_name: string, category: string, 
/**
 * Times, or hours.
 */
quantity: number, 
/**
 * Before the monthly cap.
 */
requested: number, points: number, note: string | null, meeting_id: number | null, entered_by: string, created_at: string, voided: boolean, void_reason: string | null, voided_by: string | null, };

/**
 * One rule for one or many members at once (12 members, 志愿服务, 3 hours each).
 */

export type EntryInput = { member_ids: Array<number>, date: string, rule_id: number, 
/**
 * Times, or hours (one decimal).
 */
quantity: number, note: string | null, };

export type EntryQuery = { 
/**
 * YYYY-MM.
 */
month: string | null, member_id: number | null, include_voided: boolean, };

/**
 * What the UI and CLI receive for any failure.
 */

export type ErrorPayload = { code: string, message: string, fields: Array<FieldError>, };

/**
 * One changed field of a change, for the viewer's before/after.
 */

export type FieldChange = { field: string, before: string, after: string, };

/**
 * A field a column can be mapped to, for the mapping dropdowns.
 */

export type FieldChoice = { key: string, label: string, };

/**
 * One rejected form field: which field, and what is wrong with it.
 */

export type FieldError = { 
/**
 * English field key, the same as in the member JSON (`id_number`).
 */
field: string, code: string, 
/**
 * Chinese sentence naming the field (「公民身份号码校验位不正确，请核对最后一位」).
 */
message: string, };

export type GradeInput = { member_id: number, 
/**
 * excellent, good, basic, poor; empty clears.
 */
grade: string | null, 
/**
 * 支委会意见.
 */
opinion: string | null, 
/**
 * Why 优秀 goes over ⌊N/3⌋.
 */
cap_reason: string | null, };

/**
 * 党小组.
 */

export type Group = { id: number, branch_id: number, name: string, active: boolean, };

export type GroupInput = { name: string, 
/**
 * Index into `SetupInput::branches` for a 党总支; ignored for a 党支部.
 */
branch: number, };

export type Hardship = { id: number, member_id: number, name: string, kind: string, recognized_on: string, keeper: string | null, measures: string | null, review_on: string | null, 
/**
 * The review date has come and the hardship is still open.
 */
review_due: boolean, 
/**
 * active, resolved, or left (the member is no longer in the branch).
 */
state: string, resolved_on: string | null, note: string | null, last_visit: string | null, };

export type HardshipInput = { 
/**
 * 0 for a new recognition.
 */
id: number, member_id: number, 
/**
 * 困难类型: 重病, 丧失劳动能力, 天灾/突发, 低保/特困, 高龄空巢, 其他 (any word is kept).
 */
kind: string, recognized_on: string, keeper: string | null, measures: string | null, 
/**
 * 下次复核日期 (may lie ahead).
 */
review_on: string | null, note: string | null, };

export type HelpMember = { member_id: number, name: string, group_id: number | null, class_key: string, class_name: string, age: number | null, mobile: boolean, frail: boolean, partner: Partner | null, 
/**
 * Held meetings of the quarter the member was expected at and has not taken part in, not even by make-up.
 */
missed: Array<Missed>, };

export type ImportResult = { created: number, updated: number, skipped: number, rejected: Array<PreviewRow>, };

/**
 * A member who was expected at meetings in the last N months and took part in none.
 */

export type Inactive = { member_id: number, name: string, group_id: number | null, age: number | null, 
/**
 * Meetings the member was expected at in the window.
 */
expected: number, 
/**
 * The last meeting the member took part in, ever.
 */
last_took_part: string | null, 
/**
 * 流动党员 or 失联: needs contact, not a reminder on the board.
 */
mobile: boolean, 
/**
 * 高龄, ill or disabled: needs 上门送学.
 */
frail: boolean, };

export type LockStatus = { enabled: boolean, 
/**
 * Lock again after this many minutes without use; 0 only at start.
 */
idle_minutes: number, };

export type LostInput = { member_id: number, 
/**
 * 最后联系日期: the last 组织生活 attended or dues paid.
 */
last_contact: string, 
/**
 * ①–⑦ (1–7).
 */
reason: string, };

export type LostMember = { member_id: number, name: string, 
/**
 * normal or suspended (停止党籍).
 */
status: string, last_contact: string | null, 
/**
 * Whole months since the last contact.
 */
months: number | null, reason: string | null, reason_name: string | null, suspended_on: string | null, searches: Array<MobileContact>, 
/**
 * suspend (停止党籍) or remove (除名), once its day has come.
 */
proposal: string | null, 
/**
 * The proposal in words, or what is still missing before it.
 */
advice: string, };

/**
 * A make-up after 请假 or 缺席 (上门送学 or 网络学习), recorded as the member's participation in that meeting.
 */

export type Makeup = { meeting_id: number, member_id: number, 
/**
 * home or online.
 */
mode: string, date: string, by: string | null, note: string | null, };

export type MedalRow = { member_id: number, name: string, full_date: string, age: number | null, 
/**
 * 党龄 on 07-01 of the year.
 */
party_years: number, 
/**
 * The 七一 the medal is due at (medal_year).
 */
due_year: number, 
/**
 * Due in an earlier year and not yet issued: 补发.
 */
late: boolean, issued_on: string | null, };

export type Medals = { year: number, rows: Array<MedalRow>, 
/**
 * Members in good standing without a 转正日期, who cannot be checked (预备党员 excluded).
 */
unknown: Array<string>, };

export type Meeting = { id: number, kind_name: string, group_name: string | null, cancel_reason: string | null, kind: string, 
/**
 * planned or held (and cancelled, once stored).
 */
state: string, date: string, start_time: string | null, end_time: string | null, place: string | null, topic: string, host: string | null, recorder: string | null, 
/**
 * 党课 only.
 */
lecturer: string | null, 
/**
 * Filled in for a 党支部; needed for a 党总支 with several 支部.
 */
branch_id: number | null, 
/**
 * 党小组会 only.
 */
group_id: number | null, content: string | null, decisions: string | null, };

/**
 * Everything the meeting's page, its record (会议记录) and its sign-in sheet show.
 */

export type MeetingDetail = { attendees: Array<Attendee>, tally: Tally, 
/**
 * Only for a 支部党员大会.
 */
quorum: Quorum | null, id: number, kind_name: string, group_name: string | null, cancel_reason: string | null, kind: string, 
/**
 * planned or held (and cancelled, once stored).
 */
state: string, date: string, start_time: string | null, end_time: string | null, place: string | null, topic: string, host: string | null, recorder: string | null, 
/**
 * 党课 only.
 */
lecturer: string | null, 
/**
 * Filled in for a 党支部; needed for a 党总支 with several 支部.
 */
branch_id: number | null, 
/**
 * 党小组会 only.
 */
group_id: number | null, content: string | null, decisions: string | null, };

export type MeetingInput = { 
/**
 * `None` on create: everyone the kind expects, all present (the fast path: mark the exceptions).
 */
attendees: Array<AttendanceInput> | null, kind: string, 
/**
 * planned or held (and cancelled, once stored).
 */
state: string, date: string, start_time: string | null, end_time: string | null, place: string | null, topic: string, host: string | null, recorder: string | null, 
/**
 * 党课 only.
 */
lecturer: string | null, 
/**
 * Filled in for a 党支部; needed for a 党总支 with several 支部.
 */
branch_id: number | null, 
/**
 * 党小组会 only.
 */
group_id: number | null, content: string | null, decisions: string | null, };

export type MeetingQuery = { 
/**
 * YYYY-MM-DD, inclusive.
 */
from: string | null, to: string | null, kind: string | null, state: string | null, group_id: number | null, };

/**
 * How often one kind of meeting is required (domain.md section 6; every one a setting).
 */

export type MeetingRule = { kind: string, 
/**
 * monthly, quarterly, half_yearly, yearly or off.
 */
frequency: string, 
/**
 * For yearly meetings: the month from which this year's meeting is due (组织生活会 in Q4: 10).
 */
from_month: number, };

/**
 * A line of the meeting list.
 */

export type MeetingSummary = { tally: Tally, id: number, kind_name: string, group_name: string | null, cancel_reason: string | null, kind: string, 
/**
 * planned or held (and cancelled, once stored).
 */
state: string, date: string, start_time: string | null, end_time: string | null, place: string | null, topic: string, host: string | null, recorder: string | null, 
/**
 * 党课 only.
 */
lecturer: string | null, 
/**
 * Filled in for a 党支部; needed for a 党总支 with several 支部.
 */
branch_id: number | null, 
/**
 * 党小组会 only.
 */
group_id: number | null, content: string | null, decisions: string | null, };

/**
 * A member's own data: what the form, the CLI or an import submits, and what a stored record holds.
 * On input, codes may be given as code or name (「男」 or 「1」); once stored they are codes.
 */

export type MemberData = { name: string, sex: string | null, ethnicity: string | null, birth_date: string | null, id_number: string | null, 
/**
 * The secretary checked the card: keep a number whose check character does not match.
 */
id_check_confirmed: boolean, education: string | null, category: string | null, join_date: string | null, full_date: string | null, native_place: string | null, job: string | null, employer: string | null, phone: string | null, address: string | null, police_station: string | null, party_post: string | null, branch_id: number | null, group_id: number | null, residence: string | null, tags: Array<string>, remarks: string | null, identity_class: string | null, position_nature: string | null, mgmt_type: string | null, lost_contact: boolean, lost_contact_reason: string | null, last_contact_date: string | null, };

/**
 * Everything the detail pane shows.
 */

export type MemberDetail = { record: MemberRecord, age: number | null, party_years: number | null, age_band: string | null, education_band: string | null, missing: Array<string>, warnings: Array<string>, status_history: Array<StatusHistory>, class_history: Array<ClassHistory>, };

export type MemberDues = { member_id: number, name: string, year: number, standards: Array<DuesStandard>, reliefs: Array<DuesRelief>, months: Array<DuesMonthLine>, payments: Array<DuesPayment>, paid_through: string | null, unpaid: Array<string>, run: number, 
/**
 * The months offered when this member pays several at once: the unpaid ones first.
 */
next_months: Array<string>, };

export type MemberHistory = { year: number, base: number, 
/**
 * January to December (to this month in the current year).
 */
months: Array<MemberMonth>, entries: Array<Entry>, };

export type MemberList = { rows: Array<MemberRow>, total: number, ref_date: string, };

/**
 * One member's meetings in the period, for the detail pane.
 */

export type MemberMeeting = { meeting_id: number, date: string, kind_name: string, topic: string, status: string, mode: string | null, };

export type MemberMonth = { month: string, base: number, bonus: number, deduction: number, total: number, year_total: number, };

export type MemberParticipation = { from: string, to: string, tally: Tally, 
/**
 * Newest first.
 */
meetings: Array<MemberMeeting>, };

/**
 * Filters; `None` means "any". The value "none" selects members with that dimension empty (未分类).
 */

export type MemberQuery = { search: string | null, branch_id: number | null, 
/**
 * A 党小组 id, or 0 for members in no group.
 */
group_id: number | null, category: string | null, 
/**
 * A 党籍 status code; `None` lists every status.
 */
status: string | null, identity_class: string | null, position_nature: string | null, mgmt_type: string | null, 
/**
 * youth / middle / senior at `ref_date`.
 */
age_band: string | null, age_min: number | null, age_max: number | null, education_band: string | null, 
/**
 * Only 待完善 records.
 */
incomplete: boolean, 
/**
 * Only records whose ID number needs checking (confirmed wrong check character, birth date or sex conflict).
 */
flagged: boolean, 
/**
 * Only members marked 失联.
 */
lost_contact: boolean, 
/**
 * stroke (default, 姓氏笔画), pinyin, join_date, age.
 */
sort: string | null, 
/**
 * Reference date for ages, YYYY-MM-DD; today when empty.
 */
ref_date: string | null, };

export type MemberRate = { member_id: number, name: string, group_id: number | null, status: string, tally: Tally, };

/**
 * The record as stored: the member's data, plus what only the registry sets.
 */

export type MemberRecord = { id: number, status: string, status_kind: string | null, status_date: string | null, status_reason: string | null, created_at: string, updated_at: string, name: string, sex: string | null, ethnicity: string | null, birth_date: string | null, id_number: string | null, 
/**
 * The secretary checked the card: keep a number whose check character does not match.
 */
id_check_confirmed: boolean, education: string | null, category: string | null, join_date: string | null, full_date: string | null, native_place: string | null, job: string | null, employer: string | null, phone: string | null, address: string | null, police_station: string | null, party_post: string | null, branch_id: number | null, group_id: number | null, residence: string | null, tags: Array<string>, remarks: string | null, identity_class: string | null, position_nature: string | null, mgmt_type: string | null, lost_contact: boolean, lost_contact_reason: string | null, last_contact_date: string | null, };

/**
 * One line of the registry table; codes, with the UI mapping them to names.
 */

export type MemberRow = { id: number, name: string, sex: string | null, birth_date: string | null, age: number | null, id_number: string | null, phone: string | null, branch_id: number | null, group_id: number | null, category: string | null, status: string, education: string | null, join_date: string | null, identity_class: string | null, position_nature: string | null, mgmt_type: string | null, age_band: string | null, education_band: string | null, party_post: string | null, missing: Array<string>, flagged: boolean, };

/**
 * One class of the 管理类型 model.
 */

export type MgmtClass = { key: string, name: string, };

export type Missed = { meeting_id: number, date: string, kind_name: string, topic: string, status: string, };

export type MobileBoard = { cadence_months: number, 
/**
 * Open cards, oldest departure first.
 */
cards: Array<MobileCard>, 
/**
 * Cards closed by a return, newest first.
 */
returned: Array<MobileCard>, };

export type MobileCard = { id: number, member_id: number, name: string, phone: string | null, away_since: string, months_away: number, 
/**
 * Away six months or more: a 流动党员.
 */
mobile: boolean, 
/**
 * The registry already says 流动 (身份类别).
 */
classified: boolean, reason: string | null, destination: string | null, workplace: string | null, host_org: string | null, host_contact: string | null, permit_no: string | null, permit_issued: string | null, permit_checked: string | null, dues_way: string | null, dues_way_name: string | null, keeper_id: number | null, keeper_name: string | null, clear: Array<MobileClear>, 
/**
 * All six 清 hold.
 */
all_clear: boolean, returned_on: string | null, note: string | null, last_contact: string | null, 
/**
 * No contact within the cadence.
 */
contact_due: boolean, 
/**
 * Reported to the branch this calendar year.
 */
reported_this_year: boolean, 
/**
 * This year's 组织生活: in the branch (took part) and at the 流入地 (as reported here).
 */
branch_activities: number, host_activities: number, 
/**
 * 失联 outranks 流动.
 */
lost_contact: boolean, 
/**
 * What needs doing, in words, most urgent first.
 */
alerts: Array<string>, contacts: Array<MobileContact>, };

export type MobileCardInput = { 
/**
 * 0 for a new card.
 */
id: number, member_id: number, 
/**
 * 外出日期.
 */
away_since: string, reason: string | null, 
/**
 * 流向：省/市/县.
 */
destination: string | null, workplace: string | null, 
/**
 * 流入地党组织 and its contact.
 */
host_org: string | null, host_contact: string | null, 
/**
 * 《流动党员活动证》 number, issue date, last yearly check.
 */
permit_no: string | null, permit_issued: string | null, permit_checked: string | null, 
/**
 * home, host or quarterly.
 */
dues_way: string | null, 
/**
 * 联系责任人 (a member).
 */
keeper_id: number | null, 
/**
 * 六个清: item key → date last confirmed.
 */
clear: Record<string, string>, note: string | null, };

export type MobileClear = { key: string, name: string, confirmed: string | null, 
/**
 * Confirmed within the cadence.
 */
holds: boolean, };

export type MobileContact = { id: number, member_id: number, name: string, 
/**
 * contact or search.
 */
kind: string, date: string, way: string, by_whom: string | null, content: string, follow_up: string | null, 
/**
 * The member reported to the branch (向党组织汇报).
 */
reported: boolean, 
/**
 * 流入地组织生活 attended, as reported.
 */
host_activity: number, 
/**
 * A search that reached the member.
 */
found: boolean, };

export type MobileContactInput = { member_id: number, 
/**
 * contact (default) or search.
 */
kind: string, date: string, 
/**
 * 电话, 微信, 走访, 返乡面谈 … (any word is kept).
 */
way: string, by_whom: string | null, content: string, follow_up: string | null, reported: boolean, host_activity: number, found: boolean, };

export type MonthRow = { member_id: number, name: string, group_id: number | null, group_name: string, probationary: boolean, 
/**
 * One per column, in points.
 */
cells: Array<number>, month_total: number, 
/**
 * Base plus everything from January to the end of this month.
 */
year_total: number, 
/**
 * 1 is best; ties share a rank (1, 1, 3).
 */
rank: number, tier: string, };

export type MonthTable = { month: string, title: string, base: number, 
/**
 * The most 奖励 counted in a year, if capped.
 */
bonus_cap: number | null, columns: Array<TableColumn>, rows: Array<MonthRow>, 
/**
 * Members ranked across the whole branch, before any 党小组 filter.
 */
ranked: number, };

export type Org = { 
/**
 * 631 党支部, 621 党总支, 632 联合党支部.
 */
kind: string, kind_name: string, name: string, secretary: string, branches: Array<Branch>, };

export type Overview = { total: number, ref_date: string, dimensions: Array<Dimension>, };

export type PairInput = { mentor_id: number, mentee_id: number, start_date: string, goal: string | null, };

export type Participation = { from: string, to: string, leave_policy: string, 
/**
 * Held meetings in the period, oldest first.
 */
meetings: Array<MeetingSummary>, members: Array<MemberRate>, 
/**
 * Over every expected attendance of the period.
 */
overall: Tally, };

export type Partner = { pairing_id: number, mentor_id: number, mentor_name: string, start_date: string, goal: string | null, };

/**
 * What 打印 / 保存为 PDF lays out: the table a print view shows (built by the core, handed back as previewed), the
 * 信息卡 of these members, or a meeting's 会议记录 — with the print options chosen beside it.
 */

export type PdfRequest = { table: PrintTable | null, card_ids: Array<number>, meeting_id: number | null, large: boolean, landscape: boolean | null, };

export type PlanInput = { year: number, quarter: number, class_key: string, content: string, mode: string, };

/**
 * 积分 (domain.md section 7). The default is the 百分制: 基础积分 60 a year kept by doing the duties, deductions off
 * it, 奖励 earned up to 40 a year; tiers ≥90 优秀, 75–89 良好, 60–74 合格, <60 待提升. Branches set up before
 * it keep the `legacy` scheme (基础分 100, attendance earns points, no 奖励 cap) until they switch in 设置.
 */

export type PointsSettings = { 
/**
 * hundred (百分制, the default) or legacy. Settings saved before the field existed are legacy.
 */
scheme: string, 
/**
 * 基础积分: each member starts the year with it.
 */
base: number, 
/**
 * The most 奖励 that counts in a year; none means no cap.
 */
bonus_cap: number | null, excellent: number, good: number, pass: number, 
/**
 * YYYY-MM the branch switched scheme: entries before it stay in the ledger but no longer count in that
 * year's score.
 */
counted_from: string | null, };

export type Preview = { file_name: string, header_row: number, columns: Array<ColumnGuess>, 
/**
 * What each column may be mapped to.
 */
fields: Array<FieldChoice>, rows: Array<PreviewRow>, 
/**
 * What the reader left out of the file and why (a stray value far to the right), shown above the rows.
 */
notes: Array<string>, ok: number, warnings: number, errors: number, duplicates: number, };

export type PreviewRow = { 
/**
 * Row number in the sheet as Excel shows it (1-based).
 */
row: number, name: string, status: RowStatus, messages: Array<string>, 
/**
 * The existing member this row matches (by ID number, else name and birth date), or may match (`possible`).
 */
duplicate_of: number | null, duplicate_name: string | null, 
/**
 * A row without an ID number to go by whose name and one more detail (入党日期, phone, 党小组) match an
 * existing member: perhaps the same person. Skipped or updated as the duplicates are, unless the secretary
 * says to add it anyway (`CommitOptions::add_anyway`).
 */
possible: boolean, 
/**
 * Only a wrong check character: imported when the secretary accepts such warnings.
 */
needs_acceptance: boolean, };

/**
 * What a print view shows and an xlsx or PDF holds. Deserialize: the print view hands back the table it shows,
 * so the PDF is exactly what was previewed.
 */

export type PrintTable = { title: string, 
/**
 * Lines under the title: organisation, meeting details, print date.
 */
subtitle: Array<string>, columns: Array<Column>, groups: Array<TableGroup>, total: number, 
/**
 * Wide tables print landscape.
 */
landscape: boolean, masked: boolean, 
/**
 * Lines under the table (a 公示's objection line).
 */
notes: Array<string>, 
/**
 * A chart drawn above the table (the table is its data), on screen and in the PDF. Left out of the JSON when
 * there is none, so every other table reads as before.
 */
chart?: Chart | null, };

/**
 * 支部党员大会 quorum: more than half of the voting members, and 预备党员 do not vote.
 */

export type Quorum = { voting: number, present_voting: number, met: boolean, };

export type Reclassify = { 
/**
 * identity_class, position_nature or mgmt_type.
 */
dimension: string, 
/**
 * The new class; empty for 未分类.
 */
value: string | null, reason: string, };

export type RosterColumns = { all: Array<ColumnDef>, default: Array<string>, };

export type RosterRequest = { query: MemberQuery, 
/**
 * Only these members, in this order of the query (a selection in the registry); all matches when empty.
 */
ids: Array<number>, columns: Array<string>, 
/**
 * Show full ID numbers and phones (an internal copy); masked by default.
 */
full_values: boolean, 
/**
 * One block per 党小组 with a subtotal.
 */
by_group: boolean, };

export type RowStatus = "ok" | "warning" | "error";

export type Rule = { id: number, active: boolean, name: string, 
/**
 * base, bonus or deduction.
 */
category: string, 
/**
 * Per time or per hour; negative for deductions.
 */
points: number, 
/**
 * time or hour.
 */
unit: string, monthly_cap: number | null, 
/**
 * Meeting kinds whose attendance produces entries.
 */
meeting_kinds: Array<string>, 
/**
 * The attendance status those entries follow.
 */
attendance: string | null, };

/**
 * A rule's own fields: what the form submits and what the catalog holds.
 */

export type RuleData = { name: string, 
/**
 * base, bonus or deduction.
 */
category: string, 
/**
 * Per time or per hour; negative for deductions.
 */
points: number, 
/**
 * time or hour.
 */
unit: string, monthly_cap: number | null, 
/**
 * Meeting kinds whose attendance produces entries.
 */
meeting_kinds: Array<string>, 
/**
 * The attendance status those entries follow.
 */
attendance: string | null, };

export type Settings = { 
/**
 * "three" or "five".
 */
mgmt_model: string, mgmt_classes: Array<MgmtClass>, 
/**
 * The larger-text switch: scales the UI by 1.25.
 */
large_text: boolean, 
/**
 * Required frequency of each kind of meeting.
 */
meeting_rules: Array<MeetingRule>, 
/**
 * How 请假 counts in 参学率: absent (default), exclude, present.
 */
leave_policy: string, 
/**
 * 主题党日's fixed day of the month (1–28); 0 when the branch has none.
 */
theme_day: number, points: PointsSettings, dues: DuesSettings, 
/**
 * 法定假日 and 调休上班日 (C8), for periods counted in 工作日 (公示).
 */
workdays: WorkdayCalendar, };

export type SetupInput = { kind: string, name: string, secretary: string, 
/**
 * Only for a 党总支: its 支部 names. A 党支部 is its own single branch.
 */
branches: Array<string>, groups: Array<GroupInput>, 
/**
 * From which month the branch keeps its books here, 「2026-11」 (the setup screen offers this month).
 * Meetings required before it are not due. Empty: no start, every period counts.
 */
books_from: string | null, };

export type SignInRequest = { 
/**
 * Usually the whole branch in good standing, or one 党小组.
 */
query: MemberQuery, topic: string, date: string, place: string, 
/**
 * Empty lines at the end for visitors.
 */
blank_rows: number, };

/**
 * One number of a table and the members it counts (empty for a computed number such as 年底应有).
 */

export type StatCell = { value: number, members: Array<number>, };

/**
 * One table of the 党内统计年报: its number in the template, its columns as the template has them.
 */

export type StatTable = { 
/**
 * 表1, 表2 … as numbered in the template.
 */
no: number, title: string, columns: Array<string>, cells: Array<StatCell>, 
/**
 * What the secretary should know when reading it (the 统计依据, a table that does not apply).
 */
notes: Array<string>, };

/**
 * One cross-check of section 13, passed or not, in words, with the members behind a failure.
 */

export type StatsCheck = { table: number, rule: string, ok: boolean, detail: string, members: Array<number>, };

/**
 * A member a table could not place, and why.
 */

export type StatsMissing = { member_id: number, name: string, 
/**
 * The table and the field it needs (or why the member is not counted).
 */
table: number, field: string, };

/**
 * A member named in a report, as lists show them (王芳（1972年生） when two share a name).
 */

export type StatsPerson = { id: number, name: string, };

/**
 * The 党内统计 of one branch and year.
 */

export type StatsReport = { org: string, year: number, report_date: string, template_year: number, tables: Array<StatTable>, missing: Array<StatsMissing>, checks: Array<StatsCheck>, 
/**
 * Everyone a cell, a check or the missing list names.
 */
people: Array<StatsPerson>, };

export type StatusChange = { status: string, 
/**
 * The kind of 出党 (劝退, 除名, 自行脱党, 退党, 开除), required with status "out".
 */
kind: string | null, date: string, reason: string, 
/**
 * 转往组织: where a member transferred out (转出) goes; kept in `status_kind` of a transferred member.
 */
destination: string | null, };

export type StatusHistory = { from_status: string | null, to_status: string, kind: string | null, date: string, reason: string, actor: string, };

export type StudyPlans = { year: number, quarter: number, plans: Array<ClassPlan>, help: Array<HelpMember>, };

export type TableColumn = { key: string, label: string, };

export type TableGroup = { 
/**
 * The 党小组's name when grouped.
 */
name: string | null, rows: Array<Array<string>>, };

export type TableRequest = { 
/**
 * YYYY-MM.
 */
month: string, group_id: number | null, 
/**
 * A column per rule instead of per category.
 */
by_rule: boolean, };

export type Talk = { id: number, member_id: number, alert_month: string, date: string, talked_by: string, note: string | null, };

export type TalkInput = { member_id: number, 
/**
 * The month whose alert the talk answers, YYYY-MM.
 */
alert_month: string, date: string, talked_by: string, note: string | null, };

/**
 * Counts of one meeting or one member over many meetings, and the 参学率 the leave setting gives.
 */

export type Tally = { expected: number, present: number, leave: number, absent: number, 
/**
 * 请假 or 缺席, then took part by 上门送学 or 网络学习.
 */
made_up: number, took_part: number, 
/**
 * took_part ÷ expected, where 请假 without make-up counts as the leave setting says; `None` with nobody expected.
 */
rate: number | null, };

export type TallyInput = { member_id: number, 
/**
 * None clears the tally.
 */
votes: Votes | null, };

export type Todo = { key: string, title: string, detail: string, count: number, 
/**
 * Registry filter that lists these members; null when the item is not about members.
 */
filter: Partial<MemberQuery> | null, names: Array<string>, 
/**
 * The screen that deals with an item not about members (meetings).
 */
page: string | null, };

export type Township = { year: number | null, template_year: number | null, branches: Array<TownshipBranch>, tables: Array<TownshipTable>, problems: Array<TownshipProblem>, 
/**
 * The cross-checks of section 13 on the 合计.
 */
checks: Array<StatsCheck>, };

export type TownshipBranch = { 
/**
 * The package's file name (made unique with 「（2）」…): what the township chooses by.
 */
id: string, branch: string, file: string, superior: string, year: number, report_date: string, template_year: number, exported_at: string, members: number, 
/**
 * Summed into the 合计.
 */
included: boolean, 
/**
 * included; choose (one of several packages of the branch, none chosen yet); not_chosen (another package
 * of the branch was chosen); same (a copy of the package counted); rejected (changed after export, or
 * numbers no branch can have); other (another year, template or report date).
 */
status: string, };

/**
 * One thing the township should look at.
 */

export type TownshipProblem = { 
/**
 * missing, unreadable, tampered, implausible, overflow, year, template, date, twice, superior,
 * duplicate_person, check, no_checksum, too_many.
 */
kind: string, branch: string, text: string, };

export type TownshipRow = { branch: string, values: Array<number>, };

export type TownshipSettings = { 
/**
 * 上级党委, e.g. 中共城关镇委员会.
 */
superior: string, 
/**
 * 应报支部: one name per branch, as the branches name themselves.
 */
expected: Array<string>, };

export type TownshipTable = { no: number, title: string, columns: Array<string>, rows: Array<TownshipRow>, 
/**
 * 合计, a person counted by two branches once.
 */
total: Array<number>, };

export type Transfer = { id: number, member_id: number, name: string, 
/**
 * out or in.
 */
direction: string, letter_no: string, 
/**
 * 开具日期 (out) or 报到日 (in).
 */
date: string, from_org: string, to_org: string, dues_paid_through: string | null, valid_days: number | null, valid_until: string | null, arrived_on: string | null, receipt_on: string | null, 
/**
 * 回执 due: a month after arrival, or after the letter's last valid day while the arrival is unknown.
 */
receipt_due: string | null, overdue: boolean, 
/**
 * awaiting (回执 not back), done, in, cancelled.
 */
state: string, state_name: string, reason: string | null, note: string | null, cancel_reason: string | null, };

export type TransferInInput = { 
/**
 * A member who once left this branch and comes back; 0 for a new member (then `member` is used).
 */
member_id: number, member: MemberData, letter_no: string, 
/**
 * 来源: the organisation the member comes from.
 */
from_org: string, 
/**
 * 报到日.
 */
date: string, 
/**
 * 党费已交到 YYYY-MM.
 */
dues_paid_through: string, 
/**
 * 编入党小组.
 */
group_id: number | null, note: string | null, };

export type TransferOutInput = { member_id: number, 
/**
 * Empty: the next number of the year (2026-001, 2026-002 …).
 */
letter_no: string | null, 
/**
 * 开具日期.
 */
date: string, 
/**
 * 转往的党组织.
 */
to_org: string, 
/**
 * 党费已交到 YYYY-MM (the 党费 page's answer is offered; the secretary may correct it).
 */
dues_paid_through: string, 
/**
 * 有效期 in days (≤ 3 months).
 */
valid_days: number | null, reason: string | null, note: string | null, };

/**
 * 升级说明: shown once after an upgrade, until 知道了.
 */

export type UpgradeNotice = { 
/**
 * The schema the file had before (数据文件第几版), and the one it has now.
 */
from_schema: number, to_schema: number, 
/**
 * The program version that upgraded it.
 */
app_version: string, 
/**
 * Local time of the upgrade, `2026-12-03T08:30:00`.
 */
at: string, 
/**
 * Where the copy made before the upgrade is (「升级前自动备份」).
 */
backup: string, 
/**
 * What the new schema brings, one sentence each, in Chinese; derived from the migrations, not stored.
 */
changes: Array<string>, };

export type Visit = { id: number, member_id: number, name: string, date: string, occasion: string, visitors: string, 
/**
 * 元, two decimals.
 */
amount: string, amount_fen: number, goods: string | null, fund_source: string | null, signed: boolean, note: string | null, };

export type VisitInput = { member_id: number, date: string, 
/**
 * 春节, 七一, a 四必访 item or 其他 (any word is kept).
 */
occasion: string, 
/**
 * 走访人.
 */
visitors: string, 
/**
 * 慰问金 in 元 as typed ("500", "500.00"); empty for goods only.
 */
amount: string | null, goods: string | null, fund_source: string | null, signed: boolean, note: string | null, 
/**
 * The secretary confirmed a 慰问金 above [`USUAL_MAX_FEN`] (a typo of an extra zero is the usual cause).
 */
confirm_large: boolean, };

export type Votes = { excellent: number, good: number, basic: number, poor: number, 
/**
 * 废票.
 */
spoiled: number, };

export type WorkdayCalendar = { 
/**
 * 法定假日 falling on weekdays (YYYY-MM-DD).
 */
holidays: Array<string>, 
/**
 * 调休上班日: weekend days that are worked.
 */
workdays: Array<string>, };
