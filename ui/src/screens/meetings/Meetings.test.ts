import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MeetingForm from './MeetingForm.svelte';
import Calendar from './Calendar.svelte';
import Participation from './Participation.svelte';
import Records from './Records.svelte';
import Home from '../reports/Home.svelte';
import Settings from '../settings/Settings.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp, settings } from '../../lib/fixtures.test-util';

const attendee = (member_id: number, name: string, extra: object = {}) => ({
  member_id, name, group_id: 1, category: 'full', status: 'present', mode: 'onsite', reason: null,
  makeup_date: null, makeup_by: null, note: null, ...extra,
});
const tally = { expected: 3, present: 1, leave: 1, absent: 1, made_up: 0, took_part: 1, rate: 1 / 3 };
const detail = (input: any) => ({
  id: 7, kind: input.kind, kind_name: '主题党日', state: input.state, date: input.date, start_time: null, end_time: null,
  place: null, topic: input.topic, host: null, recorder: null, lecturer: null, branch_id: 1, group_id: null, group_name: null,
  content: null, decisions: null, cancel_reason: null, attendees: [], tally, quorum: null,
});

describe('MeetingForm', () => {
  beforeEach(loadApp);

  it('a 支部党员大会 of a big branch lists the first hundred and every exception, finds anyone by name, and shows all on asking', async () => {
    const many = Array.from({ length: 260 }, (_, i) => attendee(i + 1, `党员${String(i + 1).padStart(4, '0')}`));
    many[200] = attendee(201, '丁鑫志', { status: 'leave', mode: null, reason: '外出' });
    mockIPC((cmd) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'meeting_expected') return many;
    });
    const user = userEvent.setup();
    render(MeetingForm, { preset: {}, onsaved: () => {}, oncancel: () => {} });
    await user.selectOptions(screen.getByLabelText(/会议类型/), 'branch_assembly');
    expect(await screen.findByTestId('att-partial')).toHaveTextContent('名单共 260 人');
    expect(screen.getAllByRole('row')).toHaveLength(101);
    expect(screen.getByTestId('att-201')).toBeInTheDocument();
    expect(screen.queryByTestId('att-250')).toBeNull();
    await user.type(screen.getByTestId('att-search'), '党员0250');
    expect(screen.getByTestId('att-250')).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(1);
    expect(screen.getByTestId('att-counts')).toHaveTextContent('应到 260 人：出席 259，请假 1');
    await user.clear(screen.getByTestId('att-search'));
    await user.click(screen.getByTestId('att-show-all'));
    expect(screen.getAllByRole('row')).toHaveLength(260);
  });

  it('lists who the kind expects, all present, and saves only the marked exceptions as such', async () => {
    let created: any;
    const expectedFor: string[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'meeting_expected') {
        expectedFor.push(args.kind);
        return [attendee(1, '张三'), attendee(2, '李四'), attendee(3, '王伟', { category: 'probationary' })];
      }
      if (cmd === 'meeting_create') {
        created = args.input;
        return detail(args.input);
      }
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    render(MeetingForm, { preset: {}, onsaved, oncancel: () => {} });
    await user.selectOptions(screen.getByLabelText(/会议类型/), 'theme_day');
    expect(await screen.findByText('张三')).toBeInTheDocument();
    expect(expectedFor.at(-1)).toBe('theme_day');
    expect(screen.getByTestId('att-counts')).toHaveTextContent('应到 3 人：出席 3，请假 0，缺席 0');
    await user.type(screen.getByLabelText(/会议主题/), '学习党章');
    await user.click(screen.getByLabelText('李四 请假'));
    await user.type(screen.getByLabelText('李四 请假原因'), '外出务工');
    await user.click(screen.getByLabelText('王伟 缺席'));
    expect(screen.getByTestId('att-counts')).toHaveTextContent('出席 1，请假 1，缺席 1');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(created.kind).toBe('theme_day');
    expect(created.attendees).toEqual([
      expect.objectContaining({ member_id: 1, status: 'present', mode: 'onsite' }),
      expect.objectContaining({ member_id: 2, status: 'leave', mode: null, reason: '外出务工' }),
      expect.objectContaining({ member_id: 3, status: 'absent', mode: null }),
    ]);
  });

  it('shows the core’s error under the member’s row and the field', async () => {
    mockIPC((cmd) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'meeting_expected') return [attendee(1, '张三'), attendee(2, '李四')];
      if (cmd === 'meeting_create')
        throw {
          code: 'REQUIRED', message: '',
          fields: [
            { field: 'topic', code: 'REQUIRED', message: '请填写会议主题，例如“学习党的二十届四中全会精神”' },
            { field: 'attendees.2', code: 'REQUIRED', message: '请填写李四的请假原因，例如“外出务工”“生病住院”' },
          ],
        };
    });
    const user = userEvent.setup();
    render(MeetingForm, { preset: { kind: 'theme_day' }, onsaved: () => {}, oncancel: () => {} });
    await screen.findByText('李四');
    await user.click(screen.getByLabelText('李四 请假'));
    await user.click(screen.getByRole('button', { name: '保存' }));
    const row = screen.getByTestId('att-2');
    expect(await within(row).findByText(/请填写李四的请假原因/)).toBeInTheDocument();
    expect(screen.getByText(/请填写会议主题/)).toBeInTheDocument();
    expect(screen.getByText('有 2 处需要修改，请看标红的栏目')).toBeInTheDocument();
  });
});

