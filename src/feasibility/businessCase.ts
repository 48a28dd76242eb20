/**
 * The business case of a route per school and for the partnership, for the first five years
 * of the partnership, in whole euros. Pure: no I/O, no clock. Amounts and rates are the
 * partnership's own; nothing is hard-coded but the law's split of funding.
 *
 * Cohorts: every partnership year a new cohort starts with the year's inflow (per vo school,
 * per profile when there are several). In partnership year p, the cohort that started in year
 * c is in route year p - c + 1, as long as that is not past the route's last year. Funding
 * follows each cohort's own route year (seed 001 ~123-126): vo-bekostiging to the pupil's vo
 * school in route years 1 and 2, mbo-bekostiging to the mbo school after that.
 *
 * A transfer moves money between two schools (seed 001 ~125): the partnership's total stays
 * the same, the two schools' balances change. It counts the pupils, in the transfer's route
 * years, of the vo school on either side of it (the `from` school when both are vo schools),
 * or every pupil in those route years when neither side is a vo school.
 */

export const VO_FUNDED_YEARS = 2;
/** The partnership years the case is shown for. */
export const HORIZON = 5;

export interface CaseSchool {
  id: string;
  name: string;
  type: 'vo' | 'mbo' | 'samen';
}

/** Pupils that start the route every year at a vo school (per profile when there are several). */
export interface Inflow {
  schoolId: string;
  profile?: string;
  pupils: number;
}

/** An amount per year for one school, in the given partnership years. */
export interface YearAmount {
  schoolId: string;
  amount: number;
  years: number[];
}

export interface Transfer {
  from: string;
  to: string;
  perPupil: number;
  routeYears: number[];
}

export interface CaseInput {
  schools: CaseSchool[];
  inflow: Inflow[];
  /** How many years the route takes (route year 1 = vmbo year 3). */
  routeYears: number;
  voPerPupil: number;
  mboPerPupil: number;
  /** The school mbo funding goes to; the first mbo school when not given. */
  mboSchoolId?: string;
  /** Costs every year, per school. */
  recurring: Array<{ schoolId: string; perYear: number }>;
  /** Development costs: the amount in each of the given partnership years. */
  oneOff: YearAmount[];
  subsidies: YearAmount[];
  transfers: Transfer[];
}

export interface CaseYear {
  year: number;
  cost: number;
  /** vo- and mbo-bekostiging received. */
  funding: number;
  subsidy: number;
  /** Transfers received minus transfers paid (0 for the partnership). */
  transfer: number;
  /** funding + subsidy + transfer */
  income: number;
  balance: number;
  /** income / cost as a percentage with one decimal; null when there is no cost. */
  coverage: number | null;
}

export interface CaseTotals {
  cost: number;
  income: number;
  balance: number;
  coverage: number | null;
}

export interface SchoolCase {
  schoolId: string;
  name: string;
  type: CaseSchool['type'];
  years: CaseYear[];
  total: CaseTotals;
}

export interface PartnershipCase {
  years: Array<CaseYear & { pupils: number; pupilsByRouteYear: number[] }>;
  total: CaseTotals;
}

export interface BusinessCase {
  routeYears: number;
  /** Pupils per year over all vo schools and profiles. */
  inflowPerYear: number;
  schools: SchoolCase[];
  partnership: PartnershipCase;
  /** The first partnership year (1..5) whose income covers its cost, null if none does. */
  firstCoveredYear: number | null;
  /** Euros short over the five years (0 when covered). */
  gap: number;
}

const round = (n: number) => Math.round(n);
export const coverageOf = (income: number, cost: number) => (cost > 0 ? Math.round((income / cost) * 1000) / 10 : null);

/** The route year of the cohort that started in partnership year `cohort`, in partnership year `year`; null when not (or no longer) in the route. */
export function routeYearOf(year: number, cohort: number, routeYears: number): number | null {
  const r = year - cohort + 1;
  return r >= 1 && r <= routeYears ? r : null;
}

/** Pupils per route year (index 0 = route year 1) in a partnership year, for a yearly inflow. */
export function pupilsByRouteYear(inflowPerYear: number, routeYears: number, year: number): number[] {
  return Array.from({ length: routeYears }, (_, i) => (year - i >= 1 ? inflowPerYear : 0));
}

