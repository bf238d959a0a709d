// 民主评议党员: the year's appraisal, tallies, grades under the cap, 组织处置, the prints (core `appraisal/`).
import { call } from './call';
import type { Appraisal, AppraisalActionInput, AppraisalInput, GradeInput, PrintTable, TallyInput } from './types';

/** 民主测评表, 测评结果汇总表, 结果报告. */
export type AppraisalTable = 'ballot' | 'summary' | 'report';

export const appraisal = {
  years: () => call<number[]>('appraisal_years', {}),
  show: (year: number) => call<Appraisal | null>('appraisal_show', { year }),
  open: (input: AppraisalInput) => call<Appraisal>('appraisal_open', { input }),
  update: (id: number, input: AppraisalInput) => call<Appraisal>('appraisal_update', { id, input }),
  tally: (id: number, rows: TallyInput[]) => call<Appraisal>('appraisal_tally', { id, rows }),
  grade: (id: number, input: GradeInput) => call<Appraisal>('appraisal_grade', { id, input }),
  act: (id: number, input: AppraisalActionInput) => call<Appraisal>('appraisal_act', { id, input }),
  printTable: (kind: AppraisalTable, year: number) => call<PrintTable>('appraisal_print_table', { kind, year }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (kind: AppraisalTable, year: number) => call<string | null>('appraisal_export', { kind, year }),
};
