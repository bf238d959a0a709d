// 报表 and the home page: 首页待办, the 操作记录 viewer (core `reports/`).
import { call } from './call';
import type { AuditPage, AuditQuery, Todo } from './types';

export const reports = {
  homeTodos: () => call<Todo[]>('home_todos'),
  audit: (query: AuditQuery) => call<AuditPage>('audit_query', { query }),
  /** Opens the save dialog in Rust; the saved path, or null when cancelled. */
  auditExport: (query: AuditQuery) => call<string | null>('audit_export', { query }),
};
