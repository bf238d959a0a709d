import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Safety from './Safety.svelte';
import LockScreen from './LockScreen.svelte';
import { app } from '../../lib/app.svelte';
import { codes, loadApp, org, settings } from '../../lib/fixtures.test-util';

const backup = (file_name: string, kind_name: string, ok = true) => ({
  path: `/data/backups/${file_name}`, file_name, created: '2026-11-20 08:30', kind: 'auto', kind_name, size: 980_000,
  members: 56, schema_version: 3, ok, problem: ok ? null : '完整性检查未通过，这个备份已损坏',
});

describe('Safety', () => {
  beforeEach(() => {
    loadApp();
    app.lock = { enabled: false, idle_minutes: 10 };
  });

  it('restores a listed backup by its file name after a confirmation that names the consequence', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'backup_list') return [backup('branchbook-20261120-083000-auto.db', '自动备份'), backup('branchbook-20261101-083000-auto.db', '自动备份', false)];
      if (cmd === 'audit_query') return { rows: [], total: 0 };
      if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '' };
      if (cmd === 'backup_restore') return backup(args.fileName, '自动备份');
      // After a restore the app reloads what it shows.
      if (cmd === 'code_lists') return codes;
      if (cmd === 'org_get') return org;
      if (cmd === 'settings_get') return settings;
    });
    const user = userEvent.setup();
    render(Safety, { backupDir: '/data/backups', startupBackup: '今天已经自动备份过', dbPath: '/data/东风村.db' });
    expect(await screen.findByText('完整性检查未通过，这个备份已损坏')).toBeInTheDocument();
    // The open file by its own name, not the default one.
    expect(screen.getByText(/不要直接复制正在使用的 东风村\.db/)).toBeInTheDocument();
    const restoreButtons = screen.getAllByRole('button', { name: '恢复' });
    expect(restoreButtons).toHaveLength(1);
    await user.click(restoreButtons[0]);
    expect(screen.getByText(/之后录入和修改的内容将不在恢复后的数据中/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '确认恢复' }));
    await vi.waitFor(() => expect(calls.some(([c]) => c === 'backup_restore')).toBe(true));
    expect(calls.find(([c]) => c === 'backup_restore')![1]).toEqual({ fileName: 'branchbook-20261120-083000-auto.db' });
    expect(await screen.findByText(/已恢复到 2026-11-20 08:30 的备份/)).toBeInTheDocument();
    expect(calls.map(([c]) => c)).toContain('settings_get');
  });

  it('asks loudly, naming both branches, before restoring another branch\'s backup', async () => {
    const calls: [string, any][] = [];
    const other = '注意：备份“西山村-20261120-083000-manual.db”属于“西山村党支部”，不是当前的“东风村党支部”。确实要恢复吗？';
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'backup_list') return [];
      if (cmd === 'audit_query') return { rows: [], total: 0 };
      if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '' };
      if (cmd === 'backup_restore_file') {
        if (!args?.confirmOther) throw { code: 'OTHER_BRANCH', message: other, fields: [] };
        return backup('西山村-20261120-083000-manual.db', '手动备份');
      }
      if (cmd === 'code_lists') return codes;
      if (cmd === 'org_get') return org;
      if (cmd === 'settings_get') return settings;
    });
    const user = userEvent.setup();
    render(Safety, { backupDir: '/data/backups', startupBackup: '' });
    await user.click(screen.getByRole('button', { name: '从U盘或其他位置恢复…' }));
    const ask = await screen.findByTestId('other-branch');
    expect(ask).toHaveTextContent('西山村党支部');
    expect(ask).toHaveTextContent('东风村党支部');
    expect(calls.filter(([c]) => c === 'backup_restore_file')).toHaveLength(1);
    // 取消: nothing restored.
    await user.click(screen.getByRole('button', { name: '取消，不恢复' }));
    expect(screen.queryByTestId('other-branch')).toBeNull();
    expect(calls.filter(([c]) => c === 'backup_restore_file')).toHaveLength(1);
    // Asked again, and this time the explicit yes restores the file picked.
    await user.click(screen.getByRole('button', { name: '从U盘或其他位置恢复…' }));
    await user.click(await screen.findByRole('button', { name: '仍然恢复另一个支部的备份' }));
    await vi.waitFor(() => expect(calls.filter(([c]) => c === 'backup_restore_file')).toHaveLength(3));
    expect(calls.filter(([c]) => c === 'backup_restore_file')[2][1]).toEqual({ confirmOther: true });
    expect(await screen.findByText(/已恢复到 2026-11-20 08:30 的备份/)).toBeInTheDocument();
  });

  it('checks the repeated password before asking the core', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'backup_list') return [];
      if (cmd === 'audit_query') return { rows: [], total: 0 };
      if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '' };
      if (cmd === 'lock_set') return { enabled: true, idle_minutes: 10 };
    });
    const user = userEvent.setup();
    render(Safety, { backupDir: '', startupBackup: '' });
    await user.type(screen.getByLabelText('新密码'), 'dongfeng');
    await user.type(screen.getByLabelText('再输一次'), 'dongfenf');
    await user.click(screen.getByRole('button', { name: '开启密码锁' }));
    expect(screen.getByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(calls).not.toContain('lock_set');
    await user.clear(screen.getByLabelText('再输一次'));
    await user.type(screen.getByLabelText('再输一次'), 'dongfeng');
    await user.click(screen.getByRole('button', { name: '开启密码锁' }));
    expect(await screen.findByText(/已设置密码锁/)).toBeInTheDocument();
    expect(app.lock?.enabled).toBe(true);
  });
});

describe('LockScreen', () => {
  it('a wrong password is refused in Chinese and the field is cleared', async () => {
    mockIPC((cmd, args: any) => {
      if (cmd === 'lock_unlock') {
        if (args.password === 'dongfeng') return true;
        throw { code: 'WRONG_PASSWORD', message: '密码不正确，请重新输入', fields: [{ field: 'password', code: 'WRONG_PASSWORD', message: '密码不正确，请重新输入' }] };
      }
    });
    const onunlock = vi.fn();
    const user = userEvent.setup();
    render(LockScreen, { orgName: '东风村党支部', onunlock });
    await user.type(screen.getByLabelText('密码'), 'wrong{Enter}');
    expect(await screen.findByText('密码不正确，请重新输入')).toBeInTheDocument();
    expect(screen.getByLabelText('密码')).toHaveValue('');
    expect(onunlock).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('密码'), 'dongfeng{Enter}');
    await vi.waitFor(() => expect(onunlock).toHaveBeenCalled());
  });
});
