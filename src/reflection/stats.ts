import type { SchoolType } from '../partnership/roles.js';
import { achtjeIds, commentIds } from './content/index.js';
import type { Instrument } from './content/schema.js';
import type { Layer } from './model.js';

/**
 * The reflection summary, computed from answers without any names. Pure: no I/O, the
 * random order of comments comes from an injected function.
 *
 * Definitions (also shown in the docs):
 * - n of a condition or domain: respondents with at least one scale answer (not "weet ik
 *   niet") on its statements.
 * - mean and spread: over all those answers (item level), spread = population standard
 *   deviation. "Weet ik niet" is counted in the distribution only.
 * - Small groups: a school, school type or layer with fewer than `minGroup` respondents is
 *   not shown. If hiding leaves the hidden respondents of a partition below `minGroup` in
 *   total (for example one hidden group while the total is shown), the smallest visible
 *   groups are hidden too, until the hidden part cannot be worked out as "total minus
 *   the visible groups" down to fewer than `minGroup` people.
 */

export interface Respondent {
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

export type GroupFigures = { suppressed: true; n: number } | ({ suppressed: false } & Figures);

export interface PartitionCell {
  key: string;
  label: string;
  respondents: number;
  suppressed: boolean;
  /** Per condition/domain id, when not suppressed. */
  figures: Record<string, Figures>;
}

export interface AchtjeCell {
  mean: number | null;
  n: number;
  state: 'ok' | 'weak' | 'unanswered' | 'suppressed';
}

export interface AchtjePair {
  schoolA: string;
  schoolB: string;
  /** Per layer: alignment within A, within B, and between A and B. */
  layers: Array<{ layer: Layer; name: string; ownA: AchtjeCell; ownB: AchtjeCell; between: AchtjeCell }>;
}

export interface Highlight {
  id: string;
  name: string;
  mean: number;
  question: string;
}

export interface ReflectionSummary {
  instrumentVersion: string;
  respondents: number;
  groups: Array<{ id: string; kind: 'condition' | 'domain'; name: string } & Figures>;
  byType: PartitionCell[];
  /** Condition ids where two visible school types differ by one point or more. */
  typeDifferences: Array<{ id: string; a: string; b: string; difference: number }>;
  bySchool: PartitionCell[] | null;
  byLayer: PartitionCell[];
  achtje: AchtjePair[];
  strengths: Highlight[];
  attention: Highlight[];
  comments: Array<{ id: string; name: string; good: string[]; change: string[] }>;
}

export interface SummaryOptions {
  perSchool: boolean;
  minGroup?: number;
  random?: () => number;
}

const WEAK_BELOW = 3.0;
const MARK_DIFFERENCE = 1.0;

export function figuresOf(respondents: Respondent[], itemIds: string[]): Figures {
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

/** Decides which cells of one partition are hidden (see the rule at the top). */
export function suppress(sizes: number[], total: number, minGroup: number): boolean[] {
  const hidden = sizes.map((s) => s < minGroup);
  if (total < minGroup) return sizes.map(() => true);
  const hiddenTotal = () => sizes.reduce((s, n, i) => s + (hidden[i] ? n : 0), 0);
  while (hidden.some(Boolean) && hidden.some((h) => !h) && hiddenTotal() < minGroup) {
    let pick = -1;
    for (let i = 0; i < sizes.length; i++) if (!hidden[i] && (pick < 0 || sizes[i]! < sizes[pick]!)) pick = i;
    hidden[pick] = true;
  }
  return hidden;
}

function partition(
  respondents: Respondent[],
  keyOf: (r: Respondent) => string | null,
  cells: Array<{ key: string; label: string }>,
  groupItems: Array<{ id: string; items: string[] }>,
  minGroup: number,
): PartitionCell[] {
  const members = cells.map((c) => respondents.filter((r) => keyOf(r) === c.key));
  // Respondents outside every cell (no school known, say) still count in the total, so they
  // take part in the arithmetic that suppression protects against.
  const hidden = suppress(
    members.map((m) => m.length),
    respondents.length,
    minGroup,
  );
  return cells.map((c, i) => ({
    key: c.key,
    label: c.label,
    respondents: members[i]!.length,
    suppressed: hidden[i]!,
    figures: hidden[i] ? {} : Object.fromEntries(groupItems.map((g) => [g.id, figuresOf(members[i]!, g.items)])),
  }));
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function achtjeCell(rs: Respondent[], itemId: string, minGroup: number, suppressed: boolean): AchtjeCell {
  if (suppressed) return { mean: null, n: rs.length, state: 'suppressed' };
  const f = figuresOf(rs, [itemId]);
  if (f.mean === null) return { mean: null, n: f.n, state: 'unanswered' };
  return { mean: f.mean, n: f.n, state: f.mean < WEAK_BELOW ? 'weak' : 'ok' };
}

const TYPE_LABELS: Record<SchoolType, string> = { vo: 'vmbo', mbo: 'mbo', bedrijf: 'bedrijf' };
const LAYER_LABELS: Record<Layer, string> = { bestuurlijk: 'bestuur', management: 'management en projectleiding', professioneel: 'docenten' };

export function summarize(instrument: Instrument, respondents: Respondent[], schools: Array<{ id: string; name: string; type: SchoolType }>, options: SummaryOptions): ReflectionSummary {
  const minGroup = options.minGroup ?? 3;
  const random = options.random ?? Math.random;
  const groupDefs = [
    ...instrument.conditions.map((g) => ({ ...g, kind: 'condition' as const })),
    ...instrument.domains.map((g) => ({ ...g, kind: 'domain' as const })),
  ];
  const groupItems = groupDefs.map((g) => ({ id: g.id, items: g.statements.map((s) => s.id) }));
  const conditionItems = groupItems.filter((g) => instrument.conditions.some((c) => c.id === g.id));

  const groups = groupDefs.map((g) => ({ id: g.id, kind: g.kind, name: g.name, ...figuresOf(respondents, g.statements.map((s) => s.id)) }));

  const types = (['vo', 'mbo', 'bedrijf'] as const).filter((t) => schools.some((s) => s.type === t));
  const byType = partition(respondents, (r) => r.schoolType, types.map((t) => ({ key: t, label: TYPE_LABELS[t] })), conditionItems, minGroup);

  const typeDifferences: ReflectionSummary['typeDifferences'] = [];
  const visibleTypes = byType.filter((c) => !c.suppressed);
  for (const g of conditionItems) {
    for (let i = 0; i < visibleTypes.length; i++) {
      for (let j = i + 1; j < visibleTypes.length; j++) {
        const a = visibleTypes[i]!.figures[g.id]?.mean;
        const b = visibleTypes[j]!.figures[g.id]?.mean;
        if (a == null || b == null) continue;
        // Compare at one decimal, as shown, so "1.0" on the card is marked.
        const difference = Math.round((a - b) * 10) / 10;
        if (Math.abs(difference) >= MARK_DIFFERENCE) typeDifferences.push({ id: g.id, a: visibleTypes[i]!.key, b: visibleTypes[j]!.key, difference });
      }
    }
  }

  const bySchool = options.perSchool ? partition(respondents, (r) => r.schoolId, schools.map((s) => ({ key: s.id, label: s.name })), conditionItems, minGroup) : null;
  const layerIds = instrument.achtje.layers.map((l) => l.id);
  const byLayer = partition(respondents, (r) => r.layer, layerIds.map((l) => ({ key: l, label: LAYER_LABELS[l] })), conditionItems, minGroup);

  // The achtje per pair of schools of different kinds (vo with mbo, and a company with either).
  const schoolHidden = new Map<string, boolean>();
  const schoolSizes = schools.map((s) => respondents.filter((r) => r.schoolId === s.id).length);
  suppress(schoolSizes, respondents.length, minGroup).forEach((h, i) => schoolHidden.set(schools[i]!.id, h));
  const achtje: AchtjePair[] = [];
  for (let i = 0; i < schools.length; i++) {
    for (let j = i + 1; j < schools.length; j++) {
      const A = schools[i]!;
      const B = schools[j]!;
      if (A.type === B.type) continue;
      const ra = respondents.filter((r) => r.schoolId === A.id);
      const rb = respondents.filter((r) => r.schoolId === B.id);
      const bothHidden = schoolHidden.get(A.id)! || schoolHidden.get(B.id)!;
      achtje.push({
        schoolA: A.name,
        schoolB: B.name,
        layers: instrument.achtje.layers.map((l) => ({
          layer: l.id,
          name: l.name,
          ownA: achtjeCell(ra, achtjeIds(l.id).own, minGroup, schoolHidden.get(A.id)!),
          ownB: achtjeCell(rb, achtjeIds(l.id).own, minGroup, schoolHidden.get(B.id)!),
          between: achtjeCell([...ra, ...rb], achtjeIds(l.id).partner, minGroup, bothHidden && ra.length + rb.length < minGroup),
        })),
      });
    }
  }

  const ranked = groups
    .filter((g) => g.mean !== null)
    .map((g, order) => ({ g, order }))
    .sort((x, y) => y.g.mean! - x.g.mean! || x.order - y.order);
  const highlight = (g: (typeof groups)[number]): Highlight => ({
    id: g.id,
    name: g.name,
    mean: g.mean!,
    question: groupDefs.find((d) => d.id === g.id)!.conversationQuestion.text,
  });
  const strengths = ranked.slice(0, 3).map((x) => highlight(x.g));
  const attention = [...ranked]
    .sort((x, y) => x.g.mean! - y.g.mean! || x.order - y.order)
    .filter((x) => !strengths.some((s) => s.id === x.g.id))
    .slice(0, 3)
    .map((x) => highlight(x.g));

  const comments = instrument.conditions.map((c) => {
    const ids = commentIds(c.id);
    const texts = (key: string) => respondents.map((r) => r.comments[key]?.trim()).filter((t): t is string => Boolean(t));
    return { id: c.id, name: c.name, good: shuffle(texts(ids.good), random), change: shuffle(texts(ids.change), random) };
  });

  return { instrumentVersion: instrument.version, respondents: respondents.length, groups, byType, typeDifferences, bySchool, byLayer, achtje, strengths, attention, comments };
}

/** Change per condition and domain since an earlier run: current minus previous mean, at one decimal. */
export function compareRuns(previous: ReflectionSummary, current: ReflectionSummary): Array<{ id: string; name: string; change: number | null }> {
  return current.groups.map((g) => {
    const before = previous.groups.find((p) => p.id === g.id);
    const change = g.mean !== null && before?.mean != null ? Math.round((g.mean - before.mean) * 10) / 10 : null;
    return { id: g.id, name: g.name, change };
  });
}

const fmt = (n: number | null) => (n === null ? '' : n.toFixed(2).replace('.', ','));

/** Aggregated results as CSV for Dutch spreadsheets (semicolons, decimal commas). No names, no comments. */
export function summaryToCsv(summary: ReflectionSummary): string {
  const rows: string[][] = [['groep', 'onderdeel', 'n', 'gemiddelde', 'spreiding', '1', '2', '3', '4', '5', 'weet ik niet']];
  const line = (group: string, name: string, f: Figures) => [group, name, String(f.n), fmt(f.mean), fmt(f.spread), ...f.distribution.map(String), String(f.dontKnow)];
  for (const g of summary.groups) rows.push(line('totaal', g.name, g));
  const names = new Map(summary.groups.map((g) => [g.id, g.name]));
  const cells = (prefix: string, list: PartitionCell[] | null) => {
    for (const c of list ?? []) {
      if (c.suppressed) {
        rows.push([`${prefix}: ${c.label}`, '', 'te weinig antwoorden', '', '', '', '', '', '', '', '']);
        continue;
      }
      for (const [id, f] of Object.entries(c.figures)) rows.push(line(`${prefix}: ${c.label}`, names.get(id) ?? id, f));
    }
  };
  cells('soort school', summary.byType);
  cells('school', summary.bySchool);
  cells('laag', summary.byLayer);
  const esc = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(esc).join(';')).join('\r\n')}\r\n`;
}
