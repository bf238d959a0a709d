// The three ways a table leaves the app: 打印 (the print preview), 存为 Excel and 存为 PDF (both through the save
// dialog in Rust), for any area's tables. One busy flag, so a second click waits for the first; the error or the
// saved path shows where the buttons are (OutputNote).
import { errorMessage } from './api/call';
import { pdf } from './api/files';
import type { PrintTable } from './api/types';
import { app } from './app.svelte';

export class Outputs<R> {
  busy = $state(false);
  error = $state('');
  saved = $state('');
  #table: (request: R) => Promise<PrintTable>;
  #excel: (request: R) => Promise<string | null>;

  /** `table` asks the core for the table; `excel` saves it as .xlsx (null when the secretary cancels). */
  constructor(table: (request: R) => Promise<PrintTable>, excel: (request: R) => Promise<string | null>) {
    this.#table = table;
    this.#excel = excel;
  }

  async #run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = '';
    this.saved = '';
    try {
      return await fn();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  async print(request: R) {
    const t = await this.#run(() => this.#table(request));
    if (t) app.printView = { table: t, large: false };
  }

  async excel(request: R) {
    const p = await this.#run(() => this.#excel(request));
    if (p) this.saved = p;
  }

  async pdf(request: R) {
    const p = await this.#run(async () => pdf.save({ table: await this.#table(request) }));
    if (p) this.saved = p;
  }
}
