// What the 流动党员 screens share: the fixed lists the core knows (rules.rs, codes), a card's status in words, and
// how a failed call reads.
import { ApiError, errorMessage } from '../../lib/api/call';
import { mobile, type MobileTable } from '../../lib/api/mobile';
import { Outputs } from '../../lib/outputs.svelte';
import type { MobileCard, MobileClear } from '../../lib/api/types';

/** 六个清, in the core's order (rules::CLEAR_ITEMS). */
export const CLEAR_ITEMS: { key: string; name: string }[] = [
  { key: 'flow', name: '流向清' },
  { key: 'contact', name: '联系方式清' },
  { key: 'housing', name: '居住条件清' },
  { key: 'thinking', name: '思想状况清' },
  { key: 'employment', name: '就业状况清' },
  { key: 'family', name: '家庭情况清' },
];

/** 党费交纳方式 (rules::DUES_WAYS). */
export const DUES_WAYS: { code: string; name: string }[] = [
  { code: 'home', name: '回乡交纳' },
  { code: 'host', name: '在流入地交纳' },
  { code: 'quarterly', name: '按季交纳' },
];

/** 联系方式 offered (rules::CONTACT_WAYS). */
export const CONTACT_WAYS = ['电话', '微信', '走访', '返乡面谈', '其他'];

/** 失联原因 ①–⑦ (codes LOST_REASON). */
export const LOST_REASONS: { code: string; name: string }[] = [
  { code: '1', name: '① 外出务工经商' },
  { code: '2', name: '② 单位改制或破产' },
  { code: '3', name: '③ 毕业后去向不明' },
  { code: '4', name: '④ 工作单位改变' },
  { code: '5', name: '⑤ 出国（境）' },
  { code: '6', name: '⑥ 居住地改变' },
  { code: '7', name: '⑦ 其他' },
];

/** A card's state for the table: a badge class and the words beside it (never colour alone). */
export function cardStatus(c: MobileCard): { cls: string; text: string } {
  if (c.returned_on) return { cls: 'muted', text: '已返回' };
  if (c.lost_contact) return { cls: 'bad', text: '已失联' };
  if (c.contact_due) return { cls: 'bad', text: '超期未联系' };
  if (c.alerts.length) return { cls: 'warn', text: '待处理' };
  return { cls: 'ok', text: '正常' };
}

/** The 清 that do not hold (never confirmed, or older than the cadence), short: 流向、联系方式. */
export function staleClear(c: MobileCard): string[] {
  return c.clear.filter((x) => !x.holds).map((x) => x.name.replace(/清$/, ''));
}

/** One 清 in words: 有效 / 已过期 / 未核实. */
export function clearState(x: MobileClear): { cls: string; text: string } {
  if (x.holds) return { cls: 'ok', text: '有效' };
  if (x.confirmed) return { cls: 'warn', text: '已过期' };
  return { cls: 'bad', text: '未核实' };
}

export function errorText(e: unknown): string {
  return errorMessage(e);
}

/** A refusal made here, before the core is asked, in the core's own shape (shown under the field). */
export function fieldError(field: string, message: string): ApiError {
  return new ApiError({ code: 'INVALID', message, fields: [{ field, code: 'INVALID', message }] });
}

/** Print, Excel and PDF of a 流动党员 table: 介绍信 (`id`), 登记表, 转接登记 (`year`), 失联名单. */
export type MobileRequest = { kind: MobileTable; id?: number | null; year?: number | null };
export const mobileOutputs = () =>
  new Outputs<MobileRequest>(
    (r) => mobile.printTable(r.kind, r.id ?? null, r.year ?? null),
    (r) => mobile.export(r.kind, r.id ?? null, r.year ?? null),
  );
