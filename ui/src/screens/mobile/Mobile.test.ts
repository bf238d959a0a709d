import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Mobile from './Mobile.svelte';
import CardForm from './CardForm.svelte';
import TransferOutForm from './TransferOutForm.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const KEYS: [string, string][] = [['flow', '流向清'], ['contact', '联系方式清'], ['housing', '居住条件清'], ['thinking', '思想状况清'], ['employment', '就业状况清'], ['family', '家庭情况清']];
const clear = (held: Record<string, string>, stale: Record<string, string> = {}) =>
  KEYS.map(([key, name]) => ({ key, name, confirmed: held[key] ?? stale[key] ?? null, holds: key in held }));

const card = (id: number, member_id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, member_id, name, phone: '13800000000', away_since: '2026-03-01', months_away: 9, mobile: true, classified: true,
  reason: '外出务工', destination: '江苏省苏州市', workplace: '某电子厂', host_org: '某工业园区党委', host_contact: '李书记 0512-1234567',
  permit_no: 'L001', permit_issued: '2026-04-01', permit_checked: null, dues_way: 'home', dues_way_name: '回乡交纳', keeper_id: 9, keeper_name: '张建国',
  clear: clear(Object.fromEntries(KEYS.map(([k]) => [k, '2026-10-01']))), all_clear: true, returned_on: null, note: null, last_contact: '2026-11-02',
  contact_due: false, reported_this_year: true, branch_activities: 2, host_activities: 3, lost_contact: false, alerts: [], contacts: [], ...extra,
});
const board = (cards: unknown[], returned: unknown[] = []) => ({ cadence_months: 6, cards, returned });

const transfer = (id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, member_id: id + 10, name, direction: 'out', letter_no: `2026-00${id}`, date: '2026-09-01', from_org: '东风村党支部', to_org: '城关镇某社区党委',
  dues_paid_through: '2026-08', valid_days: 30, valid_until: '2026-09-30', arrived_on: null, receipt_on: null, receipt_due: '2026-10-30', overdue: false,
  state: 'awaiting', state_name: '待回执', reason: null, note: null, cancel_reason: null, ...extra,
});

const lost = (member_id: number, name: string, proposal: string | null, extra: Record<string, unknown> = {}) => ({
  member_id, name, status: 'normal', last_contact: '2025-12-01', months: 12, reason: '1', reason_name: '外出务工经商', suspended_on: null,
  searches: [{ id: 1, member_id, name, kind: 'search', date: '2026-06-01', way: '电话', by_whom: '张建国', content: '空号', follow_up: null, reported: false, host_activity: 0, found: false }],
  proposal, advice: proposal === 'suspend' ? '失联 6 个月以上且多方查找无果，应停止其党籍' : '失联满 6 个月（2026-06-01）且查找无果的，应停止党籍', ...extra,
});

