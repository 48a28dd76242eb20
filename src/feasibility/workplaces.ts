import { HORIZON, pupilsByRouteYear } from './businessCase.js';

/**
 * The companies' capacity against the pupils in BPV (beroepspraktijkvorming), per partnership
 * year. Pure. Gorinchem's bottleneck was not the will of the companies but their supervision
 * time (seed 003 ~3527-3537), so supervisor hours per pupil per week are part of it.
 */

export interface Company {
  name: string;
  /** Places this company offers every year. */
  places: number;
  /** Supervisor hours per pupil per week. */
  hoursPerPupil: number;
}

export interface WorkplaceYear {
  year: number;
  /** Pupils in BPV: every cohort from route year `bpvFromYear` on. */
  inBpv: number;
  places: number;
  /** Pupils without a place (0 when there are enough). */
  short: number;
  /** Supervisor hours a week the companies give the pupils placed (companies filled in order). */
  supervisionHours: number;
}

export interface Workplaces {
  bpvFromYear: number;
  places: number;
  years: WorkplaceYear[];
  /** The first partnership year with more pupils in BPV than places, null if none. */
  firstShortYear: number | null;
}

export function workplaces(p: { inflowPerYear: number; routeYears: number; bpvFromYear: number; companies: Company[] }): Workplaces {
  const from = Math.max(1, Math.round(p.bpvFromYear));
  const places = p.companies.reduce((s, c) => s + c.places, 0);
  const years: WorkplaceYear[] = [];
  for (let year = 1; year <= HORIZON; year++) {
    const inBpv = pupilsByRouteYear(p.inflowPerYear, p.routeYears, year)
      .slice(from - 1)
      .reduce((s, n) => s + n, 0);
    let left = inBpv;
    let supervisionHours = 0;
    for (const c of p.companies) {
      const placed = Math.min(c.places, left);
      left -= placed;
      supervisionHours += placed * c.hoursPerPupil;
    }
    years.push({ year, inBpv, places, short: Math.max(0, inBpv - places), supervisionHours: Math.round(supervisionHours * 10) / 10 });
  }
  return { bpvFromYear: from, places, years, firstShortYear: years.find((y) => y.short > 0)?.year ?? null };
}
