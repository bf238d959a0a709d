import type { CodeItem, Org, Settings } from './api';

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

/** 3401**********001X — for anything posted or handed round. */
export function maskId(id: string | null | undefined): string {
  if (!id) return '';
  return id.length <= 8 ? id : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4);
}

/** 138****5678 */
export function maskPhone(p: string | null | undefined): string {
  if (!p) return '';
  return p.length < 7 ? p : p.slice(0, 3) + '****' + p.slice(-4);
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
