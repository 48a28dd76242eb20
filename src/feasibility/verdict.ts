import { t } from '../i18n/index.js';
import type { Workplaces } from './workplaces.js';

/**
 * The bot's suggested verdict: a suggestion only, the regiegroep or the projectleider
 * records the decision. It names every reason, in Dutch, so the werkgroep sees what to fix.
 */

export type Verdict = 'haalbaar' | 'haalbaar-onder-voorwaarden' | 'niet-haalbaar';

export type ReasonCode = 'inflow-below-minimum' | 'coverage-below-100' | 'places-short' | 'legal-missing' | 'broaden-profiles' | 'conditions-listed';

export interface Suggestion {
  verdict: Verdict;
  /** One code per reason, in the order of `lines`. */
  reasons: ReasonCode[];
  /** The reasons in Dutch, with their figures. */
  lines: string[];
}

export interface VerdictInput {
  /** Pupils per year over all vo schools and profiles. */
  pupils: number;
  minGroup: number;
  /** How many profiles take part (0 or 1: one). */
  profiles: number;
  /** The partnership's coverage over the first five years. */
  coverage: number | null;
  places: Workplaces | null;
  /** Legal choices not yet made (their labels), from Wettelijk en praktisch. */
  missingLegal: string[];
  conditions: string[];
}

export function suggestVerdict(p: VerdictInput): Suggestion {
  const r = t.feasibility.reasons;
  const reasons: ReasonCode[] = [];
  const lines: string[] = [];
  const add = (code: ReasonCode, line: string) => {
    reasons.push(code);
    lines.push(line);
  };
  const inflowProblem = p.pupils < p.minGroup;
  if (inflowProblem) add('inflow-below-minimum', r.inflow(p.pupils, p.minGroup));
  if (p.coverage === null || p.coverage < 100) add('coverage-below-100', r.coverage(p.coverage));
  const short = p.places?.years.find((y) => y.short > 0);
  if (short) add('places-short', r.places(short.year, short.inBpv, short.places));
  for (const choice of p.missingLegal) add('legal-missing', r.legal(choice));
  if (reasons.length) {
    // Gorinchem had too few pupils for one profile and broadened to more (seed 003 ~3585-3600).
    if (inflowProblem) add('broaden-profiles', r.broaden(Math.max(1, p.profiles)));
    return { verdict: 'niet-haalbaar', reasons, lines };
  }
  if (p.conditions.length) {
    add('conditions-listed', r.conditions(p.conditions.length));
    return { verdict: 'haalbaar-onder-voorwaarden', reasons, lines };
  }
  return { verdict: 'haalbaar', reasons, lines };
}
