import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { FeasibilityFigures } from './facts.js';
import { SHARED_COSTS_ID } from './facts.js';

/**
 * The business case as short Dutch lines, for the overview, the decision card and the
 * agreement's prefill: the partnership per year, each school in one line, the first year the
 * route covers itself and the workplaces. Compact on purpose: ten schools stay well under the
 * card limit.
 */

export const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;
export const percent = (n: number | null) => (n === null ? '–' : `${n.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);
const hours = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });

/** `esc` escapes the school names for a card's markdown; the agreement's prefill, plain text, passes its own. */
export function caseLines(f: FeasibilityFigures, esc: (s: string) => string = escapeMarkdown): string[] {
  const c = t.feasibility.bc;
  const p = f.case.partnership;
  const lines = [
    c.inflow(f.pupils, f.minGroup, f.profiles.length, f.case.routeYears),
    `**${c.partnership}**`,
    ...p.years.map((y) => c.year(y.year, y.pupils, euro(y.cost), euro(y.income), euro(y.balance), percent(y.coverage))),
    c.total(euro(p.total.cost), euro(p.total.income), euro(p.total.balance), percent(p.total.coverage)),
    f.firstCoveredYear === null ? c.neverCovered : c.coveredFrom(f.firstCoveredYear),
    `**${c.perSchool}**`,
    ...f.case.schools.map((s) =>
      c.school(s.schoolId === SHARED_COSTS_ID ? c.shared : esc(s.name), s.years.map((y) => euro(y.balance)).join(' · '), euro(s.total.cost), euro(s.total.income), percent(s.total.coverage)),
    ),
  ];
  const w = f.places;
  lines.push(`**${c.workplaces}**`, c.bpv(w.bpvFromYear, w.years.map((y) => String(y.inBpv)).join(' · '), w.places), c.hours(w.years.map((y) => hours(y.supervisionHours)).join(' · ')));
  if (w.firstShortYear !== null) {
    const y = w.years[w.firstShortYear - 1]!;
    lines.push(c.short(y.year, y.inBpv, y.places));
  }
  return lines;
}
