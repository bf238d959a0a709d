import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Reports from './Reports.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';
import { reportsState } from './state.svelte';

const thisYear = new Date().getFullYear();
const branch = { id: '东风村.xlsx', branch: '东风村党支部', file: '东风村.xlsx', superior: '中共城关镇委员会', year: 2026, report_date: '2026-12-31', template_year: 2025, exported_at: '2027-01-05T09:30:12', members: 30, included: true, status: 'included' };
const merged = {
  year: 2026, template_year: 2025, branches: [branch], problems: [], checks: [],
  tables: [{ no: 2, title: '党员基本情况', columns: ['党员总数'], rows: [{ branch: '东风村党支部', values: [30] }], total: [30] }],
};
const stats = (year: number, date: string) => ({ org: '东风村党支部', year, report_date: date, template_year: 2025, tables: [], missing: [], checks: [], people: [] });

describe('报表导出 tabs', () => {
  beforeEach(() => {
    loadApp();
    reportsState.reset();
    app.reportsTab = null;
  });

  it('coming back to 乡镇汇总 or 党内统计 shows what was there', async () => {
    const asked: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'report_catalog') return [];
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: [] };
      if (cmd === 'township_choose') return ['东风村.xlsx'];
      if (cmd === 'township_merge') return merged;
      if (cmd === 'stats_report') return asked.push(args), stats(args.year, args.asOfDate ?? `${args.year}-12-31`);
    });
    const user = userEvent.setup();
    render(Reports);
    await user.click(screen.getByTestId('reports-tab-township'));
    await user.click(screen.getByTestId('township-files'));
    await screen.findByText('已选择 1 个文件：');
    await user.click(screen.getByTestId('township-merge'));
    await screen.findByTestId('township-table-2');

    await user.click(screen.getByTestId('reports-tab-stats'));
    await user.selectOptions(await screen.findByTestId('stats-year'), String(thisYear - 1));
    await user.click(screen.getByTestId('stats-run'));
    expect(await screen.findByTestId('stats-head')).toHaveTextContent(`${thisYear - 1} 年党内统计`);

    await user.click(screen.getByTestId('reports-tab-township'));
    expect(screen.getByTestId('township-chosen')).toHaveTextContent('东风村.xlsx');
    expect(screen.getByTestId('township-summary')).toHaveTextContent('已汇总 1 个支部');
    expect(screen.getByTestId('township-table-2')).toBeInTheDocument();

    // 党内统计 shows its last report at once, and counts it again for the same year and date.
    asked.length = 0;
    await user.click(screen.getByTestId('reports-tab-stats'));
    expect(screen.getByTestId('stats-head')).toHaveTextContent(`${thisYear - 1} 年党内统计`);
    expect(screen.getByTestId('stats-year')).toHaveValue(String(thisYear - 1));
    await vi.waitFor(() => expect(asked).toEqual([{ year: thisYear - 1, asOfDate: null }]));
  });
});
