// 组织生活: meetings and attendance, the 三会一课 calendar, participation, study plans, sign-in sheets (core `meetings/`).
import { call } from './call';
import type {
  Attendee, Calendar, CalendarRequest, Inactive, Makeup, MeetingDetail, MeetingInput, MeetingQuery, MeetingSummary,
  MemberParticipation, PairInput, Partner, Participation, PlanInput, PrintTable, SignInRequest, StudyPlans,
} from './types';

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
  /** The sign-in sheet of one recorded meeting. */
  signIn: (id: number, blankRows: number) => call<PrintTable>('meeting_sign_in', { id, blankRows }),
  /** A blank 会议签到表 for the members a registry query selects. */
  signInTable: (request: SignInRequest) => call<PrintTable>('sign_in_table', { request }),
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
