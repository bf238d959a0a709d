import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Ledger from './Ledger.svelte';
import MonthTableView from './MonthTable.svelte';
import Alerts from './Alerts.svelte';
import RuleForm from './RuleForm.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const member = (id: number, name: string) => ({
  id, name, sex: '1', birth_date: null, age: 50, id_number: null, phone: null, branch_id: 1, group_id: 1, category: 'full',
  status: 'normal', education: null, join_date: null, identity_class: null, position_nature: null, mgmt_type: null,
  age_band: null, education_band: null, party_post: null, missing: [], flagged: false,
});
const rule = { id: 5, name: '志愿服务', category: 'bonus', points: 1, unit: 'hour', monthly_cap: 10, meeting_kinds: [], attendance: null, active: true };

describe('Ledger', () => {
  beforeEach(loadApp);

  it('records one rule for the ticked members in one call and shows what the cap cut', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_rules') return [rule];
      if (cmd === 'member_list') return { rows: [member(1, '张三'), member(2, '李四'), member(3, '王伟')], total: 3, ref_date: '' };
      if (cmd === 'points_entries') return [];
      if (cmd === 'points_add') {
        sent = args.input;
        return {
          summary: '已为 3 人记分：志愿服务 共 7 分（2 人 3 分，1 人 1 分）',
          entries: args.input.member_ids.map((id: number) => ({ id, member_id: id, member_name: '', date: args.input.date, rule_id: 5, rule_name: '志愿服务', category: 'bonus', quantity: 3, requested: 3, points: id === 2 ? 1 : 3, note: args.input.note, meeting_id: null, entered_by: '', created_at: '', voided: false, void_reason: null, voided_by: null })),
          capped: ['李四：志愿服务本月已达上限，本次记 1 分（应得 3 分）'],
        };
      }
    });
    const onchanged = vi.fn();
    const user = userEvent.setup();
    render(Ledger, { onchanged });
    await screen.findByRole('option', { name: /志愿服务/ });
    await user.selectOptions(screen.getByLabelText(/积分规则/), '5');
    expect(screen.getByLabelText(/时长（小时）/)).toBeInTheDocument();
    const qty = screen.getByLabelText(/时长/);
    await user.clear(qty);
    await user.type(qty, '3');
    await user.type(screen.getByLabelText(/事由/), '村道清扫');
    await user.click(await screen.findByText('全选列出的 3 人'));
    expect(screen.getByTestId('picked-count')).toHaveTextContent('3');
    await user.click(screen.getByRole('button', { name: '保存（3 人）' }));
    // The summary states what was recorded, so it agrees with the cap line (1 分 for 李四, not the 3 requested).
    expect(await screen.findByTestId('add-result')).toHaveTextContent('已为 3 人记分：志愿服务 共 7 分（2 人 3 分，1 人 1 分）');
    expect(screen.getByText(/本月已达上限/)).toBeInTheDocument();
    expect(sent).toMatchObject({ member_ids: [1, 2, 3], rule_id: 5, quantity: 3, note: '村道清扫' });
    expect(onchanged).toHaveBeenCalled();
  });

  it('shows the core’s Chinese errors beside the fields', async () => {
    mockIPC((cmd) => {
      if (cmd === 'points_rules') return [rule];
      if (cmd === 'member_list') return { rows: [member(1, '张三')], total: 1, ref_date: '' };
      if (cmd === 'points_entries') return [];
      if (cmd === 'points_add')
        throw { code: 'REQUIRED', message: '', fields: [{ field: 'note', code: 'REQUIRED', message: '奖励加分请注明事由，例如“11月5日参加村道清扫志愿服务”' }, { field: 'member_ids', code: 'REQUIRED', message: '请至少选择一名党员' }] };
    });
    const user = userEvent.setup();
    render(Ledger, { onchanged: () => {} });
    await screen.findByRole('option', { name: /志愿服务/ });
    await user.selectOptions(screen.getByLabelText(/积分规则/), '5');
    await user.click(screen.getByRole('button', { name: /保存/ }));
    expect(await screen.findByText(/奖励加分请注明事由/)).toBeInTheDocument();
    expect(screen.getByText('请至少选择一名党员')).toBeInTheDocument();
  });
});

