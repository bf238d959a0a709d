import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import ReasonDialog from './ReasonDialog.svelte';
import { ApiError } from './api/call';

describe('ReasonDialog', () => {
  it('shows the core’s refusal under the field and closes once it succeeds', async () => {
    const onclose = vi.fn();
    let calls = 0;
    const onconfirm = vi.fn(async (reason: string) => {
      calls++;
      if (!reason.trim()) throw new ApiError({ code: 'REQUIRED', message: '请填写冲正的原因（例如：登记错了月份）' });
    });
    const user = userEvent.setup();
    render(ReasonDialog, { title: '冲正交纳记录', text: '原记录保留', confirm: '确认冲正', onconfirm, onclose });
    await user.click(screen.getByRole('button', { name: '确认冲正' }));
    expect(await screen.findByText('请填写冲正的原因（例如：登记错了月份）')).toBeInTheDocument();
    expect(onclose).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/原因/), '月份登记错了');
    await user.click(screen.getByRole('button', { name: '确认冲正' }));
    expect(onconfirm).toHaveBeenLastCalledWith('月份登记错了');
    expect(onclose).toHaveBeenCalledOnce();
    expect(calls).toBe(2);
  });
});
