// 发展党员: the board, a person's record, adding an applicant, recording a step, the prints (core `development/`).
import { call } from './call';
import type { DevPerson, DevPersonInput, DevStepInput, DevStepResult, PrintTable } from './types';

export type DevTable = 'record' | 'notice' | 'archive' | 'timeline' | 'counts';

export const development = {
  board: () => call<DevPerson[]>('dev_board', {}),
  show: (id: number) => call<DevPerson>('dev_show', { id }),
  add: (input: DevPersonInput) => call<DevStepResult>('dev_add', { input }),
  update: (id: number, input: DevPersonInput) => call<DevPerson>('dev_update', { id, input }),
  step: (input: DevStepInput) => call<DevStepResult>('dev_step', { input }),
  voidStep: (id: number, reason: string) => call<DevPerson>('dev_step_void', { id, reason }),
  stop: (id: number, reason: string) => call<DevPerson>('dev_stop', { id, reason }),
  /** Of one person: 纪实表, 公示, 档案清单; of the branch: 时间节点一览, the year's counts. */
  printTable: (kind: DevTable, id: number | null, year: number | null = null) => call<PrintTable>('dev_print_table', { kind, id, year }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (kind: DevTable, id: number | null, year: number | null = null) => call<string | null>('dev_export', { kind, id, year }),
};
