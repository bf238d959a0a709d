import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ImportDialog from './ImportDialog.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const preview = {
  file_name: '花名册.xlsx', header_row: 4,
  columns: [{ index: 0, header: '序号', field: null }, { index: 1, header: '姓  名', field: 'name' }, { index: 2, header: '身份证号码', field: 'id_number' }],
  fields: [{ key: 'name', label: '姓名' }, { key: 'id_number', label: '公民身份号码' }, { key: 'remarks', label: '备注' }],
  rows: [
    { row: 5, name: '王伟', status: 'ok', messages: [], duplicate_of: null, duplicate_name: null, possible: false, needs_acceptance: false },
    { row: 6, name: '周平', status: 'error', messages: ['公民身份号码“3.40524E+17”被 Excel 存成了数字'], duplicate_of: null, duplicate_name: null, possible: false, needs_acceptance: false },
  ],
  ok: 1, warnings: 0, errors: 1, duplicates: 0, notes: [] as string[],
};

describe('ImportDialog', () => {
  beforeEach(loadApp);

  it('previews every row, lets the mapping be corrected, and imports with the chosen options', async () => {
    const calls: { cmd: string; args: any }[] = [];
    mockIPC((cmd, args: any) => {
      calls.push({ cmd, args });
      if (cmd === 'import_open' || cmd === 'import_remap') return preview;
      if (cmd === 'import_commit') return { created: 1, updated: 0, skipped: 0, rejected: [preview.rows[1]] };
    });
    const ondone = vi.fn();
    const user = userEvent.setup();
    render(ImportDialog, { ondone, oncancel: vi.fn() });
    await user.click(screen.getByRole('button', { name: '选择文件…' }));
    expect(await screen.findByText('表头在第 4 行', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('错误 1')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('序号'), 'remarks');
    expect(calls.find((c) => c.cmd === 'import_remap')!.args.mapping).toEqual(['remarks', 'name', 'id_number']);
    await user.click(screen.getByLabelText(/用表格中的信息更新/));
    await user.click(screen.getByRole('button', { name: '导入' }));
    const commit = calls.find((c) => c.cmd === 'import_commit')!.args.options;
    expect(commit).toEqual({ mapping: ['remarks', 'name', 'id_number'], duplicates: 'update', accept_warnings: false, add_anyway: [] });
    expect(await screen.findByTestId('import-result')).toHaveTextContent('新增 1 人');
    expect(screen.getByText(/第 6 行 周平/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '完成' }));
    expect(ondone).toHaveBeenCalled();
  });

  it('says what the reader left out of the file above the rows', async () => {
    const note = '表格右侧或下方很远处有 1 个单元格有内容（XFD1048576（“x”）），不在表格范围内，已忽略。如果它们有用，请把它们移到表格中再导入';
    mockIPC((cmd) => {
      if (cmd === 'import_open') return { ...preview, notes: [note] };
    });
    render(ImportDialog, { ondone: vi.fn(), oncancel: vi.fn() });
    await userEvent.setup().click(screen.getByRole('button', { name: '选择文件…' }));
    expect(await screen.findByTestId('import-note')).toHaveTextContent('XFD1048576');
    expect(screen.getByText('正常 1')).toBeInTheDocument();
  });

  it('a row that may be an existing member is marked, and 仍然新增 sends its row to be added', async () => {
    const calls: { cmd: string; args: any }[] = [];
    const maybe = { row: 7, name: '丁鑫志', status: 'warning', messages: ['可能与已有党员“丁鑫志”是同一人（姓名、入党日期、联系电话相同）'], duplicate_of: 12, duplicate_name: '丁鑫志', possible: true, needs_acceptance: false };
    mockIPC((cmd, args: any) => {
      calls.push({ cmd, args });
      if (cmd === 'import_open') return { ...preview, rows: [preview.rows[0], maybe], ok: 1, warnings: 1, errors: 0, duplicates: 1 };
      if (cmd === 'import_commit') return { created: 2, updated: 0, skipped: 0, rejected: [] };
    });
    const user = userEvent.setup();
    render(ImportDialog, { ondone: vi.fn(), oncancel: vi.fn() });
    await user.click(screen.getByRole('button', { name: '选择文件…' }));
    expect(await screen.findByText('可能重复')).toBeInTheDocument();
    await user.click(screen.getByTestId('import-add-anyway-7'));
    await user.click(screen.getByRole('button', { name: '导入' }));
    await screen.findByTestId('import-result');
    expect(calls.find((c) => c.cmd === 'import_commit')!.args.options.add_anyway).toEqual([7]);
  });

  it('shows why a file cannot be read, in Chinese', async () => {
    mockIPC((cmd) => {
      if (cmd === 'import_open') throw { code: 'FILE_UNREADABLE', message: '无法读取文件“a.et”：不支持的格式', fields: [] };
    });
    render(ImportDialog, { ondone: vi.fn(), oncancel: vi.fn() });
    await userEvent.setup().click(screen.getByRole('button', { name: '选择文件…' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('无法读取文件“a.et”');
  });
});
