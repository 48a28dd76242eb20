import { t } from '../i18n/index.js';
import type { FeasibilityContent, LegalRules } from './content/schema.js';
import { feasibilityContent } from './content/index.js';
import type { PartData, Value } from './validate.js';

/**
 * The route's design as the law allows it (issue 15), read from two parts together: the
 * route kind and level and the leerweg under Ambitie, and the design under Wettelijk en
 * praktisch. Pure: the rules and their seed sentences come from the content (v2 `legal`);
 * a content version without them (v1) has no rules here.
 *
 * Where the numbers come from: seed 003 (~196-236) and seed 001 (~110-118) give one study
 * duration, a shortening of at most one year, vmbo exams up to and including route year 3,
 * mbo exams and BPV from vmbo year 3 (route year 1), and no or only some vmbo exams only in
 * the geïntegreerde route bb → mbo 2. The seeds give no mbo programme lengths: the content's
 * `mboYears` (mbo 2: 2 years, mbo 3: 3, mbo 4: 3 or 4) are the usual nominal durations,
 * taken from the brief of issue 15, to be checked against the WEB before going live.
 */

export type Level = 'mbo2' | 'mbo3' | 'mbo4';
export type RuleId = keyof LegalRules['quotes'];

export interface LegalProblem {
  rule: RuleId;
  /** The field of Wettelijk en praktisch that needs a new answer. */
  field: string;
  /** The rule in Dutch, with the numbers of this case. */
  text: string;
}

export interface RouteValues {
  ambitie?: PartData;
  juridisch?: PartData;
}

