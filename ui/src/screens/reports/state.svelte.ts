// What the 报表导出 tabs were showing, kept at module level: each tab is unmounted when another is chosen (and the
// page when the secretary goes to 党员名册 to fix a record), and coming back must not wipe a merge result, a chosen
// file list or a preview she was looking at. Lives for the session, like the core's memory of the chosen files.
import type { PrintTable, StatsReport, Township } from '../../lib/api/types';
import { monthOf, today } from '../../lib/format';

class ReportsState {
  // 报表中心: the item, its period choices, and the preview with the request (key + period, as JSON) it answers.
  catalogKey = $state<string | null>(null);
  year = $state(Number(today().slice(0, 4)));
  month = $state(monthOf());
  quarter = $state(Math.floor((Number(today().slice(5, 7)) - 1) / 3) + 1);
  from = $state(`${today().slice(0, 4)}-01-01`);
  to = $state(today());
  preview = $state<PrintTable | null>(null);
  previewFor = $state('');

  // 党内统计: the bar (null year: not opened yet this session) and the report shown, with what it was asked for.
  statsYear = $state<number | null>(null);
  statsAsOf = $state('');
  statsReport = $state<StatsReport | null>(null);
  statsRan = $state<{ year: number; asOf: string } | null>(null);

  // 乡镇汇总: null until files are chosen on this page.
  chosen = $state<string[] | null>(null);
  township = $state<Township | null>(null);
  // Where a branch sent several different packages: the ids of the ones the township chose to count.
  picked = $state<string[]>([]);

  /** Back to a fresh session (tests; nothing in the app needs it yet). */
  reset() {
    const fresh = new ReportsState();
    for (const k of KEYS) (this as unknown as Record<string, unknown>)[k] = fresh[k];
  }
}

// $state fields are accessors, not own properties, so they are named to be copied.
const KEYS = ['catalogKey', 'year', 'month', 'quarter', 'from', 'to', 'preview', 'previewFor', 'statsYear', 'statsAsOf', 'statsReport', 'statsRan', 'chosen', 'township', 'picked'] as const;

export const reportsState = new ReportsState();
