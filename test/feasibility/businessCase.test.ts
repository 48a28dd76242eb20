import { describe, expect, it } from 'vitest';
import { businessCase, suggestVerdict } from '../../src/feasibility/businessCase.js';
import { checkPart, parsePart } from '../../src/feasibility/validate.js';
import { expandFields } from '../../src/feasibility/fields.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';

describe('business case', () => {
  it('one profile in Gorinchem: 8 pupils do not cover the cost', () => {
    const bc = businessCase({ pupils: 8, years: 4, costPerYear: 90_000, voPerPupil: 7_000, mboPerPupil: 6_500, transferPerPupil: 0 });
    // Years 1-2: 8 x 7,000 = 56,000 of 90,000 = 62.2%. Years 3-4: 8 x 6,500 = 52,000 = 57.8%.
    expect(bc.years).toEqual([
      { year: 1, funding: 'vo', cost: 90_000, income: 56_000, coverage: 62.2 },
      { year: 2, funding: 'vo', cost: 90_000, income: 56_000, coverage: 62.2 },
      { year: 3, funding: 'mbo', cost: 90_000, income: 52_000, coverage: 57.8 },
      { year: 4, funding: 'mbo', cost: 90_000, income: 52_000, coverage: 57.8 },
    ]);
    // 216,000 of 360,000 = 60.0%, short 144,000.
    expect([bc.totalCost, bc.totalIncome, bc.coverage, bc.gap]).toEqual([360_000, 216_000, 60, 144_000]);
    expect(suggestVerdict({ pupils: 8, minGroup: 12, coverage: bc.coverage, conditions: [] })).toEqual({
      verdict: 'niet-haalbaar',
      reasons: ['inflow-below-minimum', 'coverage-below-100'],
    });
  });

  it('more profiles: 26 pupils cover the cost; listed conditions make it feasible on conditions', () => {
    const bc = businessCase({ pupils: 26, years: 4, costPerYear: 110_000, voPerPupil: 7_000, mboPerPupil: 6_000, transferPerPupil: 500 });
    // vo: 26 x 7,000 = 182,000 (165.5%); mbo: 26 x (6,000 + 500) = 169,000 (153.6%); total 702,000 of 440,000 = 159.5%.
    expect(bc.years.map((y) => [y.income, y.coverage])).toEqual([
      [182_000, 165.5],
      [182_000, 165.5],
      [169_000, 153.6],
      [169_000, 153.6],
    ]);
    expect([bc.totalIncome, bc.coverage, bc.gap]).toEqual([702_000, 159.5, 0]);
    expect(suggestVerdict({ pupils: 26, minGroup: 12, coverage: bc.coverage, conditions: ['Vier begeleiders bij Van der Valk'] }).verdict).toBe('haalbaar-onder-voorwaarden');
    expect(suggestVerdict({ pupils: 26, minGroup: 12, coverage: bc.coverage, conditions: [] }).verdict).toBe('haalbaar');
  });
});

describe('feasibility input checks', () => {
  const schools = [
    { id: 'vo1', partnership_id: 'p', name: 'Vmbo Gorinchem', type: 'vo' as const, position: 0 },
    { id: 'mbo1', partnership_id: 'p', name: 'ROC Da Vinci', type: 'mbo' as const, position: 1 },
  ];
  const fields = (id: string) => expandFields(feasibilityContent().parts.find((p) => p.id === id)!.fields, schools);

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
