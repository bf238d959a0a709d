import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Stats from './Stats.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';
import { reportsState } from './state.svelte';

const thisYear = new Date().getFullYear();

const report = (year = thisYear, date = `${thisYear}-12-31`) => ({
  org: '东风村党支部',
  year,
  report_date: date,
  template_year: 2025,
  tables: [
    {
      no: 2,
      title: '党员基本情况',
      columns: ['党员总数', '其中：预备党员', '女', '30岁及以下', '31岁至35岁'],
      cells: [
        { value: 3, members: [1, 2, 3] },
        { value: 0, members: [] },
        { value: 2, members: [2, 3] },
        { value: 1, members: [1] },
        { value: 1, members: [2] },
      ],
      notes: ['年龄按统计截止日期计算。'],
    },
  ],
  missing: [
    { member_id: 3, name: '李红', table: 2, field: '出生日期' },
    { member_id: 4, name: '赵四', table: 43, field: '失联不满6个月（3个月），未计入' },
  ],
  checks: [
    { table: 1, rule: '表1 年底实有与表2、表3、表4 的党员总数一致', ok: true, detail: '表1 3，表2 3，表3 3，表4 3', members: [] },
    { table: 2, rule: '表2 各年龄段之和等于党员总数', ok: false, detail: '各年龄段合计 2，党员总数 3（缺少所需项目的党员见名单）', members: [3] },
  ],
  people: [
    { id: 1, name: '张建国' },
    { id: 2, name: '王芳（1972年生）' },
    { id: 3, name: '李红' },
    { id: 4, name: '赵四' },
  ],
});

