// Small, realistic backend answers for component tests.
import type { CodeLists, Org, Settings } from './api/types';
import { app } from './app.svelte';

const c = (pairs: [string, string][]) => pairs.map(([code, name]) => ({ code, name }));

export const codes: CodeLists = {
  sex: c([['1', '男'], ['2', '女']]),
  ethnicity: c([['01', '汉族'], ['03', '回族']]),
  education: c([['20', '大学本科'], ['60', '初中']]),
  education_band: c([['college', '大专及以上'], ['high', '高中·中专'], ['basic', '初中及以下']]),
  job: c([['02', '农牧渔民']]),
  category: c([['full', '正式党员'], ['probationary', '预备党员']]),
  status: c([['normal', '正常'], ['suspended', '停止党籍'], ['out', '出党'], ['deceased', '死亡'], ['transferred', '转出']]),
  out_kind: c([['lapsed', '自行脱党']]),
  party_post: c([['secretary', '书记']]),
  lost_reason: c([['1', '外出务工经商']]),
  org_kind: c([['631', '党支部'], ['621', '党总支']]),
  identity_class: c([['farmer', '农民'], ['retired', '离退休']]),
  position_nature: c([['farmer', '农民']]),
  age_band: c([['youth', '青年（35岁及以下）'], ['middle', '中年（36—55岁）'], ['senior', '老年（56岁及以上）']]),
  meeting_kind: c([['branch_assembly', '支部党员大会'], ['committee', '支委会'], ['group', '党小组会'], ['lecture', '党课'], ['theme_day', '主题党日']]),
  attendance: c([['present', '出席'], ['leave', '请假'], ['absent', '缺席']]),
  participation_mode: c([['onsite', '现场'], ['home', '上门送学'], ['online', '网络学习']]),
  study_mode: c([['group_study', '集中学习'], ['home', '上门送学'], ['online', '网络学习'], ['pairing', '结对帮教']]),
  frequency: c([['monthly', '每月'], ['quarterly', '每季度'], ['yearly', '每年'], ['off', '不作要求']]),
  leave_policy: c([['absent', '请假计为未参学（补学后计为参学）'], ['exclude', '请假不计入应参学人数'], ['present', '请假计为参学']]),
};

export const org: Org = {
  kind: '631',
  kind_name: '党支部',
  name: '东风村党支部',
  secretary: '张建国',
  branches: [{ id: 1, name: '东风村党支部', groups: [{ id: 1, branch_id: 1, name: '第一党小组', active: true }] }],
};

export const settings: Settings = {
  mgmt_model: 'three',
  mgmt_classes: [
    { key: 'pioneer', name: '先锋型' },
    { key: 'growing', name: '成长型' },
    { key: 'improve', name: '待提升型' },
  ],
  large_text: false,
  meeting_rules: [
    { kind: 'committee', frequency: 'monthly', from_month: 1 },
    { kind: 'theme_day', frequency: 'monthly', from_month: 1 },
    { kind: 'life_meeting', frequency: 'yearly', from_month: 10 },
  ],
  leave_policy: 'absent',
  theme_day: 1,
  points: { scheme: 'hundred', base: 60, bonus_cap: 40, excellent: 90, good: 75, pass: 60, counted_from: null },
  dues: { farmer_fen: 50, change_from: 'pay_month' },
  workdays: { holidays: [], workdays: [] },
};

export function loadApp() {
  app.codes = codes;
  app.org = org;
  app.settings = settings;
}
