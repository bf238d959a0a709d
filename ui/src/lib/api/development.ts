// 发展党员: the board, a person's record, adding an applicant, recording a step, the prints (core `development/`).
import { call } from './call';
import type { DevPerson, DevPersonInput, DevStepInput, DevStepResult, PrintTable } from './types';

export const development = {
  board: () => call<DevPerson[]>('dev_board', {}),
  show: (id: number) => call<DevPerson>('dev_show', { id }),
  add: (input: DevPersonInput) => call<DevStepResult>('dev_add', { input }),
  step: (input: DevStepInput) => call<DevStepResult>('dev_step', { input }),
  /** 纪实表 of one person (`record`) or 时间节点一览 (`timeline`). */
  printTable: (kind: 'record' | 'timeline', id: number | null) => call<PrintTable>('dev_print_table', { kind, id }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (kind: 'record' | 'timeline', id: number | null) => call<string | null>('dev_export', { kind, id }),
};
