// Form keyboard habits: Enter moves to the next field, Ctrl+S saves, Esc cancels.
export interface FormKeyOptions {
  save: () => void;
  cancel: () => void;
}

export function formKeys(node: HTMLElement, opts: FormKeyOptions) {
  let current = opts;
  function onKey(e: KeyboardEvent) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
      e.preventDefault();
      current.save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
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
  return {
    update(o: FormKeyOptions) {
      current = o;
    },
    destroy() {
      node.removeEventListener('keydown', onKey);
    },
  };
}