describe('党内统计', () => {
  beforeEach(() => {
    loadApp();
    reportsState.reset();
    app.printView = null;
    app.page = 'reports';
  });

  it('asks for this year on opening, then for the year and 截止日期 chosen', async () => {
    const asked: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'stats_report') {
        asked.push(args);
        return report(args.year, args.asOfDate ?? `${args.year}-12-31`);
      }
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: [] };
    });
    const user = userEvent.setup();
    render(Stats);
    await vi.waitFor(() => expect(asked).toEqual([{ year: thisYear, asOfDate: null }]));
    expect(await screen.findByTestId('stats-head')).toHaveTextContent(`统计截止日期 ${thisYear}-12-31，2025 年度报表样式`);

    await user.selectOptions(screen.getByTestId('stats-year'), String(thisYear - 1));
    await fireEvent.input(screen.getByTestId('stats-as-of'), { target: { value: `${thisYear - 1}-06-30` } });
    expect(screen.getByRole('status')).toHaveTextContent('点“统计”重新计算');
    await user.click(screen.getByTestId('stats-run'));
    await vi.waitFor(() => expect(asked.at(-1)).toEqual({ year: thisYear - 1, asOfDate: `${thisYear - 1}-06-30` }));
    expect(await screen.findByTestId('stats-head')).toHaveTextContent(`统计截止日期 ${thisYear - 1}-06-30`);
    expect(screen.queryByText(/点“统计”重新计算/)).toBeNull();
  });

  it('shows a failing check as 未通过 with its members, and the 缺项 by table', async () => {
    mockIPC((cmd) => {
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '', expected: [] };
    });
    render(Stats);
    const checks = await screen.findByTestId('stats-checks');
    expect(within(checks).getByTestId('stats-checks-summary')).toHaveTextContent('共 2 项校核，1 项未通过');
    const [failed, passed] = within(checks).getAllByTestId('stats-check');
    expect(failed).toHaveTextContent('未通过');
    expect(failed).toHaveTextContent('表2 各年龄段之和等于党员总数');
    expect(within(failed).getByRole('button', { name: '李红' })).toBeInTheDocument();
    expect(passed).toHaveTextContent('通过');
    expect(passed).not.toHaveTextContent('未通过');
    expect(screen.getByTestId('stats-missing-2')).toHaveTextContent('表2 缺出生日期：李红');
    // A reason rather than a field reads as the core says it.
    expect(screen.getByTestId('stats-missing-43')).toHaveTextContent('表43 失联不满6个月（3个月），未计入：赵四');
    // Nobody has told the package where it goes yet.
    expect(screen.getByTestId('stats-superior-hint')).toHaveTextContent('上级党委还没有填写');
  });

  it('a number opens the list of the members it counts, and a name opens 党员名册 on them', async () => {
    mockIPC((cmd) => {
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '', expected: [] };
    });
    const user = userEvent.setup();
    render(Stats);
    const table = await screen.findByTestId('stats-table-2');
    expect(table).toHaveTextContent('年龄按统计截止日期计算。');
    // A zero counts nobody: plain text, not a button.
    expect(within(table).queryByTestId('stats-cell-2-1')).toBeNull();
    await user.click(within(table).getByTestId('stats-cell-2-2'));
    const dialog = screen.getByRole('dialog', { name: '表2 女：2 人' });
    expect(within(dialog).getByTestId('stats-people')).toHaveTextContent('王芳（1972年生）');
    expect(within(dialog).getByTestId('stats-people')).toHaveTextContent('李红');
    expect(within(dialog).queryByText('张建国')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: '王芳（1972年生）' }));
    expect(app.page).toBe('members');
    expect(app.memberFilter.search).toBe('王芳');
    // That 王芳's card is what 党员名册 opens, not only a list of both.
    expect(app.memberToOpen).toBe(2);
    expect(app.reportsTab).toBe('stats');
  });

  it('导出上报包 saves a changed 上级党委 first, keeps the 应报支部 list, and shows where the package went', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '', expected: ['东风村党支部'] };
      if (cmd === 'township_settings_put') return args.settings;
      if (cmd === 'stats_package') return 'D:\\上报\\东风村党支部2026年党内统计上报包.xlsx';
    });
    const user = userEvent.setup();
    render(Stats);
    await screen.findByTestId('stats-table-2');
    await user.type(screen.getByTestId('stats-superior'), '中共城关镇委员会');
    expect(screen.queryByTestId('stats-superior-hint')).toBeNull();
    await user.click(screen.getByTestId('stats-package'));
    expect(await screen.findByText(/已保存到 .*上报包\.xlsx/)).toBeInTheDocument();
    const order = calls.map(([c]) => c).filter((c) => c === 'township_settings_put' || c === 'stats_package');
    expect(order).toEqual(['township_settings_put', 'stats_package']);
    expect(calls.find(([c]) => c === 'township_settings_put')![1]).toEqual({ settings: { superior: '中共城关镇委员会', expected: ['东风村党支部'] } });
    expect(calls.find(([c]) => c === 'stats_package')![1]).toEqual({ year: thisYear, asOfDate: null });

    // Unchanged, it is not saved again.
    await user.click(screen.getByTestId('stats-package'));
    await vi.waitFor(() => expect(calls.filter(([c]) => c === 'stats_package')).toHaveLength(2));
    expect(calls.filter(([c]) => c === 'township_settings_put')).toHaveLength(1);
  });

  it('导出上报包 without 上级党委 says so under the field, puts the cursor there and exports nothing', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'stats_package') return 'D:\\上报\\上报包.xlsx';
    });
    const user = userEvent.setup();
    render(Stats);
    await screen.findByTestId('stats-table-2');
    await user.type(screen.getByTestId('stats-superior'), '   ');
    await user.click(screen.getByTestId('stats-package'));
    expect(await screen.findByText('请填写上级党委名称（如：中共城关镇委员会），乡镇汇总时要用')).toBeInTheDocument();
    expect(screen.getByTestId('stats-superior')).toHaveFocus();
    expect(screen.getByTestId('stats-superior')).toHaveAttribute('aria-invalid', 'true');
    expect(calls).not.toContain('stats_package');
    expect(calls).not.toContain('township_settings_put');

    // Excel does not need it.
    calls.length = 0;
    await user.click(screen.getByTestId('stats-excel'));
    await vi.waitFor(() => expect(calls).toContain('stats_save_xlsx'));
  });

  it('全部打印 and 全部保存为 PDF ask the core for every table in one PDF', async () => {
    const asked: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'stats_pdf') {
        asked.push(args);
        return args.print ? '/tmp/print.pdf' : '/tmp/东风村党支部2026年党内统计.pdf';
      }
    });
    const user = userEvent.setup();
    render(Stats);
    await screen.findByTestId('stats-table-2');
    await user.click(screen.getByTestId('stats-pdf'));
    expect(await screen.findByText(/东风村党支部2026年党内统计\.pdf/)).toBeInTheDocument();
    await user.click(screen.getByTestId('stats-print'));
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(asked[0]).toMatchObject({ print: false, asOfDate: null });
    expect(asked[1]).toMatchObject({ print: true });
  });

  it('a half-typed 统计截止日期 is not taken for 12-31: 统计 and the exports stop and say so', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'stats_report') return report();
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: [] };
    });
    const user = userEvent.setup();
    render(Stats);
    await screen.findByTestId('stats-table-2');
    const date = screen.getByTestId('stats-as-of') as HTMLInputElement;
    // What the webview reports for 2026-12-__: no value, and the input knows it is unfinished.
    Object.defineProperty(date, 'validity', { configurable: true, value: { badInput: true } });
    calls.length = 0;
    for (const button of ['stats-run', 'stats-excel', 'stats-package']) {
      await user.click(screen.getByTestId(button));
      expect(await screen.findByText('统计截止日期没有填完整，请填写完整日期或清空（默认 12-31）')).toBeInTheDocument();
      expect(date).toHaveFocus();
    }
    expect(calls).toEqual([]);

    // Finished (or cleared), it counts again.
    Object.defineProperty(date, 'validity', { configurable: true, value: { badInput: false } });
    await user.click(screen.getByTestId('stats-run'));
    await vi.waitFor(() => expect(calls).toContain('stats_report'));
    expect(screen.queryByText(/没有填完整/)).toBeNull();
  });

  it('全部保存为 Excel sends the year and date; a refused date shows its sentence beside the bar', async () => {
    const calls: [string, any][] = [];
    let bad = false;
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'stats_report') {
        if (bad) throw { code: 'INVALID', message: '统计截止日期应在统计年度之内', fields: [] };
        return report();
      }
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'stats_save_xlsx') return null;
    });
    const user = userEvent.setup();
    render(Stats);
    await screen.findByTestId('stats-table-2');
    await fireEvent.input(screen.getByTestId('stats-as-of'), { target: { value: `${thisYear}-06-30` } });
    await user.click(screen.getByTestId('stats-excel'));
    await vi.waitFor(() => expect(calls.find(([c]) => c === 'stats_save_xlsx')?.[1]).toEqual({ year: thisYear, asOfDate: `${thisYear}-06-30` }));
    // Cancelled: nothing said to have been saved.
    expect(screen.queryByText(/已保存到/)).toBeNull();

    bad = true;
    await user.click(screen.getByTestId('stats-run'));
    expect(await screen.findByTestId('stats-error')).toHaveTextContent('统计截止日期应在统计年度之内');
    // The last good result stays on screen.
    expect(screen.getByTestId('stats-table-2')).toBeInTheDocument();
  });

  it('打印 of one table asks for that table as shown (its year and 截止日期) and opens the print view', async () => {
    const asked: any[] = [];
    const printTable = { title: '党员基本情况', subtitle: [], total: 0, columns: [], groups: [], landscape: true, masked: false, notes: [] };
    mockIPC((cmd, args: any) => {
      if (cmd === 'stats_report') return report(thisYear, `${thisYear}-12-31`);
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'report_table') {
        asked.push(args);
        return printTable;
      }
    });
    const user = userEvent.setup();
    render(Stats);
    const table = await screen.findByTestId('stats-table-2');
    await user.click(within(table).getByRole('button', { name: '打印' }));
    await vi.waitFor(() => expect(app.printView?.table).toEqual(printTable));
    expect(asked).toEqual([{ key: 'stats_2', period: { year: thisYear, to: `${thisYear}-12-31` } }]);
  });
});
