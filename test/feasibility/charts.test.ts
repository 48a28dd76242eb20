// @vitest-environment jsdom
// The official adaptivecards renderer below needs a DOM: jsdom 26, as installed.
import { describe, expect, it } from 'vitest';
import { businessCaseYears, overviewCard } from '../../src/feasibility/cards.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { figuresOf } from '../../src/feasibility/facts.js';
import type { PartRow, Study } from '../../src/feasibility/repo.js';
import { chartElements, chartErrors, renderWithAdaptiveCards } from '../helpers/charts.js';
import { teamsBytes } from '../helpers/teamsSize.js';

// A v1 study on purpose: its business case asks the costs for the route as a whole.
const study = { id: '5a4f3c1e-0000-4000-8000-000000000001', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, content_version: 1, status: 'open', nudges: 0 } as Study;
/**
 * 12 + 8 = 20 pupils start every year (a new cohort each partnership year), a route of four years,
 * cost per year 60,000 + 10,000 + 5,000 + 3,000 + 2,000 = 80,000. Vo 3,000 per pupil in route
 * years 1-2, mbo 4,500 in route years 3-4; the 500 transferred per pupil moves money from the mbo
 * school to the vo schools and adds nothing for the partnership.
 * Year 1: 20 × 3,000 = 60,000 (75.0%); year 2: 40 × 3,000 = 120,000 (150.0%);
 * year 3: 120,000 + 20 × 4,500 = 210,000 (262.5%); years 4 and 5: 120,000 + 40 × 4,500 = 300,000 (375.0%).
 * Five years: 990,000 of 400,000 = 247.5%.
 */
const values: Record<string, Record<string, number>> = {
  instroom: { 'inflow.a': 12, 'inflow.b': 8, minGroup: 12 },
  businesscase: { years: 4, costTeaching: 60_000, costSupervision: 10_000, costMaterials: 5_000, costLocation: 3_000, costCoordination: 2_000, voPerPupil: 3_000, mboPerPupil: 4_500, transferPerPupil: 500 },
};
const parts = feasibilityContent(1).parts.map(
  (p) => ({ study_id: study.id, part_id: p.id, status: 'beantwoord', owner_member_id: null, due_date: null, updated_by: null, updated_at: null, revision: 1, values: values[p.id] ?? {} }) as unknown as PartRow,
);
const card = () => overviewCard({ study, werkgroepName: 'Zorg & Welzijn', parts, members: [], decision: undefined, figures: figuresOf(parts) });

describe('the business case per year as a bar chart on the feasibility overview', () => {
  it('cost and income per year as grouped bars, validated, with the year lines as fallback', () => {
    const [chart, ...more] = chartElements(card());
    expect(more).toEqual([]);
    expect(chartErrors(card())).toEqual([]);
    expect(chart!.type).toBe('Chart.VerticalBar.Grouped');
    expect(chart!.data).toEqual([
      { legend: 'kosten', color: 'categoricalRed', values: [1, 2, 3, 4, 5].map((y) => ({ x: `jaar ${y}`, y: 80_000 })) },
      { legend: 'bekostiging', color: 'categoricalTeal', values: [60_000, 120_000, 210_000, 300_000, 300_000].map((v, i) => ({ x: `jaar ${i + 1}`, y: v })) },
    ]);
    const fallback = (chart!.fallback as { items: Array<{ text: string }> }).items.map((i) => i.text);
    expect(fallback).toHaveLength(5);
    expect(fallback[0]).toBe('Jaar 1 (20 leerlingen in de route): kosten € 80.000, inkomsten € 60.000, saldo € -20.000, dekking 75,0%');
    expect(teamsBytes(JSON.stringify(card()))).toBeLessThan(28 * 1024);
    expect(card()).toMatchSnapshot();
  });

  it('reads the years of the partnership once the business case is split per school', () => {
    const f = figuresOf(parts);
    const split = { ...f, case: { ...f.case, years: undefined, partnership: { years: [{ year: 1, cost: 10, income: 20 }] } } } as unknown as typeof f;
    expect(businessCaseYears(split)).toEqual([{ year: 1, cost: 10, income: 20 }]);
    expect(businessCaseYears(f).map((y) => y.income)).toEqual([60_000, 120_000, 210_000, 300_000, 300_000]);
  });

  it('the official renderer shows the year lines and the total', async () => {
    const { text } = await renderWithAdaptiveCards(card());
    expect(text).toContain('Jaar 4 (80 leerlingen in de route): kosten € 80.000, inkomsten € 300.000, saldo € 220.000, dekking 375,0%');
    expect(text).toContain('Vijf jaar samen: kosten € 400.000, inkomsten € 990.000, saldo € 590.000, dekking 247,5%.');
    expect(text).toContain('Instroom 20 leerlingen per jaar');
  });
});
