import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Development from './Development.svelte';
import PersonPane from './PersonPane.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const person = (id: number, name: string, role: string, next: Record<string, unknown> | null, steps = 1) => ({
  id, name, sex: '1', birth_date: '1998-05-01', education: null, employer: null, group_id: null, member_id: null, state: 'active', stop_reason: null,
  ethnicity: null, phone: null, stage: 1, stage_name: '申请入党', role,
  steps: Array.from({ length: steps }, (_, i) => ({ id: i + 1, step: i + 1, name: `步骤${i + 1}`, date: `2026-0${i + 1}-01`, actor: null, record: null, doc_no: null, people: [], passed: null, training_days: null, training_hours: null, notice_to: null, vote: null, outcome: null, extension_months: null })),
  next, probation_end: null,
});

describe('发展党员', () => {
  beforeEach(loadApp);

  it('shows who is at which step, what is due by when, and what is overdue', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dev_board') {
        return [
          person(1, '陈佳怡', '申请人', { step: 2, name: '党组织派人谈话', due: '2026-11-20', earliest: null, overdue: true, rule: '收到申请书后 1 个月内派人谈话' }),
          person(2, '孙婷婷', '入党积极分子', { step: 7, name: '确定发展对象', due: null, earliest: '2027-04-04', overdue: false, rule: '' }, 6),
        ];
      }
    });
    render(Development);
    const overdue = await screen.findByTestId('dev-row-1');
    expect(overdue).toHaveTextContent('第 2 步 党组织派人谈话');
    expect(overdue).toHaveTextContent('2026-11-20 前');
    expect(overdue).toHaveTextContent('逾期');
    expect(screen.getByTestId('dev-row-2')).toHaveTextContent('2027-04-04 起');
  });

  it('puts the core’s refusal under the step it is about', async () => {
    mockIPC((cmd) => {
      if (cmd === 'dev_show') return person(1, '王小明', '申请人', { step: 2, name: '党组织派人谈话', due: '2026-11-20', earliest: null, overdue: false, rule: '' });
      if (cmd === 'member_list') return { rows: [], total: 0, ref_date: '' };
      if (cmd === 'dev_step') throw { code: 'OUT_OF_ORDER', message: '还没有记录第 2 步“党组织派人谈话”，不能先记录第 4 步“上级党委备案”', fields: [{ field: 'step', code: 'OUT_OF_ORDER', message: '还没有记录第 2 步“党组织派人谈话”，不能先记录第 4 步“上级党委备案”' }] };
    });
    const user = userEvent.setup();
    render(PersonPane, { id: 1, onclose: () => {}, onchanged: () => {} });
    await screen.findByTestId('dev-next');
    await user.selectOptions(screen.getByLabelText('步骤'), '4');
    await user.click(screen.getByTestId('dev-step-save'));
    const errors = await screen.findAllByText(/不能先记录第 4 步/);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(errors[0].closest('.field')).not.toBeNull();
  });
});
