// The areas of the app, in the sidebar's order: the sidebar, the page routing and the 即将推出 page all read this one
// list, so a new area is one line here plus its folder under screens/ (and its calls in lib/api/<area>.ts).
import type { Component } from 'svelte';
import Home from '../screens/reports/Home.svelte';
import Members from '../screens/members/Members.svelte';
import Classification from '../screens/members/Classification.svelte';
import Meetings from '../screens/meetings/Meetings.svelte';
import Points from '../screens/points/Points.svelte';
import Dues from '../screens/dues/Dues.svelte';
import Development from '../screens/development/Development.svelte';
import Mobile from '../screens/mobile/Mobile.svelte';
import Care from '../screens/care/Care.svelte';
import Appraisal from '../screens/appraisal/Appraisal.svelte';
import Reports from '../screens/reports/Reports.svelte';
import Settings from '../screens/settings/Settings.svelte';
import Safety from '../screens/safety/Safety.svelte';

/** What the app shell knows that some screens show: where the data file and the backups are, and the startup note. */
export interface Shell { dbPath: string; backupDir: string; startupBackup: string }

export interface Area<P extends string = string> {
  /** The page key (`app.page`). */
  page: P;
  /** The sidebar's label, also the title of its 即将推出 page. */
  label: string;
  /** The screen; without one the page says 即将推出 (ComingSoon). */
  screen?: Component<any>;
  /** The screen's props taken from the shell. */
  props?: (shell: Shell) => Record<string, unknown>;
  /** In the main list, marked 即将推出. */
  coming?: boolean;
  /** Under 后续功能, marked 即将推出. */
  later?: boolean;
  /** What the secretary can do there, listed on the 即将推出 page. */
  what?: string;
}

const list = [
  { page: 'home', label: '首页', screen: Home },
  { page: 'members', label: '党员名册', screen: Members, what: '录入、导入、查找党员，打印花名册、签到表、信息卡，保存为 Excel' },
  { page: 'classes', label: '分类管理', screen: Classification, what: '按身份类别、年龄段、管理类型等查看人数，批量调整分类' },
  { page: 'meetings', label: '组织生活', screen: Meetings, what: '“三会一课”日历、会议记录与出席、参学统计' },
  { page: 'points', label: '积分管理', screen: Points, what: '积分录入、月度积分表与公示、约谈提醒' },
  { page: 'dues', label: '党费', screen: Dues, what: '交纳标准与年度核定、按月收缴登记、欠缴提醒、上缴记录、党费报表' },
  { page: 'pipeline', label: '发展党员', screen: Development, what: '申请人到转正的 25 个步骤、时间要求和逾期提醒、纪实表' },
  { page: 'mobile', label: '流动党员', screen: Mobile, what: '流动党员档案与“六个清”、联系记录、组织关系介绍信与回执、失联党员查找' },
  { page: 'care', label: '关爱帮扶', screen: Care, what: '困难党员、走访慰问与签收表、老党员和「光荣在党50年」纪念章、政治生日' },
  { page: 'appraisal', label: '民主评议', screen: Appraisal, what: '年度民主评议的步骤、测评表、票数与评定等次、组织处置、结果报告' },
  { page: 'reports', label: '报表导出', screen: Reports, what: '报表中心（各模块报表与统计图表的预览、打印、Excel、PDF）、党内统计年报与上报包、乡镇汇总' },
  { page: 'settings', label: '设置', screen: Settings, props: (s: Shell) => ({ dbPath: s.dbPath }) },
  {
    page: 'safety', label: '数据安全', screen: Safety, what: '自动备份、备份到U盘、从备份恢复、操作记录',
    props: (s: Shell) => ({ backupDir: s.backupDir, dbPath: s.dbPath, startupBackup: s.startupBackup }),
  },
] as const satisfies readonly Area[];

export type Page = (typeof list)[number]['page'];
export const areas: readonly Area<Page>[] = list;

export const areaOf = (page: Page): Area<Page> | undefined => areas.find((a) => a.page === page);
