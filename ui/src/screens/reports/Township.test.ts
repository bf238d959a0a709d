import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import Township from './Township.svelte';
import { reportsState } from './state.svelte';

const branch = (name: string, file: string, extra: Record<string, unknown> = {}) => ({
  id: file, branch: name, file, superior: '中共城关镇委员会', year: 2026, report_date: '2026-12-31', template_year: 2025,
  exported_at: '2027-01-05T09:30:12', members: 30, included: true, status: 'included', ...extra,
});

const merged = {
  year: 2026,
  template_year: 2025,
  branches: [
    branch('东风村党支部', '东风村.xlsx'),
    branch('红旗村党支部', '红旗村.xlsx', { members: 25 }),
    branch('前进村党支部', '前进村.xlsx', { year: 2025, report_date: '2025-12-31', included: false, status: 'other' }),
  ],
  tables: [
    {
      no: 2,
      title: '党员基本情况',
      columns: ['党员总数', '女'],
      rows: [
        { branch: '东风村党支部', values: [30, 8] },
        { branch: '红旗村党支部', values: [25, 6] },
      ],
      total: [54, 14],
    },
  ],
  problems: [
    { kind: 'missing', branch: '胜利村党支部', text: '胜利村党支部：没有收到上报包' },
    { kind: 'year', branch: '前进村党支部', text: '前进村.xlsx：这是 2025 年度的上报包，本次汇总 2026 年度，未计入合计' },
    { kind: 'duplicate_person', branch: '红旗村党支部', text: '王芳同时在东风村党支部和红旗村党支部，合计中只算一次' },
  ],
  checks: [{ table: 1, rule: '表1 年底实有与表2、表3、表4 的党员总数一致', ok: false, detail: '表1 55，表2 54', members: [] }],
};

