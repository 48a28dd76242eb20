import { t } from '../i18n/index.js';
import { feasibilityContent } from './content/index.js';
import { studyFigures } from './facts.js';
import type { School } from '../partnership/repo.js';
import { legalProblems, routeLines } from './legal.js';
import type { PartRow } from './repo.js';
import type { PartData } from './validate.js';

/** The feasibility study's read interface for voortgang: each part's title by id. */
export function partTitles(): Map<string, string> {
  return new Map(feasibilityContent().parts.map((p) => [p.id, p.title]));
}

const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;

/**
 * A study's design in a few lines for voortgang: the route kind and target, the exam plan,
 * the teambevoegdheid, a route design that needs a new answer, and (when the business case
 * has them) each school's balance over the first years and the first covered year.
 * `escape` makes the werkgroep's own texts safe for a card.
 */
export function studySummary(contentVersion: number, parts: Array<{ part_id: string; data: string }>, escape: (s: string) => string, schools?: School[]): string[] {
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
    const rows = parts.map((p) => ({ ...p, values: values[p.part_id] ?? {} }) as unknown as PartRow);
    const f = studyFigures({ content_version: contentVersion }, rows, schools);
    for (const s of f.case.schools) lines.push(t.feasibility.legal.schoolBalance(escape(s.name), euro(s.total.balance)));
    lines.push(f.firstCoveredYear === null ? t.feasibility.legal.neverCovered : t.feasibility.legal.firstCovered(f.firstCoveredYear));
  }
  return lines;
}
