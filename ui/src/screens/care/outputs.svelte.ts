// What the 关爱帮扶 screens share: its print and save row over the core's tables, and the fixed lists.
import { care } from '../../lib/api/care';
import type { CareTableRequest } from '../../lib/api/types';
import { Outputs } from '../../lib/outputs.svelte';

/** Print, Excel and PDF of a 关爱帮扶 table. */
export const careOutputs = () => new Outputs<CareTableRequest>(care.printTable, care.export);

/** 分 → 元 with two decimals. */
export const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The choices of 困难类型 (any other word is kept as typed). */
export const HARDSHIP_KINDS = ['重病', '丧失劳动能力', '天灾/突发', '低保/特困', '高龄空巢', '其他'];
/** Where 慰问金 usually comes from (any other source is kept as typed). */
export const FUND_SOURCES = ['党费', '村集体', '上级下拨', '社会捐助'];
/** 四必访 as most townships list it, until the branch's own list has loaded. */
export const DEFAULT_MUST_VISIT = ['生产生活困难', '生病', '家庭纠纷', '红白喜事'];
