import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/services.js';
import { FeasibilityNudges } from '../../src/feasibility/jobs.js';
import type { FeasibilityRepo, PartRow, Study } from '../../src/feasibility/repo.js';

// The nudges get their repository and services passed in, so a fake of each is enough here.
const study = (nudges: number) => ({ id: 'study-1', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, status: 'open', nudges }) as Study;
const part = (part_id: string, status: PartRow['status'], owner: string | null, due: string | null) =>
  ({ study_id: 'study-1', part_id, status, owner_member_id: owner, due_date: due, values: {}, revision: 1 }) as unknown as PartRow;

function nudgesWith(parts: PartRow[]) {
  const scheduled: Array<{ name: string; payload: unknown; at: number; dedupeKey?: string }> = [];
  const services = {
    // 1 January 2026, 00:00 UTC.
    clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
    jobs: { schedule: async (name: string, payload: unknown, at: number, opts?: { dedupeKey?: string }) => void scheduled.push({ name, payload, at, dedupeKey: opts?.dedupeKey }) },
  } as unknown as Services;
  const repo = { parts: async () => parts } as unknown as FeasibilityRepo;
  return { nudges: new FeasibilityNudges(services, repo), scheduled };
}

describe('feasibility nudges scheduled for a study', () => {
  const parts = [
    part('instroom', 'bezig', 'm-1', '2026-01-20'),
    part('ambitie', 'beantwoord', 'm-1', '2026-01-20'),
    part('risicos', 'open', null, '2026-01-20'),
    part('partners', 'open', 'm-2', null),
    part('juridisch', 'open', 'm-2', '2026-01-02'),
  ];

  it('go to unfinished parts with an owner and a date, 3 and 1 days before 17:00 that day, never in the past', async () => {
    const { nudges, scheduled } = nudgesWith(parts);
    await nudges.scheduleForStudy(study(1));
    // 17:00 in Amsterdam is 16:00 UTC in winter. instroom: 17 and 19 January. juridisch (2 January):
    // 3 days before is 30 December, already past; 1 day before is 1 January 16:00.
    expect(scheduled.map((s) => [s.at, s.dedupeKey])).toEqual([
      [Date.parse('2026-01-17T16:00:00Z'), 'feasibility.nudge:study-1:instroom:2026-01-20:3'],
      [Date.parse('2026-01-19T16:00:00Z'), 'feasibility.nudge:study-1:instroom:2026-01-20:1'],
      [Date.parse('2026-01-01T16:00:00Z'), 'feasibility.nudge:study-1:juridisch:2026-01-02:1'],
    ]);
    expect(scheduled[0]).toMatchObject({ name: 'feasibility.nudge', payload: { studyId: 'study-1', partId: 'instroom', due: '2026-01-20', days: 3 } });
  });

  it('are not planned when the study has them off', async () => {
    const { nudges, scheduled } = nudgesWith(parts);
    await nudges.scheduleForStudy(study(0));
    expect(scheduled).toEqual([]);
  });
});
