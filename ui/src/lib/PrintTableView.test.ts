import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PrintTableView from './PrintTableView.svelte';
import type { PrintTable } from './api/types';
import { today } from './format';

const col = (key: string, label: string, numeric = false) => ({ key, label, numeric, center: false, formula: null, money: false });

describe('PrintTableView', () => {
  it('keeps 单位 and a chart table’s 类别 on one line, and prints the date as 2026-12-04', () => {
    const table = {
      title: '汇总 表2', subtitle: [], total: 1, landscape: true, masked: false, notes: [], chart: null,
      columns: [col('unit', '单位'), col('label', '类别'), col('c0', '党员总数', true)],
      groups: [{ name: null, rows: [['东风村党支部', '青年（35岁及以下）', '30']] }],
    } as unknown as PrintTable;
    render(PrintTableView, { table, orgName: '城关镇' });
    const sheet = screen.getByTestId('print-sheet');
    expect(within(sheet).getByRole('columnheader', { name: '单位' })).toHaveClass('nowrap');
    expect(within(sheet).getByRole('cell', { name: '东风村党支部' })).toHaveClass('nowrap');
    expect(within(sheet).getByRole('cell', { name: '青年（35岁及以下）' })).toHaveClass('nowrap');
    expect(within(sheet).getByRole('cell', { name: '30' })).not.toHaveClass('nowrap');
    expect(today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(sheet).toHaveTextContent(`打印日期：${today()}`);
  });
});
