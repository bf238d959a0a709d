import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Catalog from './Catalog.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';
import { today } from '../../lib/format';
import { reportsState } from './state.svelte';

const thisYear = new Date().getFullYear();
const none = { year: null, month: null, quarter: null, from: null, to: null };

const catalog = [
  { key: 'roster', area: '党员名册', title: '党员花名册', period: 'none', chart: false },
  { key: 'roster_age', area: '党员名册', title: '党员年龄结构', period: 'none', chart: true },
  { key: 'meetings_year', area: '组织生活', title: '组织生活开展情况', period: 'year', chart: false },
  { key: 'meetings_range', area: '组织生活', title: '会议记录目录', period: 'range', chart: false },
  { key: 'dues_month', area: '党费', title: '党费收缴明细', period: 'month', chart: false },
  { key: 'points_quarter', area: '积分管理', title: '季度积分排行', period: 'quarter', chart: false },
  { key: 'appraisal_result', area: '民主评议', title: '民主评议结果', period: 'year', chart: false },
  { key: 'chart_dues', area: '统计图表', title: '党费月度收缴', period: 'year', chart: true },
];
const col = (key: string, label: string, numeric = false) => ({ key, label, numeric, center: false, formula: null, money: false });
const duesTable = {
  title: `东风村党支部${thisYear}年党费月度收缴`, subtitle: ['东风村党支部'], total: 2, landscape: false, masked: false, notes: [],
  columns: [col('month', '月份'), col('amount', '金额（元）', true)],
  groups: [{ name: null, rows: [['1月', '120.00'], ['2月', '0.00']] }],
  chart: { kind: 'columns', unit: '元', bars: [{ label: '1月', value: 120, shown: '120.00' }, { label: '2月', value: 0, shown: '0.00' }] },
};

function mock(extra: (cmd: string, args: any) => unknown = () => undefined) {
  const calls: [string, any][] = [];
  mockIPC((cmd, args: any) => {
    calls.push([cmd, args]);
    if (cmd === 'report_catalog') return catalog;
    return extra(cmd, args);
  });
  return calls;
}