describe('流动党员', () => {
  beforeEach(() => {
    loadApp();
    app.printView = null;
  });

  it('shows each card’s alerts and the state of its 六个清, and the card beside the table', async () => {
    const stale = card(2, 12, '王强', {
      all_clear: false,
      clear: clear({ flow: '2026-10-01', contact: '2026-10-01', housing: '2026-10-01', thinking: '2026-10-01' }, { employment: '2025-01-05' }),
      contact_due: true,
      reported_this_year: false,
      last_contact: '2026-01-10',
      alerts: ['已超过 6 个月没有联系', '2026 年还没有向支部汇报', '待核实：就业状况清、家庭情况清'],
      contacts: [
        { id: 5, member_id: 12, name: '王强', kind: 'contact', date: '2026-01-10', way: '电话', by_whom: '张建国', content: '在厂里上班', follow_up: null, reported: false, host_activity: 0, found: false },
        { id: 7, member_id: 12, name: '王强', kind: 'search', date: '2026-03-02', way: '走访', by_whom: '李四', content: '家人说在苏州', follow_up: null, reported: false, host_activity: 0, found: false },
      ],
    });
    mockIPC((cmd) => {
      if (cmd === 'mobile_board') return board([card(1, 11, '李娜'), stale]);
    });
    const user = userEvent.setup();
    render(Mobile);
    const ok = await screen.findByTestId('mobile-card-11');
    expect(within(ok).getByTestId('clear-cell')).toHaveTextContent('已核实');
    expect(within(ok).getByTestId('alerts-cell')).toHaveTextContent('正常');
    const row = screen.getByTestId('mobile-card-12');
    expect(within(row).getByTestId('clear-cell')).toHaveTextContent('待核实');
    expect(within(row).getByTestId('clear-cell')).toHaveTextContent('就业状况、家庭情况');
    expect(within(row).getByTestId('clear-cell')).not.toHaveTextContent('流向');
    expect(within(row).getByTestId('alerts-cell')).toHaveTextContent('超期未联系');
    expect(within(row).getByTestId('alerts-cell')).toHaveTextContent('已超过 6 个月没有联系；2026 年还没有向支部汇报');

    await user.click(row);
    const pane = screen.getByTestId('mobile-pane');
    expect(within(pane).getByTestId('clear-flow')).toHaveTextContent('2026-10-01有效');
    expect(within(pane).getByTestId('clear-employment')).toHaveTextContent('2025-01-05已过期');
    expect(within(pane).getByTestId('clear-family')).toHaveTextContent('未核实');
    expect(within(pane).getByTestId('pane-activities')).toHaveTextContent('本支部 2 次 / 流入地 3 次');
    expect(within(pane).getByTestId('pane-reported')).toHaveTextContent('本年未汇报');
    // Newest first, and a search is labelled as one.
    const entries = within(within(pane).getByTestId('card-contacts')).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent('2026-03-02');
    expect(entries[0]).toHaveTextContent('查找');
    expect(entries[1]).toHaveTextContent('2026-01-10');
    expect(entries[1]).not.toHaveTextContent('查找');
  });

  it('says what to do when there is no card yet', async () => {
    mockIPC((cmd) => (cmd === 'mobile_board' ? board([]) : undefined));
    render(Mobile);
    expect(await screen.findByTestId('mobile-empty')).toHaveTextContent('点“新建流动党员档案”');
  });

  it('puts the core’s refusal under the field it names and keeps what was typed', async () => {
    let calls = 0;
    mockIPC((cmd) => {
      if (cmd === 'mobile_card_save') {
        calls++;
        throw { code: 'INVALID', message: 'x', fields: [
          { field: 'away_since', code: 'REQUIRED', message: '请填写外出日期' },
          { field: 'clear.flow', code: 'BAD_DATE', message: '流向清的核实日期不能晚于今天' },
        ] };
      }
    });
    const user = userEvent.setup();
    render(CardForm, { card: null, onclose: vi.fn(), onsaved: vi.fn() });
    await user.type(screen.getByLabelText('流入地党组织'), '某工业园区党委');
    await user.click(screen.getByTestId('card-save'));
    const away = await screen.findByText('请填写外出日期');
    expect(away.closest('.field')).toContainElement(screen.getByLabelText(/^外出日期/));
    expect(screen.getByText('流向清的核实日期不能晚于今天').closest('.field')).toContainElement(screen.getByLabelText('流向清'));
    expect(screen.getByLabelText('流入地党组织')).toHaveValue('某工业园区党委');
    expect(calls).toBe(1);
  });

  it('sends only the 清 that were filled, and says when the member became 流动', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') return { rows: [{ id: 11, name: '李娜', group_id: 1, birth_date: '1990-01-01' }], total: 1, ref_date: '' };
      if (cmd === 'mobile_board') return board([card(1, 11, '李娜')]);
      if (cmd === 'mobile_card_save') return (sent = args.input), card(1, 11, '李娜');
    });
    const user = userEvent.setup();
    render(Mobile);
    await user.click(await screen.findByRole('button', { name: '新建流动党员档案' }));
    await user.type(screen.getByRole('combobox', { name: /党员/ }), '李娜');
    await user.click(await screen.findByRole('option', { name: /李娜/ }));
    await user.type(screen.getByLabelText(/^外出日期/), '2026-03-01');
    await user.type(screen.getByLabelText('联系方式清'), '2026-10-01');
    await user.selectOptions(screen.getByLabelText('党费交纳方式'), 'host');
    await user.click(screen.getByTestId('card-save'));
    expect(await screen.findByTestId('classified-notice')).toHaveTextContent('身份类别已设为“流动”');
    expect(sent).toMatchObject({ id: 0, member_id: 11, away_since: '2026-03-01', dues_way: 'host', clear: { contact: '2026-10-01' } });
    expect(Object.keys(sent.clear)).toEqual(['contact']);
  });

  it('records a contact with the way, the report and the 流入地 组织生活', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'mobile_board') return board([card(1, 11, '李娜')]);
      if (cmd === 'mobile_contact_add') return (sent = args.input), { id: 3, member_id: 11, name: '李娜', kind: 'contact', date: args.input.date, way: '微信', by_whom: null, content: 'x', follow_up: null, reported: true, host_activity: 2, found: false };
    });
    const user = userEvent.setup();
    render(Mobile);
    await user.click(await screen.findByTestId('mobile-card-11'));
    await user.click(screen.getByTestId('card-contact'));
    await user.selectOptions(screen.getByLabelText(/^联系方式/), '微信');
    await user.type(screen.getByLabelText(/^联系内容/), '了解工作情况');
    await user.click(screen.getByLabelText(/本人向支部汇报/));
    await user.clear(screen.getByLabelText(/参加流入地组织生活次数/));
    await user.type(screen.getByLabelText(/参加流入地组织生活次数/), '2');
    await user.click(screen.getByTestId('contact-save'));
    expect(await screen.findByTestId('mobile-done')).toHaveTextContent('与李娜的联系');
    expect(sent).toMatchObject({ member_id: 11, kind: 'contact', way: '微信', content: '了解工作情况', reported: true, host_activity: 2, found: false });
    expect(sent.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('组织关系转接', () => {
  beforeEach(() => {
    loadApp();
    app.printView = null;
  });

  it('shows 待回执 and 逾期 with the due date, and prints a letter', async () => {
    const printed: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'mobile_transfers') {
        return [
          transfer(1, '赵敏'),
          transfer(2, '钱进', { overdue: true, receipt_due: '2026-08-15', date: '2026-07-01' }),
          transfer(3, '孙丽', { state: 'done', state_name: '回执已收回', arrived_on: '2026-05-03', receipt_on: '2026-05-20' }),
          transfer(4, '周杰', { direction: 'in', from_org: '某县某镇党委', to_org: '东风村党支部', state: 'in', state_name: '已转入', receipt_due: null }),
        ];
      }
      if (cmd === 'mobile_print_table') {
        printed.push(args);
        return { title: '中国共产党党员组织关系介绍信', subtitle: [], columns: [], groups: [], total: 0, landscape: false, masked: false, notes: [] };
      }
    });
    const user = userEvent.setup();
    render(Mobile);
    await user.click(screen.getByRole('tab', { name: '组织关系转接' }));
    const waiting = await screen.findByTestId('transfer-1');
    expect(within(waiting).getByTestId('transfer-state-1')).toHaveTextContent('待回执');
    expect(within(waiting).getByTestId('transfer-state-1')).not.toHaveTextContent('逾期');
    const late = screen.getByTestId('transfer-2');
    expect(within(late).getByTestId('transfer-state-2')).toHaveTextContent('逾期');
    expect(within(late).getByTestId('transfer-state-2')).toHaveTextContent('2026-08-15');
    expect(within(late).getByText('逾期')).toHaveClass('badge', 'bad');
    // 登记回执 and 作废 only while the 回执 is awaited; a 转入 has no letter to print.
    expect(within(screen.getByTestId('transfer-3')).queryByRole('button', { name: '登记回执' })).toBeNull();
    expect(within(screen.getByTestId('transfer-3')).queryByRole('button', { name: '作废' })).toBeNull();
    expect(within(screen.getByTestId('transfer-4')).queryByRole('button', { name: '打印介绍信' })).toBeNull();
    expect(screen.getByTestId('transfer-summary')).toHaveTextContent('逾期 1 封');

    await user.click(within(waiting).getByRole('button', { name: '打印介绍信' }));
    await vi.waitFor(() => expect(app.printView?.table?.title).toBe('中国共产党党员组织关系介绍信'));
    expect(printed).toEqual([{ kind: 'letter', id: 1, year: null }]);
  });

  it('records the 回执, saying the member becomes 转出', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'mobile_transfers') return [transfer(1, '赵敏')];
      if (cmd === 'mobile_transfer_receipt') return (sent = args), transfer(1, '赵敏', { state: 'done', state_name: '回执已收回', arrived_on: args.arrivedOn, receipt_on: args.receiptOn });
    });
    const user = userEvent.setup();
    render(Mobile);
    await user.click(screen.getByRole('tab', { name: '组织关系转接' }));
    await user.click(await screen.findByTestId('receipt-1'));
    expect(screen.getByTestId('receipt-form')).toHaveTextContent('赵敏在党员名册中的党籍状态将改为“转出”');
    await user.type(screen.getByLabelText(/^报到日期/), '2026-09-10');
    await user.click(screen.getByTestId('receipt-save'));
    expect(await screen.findByTestId('transfer-done')).toHaveTextContent('已登记回执');
    expect(sent).toMatchObject({ id: 1, arrivedOn: '2026-09-10', receiptOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });

  it('offers 党费已交到 from the 党费 records and shows a refused 有效期 under its field', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') return { rows: [{ id: 11, name: '赵敏', group_id: 1, birth_date: null }], total: 1, ref_date: '' };
      if (cmd === 'dues_member') return { member_id: 11, name: '赵敏', year: 2026, paid_through: '2026-10' };
      if (cmd === 'mobile_transfer_out') {
        sent = args.input;
        throw { code: 'INVALID', message: 'x', fields: [{ field: 'valid_days', code: 'TOO_LONG', message: '有效期 120 天太长：介绍信有效期最长 3 个月' }] };
      }
    });
    const user = userEvent.setup();
    render(TransferOutForm, { onclose: vi.fn(), onsaved: vi.fn() });
    await user.type(screen.getByRole('combobox', { name: /党员/ }), '赵敏');
    await user.click(await screen.findByRole('option', { name: /赵敏/ }));
    await vi.waitFor(() => expect(screen.getByLabelText(/^党费已交到/)).toHaveValue('2026-10'));
    expect(screen.getByLabelText(/^有效期/)).toHaveValue('30');
    await user.type(screen.getByLabelText(/^转往的党组织/), '城关镇某社区党委');
    await user.clear(screen.getByLabelText(/^有效期/));
    await user.type(screen.getByLabelText(/^有效期/), '120');
    await user.click(screen.getByTestId('transfer-out-save'));
    const err = await screen.findByText(/有效期 120 天太长/);
    expect(err.closest('.field')).toContainElement(screen.getByLabelText(/^有效期/));
    expect(sent).toMatchObject({ member_id: 11, to_org: '城关镇某社区党委', dues_paid_through: '2026-10', valid_days: 120, letter_no: null });
  });

  it('offers to print the letter as soon as it is issued', async () => {
    const onsaved = vi.fn();
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') return { rows: [{ id: 11, name: '赵敏', group_id: 1, birth_date: null }], total: 1, ref_date: '' };
      if (cmd === 'dues_member') return { member_id: 11, name: '赵敏', year: 2026, paid_through: null };
      if (cmd === 'mobile_transfer_out') return transfer(7, '赵敏', { member_id: 11, to_org: args.input.to_org, dues_paid_through: args.input.dues_paid_through });
      if (cmd === 'mobile_print_table' && args.kind === 'letter' && args.id === 7) {
        return { title: '中国共产党党员组织关系介绍信', subtitle: ['第 2026-007 号'], columns: [], groups: [], total: 0, landscape: false, masked: false, notes: [] };
      }
    });
    const user = userEvent.setup();
    render(TransferOutForm, { onclose: vi.fn(), onsaved });
    await user.type(screen.getByRole('combobox', { name: /党员/ }), '赵敏');
    await user.click(await screen.findByRole('option', { name: /赵敏/ }));
    expect(await screen.findByText(/本年还没有交纳记录/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^转往的党组织/), '城关镇某社区党委');
    await user.type(screen.getByLabelText(/^党费已交到/), '2026-11');
    await user.click(screen.getByTestId('transfer-out-save'));
    expect(await screen.findByTestId('letter-issued')).toHaveTextContent('已开具介绍信第 2026-007 号');
    expect(onsaved).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: '打印介绍信' }));
    await vi.waitFor(() => expect(app.printView?.table?.subtitle).toEqual(['第 2026-007 号']));
  });
});

