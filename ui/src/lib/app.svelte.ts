// App-wide state: code lists, the organisation, settings, and which screen is showing.
import { codeLists } from './api/app';
import { org as orgApi } from './api/org';
import { settings as settingsApi } from './api/settings';
import type { LockStatus, CodeLists, MeetingDetail, MemberDetail, MemberQuery, Org, PrintTable, Settings } from './api/types';
import type { Page } from './areas';

/** The page keys, from the list of areas. */
export type { Page };

export const DEFAULT_FILTER: MemberQuery = { status: 'normal' };

class AppState {
  codes = $state<CodeLists | null>(null);
  org = $state<Org | null>(null);
  settings = $state<Settings | null>(null);
  page = $state<Page>('home');
  /** The registry's filter; other screens set it to open the registry on a subset. */
  memberFilter = $state<MemberQuery>({ ...DEFAULT_FILTER });
  /** The password lock is on and the app is locked. */
  locked = $state(false);
  /** Whether a password is set, and after how many idle minutes the app locks. */
  lock = $state<LockStatus | null>(null);
  /** A dialog the registry opens on arrival (the home page's first steps: 导入花名册, 新增党员). */
  membersDialog = $state<'add' | 'import' | null>(null);
  /** Which tab 积分管理 opens on (the home screen's 约谈提醒 opens its tab). */
  pointsTab = $state<'table' | 'ledger' | 'alerts' | null>(null);
  /** The 党费 tab to open on (首页's 欠缴提醒 card). */
  duesTab = $state<'collect' | 'standards' | 'arrears' | 'remit' | 'tables' | null>(null);
  /** The 流动党员 and 关爱帮扶 tabs to open on (首页's 回执, 失联, 政治生日 and 复核 cards). */
  mobileTab = $state<'cards' | 'transfers' | 'lost' | null>(null);
  careTab = $state<'hardship' | 'visits' | 'elders' | 'birthdays' | null>(null);
  reportsTab = $state<'catalog' | 'stats' | 'township' | null>(null);
  /** When set, the whole window shows this print view instead of the screens. */
  printView = $state<{ table?: PrintTable; cards?: MemberDetail[]; meeting?: MeetingDetail; large: boolean } | null>(null);

  async load() {
    const [codes, org, settings] = await Promise.all([codeLists(), orgApi.get(), settingsApi.get()]);
    this.codes = codes;
    this.org = org;
    this.settings = settings;
    applyTextSize(settings.large_text);
  }

  openMembers(filter?: MemberQuery) {
    this.memberFilter = { ...DEFAULT_FILTER, ...(filter ?? {}) };
    this.page = 'members';
  }

  /** The member the registry opens on arrival (read once there): a name clicked in another screen's list. */
  memberToOpen = $state<number | null>(null);

  /** 党员名册 with this one member's card open; the list searched by `name` (any status), so it is in view. */
  openMember(id: number, name: string) {
    this.memberToOpen = id;
    this.openMembers({ search: name, status: null });
  }
}

export function applyTextSize(large: boolean) {
  document.documentElement.classList.toggle('large-text', large);
}

export const app = new AppState();
