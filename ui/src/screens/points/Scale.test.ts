// A 党委 or county file: thousands of members. The points screens draw only the rows in view and pick members by search.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Ledger from './Ledger.svelte';
import MonthTableView from './MonthTable.svelte';
import Alerts from './Alerts.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

// Enough that drawing every row is visibly wrong, few enough that the old screens still render in jsdom.
const N = 3_000;
const name = (i: number) => (i === 7 ? '王芳' : i === 9 ? '王芳芳' : `党员${i}`);
const member = (id: number) => ({
  id, name: name(id), sex: '1', birth_date: null, age: 50, id_number: null, phone: null, branch_id: 1, group_id: 1, category: 'full',
  status: 'normal', education: null, join_date: null, identity_class: null, position_nature: null, mgmt_type: null,
  age_band: null, education_band: null, party_post: null, missing: [], flagged: false,
});
const rule = { id: 5, name: '志愿服务', category: 'bonus', points: 1, unit: 'hour', monthly_cap: 10, meeting_kinds: [], attendance: null, active: true };
const many = <T,>(f: (i: number) => T) => Array.from({ length: N }, (_, i) => f(i + 1));

describe('a long list (a 党委 or county file)', () => {
  beforeEach(loadApp);

  it('积分录入 draws a few checkboxes, finds by name and 全选 ticks exactly the found members', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_rules') return [rule];
      if (cmd === 'member_list') return { rows: many(member), total: N, ref_date: '' };
      if (cmd === 'points_entries') return [];
      if (cmd === 'points_add') return (sent = args.input), { entries: [], capped: [] };
    });
    const user = userEvent.setup();
    render(Ledger, { onchanged: () => {} });
    expect(await screen.findByText(`全选列出的 ${N} 人`)).toBeInTheDocument();
    const picks = screen.getByRole('group', { name: '选择党员' });
    // The old picker drew one checkbox per member.
    expect(within(picks).getAllByRole('checkbox').length).toBeLessThan(100);
    await user.type(screen.getByLabelText('查找'), '王芳');
    expect(await screen.findByText('全选列出的 2 人')).toBeInTheDocument();
    expect(within(picks).getAllByRole('checkbox')).toHaveLength(2);
    await user.click(within(picks).getByRole('checkbox', { name: /王芳芳/ }));
    expect(screen.getByTestId('picked-count')).toHaveTextContent('1');
    await user.click(screen.getByText('全选列出的 2 人'));
    expect(screen.getByTestId('picked-count')).toHaveTextContent('2');
    await user.clear(screen.getByLabelText('查找'));
    // The ticks stay when the search changes; the list shows everyone again.
    expect(await screen.findByText(`全选列出的 ${N} 人`)).toBeInTheDocument();
    expect(screen.getByTestId('picked-count')).toHaveTextContent('2');
    await user.selectOptions(screen.getByLabelText(/积分规则/), '5');
    await user.click(screen.getByRole('button', { name: '保存（2 人）' }));
    await screen.findByRole('button', { name: '保存（0 人）' });
    expect(sent.member_ids).toEqual([9, 7]);
  });

  it('积分记录 of a month with a batch for everyone draws only the rows in view, each still voidable', async () => {
    const entry = (id: number) => ({
      id, member_id: id, member_name: name(id), date: '2026-11-05', rule_id: 5, rule_name: '志愿服务', category: 'bonus', quantity: 1, requested: 1,
      points: 1, note: null, meeting_id: null, entered_by: '张建国', created_at: '', voided: false, void_reason: null, voided_by: null,
    });
    mockIPC((cmd) => {
      if (cmd === 'points_rules') return [rule];
      if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '' };
      if (cmd === 'points_entries') return many(entry);
    });
    const user = userEvent.setup();
    render(Ledger, { onchanged: () => {} });
    const table = await screen.findByRole('table', { name: '积分记录' });
    await within(table).findByTestId('entry-1');
    expect(within(table).getAllByRole('row').length).toBeLessThan(100);
    await user.click(within(screen.getByTestId('entry-1')).getByRole('button', { name: '作废' }));
    expect(screen.getByText(/作废 党员1 2026-11-05 的“志愿服务”/)).toBeInTheDocument();
  });

  it('月度积分表 draws only the rows in view and opens a member from a row', async () => {
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_table')
        return {
          month: args.request.month, title: '', base: 60, ranked: N, columns: [{ key: 'base', label: '基础' }],
          rows: many((i) => ({ member_id: i, name: name(i), group_id: 1, group_name: '第一党小组', probationary: false, cells: [5], month_total: 5, year_total: 65, rank: 1, tier: '合格' })),
        };
      if (cmd === 'points_member_history') return { year: 2026, base: 60, months: [], entries: [] };
    });
    const user = userEvent.setup();
    render(MonthTableView, { version: 0 });
    const table = await screen.findByRole('table', { name: /积分表/ });
    expect(table).toHaveAttribute('aria-rowcount', String(N + 1));
    expect(within(table).getAllByRole('row').length).toBeLessThan(100);
    expect(screen.getByTestId('pt-year-1')).toHaveTextContent('65');
    await user.click(within(screen.getByTestId('pt-row-7')).getByText('王芳'));
    expect(await screen.findByTestId('points-pane')).toHaveTextContent('王芳 2026年积分');
  });

  it('约谈提醒 draws only the rows in view and says how many', async () => {
    mockIPC((cmd) => {
      if (cmd === 'points_alerts')
        return many((i) => ({ member_id: i, name: name(i), group_name: '第一党小组', kind: 'below', reason: '连续三个月低于合格线', scores: [['2026-10', 50]], talk: null }));
    });
    render(Alerts);
    const table = await screen.findByRole('table', { name: '约谈提醒' });
    expect(screen.getByTestId('alert-count')).toHaveTextContent(`共 ${N} 人`);
    expect(within(table).getAllByRole('row').length).toBeLessThan(100);
    expect(within(screen.getByTestId('alert-1')).getByRole('button', { name: '登记约谈' })).toBeInTheDocument();
  });
});
