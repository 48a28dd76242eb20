import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf16Bytes } from '../../src/cards/render.js';
import { createTurnHarness, TENANT, TEAM, type TurnHarness } from '../helpers/turnHarness.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';

let h: TurnHarness;
/** Ids are random per run; the snapshot is about everything else. */
const stable = (card: unknown) => JSON.parse(JSON.stringify(card).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'));
let studyId = '';
beforeAll(async () => {
  h = await createTurnHarness();
  const { repo } = h.app.services;
  const p = await repo.activateForTeam(TENANT, TEAM);
  await repo.replaceSchools(p.id, Array.from({ length: 10 }, (_, i) => ({ name: `${'Vmbo-school '.repeat(8)}${i}`, type: i < 7 ? ('vo' as const) : ('mbo' as const) })));
  const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Werkgroep', channelId: null, channelName: null }]);
  const [m] = await repo.upsertMembers(p.id, [{ teamsUserId: '29:x', aadObjectId: 'aad-x', name: 'X' }]);
  await repo.assignMember(m!, p.id, { roles: ['docent'], schoolId: null, werkgroepIds: [wg!.id] });
  const study = await h.app.feasibility.repo.create({ partnershipId: p.id, werkgroepId: wg!.id, memberId: m!, partIds: feasibilityContent().parts.map((x) => x.id) });
  studyId = study.id;
  // The largest allowed content: every text field 2,000 characters.
  await h.app.feasibility.repo.save(study.id, 'juridisch', 0, { overstap: 'é'.repeat(2000), responsibilities: 'é'.repeat(2000), exam: 'jaar3', location: 'mbo', duoDate: '2027-06-01' }, 'beantwoord', m!);
});
afterAll(async () => h.close());

describe('feasibility cards', () => {
  it('overview and every part card: 1.5, under 28 KB with ten schools and full texts', async () => {
    const study = (await h.app.feasibility.repo.get(studyId))!;
    const overview = await h.app.feasibility.overviewCard(study);
    expect(overview.version).toBe('1.5');
    expect(utf16Bytes(overview)).toBeLessThan(28 * 1024);
    expect(stable(overview)).toMatchSnapshot();
    const user = { teamsUserId: '29:x', aadObjectId: 'aad-x', name: 'X' };
    for (const part of feasibilityContent().parts) {
      const res = await h.action(user, 'feasibility.open', { studyId, part: part.id });
      expect(res).toHaveProperty('card');
      const card = (res as { card: Record<string, unknown> }).card;
      expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
      if (part.id === 'instroom') expect((JSON.stringify(card).match(/"id":"inflow_\d"/g) ?? []).length).toBe(7);
      if (part.id === 'juridisch') expect(stable(card)).toMatchSnapshot();
    }
  });
});
