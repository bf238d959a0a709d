import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Care from './Care.svelte';
import Elders from './Elders.svelte';
import Hardships from './Hardships.svelte';
import Medals from './Medals.svelte';
import Visits from './Visits.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';
import { today } from '../../lib/format';

const thisYear = new Date().getFullYear();

const hardship = (id: number, member_id: number, name: string, extra: Record<string, unknown> = {}) => ({
  id, member_id, name, kind: '重病', recognized_on: '2025-03-01', keeper: '李红', measures: '每月上门看望一次', review_on: null,
  review_due: false, state: 'active', resolved_on: null, note: null, last_visit: null, ...extra,
});
const visit = (id: number, extra: Record<string, unknown> = {}) => ({
  id, member_id: 3, name: '王大爷', date: `${thisYear}-01-20`, occasion: '春节', visitors: '张建国', amount: '500.00', amount_fen: 50000,
  goods: '米一袋', fund_source: '党费', signed: true, note: null, ...extra,
});
const memberRow = (id: number, name: string) => ({
  id, name, sex: '1', birth_date: '1940-01-01', age: 86, id_number: null, phone: null, branch_id: 1, group_id: 1, category: 'full', status: 'normal',
  education: null, join_date: '1965-07-01', identity_class: null, position_nature: null, mgmt_type: null, age_band: 'senior', education_band: null,
  party_post: null, missing: [], flagged: false,
});
const settings = { old_age: 80, must_visit: ['生产生活困难', '生病', '家庭纠纷', '红白喜事'] };
const table = (title: string) => ({ title, subtitle: [], total: 0, columns: [], groups: [], landscape: true, masked: false, notes: [] });

