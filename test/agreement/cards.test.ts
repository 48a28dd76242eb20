import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
const utf16Bytes = (value: unknown) => teamsBytes(JSON.stringify(value));
import { agreementContent } from '../../src/agreement/content/index.js';
import { createTurnHarness, TENANT, TEAM, type TurnHarness } from '../helpers/turnHarness.js';

let h: TurnHarness;
const user = { teamsUserId: '29:pl', aadObjectId: 'aad-pl', name: 'Sanne de Vries' };
const stable = (card: unknown) => JSON.parse(JSON.stringify(card).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'));

beforeAll(async () => {
  h = await createTurnHarness();
  const { repo } = h.app.services;
  const p = await repo.activateForTeam(TENANT, TEAM);
  await repo.rename(p.id, 'Leerlab Noord-Holland');
  await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }, { name: 'ROC Noord', type: 'mbo' }]);
  const [m] = await repo.upsertMembers(p.id, [user]);
  await repo.assignMember(m!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
});
afterAll(async () => h.close());

describe('agreement cards', () => {
  it('the overview and every section card are 1.5, under 28 KB, as snapshotted', async () => {
    const overview = await h.text(user, 'overeenkomst');
    expect('card' in overview).toBe(true);
    const card = (overview as { card: Record<string, unknown> }).card;
    expect(card.version).toBe('1.5');
    expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
    expect(stable(card)).toMatchSnapshot();
    const agreementId = JSON.stringify(card).match(/"agreementId":"([^"]+)"/)![1]!;
    for (const s of agreementContent().sections) {
      const res = await h.action(user, 'agreement.open', { agreementId, section: s.id });
      const c = (res as { card: Record<string, unknown> }).card;
      expect(utf16Bytes(c)).toBeLessThan(28 * 1024);
      if (s.id === 'verantwoordelijkheid') expect(stable(c)).toMatchSnapshot();
    }
  });
});
