import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import MemberForm from './MemberForm.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const checksumError = {
  code: 'ID_CHECKSUM',
  message: '公民身份号码校验位不正确，请核对最后一位（按前17位计算应为 X）',
  fields: [{ field: 'id_number', code: 'ID_CHECKSUM', message: '公民身份号码校验位不正确，请核对最后一位（按前17位计算应为 X）' }],
};

describe('MemberForm', () => {
  beforeEach(loadApp);

  it('shows the Chinese ID error beside the 公民身份号码 field and keeps the typed values', async () => {
    const calls: any[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === 'member_create') throw checksumError;
    });
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    await user.type(screen.getByLabelText(/姓名/), '张三');
    await user.type(screen.getByLabelText(/公民身份号码/), '340524198001010010');
    await user.click(screen.getByRole('button', { name: '保存' }));

    const idInput = screen.getByLabelText(/公民身份号码/);
    const field = idInput.closest('.field') as HTMLElement;
    expect(within(field).getByRole('alert')).toHaveTextContent('公民身份号码校验位不正确，请核对最后一位');
    expect(idInput).toHaveAttribute('aria-invalid', 'true');
    expect(idInput).toHaveFocus();
    expect(idInput).toHaveValue('340524198001010010');
    expect(screen.getByLabelText(/姓名/)).toHaveValue('张三');
    expect(calls.find((c) => c.cmd === 'member_create').args.input.id_number).toBe('340524198001010010');
  });

  it('offers to keep a number confirmed against the card, and sends that confirmation', async () => {
    const sent: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd !== 'member_create') return;
      sent.push(args.input);
      if (!args.input.id_check_confirmed) throw checksumError;
      return { id: 7, name: args.input.name };
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    render(MemberForm, { onsaved, oncancel: vi.fn() });
    await user.type(screen.getByLabelText(/姓名/), '张三');
    await user.type(screen.getByLabelText(/公民身份号码/), '340524198001010010');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await user.click(await screen.findByLabelText(/已核对身份证原件/));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(sent.map((i) => i.id_check_confirmed)).toEqual([false, true]);
    expect(onsaved).toHaveBeenCalledWith({ id: 7, name: '张三' });
  });

  it('moves to the next field on Enter, saves on Ctrl+S and cancels on Esc', async () => {
    const created: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_create') {
        created.push(args.input);
        return { id: 1, name: args.input.name };
      }
    });
    const oncancel = vi.fn();
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel });
    const name = screen.getByLabelText(/姓名/);
    await user.click(name);
    await user.keyboard('王伟{Enter}');
    expect(screen.getByLabelText(/公民身份号码/)).toHaveFocus();
    await user.keyboard('{Control>}s{/Control}');
    expect(created).toHaveLength(1);
    expect(created[0].name).toBe('王伟');
    expect(created[0].tags).toEqual([]);
    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalled();
  });

  it('asks before a stray Esc throws away what was typed', async () => {
    const oncancel = vi.fn();
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel });
    await user.click(screen.getByLabelText(/姓名/));
    await user.keyboard('王伟{Escape}');
    expect(oncancel).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('再按一次 Esc 放弃修改');
    // Issue 25 §4: the warning stands under the field being edited, not at the foot of a long form.
    expect(screen.getByRole('alert').previousElementSibling).toContainElement(screen.getByLabelText(/姓名/));
    expect(screen.getByLabelText(/姓名/)).toHaveValue('王伟');
    await user.keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('× and 取消 ask before throwing away what was typed (issue 25 §4)', async () => {
    const oncancel = vi.fn();
    const user = userEvent.setup();
    render(MemberForm, { onsaved: vi.fn(), oncancel });
    await user.type(screen.getByLabelText(/姓名/), '王伟');
    await user.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.getByTestId('discard-ask')).toHaveTextContent('有还没保存的修改，要放弃吗？');
    expect(oncancel).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: '继续编辑' }));
    expect(screen.queryByTestId('discard-ask')).toBeNull();
    expect(screen.getByLabelText(/姓名/)).toHaveValue('王伟');
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(oncancel).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('discard-confirm'));
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('gives every control a visible label', () => {
    mockIPC(() => {});
    const { container } = render(MemberForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    const controls = container.querySelectorAll('input, select, textarea');
    expect(controls.length).toBeGreaterThan(20);
    for (const el of controls) {
      const labels = (el as HTMLInputElement).labels;
      expect(labels && labels.length, `control #${el.id} has a label`).toBeGreaterThan(0);
      expect(labels![0].textContent!.trim().length).toBeGreaterThan(0);
    }
  });

  it('asks for a reason when an edit changes a classification, and sends it with the edit', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_update') {
        sent = args;
        return { id: 3, name: '李四' };
      }
    });
    const user = userEvent.setup();
    const member: any = {
      id: 3, name: '李四', mgmt_type: 'pioneer', identity_class: 'farmer', position_nature: null, tags: [], status: 'normal',
      created_at: '2026-01-01T08:00:00', updated_at: '2026-01-01T08:00:00',
    };
    render(MemberForm, { member, onsaved: vi.fn(), oncancel: vi.fn() });
    expect(screen.queryByLabelText(/调整原因/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/管理类型/), 'improve');
    await user.type(screen.getByLabelText(/调整原因/), '第四季度复核');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(sent.id).toBe(3);
    expect(sent.classReason).toBe('第四季度复核');
    expect(sent.input.mgmt_type).toBe('improve');
    // only the member's own data goes to the core, which refuses unknown fields
    expect(Object.keys(sent.input)).not.toContain('status');
    expect(Object.keys(sent.input)).not.toContain('created_at');
  });
});
