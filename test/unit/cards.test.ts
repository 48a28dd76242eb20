import { describe, expect, it } from 'vitest';
import { renderCard, utf16Bytes } from '../../src/cards/render.js';
import { welcomeCard } from '../../src/install/install.js';
import { basicsCard, doneCard, membersCard, successorCard, successorDoneCard, werkgroepenCard } from '../../src/setup/cards.js';
import type { Card } from '../../src/core/types.js';

const school = (i: number, type: 'vo' | 'mbo' | 'bedrijf') => ({ id: `00000000-0000-4000-8000-00000000000${i}`, partnership_id: 'p', name: `School ${i}`, type, position: i });
const member = (i: number, name: string) => ({
  id: `10000000-0000-4000-8000-00000000000${i}`,
  partnershipId: 'p',
  userKey: `u${i}`,
  teamsUserId: `29:u${i}`,
  aadObjectId: null,
  name,
  schoolId: i === 1 ? school(1, 'vo').id : null,
  inTeam: true,
  roles: i === 1 ? (['docent'] as const).slice() : (['projectleider', 'regiegroep'] as const).slice(),
  werkgroepIds: [],
});

const cards: Record<string, () => Card> = {
  welcome: () => welcomeCard(),
  basics: () => basicsCard({ pid: '20000000-0000-4000-8000-000000000000', name: 'Leerlab Noord-Holland', schools: [school(1, 'vo'), school(2, 'mbo')], notice: '' }),
  werkgroepen: () =>
    werkgroepenCard({ pid: '20000000-0000-4000-8000-000000000000', werkgroepen: [], channels: [{ id: '19:general', name: 'Algemeen' }, { id: '19:docenten', name: 'Docentwerkgroep Zorg' }] }),
  members: () =>
    membersCard({
      pid: '20000000-0000-4000-8000-000000000000',
      page: 1,
      pages: 2,
      members: [member(1, 'Pieter *Bakker*'), member(2, 'Sanne de Vries')],
      schools: [school(1, 'vo'), school(2, 'mbo')],
      werkgroepen: [],
    }),
  done: () => doneCard({ name: 'Leerlab_NH', schools: 2, members: 5, werkgroepen: 1 }),
  successor: () => successorCard({ pid: '20000000-0000-4000-8000-000000000000', members: [member(2, 'Sanne de Vries'), { ...member(3, 'Anna *Smit*'), roles: [] }, member(1, 'Pieter Bakker')] }),
  successorDone: () => successorDoneCard('Pieter Bakker is nu projectleider. Ik heb het in het kanaal Algemeen gemeld.'),
};

describe('cards', () => {
  for (const [name, make] of Object.entries(cards)) {
    it(`${name}: Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted`, () => {
      const card = make();
      expect(card.type).toBe('AdaptiveCard');
      expect(card.version).toBe('1.5');
      expect(typeof card.fallbackText).toBe('string');
      expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(card).toMatchSnapshot();
    });
  }

  it('keeps user text as data: template syntax in a name is shown, not evaluated', () => {
    const card = basicsCard({ pid: '20000000-0000-4000-8000-000000000000', name: '${pid} {{x}}', schools: [], notice: '' });
    const input = (card.body as Array<{ id?: string; value?: string }>).find((b) => b.id === 'name');
    expect(input?.value).toBe('${pid} {{x}}');
  });

  it('the successor card offers role holders first, then the others, and a large Team only as far as one card holds', () => {
    const card = cards.successor!();
    const choices = (JSON.stringify(card).match(/"title":"[^"]+","value":"1[0-9a-f-]{35}"/g) ?? []).map((c) => c.split('"')[3]);
    // Choice titles are plain text: the name as it is, not escaped.
    expect(choices).toEqual(['Pieter Bakker', 'Sanne de Vries', 'Anna *Smit*']);
    const big = Array.from({ length: 300 }, (_, i) => ({ ...member(1, `${'Ë'.repeat(110)} ${String(i).padStart(3, '0')}`), id: `30000000-0000-4000-8000-${String(i).padStart(12, '0')}`, roles: [] }));
    const heavy = successorCard({ pid: '20000000-0000-4000-8000-000000000000', members: big });
    expect(utf16Bytes(heavy)).toBeLessThan(28 * 1024);
    const shown = (JSON.stringify(heavy).match(/"value":"3[0-9a-f-]{35}"/g) ?? []).length;
    expect(shown).toBeGreaterThan(40);
    expect(shown).toBeLessThan(100);
    expect(JSON.stringify(heavy)).toContain(`Hier staan ${shown} van de 300 mensen in het Team, eerst wie al een rol heeft.`);
  });

  it('escapes markdown in names shown in TextBlocks', () => {
    const text = JSON.stringify(cards.members!());
    expect(text).toContain('Pieter \\\\*Bakker\\\\*');
  });

  it('refuses to render a card over the limit', () => {
    expect(() => renderCard('setup/done', { title: 'x'.repeat(20_000), text: '', verb: 'v', buttons: {} })).toThrow(/over the 28672 limit/);
    // Refused again the second time: a refused card is never kept.
    expect(() => renderCard('setup/done', { title: 'x'.repeat(20_000), text: '', verb: 'v', buttons: {} })).toThrow(/over the 28672 limit/);
  });

  it('renders the same template with the same data to equal cards, each caller its own copy', () => {
    const data = { fallback: 'Hulp', title: 'Hulp', intro: 'Je rol: docent', hint: '', verb: 'command.run', commands: [{ word: 'help', description: 'Dit overzicht', available: false, button: 'Help' }], footer: 'Privé' };
    const first = renderCard('help/help', data);
    const again = renderCard('help/help', structuredClone(data));
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    // Changing one copy leaves the next caller's card as rendered.
    (again.body as unknown[]).length = 0;
    expect(renderCard('help/help', data)).toEqual(first);
    // Other data gives another card: the hint is shown, and the command gets its button.
    const other = renderCard('help/help', { ...data, hint: 'In het kanaal', commands: [{ ...data.commands[0]!, available: true }] });
    expect(JSON.stringify(other)).toContain('In het kanaal');
    expect(JSON.stringify(other)).toContain('Action.Execute');
    expect(JSON.stringify(first)).not.toContain('Action.Execute');
  });
});
