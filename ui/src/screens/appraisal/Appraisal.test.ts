import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import Appraisal from './Appraisal.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

// The year the screen opens on: this year in December, else last year.
const now = new Date();
const YEAR = now.getMonth() === 11 ? now.getFullYear() : now.getFullYear() - 1;
const STEPS = [['study', '学习培训'], ['self', '个人自评'], ['mutual', '党员互评'], ['vote', '民主测评'], ['decide', '组织评定'], ['follow', '表彰处理']];

const entry = (member_id: number, name: string, extra: Record<string, unknown> = {}) => ({
  member_id, name, probationary: false, votes: null, valid: null, excellent_rate: null, grade: null, grade_name: null,
  opinion: null, cap_reason: null, class_reason: null, ...extra,
});
const votes = (excellent: number, good: number, basic = 0, poor = 0, spoiled = 0) => ({ excellent, good, basic, poor, spoiled });
const opened = (extra: Record<string, unknown> = {}) => ({
  id: 7, year: YEAR, meeting_id: null, meeting: null, steps: STEPS.map(([key, name]) => ({ key, name, date: null })), note: null,
  full_members: 3, excellent_max: 1, excellent_count: 0,
  entries: [entry(1, '张建国'), entry(2, '王芳'), entry(3, '李强'), entry(4, '赵敏', { probationary: true })],
  actions: [], warnings: [], ...extra,
});

