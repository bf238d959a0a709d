// The two calls that belong to no area: how the app started (data file, lock, backups) and the code lists every
// screen shows names from.
import { call } from './call';
import type { AppInfo, CodeLists } from './types';

export const appInfo = () => call<AppInfo>('app_info');
export const codeLists = () => call<CodeLists>('code_lists');
/** 知道了 on the upgrade notice: it is not shown again. */
export const dismissUpgrade = () => call<null>('upgrade_dismiss');
