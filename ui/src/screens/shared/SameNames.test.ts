// Two members with the same name (两个王芳) are common in a village. Every list is keyed by id (or by position when
// the core sends bare strings); a list keyed by the display string threw each_key_duplicate and blanked the screen.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Home from '../reports/Home.svelte';
import Ledger from '../points/Ledger.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const todo = (key: string, names: string[], page: string | null = 'points') => ({
  key, title: key === 'talks' ? '约谈提醒' : '待完善信息', detail: `${names.length} 人`, count: names.length, filter: null, names, page,
});
const member = (id: number, name: string) => ({
  id, name, sex: '2', birth_date: null, age: 50, id_number: null, phone: null, branch_id: 1, group_id: 1, category: 'full',
  status: 'normal', education: null, join_date: null, identity_class: null, position_nature: null, mgmt_type: null,
  age_band: null, education_band: null, party_post: null, missing: [], flagged: false,
});

describe('two members named 王芳', () => {
  beforeEach(loadApp);

  it('home lists both on the 约谈 card and the other cards', async () => {
    mockIPC((cmd) => {
      if (cmd === 'home_todos') return [todo('talks', ['王芳', '王芳', '李强']), todo('members_incomplete', ['王芳', '王芳'], null)];
    });
    render(Home);
    const card = await screen.findByTestId('todo-talks');
    expect([...card.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['王芳', '王芳', '李强']);
    expect(screen.getByTestId('todo-members_incomplete')).toHaveTextContent('王芳、王芳');
  });

  it('积分录入 shows both when the monthly cap cut both', async () => {
    const rule = { id: 5, name: '志愿服务', category: 'bonus', points: 1, unit: 'hour', monthly_cap: 10, meeting_kinds: [], attendance: null, active: true };
    const capped = '王芳：志愿服务本月已达上限，本次记 1 分（应得 3 分）';
    mockIPC((cmd, args: any) => {
      if (cmd === 'points_rules') return [rule];
      if (cmd === 'member_list') return { rows: [member(1, '王芳'), member(2, '王芳')], total: 2, ref_date: '' };
      if (cmd === 'points_entries') return [];
      if (cmd === 'points_add') return { entries: [], capped: [capped, capped] };
      return args;
    });
    const user = userEvent.setup();
    render(Ledger, { onchanged: () => {} });
    await screen.findByRole('option', { name: /志愿服务/ });
    await user.click(screen.getByRole('button', { name: /保存/ }));
    const result = await screen.findByTestId('add-result');
    expect(result.querySelectorAll('div')).toHaveLength(2);
  });
});
