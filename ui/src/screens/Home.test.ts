import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import Home from './Home.svelte';
import { app } from '../lib/app.svelte';

describe('Home', () => {
  it('shows the first steps of an empty registry and opens the import', async () => {
    mockIPC((cmd) => {
      if (cmd === 'home_todos')
        return [{ key: 'first_steps', title: '第一步：建立党员名册', detail: '名册里还没有党员', count: 0, filter: null, names: [], page: 'members' }];
    });
    const user = userEvent.setup();
    render(Home);
    expect(await screen.findByText('第一步：建立党员名册')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '新增党员' })).toBeInTheDocument();
    expect(screen.getByText(/载入示例数据/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '导入花名册' }));
    expect(app.page).toBe('members');
    expect(app.membersDialog).toBe('import');
  });
});
