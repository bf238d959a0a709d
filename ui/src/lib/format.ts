import type { CodeItem, Org, Settings } from './api/types';

export function codeName(list: CodeItem[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  return list?.find((c) => c.code === code)?.name ?? code;
}

export function groupName(org: Org | null, id: number | null | undefined): string {
  if (id == null || !org) return '';
  for (const b of org.branches) for (const g of b.groups) if (g.id === id) return g.name;
  return '';
}

export function branchName(org: Org | null, id: number | null | undefined): string {
  return org?.branches.find((b) => b.id === id)?.name ?? '';
}

export function className(settings: Settings | null, key: string | null | undefined): string {
  if (!key) return '';
  return settings?.mgmt_classes.find((c) => c.key === key)?.name ?? '';
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** 参学率 as people write it: 85.7%; a dash when nobody was expected. */
export function percent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** First and last day of this month, quarter or year, for the period shortcuts. */
export function periodOf(kind: 'month' | 'quarter' | 'year', d = new Date()): [string, string] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const y = d.getFullYear();
  const m0 = kind === 'year' ? 0 : kind === 'quarter' ? Math.floor(d.getMonth() / 3) * 3 : d.getMonth();
  const len = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const last = new Date(y, m0 + len, 0);
  return [`${y}-${pad(m0 + 1)}-01`, `${last.getFullYear()}-${pad(last.getMonth() + 1)}-${pad(last.getDate())}`];
}

/** YYYY-MM of this month, or `back` months earlier. */
export function monthOf(back = 0, d = new Date()): string {
  const x = new Date(d.getFullYear(), d.getMonth() - back, 1);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}`;
}

/** 2026-10 → 2026年10月. */
export function monthLabel(m: string): string {
  return `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
}

/** A score as tables show it: 12, 12.5, −0.5. */
export function score(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
