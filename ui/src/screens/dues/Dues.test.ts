import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Collect from './Collect.svelte';
import StandardForm from './StandardForm.svelte';
import Arrears from './Arrears.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const row = (member_id: number, name: string, state: string, extra: Record<string, unknown> = {}) => ({
  member_id, name, group_name: '第一党小组', category_name: '正式党员', kind_name: '在职', cadence: '按月', owed: '15.00', owed_fen: 1500,
  state, state_name: { paid: '已交', unpaid: '未交', no_standard: '未核定' }[state] ?? state, paid: state === 'paid' ? '15.00' : '0.00',
  paid_fen: state === 'paid' ? 1500 : 0, paid_on: state === 'paid' ? '2026-11-05' : null, proxy: null, paid_through: null, unpaid_count: 0, run: 0, ...extra,
});
const sheet = (rows: unknown[]) => ({ month: '2026-12', rows, due_count: 3, paid_count: 1, owed_total: '45.00', paid_total: '15.00', no_standard: 1 });

describe('Collect', () => {
  beforeEach(loadApp);

  it('ticks every unpaid member and records them in one call, with the C10 warnings shown', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'dues_sheet') return sheet([row(1, '张三', 'unpaid'), row(2, '王芳', 'unpaid'), row(3, '王芳', 'paid'), row(4, '李新', 'no_standard', { owed: null, owed_fen: 0 })]);
      if (cmd === 'dues_pay') {
        sent = args.input;
        return { summary: '已登记 2 人 2 笔党费，共 30.00 元', members: 2, rows: 2, total: '30.00', total_fen: 3000, warnings: ['补交超过 6 个月：张三（2026-04）'], batch: 1 };
      }
    });
    const user = userEvent.setup();
    render(Collect, { onstandards: () => {} });
    await screen.findByText(/应交 3 人，已交 1 人/);
    expect(screen.getByTestId('dues-summary')).toHaveTextContent('应交 45.00 元');
    expect(screen.getByTestId('no-standard-note')).toHaveTextContent('1 名党员还没有核定');
    // Only unpaid rows can be ticked: the paid 王芳 and 李新 without a standard have no box.
    expect(screen.queryByTestId('pick-3')).toBeNull();
    expect(screen.queryByTestId('pick-4')).toBeNull();
    await user.click(screen.getByRole('button', { name: '勾选全部未交（2）' }));
    await user.type(screen.getByLabelText(/代交人/), '张三之子');
    await user.click(screen.getByTestId('pay-submit'));
    expect(await screen.findByTestId('pay-result')).toHaveTextContent('已登记 2 人 2 笔党费，共 30.00 元');
    expect(screen.getByText(/补交超过 6 个月/)).toBeInTheDocument();
    expect(sent).toMatchObject({ member_ids: [1, 2], months: [expect.stringMatching(/^\d{4}-\d{2}$/)], count: null, method: 'cash', proxy: '张三之子' });
  });

  it('lists every member the core refused, and says nothing was recorded', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dues_sheet') return sheet([row(1, '张三', 'unpaid'), row(2, '王芳', 'unpaid')]);
      if (cmd === 'dues_pay') {
        throw { code: 'CANNOT_PAY', message: 'x', fields: [
          { field: 'months', code: 'CANNOT_PAY', message: '张三从 2026-03 起交纳党费，2026-01 不用交' },
          { field: 'months', code: 'CANNOT_PAY', message: '王芳2026-01 的党费已于 2026-01-05 登记交纳；如果登记错了，请先在交纳记录里冲正' },
        ] };
      }
    });
    const user = userEvent.setup();
    render(Collect, { onstandards: () => {} });
    await user.click(await screen.findByTestId('pick-1'));
    await user.click(screen.getByTestId('pick-2'));
    await user.click(screen.getByTestId('pay-submit'));
    const box = await screen.findByTestId('pay-problems');
    expect(box).toHaveTextContent('没有登记');
    expect(box).toHaveTextContent('张三从 2026-03 起交纳党费');
    expect(box).toHaveTextContent('王芳2026-01 的党费已于 2026-01-05 登记交纳');
  });
});

describe('Collect filters', () => {
  beforeEach(loadApp);

  it('tells two members of the same name apart and narrows the list to the unpaid', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dues_sheet') return sheet([row(1, '王芳', 'unpaid', { hint: '1980年生' }), row(2, '王芳', 'paid', { hint: '1992年生' }), row(3, '张三', 'unpaid')]);
    });
    const user = userEvent.setup();
    render(Collect, { onstandards: () => {} });
    expect(await screen.findByText('（1980年生）')).toBeInTheDocument();
    expect(screen.getByText('（1992年生）')).toBeInTheDocument();
    await user.click(screen.getByLabelText(/只看未交/));
    expect(screen.queryByText('（1992年生）')).toBeNull();
    await user.type(screen.getByLabelText('查找'), '张');
    expect(screen.queryByText('（1980年生）')).toBeNull();
    expect(screen.getByTestId('pick-3')).toBeInTheDocument();
  });
});

