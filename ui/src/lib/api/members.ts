// 党员名册: records, status, classification, the 花名册 and importing a roster (core `members/`).
import { call } from './call';
import type {
  BatchResult, CommitOptions, ImportPreview, ImportResult, MemberDetail, MemberInput, MemberList, MemberQuery, MemberRecord,
  Overview, PrintTable, Reclassify, RosterColumns, RosterRequest, StatusChange,
} from './types';

export const members = {
  list: (query: MemberQuery) => call<MemberList>('member_list', { query }),
  detail: (id: number) => call<MemberDetail>('member_detail', { id }),
  create: (input: MemberInput) => call<MemberRecord>('member_create', { input }),
  update: (id: number, input: MemberInput, classReason: string | null) =>
    call<MemberRecord>('member_update', { id, input, classReason }),
  changeStatus: (id: number, change: StatusChange) => call<MemberRecord>('member_change_status', { id, change }),
  reclassify: (id: number, change: Reclassify) => call<MemberRecord>('member_reclassify', { id, change }),
  reclassifyMany: (ids: number[], change: Reclassify) => call<BatchResult>('member_reclassify_many', { ids, change }),
  classOverview: (refDate: string | null) => call<Overview>('class_overview', { refDate }),
  rosterColumns: () => call<RosterColumns>('roster_columns'),
  rosterTable: (request: RosterRequest) => call<PrintTable>('roster_table', { request }),
  /** Opens the file dialog in Rust; null when cancelled. */
  importOpen: () => call<ImportPreview | null>('import_open'),
  importRemap: (mapping: (string | null)[]) => call<ImportPreview>('import_remap', { mapping }),
  importCommit: (options: CommitOptions) => call<ImportResult>('import_commit', { options }),
  importSaveReport: () => call<string | null>('import_save_report'),
};