describe('Calendar', () => {
  beforeEach(loadApp);

  it('shows each period’s status in words and offers to record a missed meeting', async () => {
    mockIPC((cmd, args: any) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'meeting_calendar') {
        expect(args.request).toEqual({ year: new Date().getFullYear(), quarter: null, month: null });
        const cell = (status: string, status_name: string, start: string, end: string, span = 1, meetings: any[] = []) =>
          ({ label: start.slice(0, 7), start, end, span, status, status_name, meetings });
        return {
          title: '2026年组织生活落实情况', today: '2026-11-23', months: ['10月', '11月'], held: 1, planned: 0, due: 1, overdue: 1,
          rows: [
            { kind: 'committee', kind_name: '支委会', frequency: 'monthly', frequency_name: '每月', from_month: 1, branch_id: 1, group_id: null, scope: '',
              cells: [cell('overdue', '逾期未开', '2026-10-01', '2026-10-31'), cell('held', '已召开', '2026-11-01', '2026-11-30', 1, [{ id: 5, date: '2026-11-02', state: 'held', topic: '研究工作' }])] },
            { kind: 'lecture', kind_name: '党课', frequency: 'quarterly', frequency_name: '每季度', from_month: 1, branch_id: 1, group_id: null, scope: '',
              cells: [cell('due', '待召开', '2026-10-01', '2026-12-31', 2)] },
          ],
        };
      }
    });
    const onnew = vi.fn();
    const onopen = vi.fn();
    const user = userEvent.setup();
    render(Calendar, { version: 0, onnew, onopen });
    expect(await screen.findByText('2026年组织生活落实情况')).toBeInTheDocument();
    expect(screen.getByTestId('calendar-summary')).toHaveTextContent('逾期未开 1');
    const committee = screen.getByTestId('cal-committee');
    expect(within(committee).getByText('逾期未开')).toBeInTheDocument();
    expect(within(screen.getByTestId('cal-lecture')).getByText('待召开').closest('td')).toHaveAttribute('colspan', '2');
    await user.click(within(committee).getByRole('button', { name: /补录/ }));
    expect(onnew).toHaveBeenCalledWith({ kind: 'committee', group_id: null, branch_id: 1, date: '2026-10-31', state: 'held' });
    await user.click(within(committee).getByRole('button', { name: /打开 2026-11-02/ }));
    expect(onopen).toHaveBeenCalledWith(5);
  });
});

describe('Participation', () => {
  beforeEach(loadApp);

  it('shows each member’s 参学率 and saves the summary through the Rust dialog', async () => {
    const calls: string[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'meeting_lost_contact') return [];
      calls.push(cmd);
      if (cmd === 'participation_report')
        return {
          from: args.from, to: args.to, leave_policy: 'absent', meetings: [],
          members: [{ member_id: 1, name: '张三', group_id: 1, status: 'normal', tally: { ...tally, expected: 4, took_part: 3, rate: 0.75 } }],
          overall: { ...tally, rate: 0.75 },
        };
      if (cmd === 'participation_inactive') return [{ member_id: 2, name: '李四', group_id: 1, age: 86, expected: 3, last_took_part: null, mobile: false, frail: true }];
      if (cmd === 'participation_export') return '/tmp/统计表.xlsx';
    });
    const user = userEvent.setup();
    render(Participation, { version: 0 });
    const row = await screen.findByTestId('rate-1');
    expect(row).toHaveTextContent('75.0%');
    expect(await screen.findByText('高龄或体弱，需上门送学')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保存为 Excel' }));
    expect(await screen.findByText('已保存到 /tmp/统计表.xlsx')).toBeInTheDocument();
    expect(calls).toContain('participation_export');
  });
});

describe('Home and settings', () => {
  beforeEach(loadApp);

  it('a meeting reminder opens 组织生活', async () => {
    mockIPC((cmd) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'home_todos')
        return [{ key: 'meetings_overdue', title: '1 项会议逾期未开', detail: '', count: 1, filter: null, names: ['2026年10月 支委会'], page: 'meetings' }];
    });
    app.page = 'home';
    render(Home);
    expect(await screen.findByText('2026年10月 支委会')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: '去组织生活' }));
    expect(app.page).toBe('meetings');
  });

  it('saves meeting frequencies and the leave rule', async () => {
    let saved: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'meeting_lost_contact') return [];
      if (cmd === 'settings_update') {
        saved = args.settings;
        return args.settings;
      }
    });
    const user = userEvent.setup();
    render(Settings, { dbPath: '' });
    await user.selectOptions(screen.getByLabelText('支委会召开频次'), 'quarterly');
    await user.selectOptions(screen.getByLabelText('请假在参学率中如何计算'), 'exclude');
    await user.click(screen.getByRole('button', { name: '保存组织生活设置' }));
    await vi.waitFor(() => expect(saved).toBeTruthy());
    expect(saved.meeting_rules.find((r: any) => r.kind === 'committee').frequency).toBe('quarterly');
    expect(saved.leave_policy).toBe('exclude');
    expect(settings.leave_policy).toBe('absent');
  });
});

describe('Records', () => {
  beforeEach(loadApp);

  it('shows 补学 beside 出席, 请假 and 缺席 so a meeting’s row adds up to 参学', async () => {
    const held = { ...detail({ kind: 'theme_day', state: 'held', date: '2026-10-10', topic: '主题党日' }), tally: { expected: 14, present: 10, leave: 3, absent: 1, made_up: 2, took_part: 12, rate: 12 / 14 } };
    mockIPC((cmd) => {
      if (cmd === 'meeting_list') return [held];
    });
    render(Records, { version: 0, openId: null, onedit: () => {}, onchanged: () => {} });
    const row = (await screen.findByText('2026-10-10')).closest('tr')!;
    const headers = [...row.closest('table')!.querySelectorAll('th')].map((h) => h.textContent);
    const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
    expect(cells[headers.indexOf('补学')]).toBe('2');
    expect(cells[headers.indexOf('参学率')]).toBe('85.7%');
  });
});