describe('StandardForm', () => {
  beforeEach(loadApp);

  it('refuses an empty form with the kind to choose', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dues_standard_set') throw { code: 'BAD_KIND', message: 'x', fields: [{ field: 'kind', code: 'BAD_KIND', message: '请选择缴费类别（在职、年薪制、个体经营、离退休、农民、学生、下岗失业、抚恤救济、低保）' }] };
    });
    const user = userEvent.setup();
    render(StandardForm, { memberId: 7, name: '王芳', hint: '1980年生', current: null, onclose: () => {}, onsaved: () => {} });
    expect(screen.getByRole('dialog', { name: /王芳（1980年生）/ })).toBeInTheDocument();
    await user.click(screen.getByTestId('standard-save'));
    expect(await screen.findByText(/请选择缴费类别/)).toBeInTheDocument();
  });

  it('asks for three incomes for 个体经营 and shows the core’s error under the field', async () => {
    let sent: any;
    let calls = 0;
    mockIPC((cmd, args: any) => {
      if (cmd === 'dues_standard_set') {
        sent = args.input;
        calls++;
        if (calls === 1) throw { code: 'BAD_AMOUNT', message: 'x', fields: [{ field: 'base', code: 'BAD_AMOUNT', message: '月工资收入（交纳基数）“3000.001”不是正确的金额，请填写元，最多两位小数，例如 3000.01' }] };
        return { id: 1, member_id: 7, from_month: '2026-12', kind: 'self_employed', kind_name: '个体经营', base: '9000.00', base_source: '上季度月均纯收入', incomes: args.input.incomes, rate: '1.5%', amount: '135.00', amount_fen: 13500, rule_set: 'dues-2008', quarterly: false, decided_on: '2026-12-04', note: null, entered_by: '书记' };
      }
    });
    let saved: any = null;
    const user = userEvent.setup();
    render(StandardForm, { memberId: 7, name: '王芳', current: null, onclose: () => {}, onsaved: (s: any) => (saved = s) });
    await user.selectOptions(screen.getByLabelText(/缴费类别/), 'employed');
    await user.type(screen.getByLabelText(/每月工资收入/), '3000.001');
    await user.click(screen.getByTestId('standard-save'));
    expect(await screen.findByText(/不是正确的金额/)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/缴费类别/), 'self_employed');
    for (const [i, v] of ['9000', '12000', '6000'].entries()) await user.type(screen.getByLabelText(`上季度第 ${i + 1} 个月纯收入（元）`, { exact: false }), v);
    await user.click(screen.getByTestId('standard-save'));
    await screen.findByTestId('standard-form');
    expect(sent).toMatchObject({ member_id: 7, kind: 'self_employed', incomes: ['9000', '12000', '6000'], base: null });
    expect(saved?.amount).toBe('135.00');
  });
});

describe('Arrears', () => {
  beforeEach(loadApp);

  it('shows the 自行脱党 warning and records how it was handled', async () => {
    let sent: any;
    let handled = false;
    mockIPC((cmd, args: any) => {
      if (cmd === 'dues_arrears') {
        return {
          as_of: '2026-12-04', limit: 6, open_alerts: handled ? 0 : 1,
          rows: [{ member_id: 9, name: '王五', group_name: '', paid_through: '2026-03', unpaid: ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'], owed: '120.00', run: 8, run_from: '2026-04', alert: true,
            handled: handled ? { id: 1, member_id: 9, run_from: '2026-04', date: '2026-12-04', action: 'talk', action_name: '已谈话', note: sent?.note ?? '', handled_by: '书记' } : null }],
        };
      }
      if (cmd === 'dues_handle') {
        sent = args.input;
        handled = true;
        return { id: 1, member_id: 9, run_from: '2026-04', date: '2026-12-04', action: 'talk', action_name: '已谈话', note: args.input.note, handled_by: '书记' };
      }
    });
    const user = userEvent.setup();
    render(Arrears);
    expect(await screen.findByText('按自行脱党处理提醒')).toBeInTheDocument();
    expect(screen.getByTestId('arrears-9')).toHaveTextContent('王五2026-038 个月');
    await user.click(screen.getByRole('button', { name: '登记处理' }));
    await user.type(screen.getByLabelText(/情况说明/), '外出务工，答应春节前补交');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已谈话')).toBeInTheDocument();
    expect(sent).toMatchObject({ member_id: 9, run_from: '2026-04', action: 'talk', note: '外出务工，答应春节前补交' });
  });
});
