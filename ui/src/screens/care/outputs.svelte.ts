// The three ways every 关爱帮扶 table leaves the app: 打印 (the print preview), 存为 Excel and 存为 PDF (both through
// the save dialog in Rust). One busy flag, so a second click waits for the first; the error or the saved path shows
// where the buttons are.
import { ApiError } from '../../lib/api/call';
import { care } from '../../lib/api/care';
import { pdf } from '../../lib/api/files';
import type { CareTableRequest } from '../../lib/api/types';
import { app } from '../../lib/app.svelte';

export class Outputs {
  busy = $state(false);
  error = $state('');
  saved = $state('');

  async #run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = '';
    this.saved = '';
    try {
      return await fn();
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  async print(request: CareTableRequest) {
    const t = await this.#run(() => care.printTable(request));
    if (t) app.printView = { table: t, large: false };
  }

  async excel(request: CareTableRequest) {
    const p = await this.#run(() => care.export(request));
    if (p) this.saved = p;
  }

  async pdf(request: CareTableRequest) {
    const p = await this.#run(async () => pdf.save({ table: await care.printTable(request) }));
    if (p) this.saved = p;
  }
}

/** 分 → 元 with two decimals. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The choices of 困难类型 (any other word is kept as typed). */
export const HARDSHIP_KINDS = ['重病', '丧失劳动能力', '天灾/突发', '低保/特困', '高龄空巢', '其他'];
/** Where 慰问金 usually comes from (any other source is kept as typed). */
export const FUND_SOURCES = ['党费', '村集体', '上级下拨', '社会捐助'];
/** 四必访 as most townships list it, until the branch's own list has loaded. */
export const DEFAULT_MUST_VISIT = ['生产生活困难', '生病', '家庭纠纷', '红白喜事'];
