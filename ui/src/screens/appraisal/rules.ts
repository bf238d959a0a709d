// The words of 民主评议 the screen needs before the core has answered (domain.md section 12; core `appraisal/rules.rs`).

/** The six steps, in order (key, name). */
export const STEPS: [string, string][] = [
  ['study', '学习培训'],
  ['self', '个人自评'],
  ['mutual', '党员互评'],
  ['vote', '民主测评'],
  ['decide', '组织评定'],
  ['follow', '表彰处理'],
];

/** Grades (key, name). */
export const GRADES: [string, string][] = [
  ['excellent', '优秀'],
  ['good', '合格'],
  ['basic', '基本合格'],
  ['poor', '不合格'],
];

/** 组织处置 of a member graded 不合格 (key, name). */
export const ACTIONS: [string, string][] = [
  ['correct', '限期改正'],
  ['persuade', '劝其退党'],
  ['remove', '除名'],
];

/** The five numbers of a member's 测评 tally, as the table's columns name them. */
export const VOTES = [
  ['excellent', '优秀'],
  ['good', '合格'],
  ['basic', '基本合格'],
  ['poor', '不合格'],
  ['spoiled', '废票'],
] as const;
export type VoteKey = (typeof VOTES)[number][0];

export const gradeName = (key: string | null | undefined) => GRADES.find(([k]) => k === key)?.[1] ?? '';

/** The year the secretary most likely appraises: this year in December, else last year (评议 runs at the year's end). */
export function defaultYear(d = new Date()): number {
  return d.getMonth() === 11 ? d.getFullYear() : d.getFullYear() - 1;
}
