import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { feasibilitySchema } from '../../src/feasibility/content/schema.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { expandFields, pageCount, type ConcreteField } from '../../src/feasibility/fields.js';
import { checkPart, parsePart } from '../../src/feasibility/validate.js';
import { partCard } from '../../src/feasibility/cards.js';
import { FEASIBILITY_ACTIONS } from '../../src/feasibility/verbs.js';
import { MAX_CARD_BYTES, utf16Bytes } from '../../src/cards/render.js';
import type { PartRow, Study } from '../../src/feasibility/repo.js';
import type { School } from '../../src/partnership/repo.js';
import { actionsOf, payloadOf } from '../helpers/cardContract.js';

/**
 * Content v2's own parts of the business case (instroom, businesscase, partners, risicos): it
 * parses, its new field types expand, parse and refuse in Dutch, and every card of every part,
 * on every page, stays under the card limit with the largest partnership, each button's
 * payload parsing through its contract. (v2 is wired to new studies by the content-version
 * work; these tests read the file directly.)
 */

const v2 = feasibilitySchema.parse(JSON.parse(fs.readFileSync(new URL('../../src/feasibility/content/v2.json', import.meta.url), 'utf8')));
const study = { id: '5a4f3c1e-0000-4000-8000-000000000002', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, status: 'open', nudges: 0 } as Study;
const school = (id: string, name: string, type: School['type'], position: number): School => ({ id, partnership_id: 'p-1', name, type, position });
const small = [school('a', 'Vmbo A', 'vo', 0), school('b', 'Vmbo B', 'vo', 1), school('m', 'Mbo M', 'mbo', 2), school('k', 'Bakkerij De Korf', 'bedrijf', 3)];
// The largest setup: ten schools with long names, seven of them vmbo.
const big = Array.from({ length: 10 }, (_, i) => school(`s${i}`, `${'Vmbo-school '.repeat(8)}${i}`, i < 7 ? 'vo' : 'mbo', i));
const six = ['Horeca', 'Techniek', 'Zorg en welzijn', 'Handel', 'Beveiliging', 'Recreatie'];
const fieldsOf = (id: string, schools: School[], ctx = {}) => expandFields(v2.parts.find((p) => p.id === id)!.fields, schools, ctx);

/** The largest value each field accepts, as the card's input sends it. */
function largest(f: ConcreteField): string {
  // A crebo is five digits (the check after parsing refuses anything else).
  if (f.input === 'crebo') return '12345';
  switch (f.type) {
    case 'text':
    case 'list':
      return `${f.input}:`.padEnd(f.max ?? 2000, 'é');
    case 'count':
      return String(f.max);
    case 'money':
      return '99999999,99';
    case 'decimal':
      return String(f.max);
    case 'years':
      return Array.from({ length: f.max! - f.min! + 1 }, (_, i) => String(f.min! + i)).join(', ');
    case 'choice':
      return f.options!.reduce((a, b) => (b.title.length > a.title.length ? b : a)).value;
    case 'date':
      return '2027-06-30';
  }
}

