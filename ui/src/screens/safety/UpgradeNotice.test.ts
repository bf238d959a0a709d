// 升级说明 (issue 12): the first start after a new version upgraded the data file says so once, over the first screen.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { app } from '../../lib/app.svelte';
import { codes, loadApp, org, settings } from '../../lib/fixtures.test-util';
import type { UpgradeNotice } from '../../lib/api/types';

const notice: UpgradeNotice = {
  from_schema: 4,
  to_schema: 5,
  app_version: '0.1.0',
  at: '2026-12-03T08:30:05',
  backup: '/home/书记/.local/share/org.branchbook.desktop/backups/branchbook-20261203-083005-before-upgrade.db',
  changes: ['月度积分表按每次会议当时的应到名单统计，会议改期后积分随会议移到新的月份'],
};

function backend(upgrade: UpgradeNotice | null, calls: string[]) {
  mockIPC((cmd) => {
    calls.push(cmd);
    if (cmd === 'app_info')
      return { version: '0.1.0', db_path: '/tmp/x.db', backup_dir: '/tmp', schema_version: 5, set_up: true, open_error: null, latest_backup: null, locked: false, lock: { enabled: false, idle_minutes: 0 }, startup_backup: null, upgrade };
    if (cmd === 'code_lists') return codes;
    if (cmd === 'org_get') return org;
    if (cmd === 'settings_get') return settings;
    if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '2026-12-03' };
    if (cmd === 'roster_columns') return { all: [], default: [] };
    return null;
  });
}

describe('upgrade notice', () => {
  beforeEach(() => {
    loadApp();
    app.page = 'members';
  });

  it('says the data were kept, where the backup is and what changed, and is dismissed for good with 知道了', async () => {
    const calls: string[] = [];
    backend(notice, calls);
    const user = userEvent.setup();
    render(App);
    const dialog = await screen.findByRole('dialog', { name: '支部台账已升级' });
    const d = within(dialog);
    expect(d.getByText(/第 4 版 → 第 5 版/)).toBeInTheDocument();
    expect(d.getByText('原有数据全部保留。')).toBeInTheDocument();
    expect(d.getByText(notice.changes[0])).toBeInTheDocument();
    expect(d.getByText(notice.backup)).toBeInTheDocument();
    // The time in Chinese, whatever the machine's locale.
    expect(dialog.textContent).toContain('2026年12月3日 08:30');
    expect(calls).not.toContain('upgrade_dismiss');
    await user.click(d.getByRole('button', { name: '知道了' }));
    expect(screen.queryByRole('dialog', { name: '支部台账已升级' })).toBeNull();
    expect(calls.filter((c) => c === 'upgrade_dismiss')).toHaveLength(1);
  });

  it('Esc closes it and counts as read', async () => {
    const calls: string[] = [];
    backend(notice, calls);
    const user = userEvent.setup();
    render(App);
    await screen.findByRole('dialog', { name: '支部台账已升级' });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: '支部台账已升级' })).toBeNull();
    expect(calls).toContain('upgrade_dismiss');
  });

  it('is not shown when nothing was upgraded', async () => {
    const calls: string[] = [];
    backend(null, calls);
    render(App);
    await screen.findByRole('heading', { name: /党员名册|名册/ });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
