// Texts that promised what did not exist, or said the same thing two ways (issue 10, section 8 "Text").
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Settings from '../settings/Settings.svelte';
import ComingSoon from './ComingSoon.svelte';
import Members from '../members/Members.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

describe('texts', () => {
  beforeEach(() => {
    loadApp();
    app.memberFilter = { status: 'normal' };
  });

  it('设置→数据文件 describes the backups that exist and sends to 数据安全', async () => {
    mockIPC(() => []);
    render(Settings, { dbPath: '/data/branchbook.db' });
    const text = screen.getByTestId('db-backup-text').textContent ?? '';
    expect(text).toContain('自动备份');
    expect(text).not.toMatch(/将在|复制整个文件夹/);
    await userEvent.setup().click(screen.getByRole('button', { name: '去数据安全' }));
    expect(app.page).toBe('safety');
  });

  it('a coming-soon page points to every area that works today', async () => {
    render(ComingSoon, { title: '党费' });
    for (const name of ['党员名册', '分类管理', '组织生活', '积分管理', '数据安全']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: '积分管理' }));
    expect(app.page).toBe('points');
  });

  it('an empty class is called 未分类 on every filter of the registry, as on 分类管理', async () => {
    mockIPC((cmd) => (cmd === 'member_list' ? { rows: [], total: 0, ref_date: '2026-11-23' } : undefined));
    render(Members);
    await screen.findByText('共 0 人');
    for (const label of ['身份类别', '学历段', '岗位性质', '管理类型']) {
      const none = [...(screen.getByLabelText(label) as HTMLSelectElement).options].find((o) => o.value === 'none');
      expect(none?.textContent, label).toBe('未分类');
    }
  });
});
