import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
const utf16Bytes = (value: unknown) => teamsBytes(JSON.stringify(value));
import { createTurnHarness, person, TENANT, TEAM, type TurnHarness } from '../helpers/turnHarness.js';

let h: TurnHarness;
let pid = '';
const marloes = person(1, 'Marloes Visser');
/** Ids are random per run; the snapshot is about everything else. */
const stable = (card: unknown) => JSON.parse(JSON.stringify(card).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>'));
const cardOf = (res: unknown) => (res as { card: Record<string, unknown> }).card;

beforeAll(async () => {
  h = await createTurnHarness();
  const { repo } = h.app.services;
  const p = await repo.activateForTeam(TENANT, TEAM);
  pid = p.id;
  const [m] = await repo.upsertMembers(p.id, [marloes]);
  await repo.setRoles(m!, p.id, ['regiegroep']);
  await h.app.services.calendar.setRegion(p.id, 'noord');
  await h.app.services.calendar.addHoliday(p.id, { name: 'Studiedag *alle* scholen', from: '2027-03-15', to: '2027-03-15' });
  // An mbo school with its own weeks, and Goede Vrijdag switched on (issue 16).
  const schools = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Brug', type: 'vo' }, { name: 'ROC *Horizon*', type: 'mbo' }]);
  await h.app.services.calendar.addSchoolHoliday(p.id, schools[1]!.id, { name: 'Voorjaarsvakantie ROC', from: '2027-02-22', to: '2027-02-26' });
  await h.app.services.calendar.setOptional(p.id, ['goedeVrijdag']);
  // Thirty reminders with long texts full of characters that markdown escaping doubles:
  // more than the list card shows.
  for (let i = 0; i < 30; i++) {
    await h.app.reminders.create({ partnershipId: p.id, createdBy: m!, rule: { kind: 'monthly', start: '2026-12-01', time: '16:30', weekday: 2, nth: -1 }, target: 'regiegroep', text: `${i} ${'Bereid de (regie)groep voor. '.repeat(40)}` });
  }
});
afterAll(async () => h.close());

describe('reminder cards', () => {
  for (const [name, verb] of [
    ['list', 'reminders.list'],
    ['create', 'reminders.newCard'],
    ['holidays', 'holidays.show'],
  ] as const) {
    it(`${name}: Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted`, async () => {
      const card = cardOf(await h.action(marloes, verb, { pid }));
      expect(card.type).toBe('AdaptiveCard');
      expect(card.version).toBe('1.5');
      expect(typeof card.fallbackText).toBe('string');
      expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(stable(card)).toMatchSnapshot();
    });
  }
});

describe('the reminder list', () => {
  it('shows the first 20 and counts the other 10', async () => {
    const card = cardOf(await h.action(marloes, 'reminders.list', { pid }));
    const text = JSON.stringify(card);
    expect(text.match(/"title":"Pauzeren"/g)).toHaveLength(20);
    expect(text).toContain('En nog 10 herinneringen zonder volgende keer of verder weg. Verwijder wat klaar is om ze te zien.');
  });
});
