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

export function figuresOf(respondents: Respondent[], itemIds: readonly string[]): Figures {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let dontKnow = 0;
  let n = 0;
  const values: number[] = [];
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
      values.push(v);
      counted = true;
    }
    if (counted) n++;
  }
  if (values.length === 0) return { n, mean: null, spread: null, distribution, dontKnow };
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { n, mean, spread, distribution, dontKnow };
}
