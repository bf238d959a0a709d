import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PrintDialog from './PrintDialog.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const columns = {
  all: [
    { key: 'seq', label: '序号', numeric: true }, { key: 'name', label: '姓名', numeric: false },
    { key: 'id_number', label: '公民身份号码', numeric: false }, { key: 'phone', label: '联系电话', numeric: false },
  ],
  default: ['seq', 'name'],
};
const table = { title: '东风村党支部党员花名册', subtitle: ['共 1 人'], columns: columns.all, groups: [{ name: null, rows: [['1', '王伟', '3405**********0013', '138****5678']] }], total: 1, landscape: false, masked: true };

describe('PrintDialog', () => {
  beforeEach(() => {
    loadApp();
    app.printView = null;
  });

  it('prints the roster with the columns picked, masked unless asked otherwise', async () => {
    let request: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'roster_columns') return columns;
      if (cmd === 'roster_table') {
        request = args.request;
        return table;
      }
    });
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel: vi.fn() });
    await user.click(await screen.findByLabelText('公民身份号码'));
    await user.click(screen.getByRole('button', { name: '上移 公民身份号码' }));
    await user.click(screen.getByRole('button', { name: '打印预览' }));
    expect(request.columns).toEqual(['seq', 'id_number', 'name']);
    expect(request.full_values).toBe(false);
    expect(request.query).toEqual({ status: 'normal' });
    expect(app.printView?.table?.title).toBe('东风村党支部党员花名册');
    expect(request.ids).toEqual([]);
  });

  it('prints only the members ticked in the registry, and one info card per member', async () => {
    const requests: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'roster_columns') return columns;
      if (cmd === 'roster_table') {
        requests.push(args.request);
        return table;
      }
      if (cmd === 'member_detail') return { record: { id: args.id, name: `党员${args.id}` }, class_history: [], status_history: [] };
    });
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, picked: [4, 9], oncancel: vi.fn() });
    expect(screen.getByLabelText(/只打印所选的 2 人/)).toBeChecked();
    await user.click(screen.getByRole('button', { name: '打印预览' }));
    expect(requests[0].ids).toEqual([4, 9]);
    app.printView = null;
    await user.selectOptions(screen.getByLabelText('要打印的内容'), 'card');
    await user.click(screen.getByRole('button', { name: '打印预览' }));
    expect((app.printView as any)?.cards?.map((c: any) => c.record.id)).toEqual([4, 9]);
  });

  it('saves a sign-in sheet as xlsx through the Rust save dialog', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'roster_columns') return columns;
      if (cmd === 'export_xlsx') {
        sent = args;
        return '/home/user/签到表.xlsx';
      }
    });
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel: vi.fn() });
    await user.selectOptions(screen.getByLabelText('要打印的内容'), 'sign_in');
    await user.type(screen.getByLabelText('会议主题'), '主题党日');
    await user.click(screen.getByRole('button', { name: '保存为 Excel' }));
    expect(sent.roster).toBeNull();
    expect(sent.signIn).toMatchObject({ topic: '主题党日', blank_rows: 3, query: { status: 'normal' } });
    expect(await screen.findByText('已保存到 /home/user/签到表.xlsx')).toBeInTheDocument();
  });

  it('saves the roster as PDF as laid out by the core, then offers 打开文件 and 打开所在文件夹', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'roster_columns') return columns;
      if (cmd === 'roster_table') return table;
      if (cmd === 'pdf_save') return '/home/user/文档/花名册.pdf';
      if (cmd === 'open_saved') return null;
    });
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel: vi.fn() });
    await user.click(await screen.findByLabelText('大字打印（方便老党员阅读）'));
    await user.click(screen.getByRole('button', { name: '保存为 PDF' }));
    const save = calls.find(([c]) => c === 'pdf_save')![1].request;
    expect(save.table.title).toBe('东风村党支部党员花名册');
    expect(save.large).toBe(true);
    expect(await screen.findByText('已保存到 /home/user/文档/花名册.pdf')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '打开文件' }));
    await user.click(screen.getByRole('button', { name: '打开所在文件夹' }));
    const opens = calls.filter(([c]) => c === 'open_saved').map(([, a]) => a);
    expect(opens).toEqual([{ path: '/home/user/文档/花名册.pdf', folder: false }, { path: '/home/user/文档/花名册.pdf', folder: true }]);
  });

  it('saves the info cards of the ticked members as one PDF', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'roster_columns') return columns;
      if (cmd === 'pdf_save') {
        sent = args.request;
        return '/tmp/党员信息卡.pdf';
      }
    });
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, picked: [4, 9], oncancel: vi.fn() });
    await user.selectOptions(screen.getByLabelText('要打印的内容'), 'card');
    await user.click(screen.getByRole('button', { name: '保存为 PDF' }));
    expect(sent).toEqual({ card_ids: [4, 9], large: false });
  });

  it('closes on Esc like the forms do', async () => {
    mockIPC((cmd) => (cmd === 'roster_columns' ? columns : undefined));
    const oncancel = vi.fn();
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel });
    await screen.findByLabelText('公民身份号码');
    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledOnce();
  });

  it('stays open on Esc once something was typed into it', async () => {
    mockIPC((cmd) => (cmd === 'roster_columns' ? columns : undefined));
    const oncancel = vi.fn();
    const user = userEvent.setup();
    render(PrintDialog, { query: { status: 'normal' }, oncancel });
    await user.selectOptions(await screen.findByLabelText('要打印的内容'), 'sign_in');
    await user.type(screen.getByLabelText('会议主题'), '学习党章');
    await user.keyboard('{Escape}');
    expect(oncancel).not.toHaveBeenCalled();
  });
});
