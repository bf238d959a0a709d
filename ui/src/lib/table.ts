export interface Column {
  key: string;
  label: string;
  /** A CSS grid track, e.g. '6rem' or 'minmax(5rem, 1fr)'. */
  width: string;
  align?: 'left' | 'right' | 'center';
}

/** The narrowest a track can be, in rem: '6rem' → 6, 'minmax(5.5rem, 1fr)' → 5.5. */
export function minRem(width: string): number {
  return Number(width.match(/[\d.]+(?=rem)/)?.[0] ?? 0);
}

/**
 * The columns that fit `widthPx` at `remPx`, leaving out the ones named in `dropFirst` (in that order) until the rest
 * fit: 大字模式 on a laptop must not push 联系电话 and 状态 off the right edge. Unmeasured (0) width keeps all.
 */
export function fitColumns(columns: Column[], widthPx: number, remPx: number, dropFirst: string[]): Column[] {
  const fits = (cs: Column[]) => cs.reduce((sum, c) => sum + minRem(c.width), 0) * remPx <= widthPx;
  let shown = columns;
  for (const key of dropFirst) {
    if (!widthPx || fits(shown)) break;
    shown = shown.filter((c) => c.key !== key);
  }
  return shown;
}