describe('报表中心', () => {
  beforeEach(() => {
    loadApp();
    reportsState.reset();
    app.printView = null;
  });

  it('lists the reports under their areas in the order the core gives, chart items marked', async () => {
    mock();
    render(Catalog);
    await screen.findByTestId('catalog-item-roster');
    const areas = screen.getAllByTestId('catalog-area');
    expect(areas.map((a) => a.querySelector('h2')!.textContent)).toEqual(['党员名册', '组织生活', '党费', '积分管理', '民主评议', '统计图表']);
    expect(within(areas[0]).getByTestId('catalog-item-roster_age')).toHaveTextContent(/党员年龄结构\s*图/);
    expect(within(areas[0]).getByTestId('catalog-item-roster')).not.toHaveTextContent('图');
    expect(within(areas[1]).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['组织生活开展情况', '会议记录目录']);
  });

  it('previews the chosen report for the chosen year, table and chart, and clears it when the year changes', async () => {
    const calls = mock((cmd) => (cmd === 'report_table' ? duesTable : undefined));
    const user = userEvent.setup();
    render(Catalog);
    await user.click(await screen.findByTestId('catalog-item-chart_dues'));
    expect(screen.getByTestId('catalog-title')).toHaveTextContent('党费月度收缴');
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear - 1));
    await user.click(screen.getByTestId('catalog-preview'));
    const sheet = await screen.findByTestId('catalog-preview-sheet');
    expect(calls.find(([c]) => c === 'report_table')![1]).toEqual({ key: 'chart_dues', period: { ...none, year: thisYear - 1 } });
    expect(sheet).toHaveTextContent(duesTable.title);
    expect(within(sheet).getByRole('columnheader', { name: '金额（元）' })).toBeInTheDocument();
    expect(within(sheet).getAllByRole('cell').map((c) => c.textContent)).toContain('120.00');
    const chart = within(sheet).getByTestId('bar-chart');
    expect(chart.getAttribute('aria-label')).toContain('1月 120.00，2月 0.00');
    // The chart sits between the subtitle and the table.
    expect(chart.compareDocumentPosition(within(sheet).getByRole('table')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear));
    expect(screen.queryByTestId('catalog-preview-sheet')).toBeNull();
  });

  it('sends only what each item asks for: month, quarter, date range, nothing', async () => {
    const calls = mock((cmd) => (cmd === 'report_table' ? { ...duesTable, chart: null } : undefined));
    const user = userEvent.setup();
    render(Catalog);
    const sent = async () => {
      await user.click(screen.getByTestId('catalog-preview'));
      await screen.findByTestId('catalog-preview-sheet');
      return calls.filter(([c]) => c === 'report_table').at(-1)![1];
    };

    await user.click(await screen.findByTestId('catalog-item-dues_month'));
    await user.selectOptions(screen.getByLabelText('月份'), String(thisYear - 1));
    await user.selectOptions(screen.getByLabelText('月份（月）'), '3');
    expect(await sent()).toEqual({ key: 'dues_month', period: { ...none, month: `${thisYear - 1}-03` } });
    expect(screen.queryByTestId('bar-chart')).toBeNull();

    await user.click(screen.getByTestId('catalog-item-points_quarter'));
    expect(screen.queryByTestId('catalog-preview-sheet')).toBeNull();
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear - 1));
    await user.selectOptions(screen.getByLabelText('季度'), '第二季度');
    expect(await sent()).toEqual({ key: 'points_quarter', period: { ...none, year: thisYear - 1, quarter: 2 } });

    await user.click(screen.getByTestId('catalog-item-meetings_range'));
    expect(screen.getByLabelText('起始日期')).toHaveValue(`${thisYear}-01-01`);
    expect(screen.getByLabelText('截止日期')).toHaveValue(today());
    expect(await sent()).toEqual({ key: 'meetings_range', period: { ...none, from: `${thisYear}-01-01`, to: today() } });

    // A cleared date is sent as not given.
    await fireEvent.input(screen.getByLabelText('起始日期'), { target: { value: '' } });
    expect(await sent()).toEqual({ key: 'meetings_range', period: { ...none, from: null, to: today() } });

    await user.click(screen.getByTestId('catalog-item-roster'));
    expect(screen.queryByLabelText('年度')).toBeNull();
    expect(await sent()).toEqual({ key: 'roster', period: none });
  });

  it('offers no future period: years up to this one, quarters of this year up to this quarter', async () => {
    mock();
    const user = userEvent.setup();
    render(Catalog);
    await user.click(await screen.findByTestId('catalog-item-points_quarter'));
    const years = [...(screen.getByLabelText('年度') as HTMLSelectElement).options].map((o) => Number(o.value));
    expect(years[0]).toBe(thisYear);
    expect(years).toHaveLength(12);
    const quarters = () => [...(screen.getByLabelText('季度') as HTMLSelectElement).options].map((o) => o.textContent);
    const thisQuarter = Math.floor(new Date().getMonth() / 3) + 1;
    expect(quarters()).toHaveLength(thisQuarter);
    expect(screen.getByLabelText('季度')).toHaveValue(String(thisQuarter));
    // Last year had all four; coming back to this year, a later quarter falls back to this one.
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear - 1));
    expect(quarters()).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    await user.selectOptions(screen.getByLabelText('季度'), '第四季度');
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear));
    expect(screen.getByLabelText('季度')).toHaveValue(String(thisQuarter));
    expect(screen.getByLabelText('年度')).toHaveValue(String(thisYear));
  });

  it('keeps the chosen report, its period and its preview when the tab is left and opened again', async () => {
    mock((cmd) => (cmd === 'report_table' ? duesTable : undefined));
    const user = userEvent.setup();
    const first = render(Catalog);
    await user.click(await screen.findByTestId('catalog-item-chart_dues'));
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear - 1));
    await user.click(screen.getByTestId('catalog-preview'));
    await screen.findByTestId('catalog-preview-sheet');
    first.unmount();

    render(Catalog);
    expect(await screen.findByTestId('catalog-preview-sheet')).toHaveTextContent(duesTable.title);
    expect(screen.getByTestId('catalog-item-chart_dues')).toHaveAttribute('aria-current', 'true');
    expect(screen.getByLabelText('年度')).toHaveValue(String(thisYear - 1));
    // Still tied to its period.
    await user.selectOptions(screen.getByLabelText('年度'), String(thisYear));
    expect(screen.queryByTestId('catalog-preview-sheet')).toBeNull();
  });

  it('shows the core\u2019s message beside the buttons when a table cannot be made', async () => {
    mock((cmd) => {
      if (cmd === 'report_table') throw { code: 'NOT_FOUND', message: `${thisYear}年度民主评议尚未开启，请先到“民主评议”开启本年度评议` };
    });
    const user = userEvent.setup();
    render(Catalog);
    await user.click(await screen.findByTestId('catalog-item-appraisal_result'));
    await user.click(screen.getByTestId('catalog-preview'));
    expect(await screen.findByRole('alert')).toHaveTextContent('民主评议尚未开启');
    expect(screen.queryByTestId('catalog-preview-sheet')).toBeNull();
    // 打印 goes through the same table and says the same, instead of opening an empty print view.
    await user.click(screen.getByTestId('catalog-item-roster'));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByTestId('catalog-item-appraisal_result'));
    await user.click(screen.getByTestId('catalog-print'));
    expect(await screen.findByRole('alert')).toHaveTextContent('民主评议尚未开启');
    expect(app.printView).toBeNull();
  });

  it('saves Excel and PDF for the chosen period and says where; 打印 opens the print preview', async () => {
    const calls = mock((cmd) => {
      if (cmd === 'report_save_xlsx') return '/home/user/文档/党费月度收缴.xlsx';
      if (cmd === 'report_table') return duesTable;
      if (cmd === 'pdf_save') return '/home/user/文档/党费月度收缴.pdf';
    });
    const user = userEvent.setup();
    render(Catalog);
    await user.click(await screen.findByTestId('catalog-item-chart_dues'));
    await user.click(screen.getByTestId('catalog-excel'));
    expect(await screen.findByText(/已保存到 \/home\/user\/文档\/党费月度收缴\.xlsx/)).toBeInTheDocument();
    expect(calls.find(([c]) => c === 'report_save_xlsx')![1]).toEqual({ key: 'chart_dues', period: { ...none, year: thisYear } });

    await user.click(screen.getByTestId('catalog-pdf'));
    expect(await screen.findByText(/已保存到 .*党费月度收缴\.pdf/)).toBeInTheDocument();
    expect(calls.find(([c]) => c === 'pdf_save')![1].request.table).toEqual(duesTable);

    await user.click(screen.getByTestId('catalog-print'));
    await vi.waitFor(() => expect(app.printView?.table).toEqual(duesTable));
  });

  it('says so when the list cannot be loaded', async () => {
    mockIPC((cmd) => {
      if (cmd === 'report_catalog') throw { code: 'DB', message: '数据文件无法读取，请检查后重试' };
    });
    render(Catalog);
    expect(await screen.findByRole('alert')).toHaveTextContent('数据文件无法读取');
  });
});
