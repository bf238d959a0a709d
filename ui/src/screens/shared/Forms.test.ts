// Form behaviour a secretary noticed in the first hour (issue 10, section 8 "Forms"), and 批量调整分类.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import MemberForm from '../members/MemberForm.svelte';
import MeetingForm from '../meetings/MeetingForm.svelte';
import PrintDialog from '../members/PrintDialog.svelte';
import Members from '../members/Members.svelte';
import { app } from '../../lib/app.svelte';
import { codes, loadApp, org, settings } from '../../lib/fixtures.test-util';
import { idFacts } from '../../lib/idcard';

const row = (id: number, name: string, extra: object = {}) => ({
  id, name, sex: '2', birth_date: '1980-01-01', age: 46, id_number: null, phone: '13812345678', branch_id: 1, group_id: 1,
  category: 'full', status: 'normal', education: '20', join_date: '2005-07-01', identity_class: 'farmer',
  position_nature: null, mgmt_type: 'pioneer', age_band: 'middle', education_band: 'college', party_post: null,
  missing: [], flagged: false, ...extra,
});

describe('forms', () => {
  beforeEach(() => {
    loadApp();
    app.printView = null;
  });

  it('an error goes away as soon as its field is edited, and comes back if the next save refuses again', async () => {
    let tries = 0;
    mockIPC((cmd) => {
      if (cmd === 'member_create') {
        tries++;
        throw { code: 'REQUIRED', message: '', fields: [{ field: 'name', code: 'REQUIRED', message: '请填写姓名' }] };
      }
    });
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^姓名/), '王');
    expect(screen.queryByText('请填写姓名')).toBeNull();
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('请填写姓名')).toBeInTheDocument();
    expect(tries).toBe(2);
  });

  it('sex and birth date appear as soon as a valid ID number is typed', async () => {
    mockIPC(() => undefined);
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    const birth = screen.getByLabelText(/^出生日期/);
    await user.type(screen.getByLabelText(/^公民身份号码/), '34052419800101001');
    expect(birth).toHaveValue(''); // 17 characters: nothing yet
    await user.type(screen.getByLabelText(/^公民身份号码/), 'X');
    expect(birth).toHaveValue('1980-01-01');
    expect(screen.getByLabelText(/^性别/)).toHaveDisplayValue('男');
    // A wrong check character says nothing (the core explains on save).
    expect(idFacts('340524198001010010')).toBeNull();
    expect(idFacts('11010519491231002X')).toEqual({ birth_date: '1949-12-31', sex: '2' });
  });

  it('a new meeting suggests the host instead of pre-filling text that typing appends to', async () => {
    mockIPC((cmd) => (cmd === 'meeting_expected' ? [] : undefined));
    const user = userEvent.setup();
    render(MeetingForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    const host = screen.getByLabelText('主持人');
    expect(host).toHaveValue('');
    expect(host).toHaveAttribute('placeholder', `例如：${org.secretary}`);
    await user.type(host, '李强');
    expect(host).toHaveValue('李强');
    expect(screen.getByLabelText(/^日期/)).toHaveAttribute('type', 'date');
    expect(screen.getByLabelText('开始时间')).toHaveAttribute('type', 'time');
  });

  it('返回 from a print preview keeps the dialog and what was typed in it', async () => {
    mockIPC((cmd) => {
      if (cmd === 'app_info')
        return { version: '0', db_path: '/tmp/x.db', backup_dir: '/tmp', schema_version: 3, set_up: true, open_error: null, latest_backup: null, locked: false, lock: { enabled: false, idle_minutes: 0 } };
      if (cmd === 'code_lists') return codes;
      if (cmd === 'org_get') return org;
      if (cmd === 'settings_get') return settings;
      if (cmd === 'member_list') return { rows: [row(1, '王芳')], total: 1, ref_date: '2026-11-23' };
      if (cmd === 'roster_columns') return { all: [{ key: 'name', label: '姓名', numeric: false }], default: ['name'] };
      if (cmd === 'sign_in_table')
        return { title: '签到表', subtitle: [], columns: [{ key: 'name', label: '姓名', numeric: false }], groups: [{ name: null, rows: [['王芳']] }], total: 1, landscape: false, masked: true };
      return null;
    });
    app.page = 'members';
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole('button', { name: '打印' }));
    await user.selectOptions(await screen.findByLabelText('要打印的内容'), 'sign_in');
    await user.type(screen.getByLabelText('会议主题'), '学习党章');
    await user.type(screen.getByLabelText('地点'), '村委会');
    await user.click(screen.getByRole('button', { name: '打印预览' }));
    await user.click(await screen.findByRole('button', { name: '返回' }));
    expect(await screen.findByLabelText('会议主题')).toHaveValue('学习党章');
    expect(screen.getByLabelText('地点')).toHaveValue('村委会');
    expect(screen.getByLabelText('要打印的内容')).toHaveValue('sign_in');
  });

  it('the sign-in sheet date is a date input, not text pre-filled with today', async () => {
    mockIPC((cmd) => (cmd === 'roster_columns' ? { all: [], default: [] } : undefined));
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel: vi.fn() });
    await user.selectOptions(screen.getByLabelText('要打印的内容'), 'sign_in');
    expect(screen.getByLabelText('日期')).toHaveAttribute('type', 'date');
  });
});

describe('批量调整分类', () => {
  beforeEach(() => {
    loadApp();
    app.memberFilter = { status: 'normal' };
  });

  it('ticks several members, one reason, one call to the core', async () => {
    let sent: any = null;
    let opened = 0;
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') return { rows: [row(1, '王芳'), row(2, '王芳', { mgmt_type: 'growing' }), row(3, '李强')], total: 3, ref_date: '2026-11-23' };
      if (cmd === 'member_detail') opened++;
      if (cmd === 'member_reclassify_many') {
        sent = args;
        return { changed: 2, unchanged: 0 };
      }
    });
    const user = userEvent.setup();
    render(Members);
    await screen.findByText('共 3 人');
    const boxes = screen.getAllByRole('checkbox', { name: '选择 王芳' });
    await user.click(boxes[0]);
    await user.click(boxes[1]);
    expect(opened).toBe(0); // ticking a member does not open the detail pane (which narrows the table)
    await user.click(screen.getByRole('button', { name: '调整分类' }));
    const dialog = screen.getByRole('dialog', { name: '调整分类：已选 2 人' });
    expect(within(dialog).getByTestId('batch-names')).toHaveTextContent('王芳、王芳');
    // Nothing chosen yet: a hasty 保存 does not clear both members' class.
    await user.click(within(dialog).getByRole('button', { name: '保存调整（2 人）' }));
    expect(within(dialog).getByText('请选择调整为哪一类')).toBeInTheDocument();
    expect(sent).toBeNull();
    await user.selectOptions(within(dialog).getByLabelText(/调整为/), 'improve');
    await user.type(within(dialog).getByLabelText(/调整原因/), '第四季度复核');
    await user.click(within(dialog).getByRole('button', { name: '保存调整（2 人）' }));
    expect(await screen.findByRole('status')).toHaveTextContent('已调整 2 人的分类');
    expect(sent).toEqual({ ids: [1, 2], change: { dimension: 'mgmt_type', value: 'improve', reason: '第四季度复核' } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
