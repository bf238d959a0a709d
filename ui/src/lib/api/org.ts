// 组织: the organisation, its branches and 党小组 (core `org/`).
import { call } from './call';
import type { Group, Org, SetupInput } from './types';

export const org = {
  get: () => call<Org>('org_get'),
  setup: (input: SetupInput) => call<Org>('org_setup', { input }),
  loadDemo: () => call<Org>('org_load_demo'),
  update: (name: string, secretary: string) => call<Org>('org_update', { name, secretary }),
  addBranch: (name: string) => call<Org>('org_add_branch', { name }),
  addGroup: (branchId: number, name: string) => call<Group>('org_add_group', { branchId, name }),
  updateGroup: (id: number, name: string, active: boolean) => call<Group>('org_update_group', { id, name, active }),
};
