/**
 * The business case of one cohort through the route, in whole euros. Amounts and rates are
 * the partnership's own; nothing is hard-coded. Funding follows the law: vo-bekostiging the
 * first two years, mbo-bekostiging after that, plus any transfer agreed per pupil.
 */
export interface BusinessCaseInput {
  pupils: number;
  years: number;
  costPerYear: number;
  voPerPupil: number;
  mboPerPupil: number;
  transferPerPupil: number;
}

export interface YearFigures {
  year: number;
  funding: 'vo' | 'mbo';
  cost: number;
  income: number;
  /** income / cost, as a percentage with one decimal; null when there is no cost. */
  coverage: number | null;
}

export interface BusinessCase {
  years: YearFigures[];
  totalCost: number;
  totalIncome: number;
  coverage: number | null;
  /** Euros short over the whole route (0 when covered). */
  gap: number;
}

export const VO_FUNDED_YEARS = 2;

const pct = (income: number, cost: number) => (cost > 0 ? Math.round((income / cost) * 1000) / 10 : null);

export function businessCase(input: BusinessCaseInput): BusinessCase {
  const years: YearFigures[] = [];
  for (let year = 1; year <= input.years; year++) {
    const vo = year <= VO_FUNDED_YEARS;
    const income = Math.round(input.pupils * (vo ? input.voPerPupil : input.mboPerPupil + input.transferPerPupil));
    years.push({ year, funding: vo ? 'vo' : 'mbo', cost: Math.round(input.costPerYear), income, coverage: pct(income, input.costPerYear) });
  }
  const totalCost = years.reduce((s, y) => s + y.cost, 0);
  const totalIncome = years.reduce((s, y) => s + y.income, 0);
  return { years, totalCost, totalIncome, coverage: pct(totalIncome, totalCost), gap: Math.max(0, totalCost - totalIncome) };
}

export type Verdict = 'haalbaar' | 'haalbaar-onder-voorwaarden' | 'niet-haalbaar';

export interface Suggestion {
  verdict: Verdict;
  reasons: Array<'inflow-below-minimum' | 'coverage-below-100' | 'conditions-listed'>;
}

/** Inflow under the minimum or coverage under 100% → not feasible as planned; listed conditions → feasible on conditions. */
export function suggestVerdict(p: { pupils: number; minGroup: number; coverage: number | null; conditions: string[] }): Suggestion {
  const reasons: Suggestion['reasons'] = [];
  if (p.pupils < p.minGroup) reasons.push('inflow-below-minimum');
  if (p.coverage === null || p.coverage < 100) reasons.push('coverage-below-100');
  if (reasons.length) return { verdict: 'niet-haalbaar', reasons };
  if (p.conditions.length) return { verdict: 'haalbaar-onder-voorwaarden', reasons: ['conditions-listed'] };
  return { verdict: 'haalbaar', reasons: [] };
}
