// Layout rules that jsdom can check (widths come from the real app's screenshots; see the note in the report).
import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Calendar from '../meetings/Calendar.svelte';
import { fitColumns, type Column } from '../../lib/table';
import { loadApp } from '../../lib/fixtures.test-util';

// The registry's columns, as Members.svelte declares them.
const registry: Column[] = [
  ['pick', '2.4rem'], ['seq', '3.6rem'], ['name', 'minmax(5.5rem, 1fr)'], ['sex', '3.2rem'], ['age', '3.4rem'],
  ['group', 'minmax(6rem, 1fr)'], ['category', '5.4rem'], ['education', 'minmax(5rem, 1fr)'], ['join', '6.6rem'],
  ['identity', '5.6rem'], ['mgmt', '5.4rem'], ['phone', '8rem'], ['state', '5.6rem'],
].map(([key, width]) => ({ key, label: key, width }));
const drop = ['education', 'identity', 'join', 'category', 'mgmt', 'sex'];

describe('layout', () => {
  beforeEach(loadApp);

  it('大字模式 keeps 联系电话 and 状态 in a 1280-pixel window; normal text keeps every column', () => {
    // 1280 px window: the table gets about 990 px beside the navigation.
    const large = fitColumns(registry, 990, 18.75, drop).map((c) => c.key);
    expect(large).toContain('phone');
    expect(large).toContain('state');
    expect(large).toContain('name');
    expect(large.length).toBeLessThan(registry.length);
    expect(fitColumns(registry, 1100, 16, drop)).toHaveLength(registry.length);
    expect(fitColumns(registry, 0, 16, drop)).toHaveLength(registry.length); // not measured yet
  });

  it('the calendar marks the current month and brings it into view', async () => {
    const into = vi.fn();
    HTMLElement.prototype.scrollIntoView = into;
    const year = new Date().getFullYear();
    const month = new Date().getMonth() + 1;
    mockIPC((cmd) => {
      if (cmd === 'meeting_calendar')
        return {
          title: `${year}年组织生活落实情况`, today: `${year}-${String(month).padStart(2, '0')}-15`,
          months: Array.from({ length: 12 }, (_, i) => `${i + 1}月`), held: 0, planned: 0, due: 0, overdue: 0,
          rows: [{ kind: 'committee', kind_name: '支委会', frequency: 'monthly', frequency_name: '每月', from_month: 1, branch_id: 1, group_id: null, scope: '',
            cells: Array.from({ length: 12 }, (_, i) => {
              const start = `${year}-${String(i + 1).padStart(2, '0')}-01`;
              return { label: start.slice(0, 7), start, end: start, span: 1, status: 'not_yet', status_name: '未到期', meetings: [] };
            }) }],
        };
    });
    render(Calendar, { version: 0, onopen: () => {}, onnew: () => {} });
    await screen.findByText(`${year}年组织生活落实情况`);
    const current = screen.getByRole('columnheader', { name: `${month}月` });
    expect(current).toHaveAttribute('aria-current', 'date');
    expect(screen.getAllByRole('columnheader').filter((th) => th.getAttribute('aria-current'))).toHaveLength(1);
    await vi.waitFor(() => expect(into.mock.contexts).toContain(current));
  });
});