describe('民主评议', () => {
  beforeEach(loadApp);

  it('an unopened year explains the steps and opens that year’s appraisal', async () => {
    let sent: any = null;
    mockIPC((cmd, args: any) => {
      if (cmd === 'appraisal_years') return [];
      if (cmd === 'appraisal_show') return null;
      if (cmd === 'meeting_list') return [];
      if (cmd === 'appraisal_open') {
        sent = args.input;
        return opened();
      }
    });
    const user = userEvent.setup();
    render(Appraisal);
    const empty = await screen.findByTestId('appraisal-empty');
    expect(empty).toHaveTextContent('学习培训');
    expect(empty).toHaveTextContent('表彰处理');
    expect(screen.queryByTestId('appraisal-tallies')).toBeNull();
    await user.click(screen.getByRole('button', { name: `建立 ${YEAR} 年度民主评议` }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '建立' }));
    expect(sent).toMatchObject({ year: YEAR, meeting_id: null, steps: {} });
    expect(await screen.findByTestId('appraisal-tallies')).toBeInTheDocument();
    expect(screen.getByTestId('appraisal-summary')).toHaveTextContent('参评 4 人（正式党员 3，预备党员 1）');
    expect(screen.getByTestId('appraisal-summary')).toHaveTextContent('优秀名额 1 名');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a year already opened says so under the form, keeping it open', async () => {
    mockIPC((cmd) => {
      if (cmd === 'appraisal_show') return null;
      if (cmd === 'appraisal_open') throw { code: 'DUPLICATE', message: 'x', fields: [{ field: 'year', code: 'DUPLICATE', message: `${YEAR} 年度的民主评议已经建立` }] };
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.click(await screen.findByTestId('appraisal-open'));
    await user.click(screen.getByTestId('appraisal-open-save'));
    expect(await within(screen.getByRole('dialog')).findByText(`${YEAR} 年度的民主评议已经建立`)).toBeInTheDocument();
  });

  it('marks the 预备党员 in the tallies and does not let them be graded', async () => {
    mockIPC((cmd) => (cmd === 'appraisal_show' ? opened() : undefined));
    render(Appraisal);
    const table = await screen.findByTestId('appraisal-tallies');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['entry-1', 'entry-2', 'entry-3', 'entry-4']);
    expect(screen.getByTestId('entry-4')).toHaveTextContent('预备党员，不定等次');
    expect(screen.getByTestId('entry-1')).not.toHaveTextContent('预备党员');
    expect(screen.getByLabelText('赵敏 评定等次')).toBeDisabled();
    expect(screen.getByLabelText('张建国 评定等次')).toBeEnabled();
    // The 测评表 has no boxes for a 预备党员, so there are no votes to type.
    expect(screen.getByLabelText('赵敏 优秀票')).toBeDisabled();
    expect(screen.getByLabelText('张建国 优秀票')).toBeEnabled();
  });

  it('saves the typed votes of every row in one call and shows the core’s warning', async () => {
    let sent: any = null;
    mockIPC((cmd, args: any) => {
      if (cmd === 'appraisal_show') return opened();
      if (cmd === 'appraisal_tally') {
        sent = args;
        return opened({
          entries: [
            entry(1, '张建国', { votes: votes(2, 8), valid: 10, excellent_rate: '20.0%' }),
            entry(2, '王芳', { votes: votes(1, 7, 0, 0, 1), valid: 8, excellent_rate: '12.5%' }),
            entry(3, '李强'), entry(4, '赵敏', { probationary: true }),
          ],
          warnings: ['王芳的票数合计 9 张，与多数人的 10 张不同，请核对'],
        });
      }
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.type(await screen.findByLabelText('张建国 优秀票'), '2');
    await user.type(screen.getByLabelText('张建国 合格票'), '8');
    await user.type(screen.getByLabelText('王芳 优秀票'), '1');
    await user.type(screen.getByLabelText('王芳 合格票'), '7');
    await user.type(screen.getByLabelText('王芳 废票'), '1');
    expect(screen.getByTestId('tallies-unsaved')).toBeInTheDocument();
    await user.click(screen.getByTestId('appraisal-save-tallies'));
    expect(await screen.findByText('王芳的票数合计 9 张，与多数人的 10 张不同，请核对')).toBeInTheDocument();
    expect(sent).toEqual({
      id: 7,
      rows: [
        { member_id: 1, votes: votes(2, 8) },
        { member_id: 2, votes: votes(1, 7, 0, 0, 1) },
      ],
    });
    expect(screen.getByTestId('valid-1')).toHaveTextContent('10');
    expect(screen.getByTestId('rate-2')).toHaveTextContent('12.5%');
    expect(screen.getByLabelText('王芳 废票')).toHaveValue(1);
    expect(screen.queryByTestId('tallies-unsaved')).toBeNull();
  });

  it('a tally the core refuses keeps what was typed and says why', async () => {
    mockIPC((cmd) => {
      if (cmd === 'appraisal_show') return opened();
      if (cmd === 'appraisal_tally') throw { code: 'INVALID', message: 'x', fields: [{ field: 'votes', code: 'OUT_OF_RANGE', message: '张建国的票数太大，请核对' }] };
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.type(await screen.findByLabelText('张建国 优秀票'), '12000');
    await user.click(screen.getByTestId('appraisal-save-tallies'));
    expect(await screen.findByTestId('tallies-problems')).toHaveTextContent('张建国的票数太大，请核对');
    expect(screen.getByLabelText('张建国 优秀票')).toHaveValue(12000);
  });

  it('优秀 over the cap asks for 超出比例的理由 and saves again with it', async () => {
    const calls: any[] = [];
    const before = opened({ excellent_count: 1, entries: [entry(1, '张建国', { grade: 'excellent', grade_name: '优秀' }), entry(2, '王芳'), entry(3, '李强'), entry(4, '赵敏', { probationary: true })] });
    mockIPC((cmd, args: any) => {
      if (cmd === 'appraisal_show') return before;
      if (cmd === 'appraisal_grade') {
        calls.push(args.input);
        if (!args.input.cap_reason) {
          const message = '优秀名额为正式党员数的三分之一以内：3 名正式党员最多 1 名优秀，评定王芳后为 2 名。确需超出的，请填写理由';
          throw { code: 'INVALID', message: 'x', fields: [{ field: 'cap_reason', code: 'OVER_CAP', message }] };
        }
        return opened({
          excellent_count: 2,
          entries: [
            entry(1, '张建国', { grade: 'excellent', grade_name: '优秀' }),
            entry(2, '王芳', { grade: 'excellent', grade_name: '优秀', cap_reason: args.input.cap_reason, class_reason: `${YEAR} 年度民主评议评定为“优秀”` }),
            entry(3, '李强'), entry(4, '赵敏', { probationary: true }),
          ],
          warnings: ['优秀名额为正式党员数的三分之一以内：3 名正式党员最多 1 名优秀，评定王芳后为 2 名（已说明理由）'],
        });
      }
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.selectOptions(await screen.findByLabelText('王芳 评定等次'), 'excellent');
    const dialog = await screen.findByRole('dialog', { name: '组织评定：王芳' });
    const refusal = within(dialog).getByText(/最多 1 名优秀，评定王芳后为 2 名。确需超出的，请填写理由/);
    expect(refusal.closest('.field')).toHaveTextContent('超出比例的理由');
    expect(calls).toEqual([{ member_id: 2, grade: 'excellent', opinion: null, cap_reason: null }]);
    await user.type(within(dialog).getByLabelText(/超出比例的理由/), '抗洪抢险中带头作用突出');
    await user.click(within(dialog).getByRole('button', { name: '保存评定' }));
    expect(await screen.findByText(/评定王芳后为 2 名（已说明理由）/)).toBeInTheDocument();
    expect(calls[1]).toEqual({ member_id: 2, grade: 'excellent', opinion: null, cap_reason: '抗洪抢险中带头作用突出' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('appraisal-over-cap')).toHaveTextContent('超出比例');
    expect(screen.getByLabelText('王芳 评定等次')).toHaveValue('excellent');
    expect(screen.getByTestId('appraisal-reclass')).toHaveTextContent(`${YEAR} 年度民主评议评定为“优秀”`);
  });

  it('a grade opens the registry’s 管理类型 re-classification with the reason filled in', async () => {
    mockIPC((cmd) => {
      if (cmd === 'appraisal_show') return opened();
      if (cmd === 'appraisal_grade') {
        return opened({ excellent_count: 1, entries: [entry(1, '张建国'), entry(2, '王芳', { grade: 'excellent', grade_name: '优秀', class_reason: `${YEAR} 年度民主评议评定为“优秀”` }), entry(3, '李强'), entry(4, '赵敏', { probationary: true })] });
      }
      if (cmd === 'member_detail') return { record: { id: 2, name: '王芳', mgmt_type: 'growing', identity_class: 'farmer', position_nature: null, status: 'normal' } };
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.selectOptions(await screen.findByLabelText('王芳 评定等次'), 'excellent');
    await user.click(await screen.findByTestId('appraisal-reclass-open'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByDisplayValue(`${YEAR} 年度民主评议评定为“优秀”`)).toBeInTheDocument();
  });

  it('cancelling the reason puts the grade back', async () => {
    mockIPC((cmd) => {
      if (cmd === 'appraisal_show') return opened({ excellent_count: 1, entries: [entry(1, '张建国', { grade: 'excellent' }), entry(2, '王芳', { grade: 'good' })] });
      if (cmd === 'appraisal_grade') throw { code: 'INVALID', message: 'x', fields: [{ field: 'cap_reason', code: 'OVER_CAP', message: '请填写理由' }] };
    });
    const user = userEvent.setup();
    render(Appraisal);
    await user.selectOptions(await screen.findByLabelText('王芳 评定等次'), 'excellent');
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '取消' }));
    expect(screen.getByLabelText('王芳 评定等次')).toHaveValue('good');
  });

  it('records the 组织处置 of a member graded 不合格 and shows the 限期改正 end date', async () => {
    let sent: any = null;
    const poor = entry(3, '李强', { grade: 'poor', grade_name: '不合格' });
    mockIPC((cmd, args: any) => {
      if (cmd === 'appraisal_show') return opened({ entries: [entry(1, '张建国'), poor] });
      if (cmd === 'appraisal_act') {
        sent = args.input;
        if (args.input.already_punished) throw { code: 'INVALID', message: 'x', fields: [{ field: 'already_punished', code: 'PUNISHED', message: '同一问题已受党纪处分的，不再作组织处置' }] };
        return opened({
          entries: [entry(1, '张建国'), poor],
          actions: [{ id: 5, member_id: 3, name: '李强', kind: 'correct', kind_name: '限期改正', decided_on: `${YEAR + 1}-01-10`, months: 6, ends_on: `${YEAR + 1}-07-10`, matter: '长期不参加组织生活', note: null }],
        });
      }
    });
    const user = userEvent.setup();
    render(Appraisal);
    expect(screen.queryByTestId('act-1')).toBeNull();
    await user.click(await screen.findByTestId('act-3'));
    const dialog = screen.getByRole('dialog', { name: '组织处置：李强' });
    expect(within(dialog).getByLabelText(/期限（月）/)).toHaveValue(6);
    await user.clear(within(dialog).getByLabelText(/决定日期/));
    await user.type(within(dialog).getByLabelText(/决定日期/), `${YEAR + 1}-01-10`);
    await user.type(within(dialog).getByLabelText(/不合格的主要问题/), '长期不参加组织生活');
    await user.click(within(dialog).getByLabelText('该问题已受党纪处分'));
    await user.click(within(dialog).getByRole('button', { name: '保存处置' }));
    const refusal = await within(dialog).findByText('同一问题已受党纪处分的，不再作组织处置', { selector: '.field-error' });
    expect(refusal).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/不合格的主要问题/)).toHaveValue('长期不参加组织生活');
    await user.click(within(dialog).getByLabelText('该问题已受党纪处分'));
    await user.click(within(dialog).getByRole('button', { name: '保存处置' }));
    expect(await screen.findByTestId('action-saved')).toHaveTextContent(`限期改正 6 个月（${YEAR + 1}-01-10 决定，${YEAR + 1}-07-10 到期）`);
    expect(sent).toEqual({ member_id: 3, kind: 'correct', decided_on: `${YEAR + 1}-01-10`, months: 6, matter: '长期不参加组织生活', already_punished: false, note: null });
    const list = screen.getByTestId('appraisal-actions');
    expect(list).toHaveTextContent('李强');
    expect(list).toHaveTextContent(`${YEAR + 1}-07-10`);
  });
});
