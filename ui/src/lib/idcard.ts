// What the form can show at once from a 公民身份号码 (GB 11643): birth date and sex. The core checks the number
// again on save and decides; this only saves the secretary from typing what the number already says.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export interface IdFacts { birth_date: string; sex: '1' | '2' }

/** Birth date and sex of a complete, valid 18-character number (check character right); otherwise null. */
export function idFacts(raw: string | null | undefined): IdFacts | null {
  const s = (raw ?? '').replace(/[\s\u3000]/g, '').replace(/[xｘＸ]/g, 'X').replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(s[i]), 0);
  if (CHECK[sum % 11] !== s[17]) return null;
  const [y, m, d] = [Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) return null;
  return { birth_date: `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`, sex: Number(s[16]) % 2 === 1 ? '1' : '2' };
}
