// 操作记录 in a big file: the member filter is a search box, not a dropdown of every member; 新增 rows expand.
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Safety from './Safety.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const N = 3_000;
const name = (i: number) => (i === 7 ? '王芳' : i === 9 ? '王芳芳' : `党员${i}`);
const member = (id: number) => ({
  id, name: name(id), sex: '2', birth_date: id === 7 ? '1980-03-02' : null, age: 50, id_number: null, phone: null, branch_id: 1, group_id: 1,
  category: 'full', status: 'normal', education: null, join_date: null, identity_class: null, position_nature: null, mgmt_type: null,
  age_band: null, education_band: null, party_post: null, missing: [], flagged: false,
});
const everyone = Array.from({ length: N }, (_, i) => member(i + 1));
const created = {
  id: 1, at: '2026-11-20T08:30:00', actor: '张建国', action: 'create', entity: 'member', entity_id: 7, before: null, after: '{}',
  action_name: '新增', entity_name: '党员', subject: '王芳',
  changes: [{ field: '姓名', before: '', after: '王芳' }, { field: '性别', before: '', after: '女' }],
};

describe('操作记录', () => {
  beforeEach(() => {
    loadApp();
    app.lock = { enabled: false, idle_minutes: 10 };
  });

  it('finds a member by typing and filters the log by that member', async () => {
    const audits: any[] = [];
    const searches: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'backup_list') return [];
      if (cmd === 'audit_query') return audits.push(args.query), { rows: [created], total: 1 };
      if (cmd === 'member_list') {
        searches.push(args.query);
        const q = args.query.search ?? '';
        const rows = everyone.filter((m) => m.name.includes(q));
        return { rows, total: rows.length, ref_date: '' };
      }
    });
    const user = userEvent.setup();
    render(Safety, { backupDir: '', startupBackup: '' });
    await screen.findByTestId('audit-count');
    // Nothing is listed until the secretary types: no dropdown of every member.
    expect(searches).toHaveLength(0);
    expect(screen.queryByRole('listbox')).toBeNull();
    const box = screen.getByRole('combobox', { name: '党员' });
    await user.type(box, '党员');
    // A common string lists a few and says how many more there are.
    expect(await screen.findByText(/还有 \d+ 人，请多输入几个字/)).toBeInTheDocument();
    expect(within(screen.getByRole('listbox')).getAllByRole('option').length).toBeLessThanOrEqual(12);
    await user.clear(box);
    await user.type(box, '王芳');
    await vi.waitFor(() => expect(within(screen.getByRole('listbox')).getAllByRole('option')).toHaveLength(2));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([expect.stringContaining('王芳'), expect.stringContaining('王芳芳')]);
    await user.click(options[0]);
    await vi.waitFor(() => expect(audits.at(-1).member_id).toBe(7));
    expect(box).toHaveValue('王芳');
    await user.click(screen.getByRole('button', { name: '清除党员' }));
    await vi.waitFor(() => expect(audits.at(-1).member_id).toBe(null));
  });

  it('a 新增 row expands to the fields it was created with', async () => {
    mockIPC((cmd) => {
      if (cmd === 'backup_list') return [];
      if (cmd === 'audit_query') return { rows: [created], total: 1 };
    });
    const user = userEvent.setup();
    render(Safety, { backupDir: '', startupBackup: '' });
    await user.click(await screen.findByTestId('audit-create'));
    const fields = screen.getByRole('table', { name: '新增的内容' });
    expect(within(fields).getByText('性别')).toBeInTheDocument();
    expect(within(fields).getByText('女')).toBeInTheDocument();
  });
});
