// 积分管理: rules, the ledger, month tables, alerts and talks (core `points/`).
import { call } from './call';
import type {
  AddResult, EntryInput, EntryQuery, MonthTable, PointAlert, PointEntry, PointRule, PointsHistory, PrintTable, RuleInput,
  Settings, TableRequest, Talk, TalkInput,
} from './types';

export const points = {
  rules: (includeRetired: boolean) => call<PointRule[]>('points_rules', { includeRetired }),
  createRule: (input: RuleInput) => call<PointRule>('points_rule_create', { input }),
  updateRule: (id: number, input: RuleInput) => call<PointRule>('points_rule_update', { id, input }),
  setRuleActive: (id: number, active: boolean) => call<PointRule>('points_rule_set_active', { id, active }),
  /** Switches an existing branch to the 百分制 from this month; recorded entries are kept as they are. */
  adoptHundred: () => call<Settings>('points_adopt_hundred', {}),
  add: (input: EntryInput) => call<AddResult>('points_add', { input }),
  void: (id: number, reason: string) => call<PointEntry>('points_void', { id, reason }),
  entries: (query: EntryQuery) => call<PointEntry[]>('points_entries', { query }),
  table: (request: TableRequest) => call<MonthTable>('points_table', { request }),
  alerts: (month: string) => call<PointAlert[]>('points_alerts', { month }),
  talk: (input: TalkInput) => call<Talk>('points_talk', { input }),
  history: (id: number, year: number) => call<PointsHistory>('points_member_history', { id, year }),
  printTable: (month: string, groupId: number | null) => call<PrintTable>('points_print_table', { month, groupId }),
  noticeTable: (month: string, from: string, to: string) => call<PrintTable>('points_notice_table', { month, from, to }),
  /** Opens the save dialog in Rust; the month's table, or the year workbook. Null when cancelled. */
  export: (req: { month?: string; year?: number }) => call<string | null>('points_export', { month: req.month ?? null, year: req.year ?? null }),
};
