import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utf16Bytes } from '../../src/cards/render.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { createTurnHarness, person, TENANT, TEAM, type TurnHarness } from '../helpers/turnHarness.js';

let h: TurnHarness;
let pid = '';
beforeAll(async () => {
  h = await createTurnHarness();
  const { repo } = h.app.services;
  const p = await repo.activateForTeam(TENANT, TEAM);
  pid = p.id;
  await repo.replaceSchools(p.id, Array.from({ length: 10 }, (_, i) => ({ name: `${'Vmbo-school '.repeat(4)}${i}`, type: 'vo' as const })));
  const list = await repo.replaceWerkgroepen(p.id, Array.from({ length: 50 }, (_, i) => ({ name: `Docentwerkgroep met een lange naam ${i}`, channelId: null, channelName: null })));
  const [owner] = await repo.upsertMembers(p.id, [person(1, 'Eigenaar met een heel lange naam van veertig tekens')]);
  const parts = feasibilityContent().parts.map((x) => x.id);
  for (const w of list) {
    const study = await h.app.feasibility.repo.create({ partnershipId: p.id, werkgroepId: w.id, memberId: owner!, partIds: parts });
    for (const part of parts) await h.app.feasibility.repo.assign(study.id, part, owner!, '2026-01-31');
  }
});
afterAll(async () => h.close());

describe('voortgang for a big partnership', () => {
  it('50 werkgroepen with every part overdue: 15 overdue parts by name, the other 285 counted, under 28 KB', async () => {
    const card = await h.app.progress.card(pid, true);
    expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
    const texts = JSON.stringify(card);
    expect(texts.match(/Te laat: /g)).toHaveLength(15);
    expect(texts).toContain('… en nog 285 onderdelen te laat.');
    expect(texts.match(/Docentwerkgroep met een lange naam \d+ \(versie 1\): 0 van 6 onderdelen beantwoord/g)).toHaveLength(50);
  });
});