describe('关爱帮扶', () => {
  beforeEach(() => {
    loadApp();
    app.printView = null;
  });

  it('lists 困难党员 with 待复核 once the review date has come, and 已解除 with its date', async () => {
    mockIPC((cmd) => {
      if (cmd === 'care_hardships') {
        return [
          hardship(1, 3, '王大爷', { review_on: '2026-01-01', review_due: true, last_visit: '2026-01-20' }),
          hardship(2, 4, '李奶奶', { kind: '低保/特困', review_on: '2099-01-01' }),
          hardship(3, 5, '赵叔', { state: 'resolved', resolved_on: '2026-05-01' }),
        ];
      }
    });
    render(Care);
    const due = await screen.findByTestId('hardship-1');
    expect(due).toHaveTextContent(/2026-01-01\s*待复核/);
    expect(due).toHaveTextContent('2026-01-20');
    expect(due).toHaveTextContent('帮扶中');
    expect(screen.getByTestId('hardship-2')).not.toHaveTextContent('待复核');
    expect(screen.getByTestId('hardship-3')).toHaveTextContent(/已解除\s*2026-05-01/);
    // A resolved record can be corrected, but not resolved again or visited from here.
    expect(within(screen.getByTestId('hardship-3')).queryByRole('button', { name: '解除' })).toBeNull();
    expect(screen.getByTestId('hardship-count')).toHaveTextContent('帮扶中 2 人，其中 1 人待复核');
  });

  it('解除 asks for the date and reason and sends them', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_hardships') return [hardship(1, 3, '王大爷', sent ? { state: 'resolved', resolved_on: sent.date } : {})];
      if (cmd === 'care_hardship_resolve') {
        if (!args.reason) throw { code: 'REQUIRED', message: 'x', fields: [{ field: 'reason', code: 'REQUIRED', message: '请填写解除原因' }] };
        sent = args;
        return hardship(1, 3, '王大爷', { state: 'resolved', resolved_on: args.date });
      }
    });
    const user = userEvent.setup();
    render(Hardships);
    await user.click(within(await screen.findByTestId('hardship-1')).getByRole('button', { name: '解除' }));
    await user.click(screen.getByRole('button', { name: '确认解除' }));
    const err = await screen.findByText('请填写解除原因');
    expect(err.closest('.field')).toHaveTextContent('解除原因');
    await user.type(screen.getByLabelText(/解除原因/), '病已痊愈');
    await user.click(screen.getByRole('button', { name: '确认解除' }));
    await vi.waitFor(() => expect(screen.getByTestId('hardship-1')).toHaveTextContent('已解除'));
    expect(sent).toEqual({ id: 1, date: today(), reason: '病已痊愈' });
  });

  it('a visit with money but no 资金来源 is refused under 资金来源 and keeps what was typed', async () => {
    const sent: any[] = [];
    let visits: unknown[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_visits') return visits;
      if (cmd === 'care_settings_get') return settings;
      if (cmd === 'member_list') return { rows: [memberRow(3, '王大爷')], total: 1, ref_date: '' };
      if (cmd === 'care_visit_add') {
        sent.push(args.input);
        if (!args.input.fund_source) {
          throw { code: 'REQUIRED', message: 'x', fields: [{ field: 'fund_source', code: 'REQUIRED', message: '发放慰问金请填写资金来源，例如“党费”“村集体”“上级下拨”' }] };
        }
        visits = [visit(9, { ...args.input, amount: '500.00', amount_fen: 50000, name: '王大爷' })];
        return visits[0];
      }
    });
    const user = userEvent.setup();
    render(Visits);
    expect(await screen.findByText(/还没有走访记录/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '登记走访' }));
    const dialog = screen.getByRole('dialog', { name: '登记走访' });
    await user.type(within(dialog).getByRole('combobox', { name: /走访对象/ }), '王');
    await user.click(await screen.findByRole('option', { name: /王大爷/ }));
    // The 四必访 items come from the branch's settings.
    await screen.findByRole('option', { name: '家庭纠纷' });
    await user.selectOptions(screen.getByLabelText(/^事由/), '春节');
    await user.type(screen.getByLabelText(/慰问金（元）/), '500');
    await user.click(screen.getByTestId('visit-save'));
    const err = await screen.findByText(/发放慰问金请填写资金来源/);
    expect(err.closest('.field')).toHaveTextContent('资金来源');
    expect(screen.getByLabelText(/慰问金（元）/)).toHaveValue('500');
    expect(screen.getByLabelText(/^事由/)).toHaveValue('春节');
    await user.type(screen.getByLabelText(/资金来源/), '党费');
    await user.click(screen.getByLabelText('已签收'));
    await user.click(screen.getByTestId('visit-save'));
    const row = await screen.findByTestId('visit-9');
    expect(row).toHaveTextContent('500.00');
    expect(row).toHaveTextContent('已签收');
    expect(screen.getByTestId('visit-total')).toHaveTextContent('慰问金合计 500.00 元');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ member_id: 3, date: today(), occasion: '春节', visitors: '张建国', amount: '500', fund_source: '党费', signed: true });
  });

  it('a 慰问金 far above the usual is asked about once, with 金额无误 under the field', async () => {
    const sent: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_visits') return [];
      if (cmd === 'care_settings_get') return settings;
      if (cmd === 'member_list') return { rows: [memberRow(3, '王大爷')], total: 1, ref_date: '' };
      if (cmd === 'care_visit_add') {
        sent.push(args.input);
        if (!args.input.confirm_large) {
          throw { code: 'CONFIRM_LARGE', message: 'x', fields: [{ field: 'amount', code: 'CONFIRM_LARGE', message: '慰问金 50000.00 元比通常多（一般几百元），请核对是否多打了一个 0；确认无误请勾选“金额无误”后再保存' }] };
        }
        return visit(9, { amount: '50000.00', amount_fen: 5000000 });
      }
    });
    const user = userEvent.setup();
    render(Visits);
    await user.click(await screen.findByRole('button', { name: '登记走访' }));
    const dialog = screen.getByRole('dialog', { name: '登记走访' });
    await user.type(within(dialog).getByRole('combobox', { name: /走访对象/ }), '王');
    await user.click(await screen.findByRole('option', { name: /王大爷/ }));
    await user.selectOptions(screen.getByLabelText(/^事由/), '春节');
    await user.type(screen.getByLabelText(/慰问金（元）/), '50000');
    await user.type(screen.getByLabelText(/资金来源/), '党费');
    await user.click(screen.getByTestId('visit-save'));
    expect(await screen.findByText(/请核对是否多打了一个 0/)).toBeInTheDocument();
    await user.click(screen.getByTestId('visit-confirm-large'));
    await user.click(screen.getByTestId('visit-save'));
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0].confirm_large).toBe(false);
    expect(sent[1].confirm_large).toBe(true);
  });

  it('prints the 春节 慰问对象名单 for the year, and the 七一 签收表 when 七一 is chosen', async () => {
    const requests: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_visits') return [visit(1), visit(2, { amount: '0.00', amount_fen: 0, fund_source: null, signed: false, goods: '油一桶' })];
      if (cmd === 'care_print_table') {
        requests.push(args.request);
        return table(`东风村党支部${args.request.year}年${args.request.occasion}慰问对象名单`);
      }
    });
    const user = userEvent.setup();
    render(Care);
    await user.click(screen.getByTestId('care-tab-visits'));
    expect(await screen.findByTestId('visit-total')).toHaveTextContent(`${thisYear}年共走访 2 人次，慰问金合计 500.00 元`);
    // From October the 春节 ahead is next year's; the secretary can choose.
    const spring = new Date().getMonth() >= 9 ? thisYear + 1 : thisYear;
    await user.click(screen.getByRole('button', { name: '打印慰问对象名单' }));
    await vi.waitFor(() => expect(app.printView?.table?.title).toBe(`东风村党支部${spring}年春节慰问对象名单`));
    expect(requests[0]).toEqual({ kind: 'visit_list', occasion: '春节', year: spring });
    await user.selectOptions(screen.getByLabelText('节日'), '七一');
    await user.selectOptions(screen.getByLabelText('节日年份'), String(thisYear));
    await user.click(screen.getByRole('button', { name: '打印发放签收表' }));
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]).toEqual({ kind: 'sign_sheet', occasion: '七一', year: thisYear });
  });

  it('作废 a visit with the reason', async () => {
    let voided: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_visits') return voided ? [] : [visit(1)];
      if (cmd === 'care_visit_void') {
        voided = args;
        return null;
      }
    });
    const user = userEvent.setup();
    render(Visits);
    await user.click(within(await screen.findByTestId('visit-1')).getByRole('button', { name: '作废' }));
    await user.type(screen.getByLabelText(/原因/), '重复登记');
    await user.click(screen.getByRole('button', { name: '确认作废' }));
    expect(await screen.findByText(/还没有走访记录/)).toBeInTheDocument();
    expect(voided).toEqual({ id: 1, reason: '重复登记' });
  });

  it('the medal list marks a late row 补发 and 登记颁发 sends the ticked members', async () => {
    let issued: any;
    const rows = [
      { member_id: 11, name: '周老', full_date: '1970-03-01', age: 80, party_years: 55, due_year: 2021, late: true, issued_on: null },
      { member_id: 12, name: '吴老', full_date: '1975-05-01', age: 78, party_years: 50, due_year: 0, late: false, issued_on: null },
      { member_id: 13, name: '郑老', full_date: '1975-01-01', age: 77, party_years: 50, due_year: 0, late: false, issued_on: '2025-07-01' },
    ];
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_medals') return { year: args.year, rows: rows.map((r) => ({ ...r, due_year: r.due_year || args.year })), unknown: ['孙某'] };
      if (cmd === 'care_medals_issue') {
        issued = args;
        return { year: args.year, rows: rows.map((r) => (args.memberIds.includes(r.member_id) ? { ...r, issued_on: args.date } : r)), unknown: [] };
      }
    });
    const user = userEvent.setup();
    render(Medals);
    const late = await screen.findByTestId('medal-11');
    expect(late).toHaveTextContent('补发（2021 年应发）');
    expect(screen.getByTestId('medal-12')).not.toHaveTextContent('补发');
    expect(screen.getByTestId('medals-unknown')).toHaveTextContent('孙某');
    // Already issued: no box to tick.
    expect(within(screen.getByTestId('medal-13')).queryByRole('checkbox')).toBeNull();
    expect(screen.getByTestId('medal-13')).toHaveTextContent('2025-07-01');
    await user.click(screen.getByRole('button', { name: '明年' }));
    await vi.waitFor(() => expect(screen.getByTestId('medal-11')).toHaveTextContent(`补发（2021 年应发）`));
    await user.click(within(screen.getByTestId('medal-11')).getByRole('checkbox'));
    await user.click(screen.getByTestId('medals-issue'));
    expect(screen.getByRole('dialog')).toHaveTextContent('给以下 1 名党员登记颁发');
    expect(screen.getByLabelText(/颁发日期/)).toHaveValue(today()); // 七一 of next year is still ahead
    await user.click(screen.getByRole('button', { name: '确认颁发' }));
    await vi.waitFor(() => expect(issued).toEqual({ year: thisYear + 1, memberIds: [11], date: today() }));
    expect(await screen.findByTestId('medals-done')).toHaveTextContent('已登记颁发 1 枚纪念章');
    expect(within(screen.getByTestId('medal-11')).queryByRole('checkbox')).toBeNull();
  });

  it('老党员 settings: the 四必访 list typed with 顿号 is saved as a list, and a refused age shows under its field', async () => {
    const saved: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'care_elders') return [{ member_id: 5, name: '钱老', sex: '1', age: 101, party_years: 70, join_date: '1948-05-01', full_date: '1949-05-01', before_1949: true, old: true, address: '东风村3组', phone: null }];
      if (cmd === 'care_settings_get') return settings;
      if (cmd === 'care_medals') return { year: args.year, rows: [], unknown: [] };
      if (cmd === 'care_settings_put') {
        saved.push(args.settings);
        if (args.settings.old_age > 100) throw { code: 'OUT_OF_RANGE', message: 'x', fields: [{ field: 'old_age', code: 'OUT_OF_RANGE', message: '高龄起算年龄请填 60 到 100 岁' }] };
        return args.settings;
      }
    });
    const user = userEvent.setup();
    render(Elders);
    const row = await screen.findByTestId('elder-5');
    expect(row).toHaveTextContent('新中国成立前入党');
    expect(row).toHaveTextContent('高龄');
    const age = screen.getByLabelText(/高龄起算年龄/);
    await vi.waitFor(() => expect(age).toHaveValue('80'));
    await user.clear(age);
    await user.type(age, '120');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect((await screen.findByText('高龄起算年龄请填 60 到 100 岁')).closest('.field')).toHaveTextContent('高龄起算年龄');
    await user.clear(age);
    await user.type(age, '75');
    const must = screen.getByLabelText(/四必访/);
    await user.clear(must);
    await user.type(must, '生病、家庭纠纷，红白喜事');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    await vi.waitFor(() => expect(saved).toHaveLength(2));
    expect(saved[1]).toEqual({ old_age: 75, must_visit: ['生病', '家庭纠纷', '红白喜事'] });
  });

  it('政治生日: an empty month says so', async () => {
    mockIPC((cmd) => (cmd === 'care_birthdays' ? [] : undefined));
    const user = userEvent.setup();
    render(Care);
    await user.click(screen.getByTestId('care-tab-birthdays'));
    expect(await screen.findByText(/本月没有党员过政治生日/)).toBeInTheDocument();
  });
});
