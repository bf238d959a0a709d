// 数据安全: backups, restoring, the password lock (core `safety/`). The 操作记录 viewer is in reports.ts.
import { call } from './call';
import type { BackupInfo, LockStatus } from './types';

export const safety = {
  backups: () => call<BackupInfo[]>('backup_list'),
  backupNow: () => call<BackupInfo>('backup_now'),
  /** Opens the folder dialog in Rust; the saved path, or null when cancelled. */
  backupToUsb: () => call<string | null>('backup_to_usb'),
  /** `confirmOther`: the secretary said yes to restoring another branch's backup (after OTHER_BRANCH). */
  restore: (fileName: string, confirmOther = false) =>
    call<BackupInfo>('backup_restore', confirmOther ? { fileName, confirmOther } : { fileName }),
  /** Opens the file dialog in Rust; null when cancelled. With `confirmOther`, restores the file picked last time. */
  restoreFile: (confirmOther = false) => call<BackupInfo | null>('backup_restore_file', confirmOther ? { confirmOther } : undefined),
  rescue: (fileName: string) => call<string>('backup_rescue', { fileName }),
  lockSet: (current: string | null, password: string, idleMinutes: number) => call<LockStatus>('lock_set', { current, password, idleMinutes }),
  lockClear: (password: string) => call<LockStatus>('lock_clear', { password }),
  lockNow: () => call<boolean>('lock_now'),
  unlock: (password: string) => call<boolean>('lock_unlock', { password }),
};
