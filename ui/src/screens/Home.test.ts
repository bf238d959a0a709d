import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Home from './Home.svelte';
import { loadApp } from '../lib/fixtures.test-util';

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
    expect(screen.getByTestId('more-names')).toHaveTextContent('等 12 人');
  });
});
