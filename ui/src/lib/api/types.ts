// The types that cross IPC, as the UI names them. Every one is generated from its Rust type (bindings.ts, ts-rs);
// where the UI's name says more than Rust's short one (Rule → PointRule), it is an alias here. No hand-written
// IPC types: change the Rust type and run `make bindings`.
export type {
  AddResult, AppInfo, AttendanceInput, Attendee, AuditPage, AuditQuery, AuditRow, BackupInfo, BatchResult, Branch,
  Bucket, Calendar, CalendarRequest, CalendarRow, CellMeeting, ClassHistory, ClassPlan, CodeItem, CodeLists,
  ColumnGuess, CommitOptions, Dimension, EntryInput, ErrorPayload, FieldChange, FieldChoice, FieldError,
  Group, HelpMember, ImportResult, Inactive, LockStatus, Makeup, Meeting, MeetingDetail,
  MeetingRule, MeetingSummary, MemberDetail, MemberList, MemberMeeting, MemberParticipation, MemberRate,
  MemberRecord, MemberRow, MgmtClass, Missed, MonthTable, Org, Overview, PairInput, Participation, Partner,
  PlanInput, PointsSettings, PreviewRow, PrintTable, Quorum, Reclassify, RosterColumns,
  Settings, StatusChange, StatusHistory, StudyPlans, TableColumn, TableGroup,
  Talk, TalkInput, Tally, Todo, UpgradeNotice,
  DuesArrears, DuesArrearsRow, DuesDeduction, DuesHandling, DuesMonthLine, DuesPayResult, DuesPayment, DuesRelief,
  DevPerson, DevStep, DevNext, DevStepResult, DevVote,
  MobileBoard, MobileCard, MobileClear, MobileContact, Transfer, LostMember,
  Hardship, Visit, Elder, Medals, MedalRow, Birthday, CareSettings,
  Appraisal, AppraisalEntry, AppraisalAction, AppraisalStep, Votes,
  CatalogItem, Chart, ChartBar, StatsReport, StatTable, StatCell, StatsCheck, StatsMissing, StatsPerson,
  Township, TownshipBranch, TownshipTable, TownshipRow, TownshipProblem, TownshipSettings,
  DuesRemit, DuesRemits, DuesReview, DuesReviewRow, DuesSettings, DuesSheet, DuesSheetRow, DuesStandard, MemberDues,
  Preview as ImportPreview,
  Cell as CalendarCell,
  Rule as PointRule,
  RuleData as RuleInput,
  Entry as PointEntry,
  MonthRow as MonthRowPoints,
  Alert as PointAlert,
  MemberMonth as MemberMonthPoints,
  MemberHistory as PointsHistory,
  Column,
  ColumnDef,
} from './bindings';

import type * as B from './bindings';
// Requests whose Rust struct is #[serde(default)]: the core takes any subset of the fields and fills in the rest
// (a member filter inside a request likewise).
type Request<T> = { [K in keyof T]?: T[K] extends B.MemberQuery ? MemberQuery : T[K] };
export type MemberQuery = Partial<B.MemberQuery>;
export type MemberInput = Request<B.MemberData>;
export type MeetingQuery = Request<B.MeetingQuery>;
export type CatalogPeriod = Request<B.CatalogPeriod>;
export type EntryQuery = Request<B.EntryQuery>;
export type PdfRequest = Request<B.PdfRequest>;
export type MeetingInput = Request<B.MeetingInput>;
export type SignInRequest = Request<B.SignInRequest>;
export type RosterRequest = Request<B.RosterRequest>;
export type TableRequest = Request<B.TableRequest>;
export type SetupInput = Request<B.SetupInput>;
export type DuesStandardInput = Request<B.DuesStandardInput>;
export type DuesReliefInput = Request<B.DuesReliefInput>;
export type DuesPayInput = Request<B.DuesPayInput>;
export type DuesHandleInput = Request<B.DuesHandleInput>;
export type DuesRemitInput = Request<B.DuesRemitInput>;
export type DuesTableRequest = Request<B.DuesTableRequest>;
export type DuesBulkInput = Request<B.DuesBulkInput>;
export type DevPersonInput = Request<B.DevPersonInput>;
export type DevStepInput = Request<B.DevStepInput>;
export type MobileCardInput = Request<B.MobileCardInput>;
export type MobileContactInput = Request<B.MobileContactInput>;
export type TransferOutInput = Request<B.TransferOutInput>;
export type TransferInInput = Omit<Request<B.TransferInInput>, 'member'> & { member?: MemberInput };
export type LostInput = Request<B.LostInput>;
export type HardshipInput = Request<B.HardshipInput>;
export type VisitInput = Request<B.VisitInput>;
export type CareTableRequest = Request<B.CareTableRequest>;
export type AppraisalInput = Request<B.AppraisalInput>;
export type TallyInput = Request<B.TallyInput>;
export type GradeInput = Request<B.GradeInput>;
export type AppraisalActionInput = Request<B.AppraisalActionInput>;
