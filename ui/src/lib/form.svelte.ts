// One way for every form to submit: refuse a second click while busy, clear old errors, and turn the core's
// `{code, message, fields}` into messages under the fields it names.
import { tick } from 'svelte';
import { ApiError } from './api/call';

export class FormState {
  errors = $state<Record<string, string>>({});
  /** The codes of the last rejection, e.g. ID_CHECKSUM. */
  codes = $state<string[]>([]);
  message = $state('');
  busy = $state(false);

  /** Runs `action`; returns its result, or undefined when it failed (the errors are then set). */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.errors = {};
    this.codes = [];
    this.message = '';
    try {
      // Fields hide their error once edited; flushing the cleared errors first shows a repeated error again.
      await tick();
      return await action();
    } catch (e) {
      if (e instanceof ApiError) {
        this.errors = e.byField();
        this.codes = e.fields.length ? e.fields.map((f) => f.code) : [e.code];
        this.message = e.fields.length ? `有 ${e.fields.length} 处需要修改，请看标红的栏目` : e.message;
      } else {
        this.message = String(e);
      }
      return undefined;
    } finally {
      this.busy = false;
    }
  }
}
