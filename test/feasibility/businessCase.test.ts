import { describe, expect, it } from 'vitest';
import { businessCase, type CaseInput } from '../../src/feasibility/businessCase.js';
import { workplaces } from '../../src/feasibility/workplaces.js';
import { suggestVerdict } from '../../src/feasibility/verdict.js';
import { checkPart, parsePart } from '../../src/feasibility/validate.js';
import { expandFields } from '../../src/feasibility/fields.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';

/** [partnership year, cost, income, balance, coverage %] per row, to compare with literal tables. */
const rows = (years: Array<{ year: number; cost: number; income: number; balance: number; coverage: number | null }>) => years.map((y) => [y.year, y.cost, y.income, y.balance, y.coverage]);
const none = { oneOff: [], subsidies: [], transfers: [] };

describe('business case per school, cohorts through the route', () => {
  it('Gorinchem-like: one profile, 8 pupils a year, 4 route years does not cover itself in five years', () => {
    const input: CaseInput = {
      schools: [
        { id: 'v', name: 'Vmbo Gorinchem', type: 'vo' },
        { id: 'm', name: 'ROC Da Vinci', type: 'mbo' },
      ],
      inflow: [{ schoolId: 'v', pupils: 8 }],
      routeYears: 4,
      voPerPupil: 7_000,
      mboPerPupil: 6_500,
      recurring: [
        { schoolId: 'v', perYear: 90_000 },
        { schoolId: 'm', perYear: 90_000 },
      ],
      ...none,
    };
    const bc = businessCase(input);
    // Pupils per route year [r1, r2, r3, r4]: y1 [8,0,0,0], y2 [8,8,0,0], y3 [8,8,8,0], y4 and y5 [8,8,8,8]
    // (in y5 cohort 1 has left after four years and cohort 5 has started).
    // vo school: r1+r2 pupils x 7,000   mbo school: r3+r4 pupils x 6,500   cost 90,000 each
    // year | vo income         | cov    | mbo income        | cov    | partnership income | cost    | balance  | cov
    //  1   |  8 x 7,000= 56,000 |  62.2 |            0      |   0.0  |  56,000            | 180,000 | -124,000 |  31.1
    //  2   | 16 x 7,000=112,000 | 124.4 |            0      |   0.0  | 112,000            | 180,000 |  -68,000 |  62.2
    //  3   | 112,000            | 124.4 |  8 x 6,500=52,000 |  57.8  | 164,000            | 180,000 |  -16,000 |  91.1
    //  4   | 112,000            | 124.4 | 16 x 6,500=104,000| 115.6  | 216,000            | 180,000 |   36,000 | 120.0
    //  5   | 112,000            | 124.4 | 104,000           | 115.6  | 216,000            | 180,000 |   36,000 | 120.0
    // Five years: vo 504,000 of 450,000 (112.0%), mbo 260,000 of 450,000 (57.8%),
    // partnership 764,000 of 900,000 = 84.9%, short 136,000; first covered year 4.
    expect(bc.partnership.years.map((y) => y.pupilsByRouteYear)).toEqual([
      [8, 0, 0, 0],
      [8, 8, 0, 0],
      [8, 8, 8, 0],
      [8, 8, 8, 8],
      [8, 8, 8, 8],
    ]);
    expect(rows(bc.schools[0]!.years)).toEqual([
      [1, 90_000, 56_000, -34_000, 62.2],
      [2, 90_000, 112_000, 22_000, 124.4],
      [3, 90_000, 112_000, 22_000, 124.4],
      [4, 90_000, 112_000, 22_000, 124.4],
      [5, 90_000, 112_000, 22_000, 124.4],
    ]);
    expect(rows(bc.schools[1]!.years)).toEqual([
      [1, 90_000, 0, -90_000, 0],
      [2, 90_000, 0, -90_000, 0],
      [3, 90_000, 52_000, -38_000, 57.8],
      [4, 90_000, 104_000, 14_000, 115.6],
      [5, 90_000, 104_000, 14_000, 115.6],
    ]);
    expect(rows(bc.partnership.years)).toEqual([
      [1, 180_000, 56_000, -124_000, 31.1],
      [2, 180_000, 112_000, -68_000, 62.2],
      [3, 180_000, 164_000, -16_000, 91.1],
      [4, 180_000, 216_000, 36_000, 120],
      [5, 180_000, 216_000, 36_000, 120],
    ]);
    expect(bc.schools.map((s) => s.total)).toEqual([
      { cost: 450_000, income: 504_000, balance: 54_000, coverage: 112 },
      { cost: 450_000, income: 260_000, balance: -190_000, coverage: 57.8 },
    ]);
    expect(bc.partnership.total).toEqual({ cost: 900_000, income: 764_000, balance: -136_000, coverage: 84.9 });
    expect([bc.firstCoveredYear, bc.gap, bc.inflowPerYear]).toEqual([4, 136_000, 8]);

    // 20 places from route year 1: in BPV 8, 16, 24, 32, 32, so short from year 3.
    const places = workplaces({ inflowPerYear: 8, routeYears: 4, bpvFromYear: 1, companies: [{ name: 'Van der Valk', places: 20, hoursPerPupil: 2 }] });
    expect(places.years.map((y) => [y.inBpv, y.short])).toEqual([
      [8, 0],
      [16, 0],
      [24, 4],
      [32, 12],
      [32, 12],
    ]);
    const s = suggestVerdict({ pupils: 8, minGroup: 12, profiles: 1, coverage: bc.partnership.total.coverage, places, missingLegal: [], conditions: [] });
    expect(s.verdict).toBe('niet-haalbaar');
    expect(s.reasons).toEqual(['inflow-below-minimum', 'coverage-below-100', 'places-short', 'broaden-profiles']);
    expect(s.lines.slice(0, 3)).toEqual([
      'De instroom (8 leerlingen per jaar) is lager dan de minimale groep (12).',
      'De bekostiging dekt de kosten van het partnerschap niet in de eerste vijf jaar (dekking 84,9%, minder dan 100%).',
      'Te weinig BPV-plekken in jaar 3: 24 leerlingen in de BPV, 20 plekken bij de bedrijven.',
    ]);
    expect(s.lines[3]).toContain('Gorinchem');
    expect(s.lines[3]).toContain('meer profielen');
  });

  it('broadened: 4 profiles, 26 pupils a year, covers itself from year 2; listed conditions make it feasible on conditions', () => {
    const bc = businessCase({
      schools: [
        { id: 'v', name: 'Vmbo Gorinchem', type: 'vo' },
        { id: 'm', name: 'ROC Da Vinci', type: 'mbo' },
      ],
      inflow: [
        { schoolId: 'v', profile: 'Horeca', pupils: 8 },
        { schoolId: 'v', profile: 'Techniek', pupils: 7 },
        { schoolId: 'v', profile: 'Zorg', pupils: 6 },
        { schoolId: 'v', profile: 'Handel', pupils: 5 },
      ],
      routeYears: 4,
      voPerPupil: 7_000,
      mboPerPupil: 6_500,
      recurring: [
        { schoolId: 'v', perYear: 110_000 },
        { schoolId: 'm', perYear: 110_000 },
      ],
      ...none,
    });
    // 8 + 7 + 6 + 5 = 26 a year. Cost 220,000 a year.
    // year | vo income            | mbo income           | income  | balance | coverage
    //  1   | 26 x 7,000 = 182,000 | 0                    | 182,000 | -38,000 |  82.7 (182/220)
    //  2   | 52 x 7,000 = 364,000 | 0                    | 364,000 | 144,000 | 165.5 (364/220)
    //  3   | 364,000              | 26 x 6,500 = 169,000 | 533,000 | 313,000 | 242.3 (533/220)
    //  4   | 364,000              | 52 x 6,500 = 338,000 | 702,000 | 482,000 | 319.1 (702/220)
    //  5   | 364,000              | 338,000              | 702,000 | 482,000 | 319.1
    // Five years: 2,483,000 of 1,100,000 = 225.7%.
    expect(bc.inflowPerYear).toBe(26);
    expect(rows(bc.partnership.years)).toEqual([
      [1, 220_000, 182_000, -38_000, 82.7],
      [2, 220_000, 364_000, 144_000, 165.5],
      [3, 220_000, 533_000, 313_000, 242.3],
      [4, 220_000, 702_000, 482_000, 319.1],
      [5, 220_000, 702_000, 482_000, 319.1],
    ]);
    expect(bc.partnership.total).toEqual({ cost: 1_100_000, income: 2_483_000, balance: 1_383_000, coverage: 225.7 });
    expect([bc.firstCoveredYear, bc.gap]).toEqual([2, 0]);

    // BPV from route year 3: 0, 0, 26, 52, 52 pupils; 40 + 12 = 52 places, enough.
    // Hours a week: y3 26 at Van der Valk x 2 = 52; y4 40 x 2 + 12 x 1.5 = 98.
    const places = workplaces({
      inflowPerYear: 26,
      routeYears: 4,
      bpvFromYear: 3,
      companies: [
        { name: 'Van der Valk', places: 40, hoursPerPupil: 2 },
        { name: 'Hotel De Doelen', places: 12, hoursPerPupil: 1.5 },
      ],
    });
    expect(places.years.map((y) => [y.inBpv, y.places, y.short, y.supervisionHours])).toEqual([
      [0, 52, 0, 0],
      [0, 52, 0, 0],
      [26, 52, 0, 52],
      [52, 52, 0, 98],
      [52, 52, 0, 98],
    ]);
    expect(places.firstShortYear).toBeNull();
    const base = { pupils: 26, minGroup: 12, profiles: 4, coverage: bc.partnership.total.coverage, places, missingLegal: [] };
    expect(suggestVerdict({ ...base, conditions: ['Vier begeleiders bij Van der Valk'] })).toEqual({
      verdict: 'haalbaar-onder-voorwaarden',
      reasons: ['conditions-listed'],
      lines: ['Er is één voorwaarde genoemd.'],
    });
    expect(suggestVerdict({ ...base, conditions: [] })).toEqual({ verdict: 'haalbaar', reasons: [], lines: [] });
    expect(suggestVerdict({ ...base, conditions: [], missingLegal: ['het examenplan'] })).toEqual({
      verdict: 'niet-haalbaar',
      reasons: ['legal-missing'],
      lines: ['Nog niet gekozen: het examenplan.'],
    });
  });

  describe('two vo schools (5 and 3 a year) and one mbo school', () => {
    const input: CaseInput = {
      schools: [
        { id: 'a', name: 'Vmbo A', type: 'vo' },
        { id: 'b', name: 'Vmbo B', type: 'vo' },
        { id: 'm', name: 'Mbo M', type: 'mbo' },
      ],
      inflow: [
        { schoolId: 'a', pupils: 5 },
        { schoolId: 'b', pupils: 3 },
      ],
      routeYears: 4,
      voPerPupil: 7_000,
      mboPerPupil: 6_000,
      recurring: [
        { schoolId: 'a', perYear: 20_000 },
        { schoolId: 'b', perYear: 15_000 },
        { schoolId: 'm', perYear: 60_000 },
      ],
      oneOff: [{ schoolId: 'm', amount: 30_000, years: [1, 2] }],
      subsidies: [{ schoolId: 'a', amount: 10_000, years: [1, 2] }],
      transfers: [{ from: 'm', to: 'a', perPupil: 1_000, routeYears: [3, 4] }],
    };
    // Pupils of A per route year: y1 [5,0,0,0] y2 [5,5,0,0] y3 [5,5,5,0] y4, y5 [5,5,5,5]; of B the same with 3.
    // A: vo 7,000 x its r1+r2 pupils (5, 10, 10, 10, 10) = 35,000, 70,000, 70,000 …; subsidy 10,000 in y1-2;
    //    transfer from M: 1,000 x A's r3+r4 pupils (0, 0, 5, 10, 10); cost 20,000.
    // B: vo 7,000 x (3, 6, 6, 6, 6) = 21,000, 42,000 …; cost 15,000.
    // M: mbo 6,000 x all r3+r4 pupils (0, 0, 8, 16, 16) = 0, 0, 48,000, 96,000, 96,000, minus the transfer
    //    (0, 0, 5,000, 10,000, 10,000); cost 60,000 + development 30,000 in y1-2.
    // year | A income              | A bal  | B income | B bal  | M income               | M cost | M bal   | P cost  | P income | P bal   | P cov
    //  1   | 35,000+10,000= 45,000 | 25,000 | 21,000   |  6,000 | 0                      | 90,000 | -90,000 | 125,000 |  66,000  | -59,000 |  52.8
    //  2   | 70,000+10,000= 80,000 | 60,000 | 42,000   | 27,000 | 0                      | 90,000 | -90,000 | 125,000 | 122,000  |  -3,000 |  97.6
    //  3   | 70,000+ 5,000= 75,000 | 55,000 | 42,000   | 27,000 | 48,000- 5,000 = 43,000 | 60,000 | -17,000 |  95,000 | 160,000  |  65,000 | 168.4
    //  4   | 70,000+10,000= 80,000 | 60,000 | 42,000   | 27,000 | 96,000-10,000 = 86,000 | 60,000 |  26,000 |  95,000 | 208,000  | 113,000 | 218.9
    //  5   | 80,000                | 60,000 | 42,000   | 27,000 | 86,000                 | 60,000 |  26,000 |  95,000 | 208,000  | 113,000 | 218.9
    // Balances add up: y1 25,000 + 6,000 - 90,000 = -59,000; y2 60,000 + 27,000 - 90,000 = -3,000;
    // y3 55,000 + 27,000 - 17,000 = 65,000; y4 and y5 60,000 + 27,000 + 26,000 = 113,000.
    // Five years: cost 535,000, income 764,000, balance 229,000, coverage 142.8%; first covered year 3.
    it('a literal table per school; the schools add up to the partnership in every year', () => {
      const bc = businessCase(input);
      const [a, b, m] = bc.schools;
      expect(rows(a!.years)).toEqual([
        [1, 20_000, 45_000, 25_000, 225],
        [2, 20_000, 80_000, 60_000, 400],
        [3, 20_000, 75_000, 55_000, 375],
        [4, 20_000, 80_000, 60_000, 400],
        [5, 20_000, 80_000, 60_000, 400],
      ]);
      expect(a!.years.map((y) => [y.funding, y.subsidy, y.transfer])).toEqual([
        [35_000, 10_000, 0],
        [70_000, 10_000, 0],
        [70_000, 0, 5_000],
        [70_000, 0, 10_000],
        [70_000, 0, 10_000],
      ]);
      expect(rows(b!.years)).toEqual([
        [1, 15_000, 21_000, 6_000, 140],
        [2, 15_000, 42_000, 27_000, 280],
        [3, 15_000, 42_000, 27_000, 280],
        [4, 15_000, 42_000, 27_000, 280],
        [5, 15_000, 42_000, 27_000, 280],
      ]);
      expect(rows(m!.years)).toEqual([
        [1, 90_000, 0, -90_000, 0],
        [2, 90_000, 0, -90_000, 0],
        [3, 60_000, 43_000, -17_000, 71.7],
        [4, 60_000, 86_000, 26_000, 143.3],
        [5, 60_000, 86_000, 26_000, 143.3],
      ]);
      expect(rows(bc.partnership.years)).toEqual([
        [1, 125_000, 66_000, -59_000, 52.8],
        [2, 125_000, 122_000, -3_000, 97.6],
        [3, 95_000, 160_000, 65_000, 168.4],
        [4, 95_000, 208_000, 113_000, 218.9],
        [5, 95_000, 208_000, 113_000, 218.9],
      ]);
      expect(bc.partnership.years.map((y) => y.transfer)).toEqual([0, 0, 0, 0, 0]);
      for (let i = 0; i < 5; i++) expect(bc.schools.reduce((s, x) => s + x.years[i]!.balance, 0)).toBe(bc.partnership.years[i]!.balance);
      expect(bc.partnership.total).toEqual({ cost: 535_000, income: 764_000, balance: 229_000, coverage: 142.8 });
      expect(bc.firstCoveredYear).toBe(3);
    });

    it('the transfer changes A and M and leaves the partnership unchanged', () => {
      const withTransfer = businessCase(input);
      const without = businessCase({ ...input, transfers: [] });
      // Without the transfer: A 70,000 in y3-5 (balance 50,000), M 48,000 in y3 (balance -12,000) and 96,000 in y4-5 (36,000).
      expect(without.schools[0]!.years.map((y) => y.balance)).toEqual([25_000, 60_000, 50_000, 50_000, 50_000]);
      expect(without.schools[2]!.years.map((y) => y.balance)).toEqual([-90_000, -90_000, -12_000, 36_000, 36_000]);
      expect(withTransfer.schools[0]!.years.map((y) => y.balance)).toEqual([25_000, 60_000, 55_000, 60_000, 60_000]);
      expect(withTransfer.schools[2]!.years.map((y) => y.balance)).toEqual([-90_000, -90_000, -17_000, 26_000, 26_000]);
      expect(without.schools[1]).toEqual(withTransfer.schools[1]);
      expect(without.partnership).toEqual(withTransfer.partnership);
    });

    it('without the subsidy in years 1-2 only A and the first two years change', () => {
      const bc = businessCase({ ...input, subsidies: [] });
      // A: 35,000 - 20,000 = 15,000 and 70,000 - 20,000 = 50,000; the partnership 56,000 of 125,000 (44.8%) and 112,000 (89.6%).
      expect(bc.schools[0]!.years.map((y) => y.balance)).toEqual([15_000, 50_000, 55_000, 60_000, 60_000]);
      expect(rows(bc.partnership.years).slice(0, 2)).toEqual([
        [1, 125_000, 56_000, -69_000, 44.8],
        [2, 125_000, 112_000, -13_000, 89.6],
      ]);
      expect(bc.firstCoveredYear).toBe(3);
    });

    it('places short in route year 3 are named in the verdict', () => {
      // BPV from route year 3: in BPV y1 0, y2 0, y3 8 (cohort 1 of A and B), y4 16, y5 16; 4 + 3 = 7 places.
      // Hours a week in y3: 4 x 2 + 3 x 1.5 = 12.5 (all 7 places filled).
      const places = workplaces({
        inflowPerYear: 8,
        routeYears: 4,
        bpvFromYear: 3,
        companies: [
          { name: 'Bakkerij De Korf', places: 4, hoursPerPupil: 2 },
          { name: 'Garage Verhoef', places: 3, hoursPerPupil: 1.5 },
        ],
      });
      expect(places.years.map((y) => [y.inBpv, y.short, y.supervisionHours])).toEqual([
        [0, 0, 0],
        [0, 0, 0],
        [8, 1, 12.5],
        [16, 9, 12.5],
        [16, 9, 12.5],
      ]);
      expect(places.firstShortYear).toBe(3);
      const s = suggestVerdict({ pupils: 8, minGroup: 6, profiles: 1, coverage: 142.8, places, missingLegal: [], conditions: [] });
      expect(s).toEqual({ verdict: 'niet-haalbaar', reasons: ['places-short'], lines: ['Te weinig BPV-plekken in jaar 3: 8 leerlingen in de BPV, 7 plekken bij de bedrijven.'] });
    });
  });
});