describe('MonthTable', () => {
  beforeEach(loadApp);

  it('shows scores, shared ranks and tiers, and saves the month through the Rust dialog', async () => {
    const calls: any[] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'points_table')
        return {
          month: args.request.month, title: '', base: 100, ranked: 3,
          columns: [{ key: 'base', label: '基础项' }, { key: 'bonus', label: '奖励' }, { key: 'deduction', label: '扣减' }],
          rows: [
            { member_id: 1, name: '张三', group_id: 1, group_name: '第一党小组', probationary: false, cells: [4, 3, 0], month_total: 7, year_total: 107, rank: 1, tier: '优秀' },
            { member_id: 2, name: '李四', group_id: 1, group_name: '第一党小组', probationary: false, cells: [4, 3, 0], month_total: 7, year_total: 107, rank: 1, tier: '优秀' },
            { member_id: 3, name: '王伟', group_id: 1, group_name: '第一党小组', probationary: true, cells: [0, 0, -45.5], month_total: -45.5, year_total: 54.5, rank: 3, tier: '待提升' },
          ],
        };
      if (cmd === 'points_export') return '/tmp/积分表.xlsx';
    });
    const user = userEvent.setup();
    render(MonthTableView, { version: 0 });
    expect(await screen.findByTestId('pt-rank-2')).toHaveTextContent('1');
    expect(screen.getByTestId('pt-rank-3')).toHaveTextContent('3');
    expect(screen.getByTestId('pt-year-3')).toHaveTextContent('54.5');
    expect(within(screen.getByTestId('pt-row-3')).getByText('待提升')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '导出本月 Excel' }));
    expect(await screen.findByText('已保存到 /tmp/积分表.xlsx')).toBeInTheDocument();
    expect(calls.find((c) => c[0] === 'points_export')[1]).toMatchObject({ month: calls[0][1].request.month, year: null });
  });
});

describe('Alerts and rules', () => {
  beforeEach(loadApp);

  it('records a talk and the alert shows it', async () => {
    let talked: any = null;
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_alerts')
        return [{ member_id: 3, name: '王伟', group_name: '第一党小组', kind: 'bottom', reason: '连续三个月积分排名末位', scores: [['2026-08', 98], ['2026-09', 96], ['2026-10', 94]], talk: talked }];
      if (cmd === 'points_talk') {
        talked = { id: 1, ...args.input };
        return talked;
      }
    });
    const user = userEvent.setup();
    render(Alerts);
    expect(await screen.findByText('8月 98，9月 96，10月 94')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '登记约谈' }));
    expect(screen.getByLabelText(/约谈人/)).toHaveValue(''); // suggested, not pre-filled (typing appended to it)
    await user.type(screen.getByLabelText(/约谈人/), '张建国');
    await user.type(screen.getByLabelText('约谈情况'), '谈心谈话');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已约谈')).toBeInTheDocument();
    expect(talked).toMatchObject({ member_id: 3, talked_by: '张建国', note: '谈心谈话' });
  });

  it('a rule linked to meetings must say which attendance counts', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_rule_create') {
        sent = args.input;
        throw { code: 'REQUIRED', message: '', fields: [{ field: 'attendance', code: 'REQUIRED', message: '关联了会议类型，请选择按哪种出席情况计分：出席、请假或缺席' }] };
      }
    });
    const user = userEvent.setup();
    render(RuleForm, { onsaved: () => {}, oncancel: () => {} });
    await user.type(screen.getByLabelText(/规则名称/), '党课出席');
    await user.click(screen.getByLabelText('党课'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/请选择按哪种出席情况计分/)).toBeInTheDocument();
    expect(sent.meeting_kinds).toEqual(['lecture']);
    expect(app.org?.name).toBe('东风村党支部');
  });

  it('a 每月上限 that is not a number is said under the field, never sent as no cap', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
    });
    const user = userEvent.setup();
    render(RuleForm, { onsaved: () => {}, oncancel: () => {} });
    await user.type(screen.getByLabelText(/规则名称/), '清扫村道');
    await user.type(screen.getByLabelText(/每月上限/), 'abc');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('每月上限“abc”不是数字，请填例如 10；不设上限请留空')).toBeInTheDocument();
    expect(calls).not.toContain('points_rule_create');
  });
});
