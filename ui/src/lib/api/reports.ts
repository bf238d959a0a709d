// 报表: 首页待办, the 操作记录 viewer, 报表中心, 党内统计 with its package, 乡镇汇总 (core `reports/`).
import { call } from './call';
import type { AuditPage, AuditQuery, CatalogItem, CatalogPeriod, PrintTable, StatsReport, Todo, Township, TownshipSettings } from './types';

export const reports = {
  homeTodos: () => call<Todo[]>('home_todos'),
  audit: (query: AuditQuery) => call<AuditPage>('audit_query', { query }),
  /** Opens the save dialog in Rust; the saved path, or null when cancelled. */
  auditExport: (query: AuditQuery) => call<string | null>('audit_export', { query }),

  /** 报表中心: every table of the app by area, with the period each asks for. */
  catalog: () => call<CatalogItem[]>('report_catalog'),
  /** The table (with its chart, if any) as 预览 shows it; the same object goes to pdf.save / pdf.print. */
  table: (key: string, period: CatalogPeriod) => call<PrintTable>('report_table', { key, period }),
  saveXlsx: (key: string, period: CatalogPeriod) => call<string | null>('report_save_xlsx', { key, period }),
};

export const stats = {
  /** 党内统计 of a year as of `asOfDate` (12-31 when null): tables, checks, members not placed. */
  report: (year: number, asOfDate: string | null) => call<StatsReport>('stats_report', { year, asOfDate }),
  /** Every table in one workbook (a sheet each). */
  saveXlsx: (year: number, asOfDate: string | null) => call<string | null>('stats_save_xlsx', { year, asOfDate }),
  /** 全部保存为 PDF (`print` false: the save dialog) or 全部打印 (true: opened in the PDF viewer to print). */
  pdf: (year: number, asOfDate: string | null, print: boolean) => call<string | null>('stats_pdf', { year, asOfDate, print }),
  /** 导出上报包 for the township. */
  savePackage: (year: number, asOfDate: string | null) => call<string | null>('stats_package', { year, asOfDate }),
};

export const township = {
  settings: () => call<TownshipSettings>('township_settings'),
  saveSettings: (settings: TownshipSettings) => call<TownshipSettings>('township_settings_put', { settings }),
  /** Opens the file (or folder) dialog in Rust; the file names chosen, or null when cancelled. */
  choose: (folder: boolean) => call<string[] | null>('township_choose', { folder }),
  /** `chosen`: the ids of the packages the township chose where a branch sent several different ones. */
  merge: (chosen: string[]) => call<Township>('township_merge', { chosen }),
  save: (chosen: string[]) => call<string | null>('township_save', { chosen }),
};
