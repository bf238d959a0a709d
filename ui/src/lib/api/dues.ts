// 党费: standards and the yearly 核定, reliefs, collecting, arrears, 上缴 and the tables (core `dues/`).
import { call } from './call';
import type {
  DuesArrears, DuesBulkInput, DuesDeduction, DuesHandleInput, DuesHandling, DuesPayInput, DuesPayResult, DuesPayment, DuesRelief,
  DuesReliefInput, DuesRemit, DuesRemitInput, DuesRemits, DuesReview, DuesSheet, DuesStandard, DuesStandardInput,
  DuesTableRequest, MemberDues, PrintTable,
} from './types';

export const dues = {
  setStandard: (input: DuesStandardInput) => call<DuesStandard>('dues_standard_set', { input }),
  setStandards: (input: DuesBulkInput) => call<number>('dues_standards_bulk', { input }),
  voidStandard: (id: number, reason: string) => call<DuesStandard>('dues_standard_void', { id, reason }),
  review: (year: number) => call<DuesReview>('dues_review', { year }),
  addRelief: (input: DuesReliefInput) => call<DuesRelief>('dues_relief_add', { input }),
  revokeRelief: (id: number, reason: string) => call<DuesRelief>('dues_relief_revoke', { id, reason }),
  sheet: (month: string) => call<DuesSheet>('dues_sheet', { month }),
  pay: (input: DuesPayInput) => call<DuesPayResult>('dues_pay', { input }),
  reverse: (id: number, reason: string) => call<DuesPayment>('dues_reverse', { id, reason }),
  member: (id: number, year: number) => call<MemberDues>('dues_member', { id, year }),
  arrears: () => call<DuesArrears>('dues_arrears', {}),
  handle: (input: DuesHandleInput) => call<DuesHandling>('dues_handle', { input }),
  remit: (input: DuesRemitInput) => call<DuesRemit>('dues_remit', { input }),
  reverseRemit: (id: number, reason: string) => call<DuesRemit>('dues_remit_reverse', { id, reason }),
  remits: (year: number) => call<DuesRemits>('dues_remits', { year }),
  deduct: (month: string) => call<DuesDeduction>('dues_deduct', { month }),
  printTable: (request: DuesTableRequest) => call<PrintTable>('dues_print_table', { request }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (request: DuesTableRequest) => call<string | null>('dues_export', { request }),
};