describe('feasibility content v2: the business case, the companies and the risks', () => {
  it('parses, and v1 still does', () => {
    expect(v2.version).toBe('2');
    expect(feasibilityContent(1).version).toBe('1');
    expect(feasibilityContent().version).toBe('2');
    expect(v2.parts.map((p) => p.id)).toEqual(['ambitie', 'instroom', 'businesscase', 'partners', 'juridisch', 'risicos']);
  });

  it('asks inflow per vo school, and per school and profile when Ambitie names several', () => {
    expect(fieldsOf('instroom', small).map((f) => [f.input, f.key])).toEqual([
      ['inflow_0', 'inflow.a'],
      ['inflow_1', 'inflow.b'],
      ['total', 'total'],
      ['minGroup', 'minGroup'],
    ]);
    const perProfile = fieldsOf('instroom', small, { profiles: ['Horeca', 'Techniek'] });
    expect(perProfile.map((f) => [f.input, f.key, f.label])).toEqual([
      ['inflow_0_0', 'inflow.a.p0', 'Verwachte leerlingen per jaar: Vmbo A, Horeca'],
      ['inflow_0_1', 'inflow.a.p1', 'Verwachte leerlingen per jaar: Vmbo A, Techniek'],
      ['inflow_1_0', 'inflow.b.p0', 'Verwachte leerlingen per jaar: Vmbo B, Horeca'],
      ['inflow_1_1', 'inflow.b.p1', 'Verwachte leerlingen per jaar: Vmbo B, Techniek'],
      ['total', 'total', 'Totaal per jaar (ter controle, mag leeg)'],
      ['minGroup', 'minGroup', 'Minimale groepsgrootte'],
    ]);
    // One profile, or more than six, is asked per school (a card of 7 schools x 7 profiles would be too long to fill).
    expect(fieldsOf('instroom', small, { profiles: ['Horeca'] }).map((f) => f.input)).toEqual(['inflow_0', 'inflow_1', 'total', 'minGroup']);
    expect(fieldsOf('instroom', small, { profiles: [...six, 'Media'] }).map((f) => f.input)).toEqual(['inflow_0', 'inflow_1', 'total', 'minGroup']);
    // The total checks the sum over schools and profiles: 5 + 3 + 4 + 2 = 14.
    const data = parsePart(perProfile, { inflow_0_0: '5', inflow_0_1: '3', inflow_1_0: '4', inflow_1_1: '2', total: '14', minGroup: '8' });
    expect(() => checkPart('instroom', data)).not.toThrow();
    expect(() => checkPart('instroom', { ...data, total: 15 })).toThrow('Het totaal (15) klopt niet met de som per school (14).');
  });

  it('asks costs per school (not per company), development years, subsidies and transfers, and parses them', () => {
    const fields = fieldsOf('businesscase', small);
    expect(fields.map((f) => f.input)).toEqual([
      'voPerPupil', 'mboPerPupil', 'cost_0', 'cost_1', 'cost_2', 'devCost_0', 'devCost_1', 'devCost_2', 'devYears',
      'subsidies0_school', 'subsidies0_amount', 'subsidies0_years', 'subsidies1_school', 'subsidies1_amount', 'subsidies1_years', 'subsidies2_school', 'subsidies2_amount', 'subsidies2_years',
      'transfers0_from', 'transfers0_to', 'transfers0_pupil', 'transfers0_years', 'transfers1_from', 'transfers1_to', 'transfers1_pupil', 'transfers1_years',
    ]);
    expect(fields.find((f) => f.input === 'subsidies0_school')!.options).toEqual([
      { value: '', title: '(geen)' },
      { value: 'a', title: 'Vmbo A' },
      { value: 'b', title: 'Vmbo B' },
      { value: 'm', title: 'Mbo M' },
    ]);
    const data = parsePart(fields, { voPerPupil: '7000', mboPerPupil: '6000', cost_0: '20000', cost_2: '60000', devCost_2: '30000', devYears: '1-2', subsidies0_school: 'a', subsidies0_amount: '10000', subsidies0_years: '1 t/m 2', transfers0_from: 'm', transfers0_to: 'a', transfers0_pupil: '1000', transfers0_years: '4, 3' });
    expect(data).toMatchObject({ 'cost.a': 20000, 'cost.b': null, 'cost.m': 60000, 'devCost.m': 30000, devYears: '1, 2', 'subsidies.0.school': 'a', 'subsidies.0.amount': 10000, 'subsidies.0.years': '1, 2', 'transfers.0.from': 'm', 'transfers.0.to': 'a', 'transfers.0.perPupil': 1000, 'transfers.0.routeYears': '3, 4' });
    expect(() => checkPart('businesscase', data)).not.toThrow();
  });

  it('refuses, in Dutch, years outside the case, a half-filled subsidy or transfer, a transfer to the same school and a company that does not belong', () => {
    const fields = fieldsOf('businesscase', small);
    expect(() => parsePart(fields, { devYears: '0, 6' })).toThrow('Ontwikkeljaren: in welke jaren van het partnerschap vallen de ontwikkelkosten? Bijvoorbeeld 1, 2; leeg is jaar 1: noem jaren van 1 tot en met 5, gescheiden door komma\'s (bijvoorbeeld 1, 2).');
    expect(() => parsePart(fields, { transfers0_years: 'derde jaar' })).toThrow('Overdracht van bekostiging 1: in welke jaren van de route, bijvoorbeeld 3, 4: noem jaren van 1 tot en met 6');
    expect(() => parsePart(fields, { subsidies0_school: 'k' })).toThrow('Subsidie 1: voor welke school: kies een van de mogelijkheden.');
    expect(() => checkPart('businesscase', parsePart(fields, { subsidies0_school: 'a', subsidies0_amount: '10000' }))).toThrow('Subsidie 1: vul de school, het bedrag per jaar én de jaren in (of laat alle drie leeg).');
    expect(() => checkPart('businesscase', parsePart(fields, { transfers1_from: 'm', transfers1_pupil: '500' }))).toThrow('Overdracht 2: vul van welke school, naar welke school, het bedrag per leerling én de jaren van de route in (of laat alles leeg).');
    expect(() => checkPart('businesscase', parsePart(fields, { transfers0_from: 'a', transfers0_to: 'a', transfers0_pupil: '500', transfers0_years: '3' }))).toThrow('Overdracht 1: bekostiging gaat van de ene school naar een andere. Kies twee verschillende scholen.');
  });

  it('asks up to twenty companies, five to a card, with places and supervisor hours per pupil per week', () => {
    const partners = v2.parts.find((p) => p.id === 'partners')!;
    expect(pageCount(partners.fields)).toBe(4);
    expect(fieldsOf('partners', small, { page: 1 }).map((f) => f.input)).toEqual(['c5_name', 'c5_places', 'c5_hours', 'c6_name', 'c6_places', 'c6_hours', 'c7_name', 'c7_places', 'c7_hours', 'c8_name', 'c8_places', 'c8_hours', 'c9_name', 'c9_places', 'c9_hours']);
    expect(fieldsOf('partners', small)).toHaveLength(60);
    const page = fieldsOf('partners', small, { page: 0 });
    expect(parsePart(page, { c0_name: 'Van der Valk', c0_places: '6', c0_hours: '1,5' })).toMatchObject({ 'company.0.name': 'Van der Valk', 'company.0.places': 6, 'company.0.hours': 1.5, 'company.1.name': null });
    expect(() => parsePart(page, { c0_hours: 'veel' })).toThrow('Bedrijf 1: uren begeleiding per leerling per week: vul een getal in, bijvoorbeeld 2 of 1,5.');
    expect(() => parsePart(page, { c0_hours: '41' })).toThrow('Bedrijf 1: uren begeleiding per leerling per week: mag hoogstens 40 zijn.');
  });

  it('every card of every part, on every page, filled to the maximum for the largest partnership, stays under 28 KB; each button parses through its contract', () => {
    const seen: string[] = [];
    for (const part of v2.parts) {
      for (let page = 0; page < pageCount(part.fields); page++) {
        const paged = pageCount(part.fields) > 1;
        const fields = expandFields(part.fields, big, { profiles: six, ...(paged ? { page } : {}) });
        const inputs = Object.fromEntries(fields.map((f) => [f.input, largest(f)]));
        const values = parsePart(fields, inputs);
        const row = { study_id: study.id, part_id: part.id, status: 'bezig', owner_member_id: null, due_date: null, updated_by: null, updated_at: null, revision: 3, values } as unknown as PartRow;
        const card = partCard({ study, partId: part.id, fields, row, content: v2, ...(paged ? { page } : {}) });
        expect(utf16Bytes(card), `${part.id} page ${page}`).toBeLessThan(MAX_CARD_BYTES);
        for (const action of actionsOf(card as Record<string, unknown>)) {
          const contract = Object.values(FEASIBILITY_ACTIONS).find((a) => a.verb === action.verb)!;
          for (const mode of ['untouched', 'set'] as const) {
            const payload = payloadOf(action, mode, '2027-01-15');
            expect(contract.schema.safeParse(payload).success, `${part.id} ${page} ${action.title} ${mode}`).toBe(true);
          }
          seen.push(`${part.id}:${page}:${action.title}`);
        }
      }
    }
    // The companies' pages: the first has "volgende", the middle ones both, the last "vorige".
    expect(seen.filter((s) => s.startsWith('partners:'))).toEqual([
      'partners:0:Opslaan', 'partners:0:Opslaan, volgende bedrijven', 'partners:0:Terug naar overzicht',
      'partners:1:Opslaan', 'partners:1:Opslaan, vorige bedrijven', 'partners:1:Opslaan, volgende bedrijven', 'partners:1:Terug naar overzicht',
      'partners:2:Opslaan', 'partners:2:Opslaan, vorige bedrijven', 'partners:2:Opslaan, volgende bedrijven', 'partners:2:Terug naar overzicht',
      'partners:3:Opslaan', 'partners:3:Opslaan, vorige bedrijven', 'partners:3:Terug naar overzicht',
    ]);
    // The business case on three cards: costs, subsidies, transfers.
    expect(seen.filter((s) => s.startsWith('businesscase:'))).toEqual([
      'businesscase:0:Opslaan', 'businesscase:0:Opslaan, volgende kaart', 'businesscase:0:Terug naar overzicht',
      'businesscase:1:Opslaan', 'businesscase:1:Opslaan, vorige kaart', 'businesscase:1:Opslaan, volgende kaart', 'businesscase:1:Terug naar overzicht',
      'businesscase:2:Opslaan', 'businesscase:2:Opslaan, vorige kaart', 'businesscase:2:Terug naar overzicht',
    ]);
    expect(fieldsOf('businesscase', small, { page: 1 }).map((f) => f.input)).toEqual(['subsidies0_school', 'subsidies0_amount', 'subsidies0_years', 'subsidies1_school', 'subsidies1_amount', 'subsidies1_years', 'subsidies2_school', 'subsidies2_amount', 'subsidies2_years']);
  });
});