describe('失联党员', () => {
  beforeEach(loadApp);

  it('offers 停止党籍 only when the core proposes it, and asks once naming the member', async () => {
    let acted: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'mobile_lost') return [lost(21, '吴刚', 'suspend'), lost(22, '郑洁', null, { months: 4, last_contact: '2026-08-01' })];
      if (cmd === 'mobile_lost_act') return (acted = args), [lost(21, '吴刚', null, { status: 'suspended', suspended_on: args.date }), lost(22, '郑洁', null)];
    });
    const user = userEvent.setup();
    render(Mobile);
    await user.click(screen.getByRole('tab', { name: '失联党员' }));
    const due = await screen.findByTestId('lost-21');
    const early = screen.getByTestId('lost-22');
    expect(within(due).getByRole('button', { name: '停止党籍' })).toBeInTheDocument();
    expect(within(early).queryByRole('button', { name: '停止党籍' })).toBeNull();
    expect(within(early).queryByRole('button', { name: '除名' })).toBeNull();
    expect(early).toHaveTextContent('应停止党籍');

    await user.click(within(due).getByRole('button', { name: '停止党籍' }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('确认后停止吴刚的党籍');
    await user.click(within(dialog).getByRole('button', { name: '确认停止党籍' }));
    expect(await screen.findByTestId('lost-done')).toHaveTextContent('已停止吴刚的党籍');
    expect(acted).toMatchObject({ memberId: 21, date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(within(screen.getByTestId('lost-21')).getByText('停止党籍')).toHaveClass('badge');
    expect(within(screen.getByTestId('lost-21')).queryByRole('button', { name: '停止党籍' })).toBeNull();
  });

  it('says what to do when nobody is lost', async () => {
    mockIPC((cmd) => (cmd === 'mobile_lost' ? [] : undefined));
    const user = userEvent.setup();
    render(Mobile);
    await user.click(screen.getByRole('tab', { name: '失联党员' }));
    expect(await screen.findByTestId('lost-empty')).toHaveTextContent('点“登记失联”');
  });
});
