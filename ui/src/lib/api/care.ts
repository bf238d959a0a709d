// 关爱帮扶 and 老党员: 困难党员, visits, the 纪念章 list, 政治生日 and the prints (core `care/`).
import { call } from './call';
import type { Birthday, CareSettings, CareTableRequest, Elder, Hardship, HardshipInput, Medals, PrintTable, Visit, VisitInput } from './types';

export const care = {
  hardships: () => call<Hardship[]>('care_hardships', {}),
  saveHardship: (input: HardshipInput) => call<Hardship>('care_hardship_save', { input }),
  resolveHardship: (id: number, date: string, reason: string) => call<Hardship>('care_hardship_resolve', { id, date, reason }),
  visits: (year: number) => call<Visit[]>('care_visits', { year }),
  addVisit: (input: VisitInput) => call<Visit>('care_visit_add', { input }),
  voidVisit: (id: number, reason: string) => call<null>('care_visit_void', { id, reason }),
  elders: () => call<Elder[]>('care_elders', {}),
  medals: (year: number) => call<Medals>('care_medals', { year }),
  issueMedals: (year: number, memberIds: number[], date: string) => call<Medals>('care_medals_issue', { year, memberIds, date }),
  birthdays: (month: string) => call<Birthday[]>('care_birthdays', { month }),
  settings: () => call<CareSettings>('care_settings_get', {}),
  saveSettings: (settings: CareSettings) => call<CareSettings>('care_settings_put', { settings }),
  /** kind: hardship, visit_list, sign_sheet (with occasion 春节/七一 and year), visits, summary (year), elders, medals (year), birthdays (month). */
  printTable: (request: CareTableRequest) => call<PrintTable>('care_print_table', { request }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (request: CareTableRequest) => call<string | null>('care_export', { request }),
};
