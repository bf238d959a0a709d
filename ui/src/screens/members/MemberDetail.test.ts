import { render, screen, within } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { beforeEach, describe, expect, it } from 'vitest';
import MemberDetail from './MemberDetail.svelte';
import { loadApp } from '../../lib/fixtures.test-util';

const record = {
  id: 7, name: '王芳', sex: '2', ethnicity: '01', birth_date: '1980-03-02', id_number: null, id_check_confirmed: false, education: '20',
  category: 'full', join_date: '2005-07-01', full_date: '2006-07-01', native_place: null, job: null, employer: null, phone: null,
  address: null, police_station: null, party_post: null, branch_id: 1, group_id: 1, residence: null, tags: [], remarks: null,
  identity_class: 'farmer', position_nature: null, mgmt_type: 'pioneer', lost_contact: false, lost_contact_reason: null,
  last_contact_date: null, status: 'normal', status_kind: null, status_date: null, status_reason: null,
  created_at: '2026-01-05T08:00:00', updated_at: '2026-01-05T08:00:00',
};
const entry = (id: number, date: string, rule_name: string, pts: number, voided = false) => ({
  id, member_id: 7, member_name: '王芳', date, rule_id: 1, rule_name, category: 'bonus', quantity: 1, requested: pts, points: pts,
  note: null, meeting_id: null, entered_by: '张建国', created_at: '', voided, void_reason: voided ? '录入错误' : null, voided_by: null,
});

describe('MemberDetail', () => {
  beforeEach(loadApp);

  it("shows the member's points this year", async () => {
    const asked: any[] = [];
    mockIPC((cmd, args: any) => {
      if (cmd === 'participation_member') return null;
      if (cmd === 'points_member_history') {
        asked.push(args);
        return {
          year: args.year, base: 60,
          months: [
            { month: `${args.year}-01`, base: 4, bonus: 0, deduction: 0, total: 4, year_total: 64 },
            { month: `${args.year}-02`, base: 4, bonus: 3, deduction: 0, total: 7, year_total: 71 },
          ],
          entries: [entry(2, `${args.year}-02-10`, '志愿服务', 3), entry(3, `${args.year}-02-11`, '志愿服务', 3, true), entry(1, `${args.year}-01-05`, '参加三会一课', 4)],
        };
      }
    });
    const detail = { record, missing: [], warnings: [], age: 46, party_years: 20, age_band: 'middle', education_band: 'college', status_history: [], class_history: [] };
    render(MemberDetail, { detail: detail as any, onedit: () => {}, onstatus: () => {}, onreclassify: () => {}, onclose: () => {} });
    const section = await screen.findByTestId('member-points');
    expect(asked[0]).toEqual({ id: 7, year: new Date().getFullYear() });
    expect(screen.getByTestId('member-points-year')).toHaveTextContent('71');
    expect(section).toHaveTextContent('2月得分 7 分');
    expect(section).toHaveTextContent('本年 2 条积分记录');
    expect(within(section).getAllByRole('listitem')).toHaveLength(2);
  });
});
