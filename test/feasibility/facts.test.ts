import { describe, expect, it } from 'vitest';
import { caseInputOf, figuresOf } from '../../src/feasibility/facts.js';
import { caseLines } from '../../src/feasibility/caseLines.js';
import { overviewCard } from '../../src/feasibility/cards.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import type { PartRow, Study } from '../../src/feasibility/repo.js';
import type { School } from '../../src/partnership/repo.js';
import type { PartData } from '../../src/feasibility/validate.js';

/**
 * figuresOf reads the stored answers (as parsePart stores them) into the business case: v2's
 * per-school costs, subsidies, transfers, companies and the BPV start; v1's one set of costs
 * as one cohort-compatible reading. The overview shows it per school and per year.
 */

const study = { id: '5a4f3c1e-0000-4000-8000-000000000003', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, status: 'open', nudges: 0 } as Study;
const school = (id: string, name: string, type: School['type'], position: number): School => ({ id, partnership_id: 'p-1', name, type, position });
const schools = [school('a', 'Vmbo A', 'vo', 0), school('b', 'Vmbo B', 'vo', 1), school('m', 'Mbo M', 'mbo', 2), school('k', 'Bakkerij De Korf', 'bedrijf', 3)];
const parts = (values: Record<string, PartData>) =>
  feasibilityContent().parts.map((p) => ({ study_id: study.id, part_id: p.id, status: 'beantwoord', owner_member_id: null, due_date: null, updated_by: null, updated_at: null, revision: 1, values: values[p.id] ?? {} }) as unknown as PartRow);

// The partnership of the unit test in businessCase.test.ts, as a v2 study stores it.
const v2Answers: Record<string, PartData> = {
  ambitie: { profiles: 'Techniek' },
  instroom: { 'inflow.a': 5, 'inflow.b': 3, total: 8, minGroup: 6 },
  businesscase: {
    voPerPupil: 7000, mboPerPupil: 6000, 'cost.a': 20000, 'cost.b': 15000, 'cost.m': 60000, 'devCost.a': null, 'devCost.b': null, 'devCost.m': 30000, devYears: '1, 2',
    'subsidies.0.school': 'a', 'subsidies.0.amount': 10000, 'subsidies.0.years': '1, 2', 'subsidies.1.school': null, 'subsidies.1.amount': null, 'subsidies.1.years': null,
    'transfers.0.from': 'm', 'transfers.0.to': 'a', 'transfers.0.perPupil': 1000, 'transfers.0.routeYears': '3, 4',
  },
  partners: { 'company.0.name': 'Bakkerij De Korf', 'company.0.places': 4, 'company.0.hours': 2, 'company.1.name': 'Garage Verhoef', 'company.1.places': 3, 'company.1.hours': 1.5, 'company.2.name': null },
  juridisch: { routeYears: 4, bpvFromYear: 3 },
  risicos: { conditions: '' },
};

