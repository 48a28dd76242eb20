import { t } from '../i18n/index.js';
import { feasibilityContent } from './content/index.js';
import { figuresOf } from './facts.js';
import { legalProblems, routeLines } from './legal.js';
import type { PartRow } from './repo.js';
import type { PartData } from './validate.js';

/** The feasibility study's read interface for voortgang: each part's title by id. */
export function partTitles(): Map<string, string> {
  return new Map(feasibilityContent().parts.map((p) => [p.id, p.title]));
}

/** What voortgang may read of the business case when it is there (per school and the first covered year, issue 15). */
interface CaseSummary {
  firstCoveredYear?: number | null;
  case?: { schools?: Array<{ name: string; total?: { balance?: number } }> };
}

const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;

/**
 * A study's design in a few lines for voortgang: the route kind and target, the exam plan,
 * the teambevoegdheid, a route design that needs a new answer, and (when the business case
 * has them) each school's balance over the first years and the first covered year.
 * `escape` makes the werkgroep's own texts safe for a card.
 */
export function studySummary(contentVersion: number, parts: Array<{ part_id: string; data: string }>, escape: (s: string) => string): string[] {
  if (contentVersion < 2) return [];
  const values = Object.fromEntries(parts.map((p) => [p.part_id, JSON.parse(p.data) as PartData]));
  const lines: string[] = [];
  const route = routeLines({ ambitie: values.ambitie, juridisch: values.juridisch }, escape);
  if (route) lines.push(route.route, route.exams, ...(route.team ? [route.team] : []));
  const content = feasibilityContent(contentVersion);
  if (legalProblems(content, { ambitie: values.ambitie, juridisch: values.juridisch }).length) {
    lines.push(`${content.parts.find((p) => p.id === 'juridisch')?.title ?? ''}: ${t.feasibility.legal.partNeedsNewAnswer}`);
  }
  if (parts.some((p) => p.part_id === 'businesscase' && p.data !== '{}')) {
    const f = figuresOf(parts.map((p) => ({ ...p, values: values[p.part_id] ?? {} }) as unknown as PartRow)) as unknown as CaseSummary;
    for (const s of f.case?.schools ?? []) if (typeof s.total?.balance === 'number') lines.push(t.feasibility.legal.schoolBalance(escape(s.name), euro(s.total.balance)));
    if (f.firstCoveredYear !== undefined) lines.push(f.firstCoveredYear === null ? t.feasibility.legal.neverCovered : t.feasibility.legal.firstCovered(f.firstCoveredYear));
  }
  return lines;
}