const num = (v: Value | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** The route kind and level chosen under Ambitie. */
export function routeOf(ambitie: PartData | undefined): { integrated: boolean; level: Level } | undefined {
  const m = /^(doorlopend|geintegreerd)-(mbo[234])$/.exec(String(ambitie?.route ?? ''));
  return m ? { integrated: m[1] === 'geintegreerd', level: m[2] as Level } : undefined;
}

/** The route years that fit a level without shortening: the regular vmbo years 3-4 plus the mbo programme. */
export function fittingYears(rules: LegalRules, level: Level): number[] {
  return rules.mboYears[level].map((y) => rules.vmboYears + y);
}

/** Every rule the combination breaks; empty when it is allowed (or the content has no rules). */
export function legalProblems(content: FeasibilityContent, v: RouteValues): LegalProblem[] {
  const rules = content.legal;
  if (!rules) return [];
  const L = t.feasibility.legal.rules;
  const j = v.juridisch ?? {};
  const route = routeOf(v.ambitie);
  const out: LegalProblem[] = [];
  const years = num(j.routeYears);
  const shortening = num(j.shortening) ?? 0;
  const examYear = num(j.vmboExamYear);

  if (shortening > rules.maxShortening) out.push({ rule: 'shortening', field: 'shortening', text: L.shortening(shortening, rules.maxShortening) });
  else if (years !== undefined && route) {
    const fit = fittingYears(rules, route.level);
    if (!fit.includes(years + shortening)) out.push({ rule: 'routeYears', field: 'routeYears', text: L.routeYears(years, shortening, t.feasibility.legal.levels[route.level]!, fit.map((y) => y - shortening)) });
  }
  if (j.vmboExams && j.vmboExams !== 'alle' && route && !route.integrated) out.push({ rule: 'examsStay', field: 'vmboExams', text: L.examsStay(t.feasibility.legal.levels[route.level]!) });
  if (j.vmboExams !== 'geen' && examYear !== undefined) {
    if (examYear > rules.lastVmboExamYear) out.push({ rule: 'examLate', field: 'vmboExamYear', text: L.examLate(examYear, rules.lastVmboExamYear) });
    else if (examYear < rules.firstMboYear) out.push({ rule: 'examLate', field: 'vmboExamYear', text: L.examEarly(examYear, rules.firstMboYear) });
    else if (years !== undefined && examYear > years) out.push({ rule: 'afterRoute', field: 'vmboExamYear', text: L.afterRoute(t.feasibility.legal.what.vmboExam, examYear, years) });
  }
  for (const key of ['mboExamFromYear', 'bpvFromYear'] as const) {
    const from = num(j[key]);
    if (from === undefined) continue;
    if (from < rules.firstMboYear) out.push({ rule: 'mboEarly', field: key, text: L.mboEarly(t.feasibility.legal.what[key], from, rules.firstMboYear) });
    else if (years !== undefined && from > years) out.push({ rule: 'afterRoute', field: key, text: L.afterRoute(t.feasibility.legal.what[key], from, years) });
  }
  return out;
}

/** A problem as a Dutch message: the rule, the seed's sentence behind it and where it stands. */
export function problemText(content: FeasibilityContent, p: LegalProblem): string {
  const quote = content.legal!.quotes[p.rule];
  return t.feasibility.legal.withSource(p.text, quote.text, quote.source.seed.slice(0, 3), quote.source.line);
}

/** Choices the route design still needs beyond the required fields (they depend on other answers). */
function conditionalMissing(j: PartData): string[] {
  const missing: string[] = [];
  const empty = (x: Value | undefined) => x === null || x === undefined || x === '';
  if (j.vmboExams && j.vmboExams !== 'geen' && empty(j.vmboExamYear)) missing.push('vmboExamYear');
  if (j.teambevoegdheid === 'ja' && empty(j.teamParts)) missing.push('teamParts');
  return missing;
}

/** Whether Wettelijk en praktisch is answered: its required fields, and the ones other answers make necessary. */
export function routeDesignComplete(content: FeasibilityContent, juridisch: PartData): boolean {
  return !content.legal || conditionalMissing(juridisch).length === 0;
}

/**
 * The legal choices that are missing or need a new answer, as Dutch labels (for the
 * verdict: "a missing legal choice"). Route and leerweg from Ambitie, every required field of
 * Wettelijk en praktisch, the ones other answers make necessary, and each field a rule
 * refuses. Empty for a content version without the route design.
 */
export function missingLegalChoices(values: Record<string, PartData | undefined>, content: FeasibilityContent = feasibilityContent()): string[] {
  if (!content.legal) return [];
  const label = (partId: string, id: string) => content.parts.find((p) => p.id === partId)?.fields.find((f) => f.id === id)?.label ?? id;
  const empty = (x: Value | undefined) => x === null || x === undefined || x === '';
  const a = values.ambitie ?? {};
  const j = values.juridisch ?? {};
  const out: string[] = [];
  for (const id of ['route', 'leerweg']) if (empty(a[id])) out.push(label('ambitie', id));
  const legalPart = content.parts.find((p) => p.id === 'juridisch');
  for (const f of legalPart?.fields ?? []) if (f.required && empty(j[f.id])) out.push(label('juridisch', f.id));
  for (const id of conditionalMissing(j)) out.push(label('juridisch', id));
  for (const p of legalProblems(content, { ambitie: a, juridisch: j })) {
    const l = t.feasibility.legal.needsNewAnswer(label('juridisch', p.field));
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

/**
 * The route's design in plain Dutch lines (route, exams, team, location), for the agreement's
 * prefill and voortgang. Empty when Ambitie and Wettelijk en praktisch say nothing yet.
 */
export function routeLines(values: RouteValues, escape: (s: string) => string = (s) => s): { route: string; exams: string; team: string; location: string } | undefined {
  const a = values.ambitie ?? {};
  const j = values.juridisch ?? {};
  const route = routeOf(a);
  const L = t.feasibility.legal;
  // Answers are the werkgroep's own text: escaped for a card (markdown), as written for the agreement.
  const str = (x: Value | undefined) => (x === null || x === undefined ? '' : escape(String(x)));
  if (!route && !j.vmboExams && !j.mboOpleiding) return undefined;
  const kind = route ? L.routeKinds[route.integrated ? 'geintegreerd' : 'doorlopend']! : L.routeKinds.doorlopend!;
  return {
    route: L.routeLine(kind, route ? L.levels[route.level]! : '?', L.leerwegen[str(a.leerweg)] ?? '?', str(j.mboOpleiding), str(j.crebo), str(j.routeYears), num(j.shortening) ?? 0),
    exams: L.examLine(L.exams[str(j.vmboExams)] ?? '?', j.vmboExams === 'geen' ? '' : str(j.vmboExamYear), str(j.mboExamFromYear), str(j.bpvFromYear)),
    team: j.teambevoegdheid ? L.teamLine(j.teambevoegdheid === 'ja', str(j.teamParts)) : '',
    location: j.location ? L.locationLine(L.locations[str(j.location)] ?? str(j.location), str(j.locations)) : '',
  };
}
