import { describe, expect, it } from 'vitest';
import { teamsBytes } from '../helpers/teamsSize.js';
import { actionCard, formCard, listCard, MAX_LIST_LINES } from '../../src/actions/cards.js';
import { linkTargets } from '../../src/actions/links.js';
import type { Action } from '../../src/actions/repo.js';
import { summaryCard } from '../../src/reflection/summaryCards.js';
import { publish, compareRuns } from '../../src/reflection/publish.js';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { MAX_CARD_BYTES } from '../../src/cards/render.js';

const PID = '20000000-0000-4000-8000-000000000000';
const RUN = '30000000-0000-4000-8000-000000000000';
const member = (n: number, name: string, werkgroepIds: string[] = []) => ({ id: `40000000-0000-4000-8000-00000000000${n}`, name, werkgroepIds });
const members = [member(1, 'Dina Docent', ['w1']), member(2, 'Tom Techniek', ['w2']), member(3, 'Petra Leider', ['w1'])];
const werkgroepen = [{ id: 'w1', name: 'Werkgroep zorg' }, { id: 'w2', name: 'Werkgroep techniek' }];
const action = (n: number, p: Partial<Action>): Action => ({
  id: `50000000-0000-4000-8000-00000000000${n}`,
  partnership_id: PID,
  what: 'Vaste overlegmomenten plannen',
  owner_member_id: members[0]!.id,
  due_date: '2026-12-04',
  link_kind: 'condition',
  link_id: 'c4',
  status: 'open',
  source_run_id: RUN,
  created_by: members[2]!.id,
  created_at: Date.UTC(2026, 10, 24, 9) + n,
  updated_at: Date.UTC(2026, 10, 24, 9) + n,
  ...p,
});
const today = '2026-12-07';

describe('action cards', () => {
  it('the form: members, conditions and domains, the link chosen from the summary', () => {
    const card = formCard({ pid: PID, runId: RUN, members, links: linkTargets(), values: { link: 'c4' } });
    expect(card).toMatchSnapshot();
  });

  it('the owner card with notes, overdue marked', () => {
    const card = actionCard({
      action: action(1, { status: 'bezig' }),
      owner: 'Dina Docent',
      link: linkTargets().find((l) => l.id === 'c4'),
      notes: [{ action_id: 'a', seq: 1, text: 'Eerste overleg *gepland*.', author_member_id: members[0]!.id, created_at: Date.UTC(2026, 10, 25, 9), author: 'Dina Docent' }],
      canUpdate: true,
      forOwner: true,
      today,
      notice: 'Bijgewerkt.',
    });
    expect(card).toMatchSnapshot();
  });

  it('the card of someone who may not update it has no inputs', () => {
    const card = actionCard({ action: action(1, {}), owner: 'Dina Docent', link: undefined, notes: [], canUpdate: false, forOwner: false, today });
    expect(JSON.stringify(card)).not.toContain('Input.');
  });

  it('the list: open first, earliest date first, overdue marked; filtered per werkgroep', () => {
    const actions = [
      action(1, { status: 'klaar', what: 'Klaar ding' }),
      action(2, { due_date: '2026-12-20', owner_member_id: members[1]!.id, what: 'Later ding' }),
      action(3, { status: 'bezig', what: 'Te laat ding' }),
      action(4, { status: 'vervallen', what: 'Vervallen ding', owner_member_id: null }),
    ];
    const all = listCard({ pid: PID, partnershipName: 'Leerlab Rivierenland', actions, members, werkgroepen, werkgroepId: null, today });
    expect(all).toMatchSnapshot();
    const zorg = listCard({ pid: PID, partnershipName: 'Leerlab Rivierenland', actions, members, werkgroepen, werkgroepId: 'w1', today });
    expect(JSON.stringify(zorg)).not.toContain('Later ding');
    expect(JSON.stringify(zorg)).toContain('Te laat ding');
  });

  it('a list of 200 long actions and a form of a partnership with 150 members stay under 28 KB', () => {
    const long = 'Een heel lange beschrijving van wat er moet gebeuren, met veel woorden erin. '.repeat(4).slice(0, 300);
    const actions = Array.from({ length: 200 }, (_, i) => action(1, { id: `5000000${String(i).padStart(1, '0')}-0000-4000-8000-000000000000`.slice(0, 36), what: long, created_at: i }));
    const card = listCard({ pid: PID, partnershipName: 'Leerlab Rivierenland', actions, members, werkgroepen, werkgroepId: null, today });
    expect(JSON.stringify(card)).toContain(`En nog ${200 - MAX_LIST_LINES} acties.`);
    expect(teamsBytes(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `40000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Voornaam Achternaam-Van-Der-Berg ${i}` }));
    const form = formCard({ pid: PID, members: many, links: linkTargets() });
    expect(teamsBytes(JSON.stringify(form))).toBeLessThan(MAX_CARD_BYTES);
    expect(JSON.stringify(form).match(/"value":"40000000-/g)).toHaveLength(100);
  });

  it('the summary: a button per point of attention, and the actions beside the change per condition', () => {
    const schools = [
      { id: 's0', partnership_id: 'p', name: 'Vmbo De Brug', type: 'vo' as const, position: 0 },
      { id: 's1', partnership_id: 'p', name: 'ROC Rivierenland', type: 'mbo' as const, position: 1 },
    ];
    const people = (c4: number) =>
      [0, 1, 2, 3, 4, 5].map((i) => ({ id: `m${i}`, schoolId: i < 3 ? 's0' : 's1', schoolType: i < 3 ? ('vo' as const) : ('mbo' as const), layer: 'professioneel' as const, answers: { 'c1.s1': 4, 'c4.s1': c4 }, comments: {} }));
    const before = publish(loadInstrument('1'), people(2), schools, { perSchool: false, minGroup: 3, names: [], random: () => 0 });
    const after = publish(loadInstrument('1'), people(3), schools, { perSchool: false, minGroup: 3, names: [], random: () => 0 });
    const card = summaryCard({
      seq: 2,
      runId: RUN,
      invited: 6,
      summary: after,
      changes: compareRuns(before, after),
      actions: { lines: { c4: '1 actie klaar, 1 open' }, buttons: [{ title: 'Actie toevoegen', action: { verb: 'actions.form', data: { pid: PID, runId: RUN } } }] },
    });
    const texts = JSON.stringify(card);
    expect(texts).toContain('Het professioneel organiseren van de samenwerking: sinds vorige keer: +1,0; 1 actie klaar, 1 open');
    expect(texts).toContain('Werken aan een gedeelde ambitie: 0,0');
    expect(card).toMatchSnapshot();
  });
});
