// 流动党员: cards and their contact log, 组织关系转接 with the 介绍信 and its 回执, 失联 (core `mobile/`).
import { call } from './call';
import type {
  LostInput, LostMember, MobileBoard, MobileCard, MobileCardInput, MobileContact, MobileContactInput, PrintTable, Transfer,
  TransferInInput, TransferOutInput,
} from './types';

/** 介绍信 (of one transfer), 流动党员登记表, 组织关系转接登记 (of a year), 失联党员名单. */
export type MobileTable = 'letter' | 'cards' | 'transfers' | 'lost';

export const mobile = {
  board: () => call<MobileBoard>('mobile_board', {}),
  saveCard: (input: MobileCardInput) => call<MobileCard>('mobile_card_save', { input }),
  returnHome: (id: number, date: string) => call<MobileCard>('mobile_card_return', { id, date }),
  addContact: (input: MobileContactInput) => call<MobileContact>('mobile_contact_add', { input }),
  voidContact: (id: number, reason: string) => call<null>('mobile_contact_void', { id, reason }),
  setCadence: (cadence: number) => call<MobileBoard>('mobile_cadence_set', { cadence }),
  transfers: () => call<Transfer[]>('mobile_transfers', {}),
  transferOut: (input: TransferOutInput) => call<Transfer>('mobile_transfer_out', { input }),
  receipt: (id: number, arrivedOn: string, receiptOn: string) => call<Transfer>('mobile_transfer_receipt', { id, arrivedOn, receiptOn }),
  cancelTransfer: (id: number, reason: string) => call<Transfer>('mobile_transfer_cancel', { id, reason }),
  transferIn: (input: TransferInInput) => call<Transfer>('mobile_transfer_in', { input }),
  lost: () => call<LostMember[]>('mobile_lost', {}),
  markLost: (input: LostInput) => call<LostMember[]>('mobile_lost_mark', { input }),
  actLost: (memberId: number, date: string) => call<LostMember[]>('mobile_lost_act', { memberId, date }),
  printTable: (kind: MobileTable, id: number | null = null, year: number | null = null) => call<PrintTable>('mobile_print_table', { kind, id, year }),
  /** Opens the save dialog in Rust. Null when cancelled. */
  export: (kind: MobileTable, id: number | null = null, year: number | null = null) => call<string | null>('mobile_export', { kind, id, year }),
};
