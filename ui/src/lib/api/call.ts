// The one transport between the UI and the Rust core: the only file that imports `invoke`. Every command goes through
// `call`, and every failure comes back as an ApiError carrying the core's code and Chinese sentence.
import { invoke } from '@tauri-apps/api/core';
import type { FieldError } from './types';

/** What every failed call carries: a stable code, a Chinese sentence, and per-field errors for forms. */
/** What to show for a failed call: the core's Chinese sentence, or the error as text. */
export function errorMessage(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

export class ApiError extends Error {
  code: string;
  fields: FieldError[];
  constructor(p: { code: string; message: string; fields?: FieldError[] }) {
    super(p.message);
    this.code = p.code;
    this.fields = p.fields ?? [];
  }
  /** field → message, for inline errors under form fields. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.fields) out[f.field] ??= f.message;
    return out;
  }
}

/** Runs one command of the core. The area files (`members.ts`, `meetings.ts`, …) are the only callers. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    if (e && typeof e === 'object' && 'code' in e && 'message' in e) throw new ApiError(e as any);
    throw new ApiError({ code: 'IPC_ERROR', message: `程序内部通信出错：${String(e)}。请重启支部台账后重试` });
  }
}
