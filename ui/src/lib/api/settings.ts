// 设置: the settings aggregate (core `settings.rs`).
import { call } from './call';
import type { Settings } from './types';

export const settings = {
  get: () => call<Settings>('settings_get'),
  update: (value: Settings) => call<Settings>('settings_update', { settings: value }),
};
