import userEvent from '@testing-library/user-event';
import { app } from '../../lib/app.svelte';
import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Home from './Home.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

describe('Home 约谈 card', () => {
  beforeEach(loadApp);

  it('lists at most the eight names the core sends, two members of the same name included, and says how many in all', async () => {
    const names = ['王芳：连续三个月年度累计积分低于60分', '王芳：连续三个月年度累计积分低于60分', '李建军：连续三个月积分排名末位', '张伟：连续三个月年度累计积分低于60分', '刘洋：连续三个月年度累计积分低于60分', '陈静：连续三个月年度累计积分低于60分', '杨勇：连续三个月年度累计积分低于60分', '黄丽：连续三个月年度累计积分低于60分'];
    mockIPC((cmd) => {
      if (cmd === 'home_todos')
        return [{ key: 'talk_alerts', title: '12 名党员需要约谈（2026年10月积分）', detail: '…', count: 12, filter: null, names, page: 'points' }];
    });
    render(Home);
    expect(await screen.findByText('12 名党员需要约谈（2026年10月积分）')).toBeInTheDocument();
    expect(screen.getAllByText(/^王芳：/)).toHaveLength(2);
    expect(screen.getByTestId('more-names')).toHaveTextContent('共 12 人');
  });

  describe("first steps", () => {
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

  it('a 回执 overdue opens 组织关系转接, a 政治生日 card opens its tab', async () => {
    mockIPC((cmd) => {
      if (cmd === 'home_todos')
        return [
          { key: 'transfer_receipt', title: '1 封组织关系介绍信的回执逾期未回', detail: '…', count: 1, filter: null, names: ['李建军（1971年生）：介绍信第 2026-001 号的回执应在 2026-11-30 前收回'], page: 'mobile' },
          { key: 'political_birthdays', title: '本月有 2 名党员过政治生日', detail: '…', count: 2, filter: null, names: ['王芳（12-17，入党 20 周年）'], page: 'care' },
        ];
    });
    const user = userEvent.setup();
    render(Home);
    const buttons = await screen.findAllByRole('button', { name: /去流动党员|去关爱帮扶/ });
    await user.click(buttons[0]);
    expect([app.page, app.mobileTab]).toEqual(['mobile', 'transfers']);
    await user.click(buttons[1]);
    expect([app.page, app.careTab]).toEqual(['care', 'birthdays']);
  });
});
