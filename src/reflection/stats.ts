import type { SchoolType } from '../partnership/roles.js';
import type { Layer } from './model.js';

/**
 * Figures of a set of respondents, computed from answers without any names. Pure. What may
 * be shown of them is decided in publish.ts, never here.
 *
 * Definitions (also shown in the docs):
 * - n of a condition or domain: respondents with at least one scale answer (not "weet ik
 *   niet") on its statements.
 * - mean and spread: over all those answers (item level), spread = population standard
 *   deviation. "Weet ik niet" is counted in the distribution only.
 */

/**
 * How far opinions differ, in words for the cards (B1, issue 16), from the spread (the
 * population standard deviation on the 1-5 scale, at most 2):
 * - below 0.8: "weinig" (little): most answers lie within a point of the mean;
 * - 0.8 up to 1.2: "redelijk" (somewhat): answers spread over about three points;
 * - 1.2 or more: "sterk" (strongly): people answer far apart, e.g. half 2 and half 4 or 5.
 * The CSV keeps the number itself.
 */
export const SPREAD_THRESHOLDS = { mid: 0.8, high: 1.2 } as const;

export function spreadLevel(spread: number): 'low' | 'mid' | 'high' {
  // Rounded to the one decimal the CSV shows, so a spread shown there as 0,8 reads "redelijk".
  const shown = Math.round(spread * 10) / 10;
  return shown >= SPREAD_THRESHOLDS.high ? 'high' : shown >= SPREAD_THRESHOLDS.mid ? 'mid' : 'low';
}

export interface Respondent {
  /** The member's id: used to tell sets of respondents apart, never published. */
  id: string;
  schoolId: string | null;
  schoolType: SchoolType | null;
  layer: Layer | null;
  /** itemId → 1..5, or null for "weet ik niet". Unanswered items are absent. */
  answers: Record<string, number | null>;
  /** itemId → comment text. */
  comments: Record<string, string>;
}

export interface Figures {
  n: number;
  mean: number | null;
  spread: number | null;
  /** Count per scale value 1..5. */
  distribution: [number, number, number, number, number];
  dontKnow: number;
}

/**
 * Figures from counts: n respondents with a real answer, the count per scale value and of
 * "weet ik niet". The mean and the spread come from integer sums (exact up to 2^53), so the
 * same answers give the same bits whether they were counted here or by SQL (repo.ts).
 */
export function figuresFromCounts(n: number, distribution: [number, number, number, number, number], dontKnow: number): Figures {
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (let v = 1; v <= 5; v++) {
    const c = distribution[v - 1]!;
    count += c;
    sum += c * v;
    squares += c * v * v;
  }
  if (count === 0) return { n, mean: null, spread: null, distribution, dontKnow };
  // Population variance = (count·Σv² − (Σv)²) / count², the numerator an exact integer.
  return { n, mean: sum / count, spread: Math.sqrt(count * squares - sum * sum) / count, distribution, dontKnow };
}

/** Figures of a set of respondents on some items, counted in JavaScript (tests, the attacker). */
export function figuresOf(respondents: Respondent[], itemIds: readonly string[]): Figures {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let dontKnow = 0;
  let n = 0;
  for (const r of respondents) {
    let counted = false;
    for (const id of itemIds) {
      if (!(id in r.answers)) continue;
      const v = r.answers[id];
      if (v === null || v === undefined) {
        dontKnow++;
        continue;
      }
      distribution[v - 1]!++;
      counted = true;
    }
    if (counted) n++;
  }
  return figuresFromCounts(n, distribution, dontKnow);
}
