import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Settings from './Settings.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp, settings } from '../../lib/fixtures.test-util';

describe('Settings', () => {
  beforeEach(() => {
    loadApp();
    document.documentElement.classList.remove('large-text');
  });

  it('switches to large text through the core and scales the page', async () => {
    let saved: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'settings_update') {
        saved = args.settings;
        return { ...settings, large_text: args.settings.large_text };
      }
    });
    render(Settings, { dbPath: '/data/branchbook.db' });
    expect(screen.getByText('/data/branchbook.db')).toBeInTheDocument();
    await userEvent.setup().click(screen.getByLabelText(/大字模式/));
    expect(saved.large_text).toBe(true);
    expect(document.documentElement).toHaveClass('large-text');
    expect(app.settings?.large_text).toBe(true);
  });

  it('offers a branch on the old points scheme the 百分制, and switches only after confirming', async () => {
    app.settings = { ...settings, points: { scheme: 'legacy', base: 100, bonus_cap: null, excellent: 90, good: 80, pass: 60, counted_from: null } };
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'points_rules') return [];
      if (cmd === 'points_adopt_hundred') return { ...settings, points: { scheme: 'hundred', base: 60, bonus_cap: 40, excellent: 90, good: 75, pass: 60, counted_from: '2026-11' } };
    });
    const user = userEvent.setup();
    render(Settings, { dbPath: '' });
    expect(screen.getByTestId('points-scheme-offer')).toHaveTextContent('已记的积分记录一条不改');
    await user.click(screen.getByRole('button', { name: '改用百分制…' }));
    expect(calls).not.toContain('points_adopt_hundred');
    await user.click(screen.getByRole('button', { name: '确认改用百分制' }));
    expect(await screen.findByTestId('points-scheme')).toHaveTextContent('自 2026年11月起计分');
    expect(app.settings?.points.scheme).toBe('hundred');
    expect(screen.getByLabelText(/基础积分/)).toHaveValue(60);
  });

  it('停用 of a 党小组 with members asks first, naming how many; 取消 changes nothing', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'member_list') return { rows: [], total: 13, ref_date: '' };
      if (cmd === 'org_update_group') return { id: 1, branch_id: 1, name: '第一党小组', active: false };
      if (cmd === 'org_get') return app.org;
    });
    const user = userEvent.setup();
    render(Settings, { dbPath: '' });
    await user.click(screen.getByTestId('group-toggle-1'));
    expect(await screen.findByTestId('group-retire-text')).toHaveTextContent('“第一党小组”还有 13 名党员');
    expect(calls.find(([c]) => c === 'member_list')![1].query).toMatchObject({ status: 'normal', group_id: 1 });
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(calls.some(([c]) => c === 'org_update_group')).toBe(false);
    await user.click(screen.getByTestId('group-toggle-1'));
    await user.click(await screen.findByTestId('group-retire-confirm'));
    await vi.waitFor(() => expect(calls.find(([c]) => c === 'org_update_group')![1]).toEqual({ id: 1, name: '第一党小组', active: false }));
  });

  it('shows the core’s message when the organisation name is cleared', async () => {
    mockIPC((cmd) => {
      if (cmd === 'org_update')
        throw { code: 'REQUIRED', message: '请填写组织名称', fields: [{ field: 'name', code: 'REQUIRED', message: '请填写组织名称' }] };
    });
    const user = userEvent.setup();
    render(Settings, { dbPath: '' });
    await user.clear(screen.getByLabelText(/组织名称/));
    await user.click(screen.getByRole('button', { name: '保存组织信息' }));
    expect(await screen.findByText('请填写组织名称')).toBeInTheDocument();
    expect(app.org?.name).toBe('东风村党支部');
  });
});
