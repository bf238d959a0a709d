import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PrintView from './PrintView.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const table = {
  title: '东风村党支部党员花名册', subtitle: ['共 1 人'], total: 1, landscape: true, masked: true, notes: [], chart: null,
  columns: [{ key: 'seq', label: '序号', numeric: true, center: false, formula: null, money: false }, { key: 'name', label: '姓名', numeric: false, center: false, formula: null, money: false }],
  groups: [{ name: null, rows: [['1', '王伟']] }],
};

describe('PrintView', () => {
  beforeEach(() => {
    loadApp();
    app.printView = { table, large: false };
  });

  it('prints through the core PDF in the system viewer, never the webview', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'pdf_print') {
        sent = args.request;
        return '/tmp/branchbook-print/花名册.pdf';
      }
    });
    const printSpy = vi.spyOn(window, 'print').mockImplementation(() => {});
    const user = userEvent.setup();
    render(PrintView);
    await user.click(screen.getByLabelText(/大字打印/));
    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(sent).toEqual({ table, large: true, landscape: null });
    expect(printSpy).not.toHaveBeenCalled();
    expect(await screen.findByText(/已把 PDF 交给系统的 PDF 阅读器打开/)).toBeInTheDocument();
  });

  it('saves the previewed table as PDF in the chosen orientation and offers to open it', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'pdf_save') return '/home/user/文档/花名册.pdf';
      return null;
    });
    const user = userEvent.setup();
    render(PrintView);
    await user.selectOptions(screen.getByLabelText(/纸张/), 'portrait');
    await user.click(screen.getByRole('button', { name: '保存为 PDF' }));
    expect(calls.find(([c]) => c === 'pdf_save')![1].request).toMatchObject({ table: { title: table.title }, landscape: false });
    expect(await screen.findByText('已保存到 /home/user/文档/花名册.pdf')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '打开所在文件夹' }));
    expect(calls.find(([c]) => c === 'open_saved')![1]).toEqual({ path: '/home/user/文档/花名册.pdf', folder: true });
  });

  it('prints a meeting record and info cards by id, laid out by the core', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'pdf_print') {
        sent = args.request;
        return '/tmp/x.pdf';
      }
    });
    app.printView = { cards: [{ record: { id: 7, name: '王伟' }, class_history: [], status_history: [] } as any], large: false };
    const user = userEvent.setup();
    render(PrintView);
    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(sent).toEqual({ card_ids: [7], large: false, landscape: null });
  });
});
