// Form keyboard habits: Enter moves to the next field, Ctrl+S saves, Esc cancels — but a stray Esc never throws away
// what was typed: with unsaved edits the first Esc only says so, and a second Esc cancels.
export interface FormKeyOptions {
  save: () => void;
  cancel: () => void;
}

export function formKeys(node: HTMLElement, opts: FormKeyOptions) {
  let current = opts;
  let dirty = false;
  let warning: HTMLElement | null = null;
  function disarm() {
    warning?.remove();
    warning = null;
  }
  function onInput() {
    dirty = true;
    disarm();
  }
  function onKey(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      dirty = false;
      disarm();
      current.save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (dirty && !warning) {
        warning = document.createElement('p');
        warning.className = 'notice warn span-all';
        warning.setAttribute('role', 'alert');
        warning.textContent = '有还没保存的修改。再按一次 Esc 放弃修改；按 Ctrl+S 保存。';
        // Where the eye is: under the field being edited (a long form's foot can be a screen or two away), and
        // brought into view.
        const at = (e.target as HTMLElement | null)?.closest?.('.field');
        if (at && node.contains(at)) at.after(warning);
        else node.prepend(warning);
        warning.scrollIntoView?.({ block: 'nearest' });
        return;
      }
      disarm();
      current.cancel();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey) {
      const t = e.target as HTMLElement;
      if (t.tagName === 'TEXTAREA' || t.tagName === 'BUTTON') return;
      e.preventDefault();
      const fields = Array.from(node.querySelectorAll<HTMLElement>('input, select, textarea')).filter(
        (el) => !(el as HTMLInputElement).disabled && (el as HTMLInputElement).type !== 'hidden',
      );
      const next = fields[fields.indexOf(t) + 1];
      if (next) next.focus();
      else current.save();
    }
  }
  node.addEventListener('keydown', onKey);
  node.addEventListener('input', onInput);
  node.addEventListener('change', onInput);
  node.addEventListener('submit', () => (dirty = false));
  return {
    update(o: FormKeyOptions) {
      current = o;
    },
    destroy() {
      node.removeEventListener('keydown', onKey);
      node.removeEventListener('input', onInput);
      node.removeEventListener('change', onInput);
      disarm();
    },
  };
}
