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

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
