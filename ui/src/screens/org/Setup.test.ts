import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it, vi } from 'vitest';
import Setup from './Setup.svelte';

describe('Setup', () => {
  it('shows the core’s field errors under the fields', async () => {
    mockIPC((cmd) => {
      if (cmd === 'org_setup')
        throw { code: 'REQUIRED', message: '请填写组织名称', fields: [{ field: 'name', code: 'REQUIRED', message: '请填写组织名称，例如“东风村党支部”' }] };
    });
    const onsetup = vi.fn();
    const user = userEvent.setup();
    render(Setup, { onsetup });
    await user.click(screen.getByRole('button', { name: '保存并开始使用' }));
    expect(await screen.findByText('请填写组织名称，例如“东风村党支部”')).toBeInTheDocument();
    expect(onsetup).not.toHaveBeenCalled();
  });

  it('sends the organisation and its groups', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'org_setup') {
        sent = args.input;
        return {};
      }
    });
    const onsetup = vi.fn();
    const user = userEvent.setup();
    render(Setup, { onsetup });
    await user.type(screen.getByLabelText(/组织名称/), '东风村党支部');
    await user.type(screen.getByLabelText(/书记姓名/), '张建国');
    await user.click(screen.getByRole('button', { name: '保存并开始使用' }));
    expect(sent).toMatchObject({ kind: '631', name: '东风村党支部', secretary: '张建国' });
    // The books start this month unless the secretary picks an earlier one.
    const d = new Date();
    expect(sent.books_from).toBe(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`);
    expect(sent.groups.map((g: any) => g.name)).toEqual(['第一党小组', '第二党小组']);
    expect(onsetup).toHaveBeenCalled();
  });

  it('a 党小组 whose name was cleared is said, not dropped', async () => {
    const cmds: string[] = [];
    mockIPC((cmd) => {
      cmds.push(cmd);
      return {};
    });
    const user = userEvent.setup();
    render(Setup, { onsetup: vi.fn() });
    await user.type(screen.getByLabelText(/组织名称/), '东风村党支部');
    await user.type(screen.getByLabelText(/书记姓名/), '张建国');
    await user.clear(screen.getByLabelText('第2个党小组'));
    await user.click(screen.getByRole('button', { name: '保存并开始使用' }));
    expect(await screen.findByTestId('setup-groups-error')).toHaveTextContent('第2个党小组的名称是空的');
    expect(cmds).not.toContain('org_setup');
  });

  it('loads the demo branch', async () => {
    const cmds: string[] = [];
    mockIPC((cmd) => {
      cmds.push(cmd);
      return {};
    });
    const onsetup = vi.fn();
    render(Setup, { onsetup });
    await userEvent.setup().click(screen.getByRole('button', { name: '载入示例数据' }));
    expect(cmds).toContain('org_load_demo');
    expect(onsetup).toHaveBeenCalled();
  });
});
