/// <reference types="vite/client" />
// The seam: what a failed command becomes, and that every command goes through call.ts and an area file.
import { mockIPC } from '@tauri-apps/api/mocks';
import { describe, expect, it } from 'vitest';
import { ApiError, call } from './call';

const sources = import.meta.glob('/src/**/*.{ts,svelte}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('call', () => {
  it("turns the core's error into an ApiError with its code, sentence and field errors", async () => {
    mockIPC(() => {
      throw { code: 'VALIDATION', message: '请检查标红的栏目', fields: [{ field: 'name', code: 'REQUIRED', message: '请填写姓名' }] };
    });
    const e = (await call('member_create', { input: {} }).catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('请检查标红的栏目');
    expect(e.byField()).toEqual({ name: '请填写姓名' });
  });

  it('names a failure that did not come from the core as IPC_ERROR, in Chinese', async () => {
    mockIPC(() => {
      throw 'boom';
    });
    const e = (await call('app_info').catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('IPC_ERROR');
    expect(e.message).toBe('程序内部通信出错：boom。请重启支部台账后重试');
    expect(e.fields).toEqual([]);
  });

  it('is the only file that imports invoke, and only the area files call it', () => {
    const files = Object.keys(sources).filter((f) => !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => /@tauri-apps\/api\/core/.test(sources[f]))).toEqual(['/src/lib/api/call.ts']);
    const callers = files.filter((f) => /import\s*\{[^}]*\bcall\b[^}]*\}\s*from\s*'[^']*\/call'/.test(sources[f]));
    expect(callers.length).toBeGreaterThan(0);
    expect(callers.filter((f) => !/^\/src\/lib\/api\/\w+\.ts$/.test(f))).toEqual([]);
  });
});
