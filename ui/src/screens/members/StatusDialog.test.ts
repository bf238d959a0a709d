import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import StatusDialog from './StatusDialog.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

describe('StatusDialog', () => {
  beforeEach(loadApp);

  it('asks 转往组织 for 转出 and sends it', async () => {
    let sent: any;
    mockIPC((cmd, args: any) => {
      if (cmd === 'member_change_status') {
        sent = args.change;
        return {};
      }
    });
    const onsaved = vi.fn();
    const user = userEvent.setup();
    const member = { id: 7, name: '王芳', status: 'normal' } as any;
    render(StatusDialog, { member, onsaved, oncancel: vi.fn() });
    expect(screen.queryByLabelText(/转往组织/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/新的党籍状态/), 'transferred');
    await user.type(screen.getByLabelText(/转往组织/), '城南社区党支部');
    await user.type(screen.getByLabelText(/变动原因/), '随子女迁居');
    await user.click(screen.getByRole('button', { name: '确认变更' }));
    expect(sent).toMatchObject({ status: 'transferred', destination: '城南社区党支部', reason: '随子女迁居' });
    expect(onsaved).toHaveBeenCalled();
  });
});