describe('figures from the answers', () => {
  it('v2: per school costs, a development cost, a subsidy, a transfer and the BPV start give the hand-worked table', () => {
    const f = figuresOf(parts(v2Answers), { schools });
    // The literal table of businessCase.test.ts ("two vo schools and one mbo school"); the company is no school.
    expect(f.case.schools.map((s) => [s.name, s.years.map((y) => y.balance)])).toEqual([
      ['Vmbo A', [25_000, 60_000, 55_000, 60_000, 60_000]],
      ['Vmbo B', [6_000, 27_000, 27_000, 27_000, 27_000]],
      ['Mbo M', [-90_000, -90_000, -17_000, 26_000, 26_000]],
    ]);
    expect(f.case.partnership.years.map((y) => y.balance)).toEqual([-59_000, -3_000, 65_000, 113_000, 113_000]);
    expect([f.pupils, f.firstCoveredYear, f.case.partnership.total.coverage]).toEqual([8, 3, 142.8]);
    // BPV from route year 3: 8 pupils in year 3 for 4 + 3 places.
    expect(f.places.firstShortYear).toBe(3);
    expect(f.suggestion).toEqual({ verdict: 'niet-haalbaar', reasons: ['places-short'], lines: ['Te weinig BPV-plekken in jaar 3: 8 leerlingen in de BPV, 7 plekken bij de bedrijven.'] });
    // A missing legal choice from Wettelijk en praktisch is one more reason.
    expect(figuresOf(parts(v2Answers), { schools, missingLegal: ['wanneer de vmbo-examens zijn'] }).suggestion.lines).toEqual([
      'Te weinig BPV-plekken in jaar 3: 8 leerlingen in de BPV, 7 plekken bij de bedrijven.',
      'Nog niet gekozen: wanneer de vmbo-examens zijn.',
    ]);
    // Without a BPV start chosen: route year 1, so 8 pupils in year 1 already and 7 places.
    const { bpvFromYear: _, ...juridisch } = v2Answers.juridisch!;
    expect(figuresOf(parts({ ...v2Answers, juridisch }), { schools }).places.firstShortYear).toBe(1);
  });

  it('v2 with four profiles: inflow per school and profile adds up to 26; stale per-school answers are not counted twice', () => {
    const answers = { ...v2Answers, ambitie: { profiles: 'Horeca, Techniek, Zorg, Handel' }, instroom: { 'inflow.a': 5, 'inflow.b': 3, 'inflow.a.p0': 5, 'inflow.a.p1': 4, 'inflow.a.p2': 3, 'inflow.a.p3': 2, 'inflow.b.p0': 4, 'inflow.b.p1': 3, 'inflow.b.p2': 3, 'inflow.b.p3': 2, minGroup: 12 } };
    const input = caseInputOf(answers, schools);
    // A: 5 + 4 + 3 + 2 = 14; B: 4 + 3 + 3 + 2 = 12; 26 in all.
    expect(input.inflow.map((i) => [i.schoolId, i.profile, i.pupils])).toEqual([
      ['a', 'Horeca', 5], ['a', 'Techniek', 4], ['a', 'Zorg', 3], ['a', 'Handel', 2],
      ['b', 'Horeca', 4], ['b', 'Techniek', 3], ['b', 'Zorg', 3], ['b', 'Handel', 2],
    ]);
    expect(figuresOf(parts(answers), { schools }).pupils).toBe(26);
  });

  it('v1: the costs for the route as "samen", the transfer per mbo year from the mbo school to each vo school', () => {
    const v1 = { instroom: { 'inflow.a': 5, 'inflow.b': 3, minGroup: 12 }, businesscase: { years: 4, costTeaching: 60000, costSupervision: 10000, costMaterials: 5000, costLocation: 8000, costCoordination: 7000, voPerPupil: 7000, mboPerPupil: 6500, transferPerPupil: 500 } };
    const input = caseInputOf(v1, schools);
    expect(input.recurring).toEqual([{ schoolId: 'samen', perYear: 90_000 }]);
    expect(input.transfers).toEqual([
      { from: 'm', to: 'a', perPupil: 500, routeYears: [3, 4] },
      { from: 'm', to: 'b', perPupil: 500, routeYears: [3, 4] },
    ]);
    const f = figuresOf(parts(v1), { schools });
    // Mbo M: 6,500 x 8 = 52,000 in y3 minus 500 x 8 = 4,000; 104,000 - 8,000 in y4-5.
    expect(f.case.schools.find((s) => s.schoolId === 'm')!.years.map((y) => y.income)).toEqual([0, 0, 48_000, 96_000, 96_000]);
    // The partnership as without the transfer: 56,000, 112,000, 164,000, 216,000, 216,000.
    expect(f.case.partnership.years.map((y) => y.income)).toEqual([56_000, 112_000, 164_000, 216_000, 216_000]);
  });

  it('the overview shows the partnership per year and each school in one line, within the card limit', () => {
    const f = figuresOf(parts(v2Answers), { schools });
    const lines = caseLines(f);
    expect(lines).toEqual([
      'Instroom 8 leerlingen per jaar; minimale groep 6; route van 4 jaar. Elk jaar start een nieuw cohort; vo-bekostiging in routejaar 1 en 2, daarna mbo-bekostiging.',
      '**Partnerschap samen, per jaar**',
      'Jaar 1 (8 leerlingen in de route): kosten € 125.000, inkomsten € 66.000, saldo € -59.000, dekking 52,8%',
      'Jaar 2 (16 leerlingen in de route): kosten € 125.000, inkomsten € 122.000, saldo € -3.000, dekking 97,6%',
      'Jaar 3 (24 leerlingen in de route): kosten € 95.000, inkomsten € 160.000, saldo € 65.000, dekking 168,4%',
      'Jaar 4 (32 leerlingen in de route): kosten € 95.000, inkomsten € 208.000, saldo € 113.000, dekking 218,9%',
      'Jaar 5 (32 leerlingen in de route): kosten € 95.000, inkomsten € 208.000, saldo € 113.000, dekking 218,9%',
      'Vijf jaar samen: kosten € 535.000, inkomsten € 764.000, saldo € 229.000, dekking 142,8%.',
      'De route dekt zichzelf vanaf jaar 3.',
      '**Per school: saldo jaar 1 t/m 5 (overdrachten en subsidies meegeteld)**',
      // A: income 45,000 + 80,000 + 75,000 + 80,000 + 80,000 = 360,000 of 100,000.
      'Vmbo A: € 25.000 · € 60.000 · € 55.000 · € 60.000 · € 60.000; vijf jaar: kosten € 100.000, inkomsten € 360.000, dekking 360,0%',
      // B: 21,000 + 4 x 42,000 = 189,000 of 75,000.
      'Vmbo B: € 6.000 · € 27.000 · € 27.000 · € 27.000 · € 27.000; vijf jaar: kosten € 75.000, inkomsten € 189.000, dekking 252,0%',
      // M: 43,000 + 86,000 + 86,000 = 215,000 of 90,000 + 90,000 + 3 x 60,000 = 360,000: 59.7%.
      'Mbo M: € -90.000 · € -90.000 · € -17.000 · € 26.000 · € 26.000; vijf jaar: kosten € 360.000, inkomsten € 215.000, dekking 59,7%',
      '**Bedrijven en BPV-plekken**',
      'Leerlingen in de BPV (vanaf routejaar 3), jaar 1 t/m 5: 0 · 0 · 8 · 16 · 16; plekken bij de bedrijven: 7.',
      'Uren begeleiding per week, jaar 1 t/m 5: 0 · 0 · 12,5 · 12,5 · 12,5.',
      'Tekort aan plekken vanaf jaar 3: 8 leerlingen, 7 plekken.',
    ]);
    const card = overviewCard({ study, werkgroepName: 'Techniek', parts: parts(v2Answers), members: [], decision: undefined, figures: f });
    const text = JSON.stringify(card);
    expect(text).toContain('Vmbo A: € 25.000');
    expect(text).toContain('Niet haalbaar zoals gepland');
    expect(text).toContain('Dit is een voorstel. Het besluit neemt de regiegroep of de projectleider.');
  });
});
