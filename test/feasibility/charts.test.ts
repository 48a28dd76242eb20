// @vitest-environment jsdom
// The official adaptivecards renderer below needs a DOM: jsdom 26, as installed.
import { describe, expect, it } from 'vitest';
import { businessCaseYears, overviewCard } from '../../src/feasibility/cards.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { figuresOf } from '../../src/feasibility/facts.js';
import type { PartRow, Study } from '../../src/feasibility/repo.js';
import { chartElements, chartErrors, renderWithAdaptiveCards } from '../helpers/charts.js';
import { teamsBytes } from '../helpers/teamsSize.js';

const study = { id: '5a4f3c1e-0000-4000-8000-000000000001', partnership_id: 'p-1', werkgroep_id: 'w-1', version: 1, status: 'open', nudges: 0 } as Study;
/**
 * 12 + 8 = 20 pupils, four years, cost per year 60,000 + 10,000 + 5,000 + 3,000 + 2,000 = 80,000.
 * Years 1 and 2: vo 3,000 × 20 = 60,000; years 3 and 4: (mbo 4,500 + transfer 500) × 20 = 100,000.
 */
const values: Record<string, Record<string, number>> = {
  instroom: { 'inflow.a': 12, 'inflow.b': 8, minGroup: 12 },
  businesscase: { years: 4, costTeaching: 60_000, costSupervision: 10_000, costMaterials: 5_000, costLocation: 3_000, costCoordination: 2_000, voPerPupil: 3_000, mboPerPupil: 4_500, transferPerPupil: 500 },
};
const parts = feasibilityContent().parts.map(
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
      { legend: 'kosten', color: 'categoricalRed', values: [1, 2, 3, 4].map((y) => ({ x: `jaar ${y}`, y: 80_000 })) },
      { legend: 'bekostiging', color: 'categoricalTeal', values: [60_000, 60_000, 100_000, 100_000].map((v, i) => ({ x: `jaar ${i + 1}`, y: v })) },
    ]);
    const fallback = (chart!.fallback as { items: Array<{ text: string }> }).items.map((i) => i.text);
    expect(fallback).toHaveLength(4);
    expect(fallback[0]).toContain('Jaar 1 (vo-bekostiging): kosten € 80.000, bekostiging € 60.000, dekking 75,0%');
    expect(teamsBytes(JSON.stringify(card()))).toBeLessThan(28 * 1024);
    expect(card()).toMatchSnapshot();
  });

  it('reads the years of the partnership once the business case is split per school', () => {
    const f = figuresOf(parts);
    const split = { ...f, case: { ...f.case, years: undefined, partnership: { years: [{ year: 1, cost: 10, income: 20 }] } } } as unknown as typeof f;
    expect(businessCaseYears(split)).toEqual([{ year: 1, cost: 10, income: 20 }]);
    expect(businessCaseYears(f).map((y) => y.income)).toEqual([60_000, 60_000, 100_000, 100_000]);
  });

  it('the official renderer shows the year lines and the total', async () => {
    const { text } = await renderWithAdaptiveCards(card());
    expect(text).toContain('Jaar 4 (mbo-bekostiging): kosten € 80.000, bekostiging € 100.000, dekking 125,0%');
    expect(text).toContain('Totaal: kosten € 320.000, bekostiging € 320.000, dekking 100,0%. Tekort: € 0.');
    expect(text).toContain('Instroom 20 leerlingen per jaar');
  });
});