describe('乡镇汇总', () => {
  beforeEach(() => reportsState.reset());

  it('choose → 汇总 shows who reported, the problems by kind, and each table with its 合计; 保存汇总表 saves it', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: ['东风村党支部', '红旗村党支部', '胜利村党支部'] };
      if (cmd === 'township_choose') return ['东风村.xlsx', '红旗村.xlsx', '前进村.xlsx'];
      if (cmd === 'township_merge') return merged;
      if (cmd === 'township_save') return 'D:\\汇总\\中共城关镇委员会2026年党内统计汇总.xlsx';
    });
    const user = userEvent.setup();
    render(Township);
    expect(screen.getByText(/只读取，不修改文件/)).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.getByTestId('township-expected')).toHaveValue('东风村党支部\n红旗村党支部\n胜利村党支部'));
    expect(screen.getByTestId('township-chosen')).toHaveTextContent('还没有选择上报包');
    expect(screen.getByTestId('township-save')).toBeDisabled();

    await user.click(screen.getByTestId('township-folder'));
    expect(await screen.findByText('已选择 3 个文件：')).toBeInTheDocument();
    expect(calls.find(([c]) => c === 'township_choose')![1]).toEqual({ folder: true });
    expect(screen.getByTestId('township-chosen')).toHaveTextContent('前进村.xlsx');

    await user.click(screen.getByTestId('township-merge'));
    const table = await screen.findByTestId('township-table-2');
    // Nothing changed in the settings: merging does not write them.
    expect(calls.some(([c]) => c === 'township_settings_put')).toBe(false);

    expect(screen.getByTestId('township-summary')).toHaveTextContent('读取 3 个上报包（3 个支部），已汇总 2 个支部。');
    expect(screen.getByTestId('township-branch-0')).toHaveTextContent('2027-01-05 09:30');
    expect(screen.getByTestId('township-branch-0')).toHaveTextContent('已汇总');
    expect(screen.getByTestId('township-branch-2')).toHaveTextContent('未计入');

    expect(screen.getByRole('heading', { name: '问题（3 个）' })).toBeInTheDocument();
    expect(within(screen.getByTestId('township-problems-missing')).getByRole('heading')).toHaveTextContent('未上报（1）');
    expect(screen.getByTestId('township-problems-missing')).toHaveTextContent('胜利村党支部：没有收到上报包');
    expect(within(screen.getByTestId('township-problems-year')).getByRole('heading')).toHaveTextContent('年度不同');
    expect(within(screen.getByTestId('township-problems-duplicate_person')).getByRole('heading')).toHaveTextContent('同一党员在两个支部');
    expect(screen.queryByTestId('township-problems-check')).toBeNull();

    expect(screen.getByTestId('township-checks')).toHaveTextContent('未通过');
    expect(screen.getByTestId('township-checks')).toHaveTextContent('表1 55，表2 54');

    const rows = within(table).getAllByRole('row');
    const cells = (r: HTMLElement) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim());
    expect(rows.map(cells)).toEqual([
      ['支部', '党员总数', '女'],
      ['东风村党支部', '30', '8'],
      ['红旗村党支部', '25', '6'],
      ['合计', '54', '14'],
    ]);
    expect(within(table).getByTestId('township-total-2')).toHaveClass('total');

    await user.click(screen.getByTestId('township-save'));
    expect(await screen.findByText(/已保存到 .*党内统计汇总\.xlsx/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '打开文件' })).toBeInTheDocument();
    expect(calls.filter(([c]) => c === 'township_save')).toHaveLength(1);
  });

  it('counts branches, not files; shortens long problem groups; explains a 合计 with a person counted once', async () => {
    const dup = (i: number) => ({ kind: 'duplicate_person', branch: '红旗村党支部', text: `党员${i}（3201**********${i}）同时在东风村党支部和红旗村党支部的统计中` });
    mockIPC((cmd) => {
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: [] };
      if (cmd === 'township_choose') return ['东风村.xlsx', '东风村（重新导出）.xlsx', '红旗村.xlsx'];
      if (cmd === 'township_merge')
        return {
          ...merged,
          branches: [
            branch('东风村党支部', '东风村.xlsx', { included: false, status: 'not_chosen' }),
            branch('东风村党支部', '东风村（重新导出）.xlsx'),
            branch('红旗村党支部', '红旗村.xlsx', { superior: '' }),
          ],
          problems: [
            { kind: 'twice', branch: '东风村党支部', text: '东风村.xlsx：东风村党支部重复上报，按导出时间较晚的一份汇总' },
            { kind: 'superior', branch: '红旗村党支部', text: '红旗村党支部：上报包没有填写上级党委，请核实是否为本乡镇的支部' },
            { kind: 'date', branch: '前进村党支部', text: '前进村.xlsx：统计截止日期为 2026-11-30，与其他支部（2026-12-31）不同，不能相加，未计入合计' },
            ...Array.from({ length: 7 }, (_, i) => dup(i + 1)),
          ],
        };
    });
    const user = userEvent.setup();
    render(Township);
    await user.click(screen.getByTestId('township-files'));
    await screen.findByText('已选择 3 个文件：');
    await user.click(screen.getByTestId('township-merge'));
    await screen.findByTestId('township-table-2');
    expect(screen.getByTestId('township-summary')).toHaveTextContent('读取 3 个上报包（2 个支部），已汇总 2 个支部。');

    const heading = (kind: string) => within(screen.getByTestId(`township-problems-${kind}`)).getByRole('heading');
    expect(heading('superior')).toHaveTextContent('上级党委不一致（1）');
    expect(heading('date')).toHaveTextContent('截止日期不同（1）');
    expect(screen.queryByTestId('township-problems-other')).toBeNull();

    const dups = screen.getByTestId('township-problems-duplicate_person');
    expect(within(dups).getAllByRole('listitem')).toHaveLength(5);
    expect(dups).not.toHaveTextContent('党员6');
    const more = within(dups).getByRole('button', { name: '展开全部（共 7 条）' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(within(dups).getAllByRole('listitem')).toHaveLength(7);
    await user.click(within(dups).getByRole('button', { name: '收起' }));
    expect(within(dups).getAllByRole('listitem')).toHaveLength(5);
    // A short group has no button.
    expect(within(screen.getByTestId('township-problems-twice')).queryByRole('button')).toBeNull();

    // 54 ≠ 30 + 25 on screen is explained beside the tables.
    expect(screen.getByTestId('township-duplicate-note')).toHaveTextContent('合计中同一党员只计一次（有 7 人同时出现在两个支部的统计中，见上方问题）');
  });

  it('two packages of one branch wait side by side; 计入这一份 merges again with that choice, and saving keeps it', async () => {
    const calls: [string, any][] = [];
    const waiting = {
      ...merged,
      branches: [
        branch('东风村党支部', '东风村.xlsx', { included: false, status: 'choose', members: 30 }),
        branch('东风村党支部', '东风村（另一份）.xlsx', { included: false, status: 'choose', members: 12, exported_at: '2027-01-09T10:00:00' }),
        branch('改数村党支部', '改数村.xlsx', { included: false, status: 'rejected' }),
      ],
      problems: [
        { kind: 'twice', branch: '东风村党支部', text: '东风村党支部：有 2 个不同的上报包，都未计入合计；请核实后在上报情况中选择计入哪一个' },
        { kind: 'tampered', branch: '改数村党支部', text: '改数村党支部（改数村.xlsx）：表2“女”在可见表格中为 15，在隐藏数据中为 1。上报包在导出后被改动过，未计入合计' },
      ],
    };
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'township_settings') return { superior: '中共城关镇委员会', expected: [] };
      if (cmd === 'township_choose') return ['东风村.xlsx', '东风村（另一份）.xlsx', '改数村.xlsx'];
      if (cmd === 'township_merge') {
        if (!args.chosen?.length) return waiting;
        return { ...waiting, branches: [branch('东风村党支部', '东风村.xlsx'), branch('东风村党支部', '东风村（另一份）.xlsx', { included: false, status: 'not_chosen' }), waiting.branches[2]] };
      }
      if (cmd === 'township_save') return 'D:\\汇总.xlsx';
    });
    const user = userEvent.setup();
    render(Township);
    await user.click(screen.getByTestId('township-files'));
    await user.click(await screen.findByTestId('township-merge'));
    await screen.findByTestId('township-branches');
    expect(calls.find(([c]) => c === 'township_merge')![1]).toEqual({ chosen: [] });
    expect(screen.getByTestId('township-branch-0')).toHaveTextContent('待选择：同一支部有多份');
    expect(screen.getByTestId('township-branch-1')).toHaveTextContent('2027-01-09 10:00');
    expect(screen.getByTestId('township-branch-2')).toHaveTextContent('未计入：被改动或数字不合理');
    expect(screen.queryByTestId('township-pick-2')).toBeNull();
    expect(within(screen.getByTestId('township-problems-tampered')).getByRole('heading')).toHaveTextContent('上报包被改动（未计入合计）（1）');
    expect(screen.getByTestId('township-none')).toHaveTextContent('同一支部有多份不同的上报包，请在下面选择计入哪一份');
    // The choice stands above the table, where 大字模式 cannot scroll it out of view.
    const choose = screen.getByTestId('township-choose');
    expect(choose).toHaveTextContent('“东风村（另一份）.xlsx”，导出于 2027-01-09 10:00，年底党员 12 人');
    expect(within(choose).getAllByRole('button', { name: '计入这一份' })).toHaveLength(2);

    await user.click(screen.getByTestId('township-pick-0'));
    await vi.waitFor(() => expect(screen.getByTestId('township-branch-0')).toHaveTextContent('已汇总'));
    expect(calls.filter(([c]) => c === 'township_merge').at(-1)![1]).toEqual({ chosen: ['东风村.xlsx'] });
    expect(screen.getByTestId('township-branch-1')).toHaveTextContent('未计入：已选另一份');
    // Changing one's mind replaces the branch's choice, never adds a second.
    await user.click(screen.getByTestId('township-pick-1'));
    await vi.waitFor(() => expect(calls.filter(([c]) => c === 'township_merge').at(-1)![1]).toEqual({ chosen: ['东风村（另一份）.xlsx'] }));
    await user.click(screen.getByTestId('township-save'));
    await vi.waitFor(() => expect(calls.find(([c]) => c === 'township_save')![1]).toEqual({ chosen: ['东风村（另一份）.xlsx'] }));
  });

  it('an edited 应报支部 list is saved before merging, one branch a line', async () => {
    const calls: [string, any][] = [];
    mockIPC((cmd, args: any) => {
      calls.push([cmd, args]);
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'township_settings_put') return args.settings;
      if (cmd === 'township_choose') return ['东风村.xlsx'];
      if (cmd === 'township_merge') return { ...merged, problems: [] };
    });
    const user = userEvent.setup();
    render(Township);
    await vi.waitFor(() => expect(calls.some(([c]) => c === 'township_settings')).toBe(true));
    await user.click(screen.getByTestId('township-files'));
    await screen.findByText('已选择 1 个文件：');
    expect(calls.find(([c]) => c === 'township_choose')![1]).toEqual({ folder: false });
    await user.type(screen.getByTestId('township-expected'), ' 东风村党支部 {Enter}{Enter}红旗村党支部{Enter}东风村党支部');
    await user.type(screen.getByTestId('township-superior'), '中共城关镇委员会');
    await user.click(screen.getByTestId('township-merge'));
    await screen.findByTestId('township-table-2');
    const puts = calls.filter(([c]) => c === 'township_settings_put');
    expect(puts.at(-1)![1]).toEqual({ settings: { superior: '中共城关镇委员会', expected: ['东风村党支部', '红旗村党支部'] } });
    const order = calls.map(([c]) => c);
    expect(order.lastIndexOf('township_settings_put')).toBeLessThan(order.indexOf('township_merge'));
    expect(screen.getByTestId('township-problems')).toHaveTextContent('没有发现问题');
    expect(screen.queryByTestId('township-duplicate-note')).toBeNull();
  });

  it('says so when no package can be summed, and shows the core’s sentence when nothing was chosen', async () => {
    let chosen = false;
    mockIPC((cmd) => {
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'township_choose') return (chosen = true), ['前进村.xlsx'];
      if (cmd === 'township_merge') {
        if (!chosen) throw { code: 'REQUIRED', message: '请先选择各支部的上报包（文件或文件夹）', fields: [] };
        return { ...merged, branches: [merged.branches[2]], tables: [], checks: [], problems: [merged.problems[1]] };
      }
    });
    const user = userEvent.setup();
    render(Township);
    await user.click(screen.getByTestId('township-merge'));
    expect(await screen.findByTestId('township-error')).toHaveTextContent('请先选择各支部的上报包');

    await user.click(screen.getByTestId('township-files'));
    await screen.findByText('已选择 1 个文件：');
    await user.click(screen.getByTestId('township-merge'));
    expect(await screen.findByTestId('township-none')).toHaveTextContent('没有一个上报包能计入合计');
    expect(screen.queryByTestId('township-error')).toBeNull();
    expect(screen.getByTestId('township-problems-year')).toHaveTextContent('未计入合计');
    expect(screen.queryByTestId('township-checks')).toBeNull();
  });

  it('a cancelled dialog keeps the earlier choice', async () => {
    let answer: string[] | null = ['东风村.xlsx'];
    mockIPC((cmd) => {
      if (cmd === 'township_settings') return { superior: '', expected: [] };
      if (cmd === 'township_choose') return answer;
    });
    const user = userEvent.setup();
    render(Township);
    await user.click(screen.getByTestId('township-files'));
    await screen.findByText('已选择 1 个文件：');
    answer = null;
    await user.click(screen.getByTestId('township-folder'));
    await vi.waitFor(() => expect(screen.getByTestId('township-folder')).toBeEnabled());
    expect(screen.getByTestId('township-chosen')).toHaveTextContent('东风村.xlsx');
  });
});