function totals(years: CaseYear[]): CaseTotals {
  const cost = years.reduce((s, y) => s + y.cost, 0);
  const income = years.reduce((s, y) => s + y.income, 0);
  return { cost, income, balance: income - cost, coverage: coverageOf(income, cost) };
}

export function businessCase(input: CaseInput): BusinessCase {
  const mboId = input.mboSchoolId ?? input.schools.find((s) => s.type === 'mbo')?.id;
  const isVo = (id: string) => input.schools.some((s) => s.id === id && s.type === 'vo');
  const inflowOf = (schoolId: string | undefined) => input.inflow.filter((i) => schoolId === undefined || i.schoolId === schoolId).reduce((s, i) => s + i.pupils, 0);
  const inflowPerYear = inflowOf(undefined);
  /** Pupils of a vo school (all schools when undefined) in a route year, in a partnership year. */
  const inRouteYear = (schoolId: string | undefined, year: number, routeYear: number) => (routeYear <= input.routeYears && year - routeYear + 1 >= 1 ? inflowOf(schoolId) : 0);

  const schools: SchoolCase[] = input.schools.map((school) => {
    const years: CaseYear[] = [];
    for (let year = 1; year <= HORIZON; year++) {
      let funding = 0;
      for (let r = 1; r <= input.routeYears; r++) {
        if (r <= VO_FUNDED_YEARS) {
          if (school.type === 'vo') funding += inRouteYear(school.id, year, r) * input.voPerPupil;
        } else if (school.id === mboId) funding += inRouteYear(undefined, year, r) * input.mboPerPupil;
      }
      const subsidy = input.subsidies.filter((s) => s.schoolId === school.id && s.years.includes(year)).reduce((s, x) => s + x.amount, 0);
      let transfer = 0;
      for (const t of input.transfers) {
        if (t.from !== school.id && t.to !== school.id) continue;
        const whose = isVo(t.from) ? t.from : isVo(t.to) ? t.to : undefined;
        const amount = t.routeYears.reduce((s, r) => s + inRouteYear(whose, year, r) * t.perPupil, 0);
        if (t.to === school.id) transfer += amount;
        if (t.from === school.id) transfer -= amount;
      }
      const cost =
        input.recurring.filter((c) => c.schoolId === school.id).reduce((s, c) => s + c.perYear, 0) +
        input.oneOff.filter((c) => c.schoolId === school.id && c.years.includes(year)).reduce((s, c) => s + c.amount, 0);
      const y = { cost: round(cost), funding: round(funding), subsidy: round(subsidy), transfer: round(transfer) };
      const income = y.funding + y.subsidy + y.transfer;
      years.push({ year, ...y, income, balance: income - y.cost, coverage: coverageOf(income, y.cost) });
    }
    return { schoolId: school.id, name: school.name, type: school.type, years, total: totals(years) };
  });

  // The partnership is the sum of its schools, so the balances add up in every year by construction.
  const partnershipYears = Array.from({ length: HORIZON }, (_, i) => {
    const year = i + 1;
    const sum = (k: 'cost' | 'funding' | 'subsidy' | 'transfer') => schools.reduce((s, c) => s + c.years[i]![k], 0);
    const cost = sum('cost');
    const income = sum('funding') + sum('subsidy') + sum('transfer');
    const byRouteYear = pupilsByRouteYear(inflowPerYear, input.routeYears, year);
    return { year, cost, funding: sum('funding'), subsidy: sum('subsidy'), transfer: sum('transfer'), income, balance: income - cost, coverage: coverageOf(income, cost), pupils: byRouteYear.reduce((s, n) => s + n, 0), pupilsByRouteYear: byRouteYear };
  });
  const total = totals(partnershipYears);
  const covered = partnershipYears.find((y) => y.cost > 0 && y.balance >= 0);
  return {
    routeYears: input.routeYears,
    inflowPerYear,
    schools,
    partnership: { years: partnershipYears, total },
    firstCoveredYear: covered?.year ?? null,
    gap: Math.max(0, total.cost - total.income),
  };
}
