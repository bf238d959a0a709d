import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Members from './Members.svelte';
import { app } from '../../lib/app.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const row = (id: number, name: string, extra: object = {}) => ({
  id, name, sex: '1', birth_date: '1980-01-01', age: 46, id_number: null, phone: '13812345678', branch_id: 1, group_id: 1,
  category: 'full', status: 'normal', education: '20', join_date: '2005-07-01', identity_class: 'farmer',
  position_nature: null, mgmt_type: 'pioneer', age_band: 'middle', education_band: 'college', party_post: null,
  missing: [], flagged: false, ...extra,
});

describe('Members', () => {
  beforeEach(() => {
    loadApp();
    app.memberFilter = { status: 'normal' };
  });

  it('searches through the core and shows the count and rows', async () => {
    const queries: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') {
        queries.push(args.query);
        const rows = args.query.search === 'zs' ? [row(1, '张三')] : [row(1, '张三'), row(2, '王伟', { missing: ['学历'] })];
        return { rows, total: rows.length, ref_date: '2026-11-23' };
      }
    });
    const user = userEvent.setup();
    render(Members);
    expect(await screen.findByText('共 2 人')).toBeInTheDocument();
    expect(screen.getByText('王伟')).toBeInTheDocument();
    expect(screen.getByText('待完善')).toBeInTheDocument();
    expect(queries[0]).toMatchObject({ status: 'normal' });
    await user.type(screen.getByLabelText('查找党员'), 'zs');
    expect(await screen.findByText('共 1 人')).toBeInTheDocument();
    expect(queries.at(-1).search).toBe('zs');
    expect(screen.queryByText('王伟')).toBeNull();
  });

  it('opens the card of a member clicked in another screen (app.openMember), not only a list of the same name', async () => {
    const asked: number[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') return { rows: [row(2, '王芳'), row(7, '王芳', { birth_date: '1948-05-01' })], total: 2, ref_date: '2026-11-23' };
      if (cmd === 'member_detail') {
        asked.push(args.id);
        return undefined;
      }
    });
    app.openMember(7, '王芳');
    render(Members);
    await vi.waitFor(() => expect(asked).toEqual([7]));
    expect(app.memberToOpen).toBeNull();
    expect(app.memberFilter).toMatchObject({ search: '王芳', status: null });
  });

  it('passes filter chips to the query', async () => {
    const queries: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_list') {
        queries.push(args.query);
        return { rows: [], total: 0, ref_date: '2026-11-23' };
      }
    });
    const user = userEvent.setup();
    render(Members);
    await screen.findByText('共 0 人');
    await user.selectOptions(screen.getByLabelText('管理类型'), 'improve');
    await vi.waitFor(() => expect(queries.at(-1)).toMatchObject({ mgmt_type: 'improve', status: 'normal' }));
    expect(screen.getByText(/没有找到符合条件的党员/)).toBeInTheDocument();
  });

  it('shows the empty state when there are no members', async () => {
    mockIPC((cmd) => (cmd === 'member_list' ? { rows: [], total: 0, ref_date: '2026-11-23' } : undefined));
    render(Members);
    expect(await screen.findByText('还没有党员。可以点击“导入”把现有的 Excel 花名册一次导入，或点击“新增”逐个录入。')).toBeInTheDocument();
  });
});