describe('feasibility input checks', () => {
  const schools = [
    { id: 'vo1', partnership_id: 'p', name: 'Vmbo Gorinchem', type: 'vo' as const, position: 0 },
    { id: 'mbo1', partnership_id: 'p', name: 'ROC Da Vinci', type: 'mbo' as const, position: 1 },
  ];
  const fields = (id: string) => expandFields(feasibilityContent(1).parts.find((p) => p.id === id)!.fields, schools);

  it('expands inflow per vmbo school only and parses strings', () => {
    expect(fields('instroom').map((f) => f.input)).toEqual(['inflow_0', 'total', 'minGroup']);
    expect(parsePart(fields('instroom'), { inflow_0: '8', minGroup: '12' })).toEqual({ 'inflow.vo1': 8, total: null, minGroup: 12 });
    expect(parsePart(fields('businesscase'), { costTeaching: '60000,50', voPerPupil: '€ 7000' })).toMatchObject({ costTeaching: 60000.5, voPerPupil: 7000 });
  });

  it('refuses text in number fields, negative counts, a wrong total and a geïntegreerde route to mbo 3', () => {
    expect(() => parsePart(fields('instroom'), { inflow_0: 'acht' })).toThrow('Verwachte leerlingen per jaar: Vmbo Gorinchem: vul een heel getal in.');
    expect(() => parsePart(fields('instroom'), { inflow_0: '-3' })).toThrow('Verwachte leerlingen per jaar: Vmbo Gorinchem: mag niet negatief zijn.');
    expect(() => parsePart(fields('businesscase'), { voPerPupil: '-100' })).toThrow('mag niet negatief zijn');
    expect(() => checkPart('instroom', { 'inflow.vo1': 8, total: 9, minGroup: 12 })).toThrow('Het totaal (9) klopt niet met de som per school (8).');
    // The route list only offers geïntegreerd to mbo 2; anything else is refused as a choice.
    expect(() => parsePart(fields('ambitie'), { route: 'geintegreerd-mbo3' })).toThrow('Welke route?: kies een van de mogelijkheden.');
    expect(() => checkPart('ambitie', { route: 'geintegreerd-mbo2', leerweg: 'kader' })).toThrow('Een geïntegreerde leerroute kan alleen van vmbo-basis naar mbo 2.');
  });
});
