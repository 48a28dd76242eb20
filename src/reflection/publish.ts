import { z } from 'zod';
import type { SchoolType } from '../partnership/roles.js';
import { achtjeIds, commentIds } from './content/index.js';
import type { Instrument } from './content/schema.js';
import { publishableSets, type CandidateSet } from './disclosure.js';
import { LAYERS, type Layer } from './model.js';
import { scrubNames } from './names.js';
import type { Figures, Respondent } from './stats.js';
import { kindsOf, tallyRespondents, TallyFigures, type Tally, type TallyPerson } from './tally.js';

/**
 * The one gate between a run's answers and everything that shows them (rule 4 of
 * shared/privacy-model.md). It decides, per kind of figure (a condition, a domain, an
 * achtje statement), which sets of respondents may carry a figure, and returns only those
 * figures. At close the result is stored; summary cards, achtje cards, the CSV and the
 * trend of later runs read the stored publication, never the answers again, so a later
 * change of k, an erasure or a purge cannot produce a second, subtractable version.
 *
 * Two passes:
 * 1. Over people: every set that shows anywhere (the total, school types, layers, schools,
 *    the achtje's "between" pairs) is one family, so a set of one kind cannot be used
 *    against a set of another kind (the worked example's "total minus the A–C pair").
 * 2. Per kind, over the respondents with a real answer in it ("weet ik niet" does not
 *    count): the sets that survived pass 1 again, so a school shown elsewhere can still be
 *    hidden for one condition.
 */

export const PUBLICATION_VERSION = 2;
export { DEFAULT_MIN_GROUP, MAX_MIN_GROUP } from './limits.js';

const WEAK_BELOW = 3.0;
const MARK_DIFFERENCE = 1.0;

const PRIORITY = { total: 100, type: 80, layer: 60, school: 40, pair: 20 } as const;

const figures = z.object({
  n: z.number(),
  mean: z.number().nullable(),
  spread: z.number().nullable(),
  distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
  dontKnow: z.number(),
});
const cell = z.object({ key: z.string(), label: z.string(), shown: z.boolean(), figures: z.record(figures.nullable()) });
const achtjeCell = z.object({ state: z.enum(['ok', 'weak', 'suppressed']), mean: z.number().nullable(), n: z.number().nullable() });
const highlight = z.object({ id: z.string(), name: z.string(), mean: z.number(), question: z.string() });

/** What a closed run published, as stored. Hidden figures are null: no n, no mean, nothing. */
export const publicationSchema = z.object({
  version: z.literal(PUBLICATION_VERSION),
  instrumentVersion: z.string(),
  minGroup: z.number().int(),
  /** How many sent their answers: participation, shown whatever the group size. */
  respondents: z.number().int(),
  /** At least minGroup respondents: otherwise nothing but the count is published. */
  enough: z.boolean(),
  groups: z.array(z.object({ id: z.string(), kind: z.enum(['condition', 'domain']), name: z.string(), figure: figures.nullable() })),
  byType: z.array(cell),
  typeDifferences: z.array(z.object({ id: z.string(), a: z.string(), b: z.string(), difference: z.number() })),
  bySchool: z.array(cell).nullable(),
  byLayer: z.array(cell),
  achtje: z.array(
    z.object({
      schoolA: z.string(),
      schoolB: z.string(),
      layers: z.array(z.object({ layer: z.enum(LAYERS), name: z.string(), ownA: achtjeCell, ownB: achtjeCell, between: achtjeCell })),
    }),
  ),
  strengths: z.array(highlight),
  attention: z.array(highlight),
  /** Open answers per condition, names removed, shuffled; empty when the run is too small. */
  comments: z.array(z.object({ id: z.string(), name: z.string(), good: z.array(z.string()), change: z.array(z.string()) })),
});

export type Publication = z.infer<typeof publicationSchema>;
export type PublishedCell = z.infer<typeof cell>;
export type PublishedAchtjeCell = z.infer<typeof achtjeCell>;

/** A stored publication, or undefined for a summary stored by an older version (before the gate). */
export function parsePublication(json: string | null): Publication | undefined {
  if (!json) return undefined;
  const parsed = publicationSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
}

export interface PublishOptions {
  perSchool: boolean;
  minGroup: number;
  /** Display names of the partnership's people, removed from comments. */
  names: readonly string[];
  random?: () => number;
}

export interface SchoolInfo {
  id: string;
  name: string;
  type: SchoolType;
}

const TYPE_LABELS: Record<SchoolType, string> = { vo: 'vmbo', mbo: 'mbo', bedrijf: 'bedrijf' };
// The achtje's layers by the one set of names (issue 16), lower case as group labels; frozen publications keep the labels they were made with.
const LAYER_LABELS: Record<Layer, string> = { bestuurlijk: 'bestuurlijk', management: 'management en projectleiding', professioneel: 'professioneel' };

interface Person extends TallyPerson {
  schoolType: SchoolType | null;
}

interface Group {
  key: string;
  label: string;
  priority: number;
  members: Person[];
}

/** Pass 2 for one kind: of the given groups, the keys whose answerers in the kind (its bit) may be shown. */
function shownFor(groups: Group[], bit: number, k: number, withTotal: boolean): Set<string> {
  const sets: CandidateSet[] = groups.map((g) => ({
    key: g.key,
    priority: g.priority,
    fixed: withTotal && g.key === 'total',
    members: g.members.filter((r) => r.real & bit).map((r) => r.id),
  }));
  return publishableSets(sets, k);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The gate over respondents held in memory (tests, the attacker): the same counts as SQL gives. */
export function publish(instrument: Instrument, respondents: Respondent[], schools: SchoolInfo[], options: PublishOptions): Publication {
  return publishTally(instrument, tallyRespondents(instrument, respondents), schools, options);
}

/** The gate over a run's counts (ReflectionRepo.tally: GROUP BY in the database). */
export function publishTally(instrument: Instrument, tally: Tally, schools: SchoolInfo[], options: PublishOptions): Publication {
  const k = options.minGroup;
  const kinds = kindsOf(instrument);
  const counts = new TallyFigures(kinds, tally);
  const typeOf = new Map(schools.map((s) => [s.id, s.type]));
  const respondents: Person[] = tally.people.map((p) => ({ ...p, schoolType: p.schoolId ? (typeOf.get(p.schoolId) ?? null) : null }));
  const bit = (kind: string) => kinds.bitOf.get(kind)!;
  const random = options.random ?? Math.random;
  const groupDefs = [
    ...instrument.conditions.map((g) => ({ ...g, kind: 'condition' as const })),
    ...instrument.domains.map((g) => ({ ...g, kind: 'domain' as const })),
  ];
  const conditionIds = instrument.conditions.map((c) => c.id);

  // ---- the groups that could show, and pass 1 over people ----
  const total: Group = { key: 'total', label: 'totaal', priority: PRIORITY.total, members: respondents };
  const types = (['vo', 'mbo', 'bedrijf'] as const).filter((t) => schools.some((s) => s.type === t));
  const typeGroups: Group[] = types.map((t) => ({ key: `type:${t}`, label: TYPE_LABELS[t], priority: PRIORITY.type, members: respondents.filter((r) => r.schoolType === t) }));
  const layerGroups: Group[] = instrument.achtje.layers.map((l) => ({ key: `layer:${l.id}`, label: LAYER_LABELS[l.id], priority: PRIORITY.layer, members: respondents.filter((r) => r.layer === l.id) }));
  const pairs: Array<[SchoolInfo, SchoolInfo]> = [];
  for (let i = 0; i < schools.length; i++) for (let j = i + 1; j < schools.length; j++) if (schools[i]!.type !== schools[j]!.type) pairs.push([schools[i]!, schools[j]!]);
  const schoolGroup = (s: SchoolInfo): Group => ({ key: `school:${s.id}`, label: s.name, priority: PRIORITY.school, members: respondents.filter((r) => r.schoolId === s.id) });
  const schoolGroups = schools.map(schoolGroup);
  // One Group per school, so each school's figures are counted once (TallyFigures keeps them per members array).
  const groupOfSchool = new Map(schools.map((s, i) => [s.id, schoolGroups[i]!]));
  const inPair = new Set(pairs.flatMap(([a, b]) => [a.id, b.id]));
  const shownSchools = schoolGroups.filter((g) => options.perSchool || inPair.has(g.key.slice('school:'.length)));
  const pairGroups: Group[] = pairs.map(([a, b]) => ({ key: `pair:${a.id}|${b.id}`, label: `${a.name} – ${b.name}`, priority: PRIORITY.pair, members: respondents.filter((r) => r.schoolId === a.id || r.schoolId === b.id) }));
  const everyGroup = [total, ...typeGroups, ...layerGroups, ...shownSchools, ...pairGroups];
  const visible = publishableSets(
    everyGroup.map((g) => ({ key: g.key, priority: g.priority, fixed: g === total, members: g.members.map((r) => r.id) })),
    k,
  );
  const enough = visible.has('total');

  // ---- pass 2: per condition over total, types, layers and (when asked) schools ----
  const breakdown = [total, ...typeGroups, ...layerGroups, ...(options.perSchool ? schoolGroups : [])].filter((g) => visible.has(g.key));
  const shownByCondition = new Map(conditionIds.map((id) => [id, shownFor(breakdown, bit(id), k, true)]));
  const figureFor = (g: Group, groupId: string, shown: Set<string>): Figures | null => (shown.has(g.key) ? counts.figures(g.members, groupId) : null);

  const groups = groupDefs.map((d) => {
    // Domains show for the whole run only.
    const shown = d.kind === 'condition' ? shownByCondition.get(d.id)! : visible.has('total') ? shownFor([total], bit(d.id), k, true) : new Set<string>();
    return { id: d.id, kind: d.kind, name: d.name, figure: figureFor(total, d.id, shown) };
  });

  const cellsOf = (list: Group[]): Publication['byType'] =>
    list.map((g) => ({
      key: g.key.slice(g.key.indexOf(':') + 1),
      label: g.label,
      shown: visible.has(g.key),
      figures: visible.has(g.key) ? Object.fromEntries(conditionIds.map((id) => [id, figureFor(g, id, shownByCondition.get(id)!)])) : {},
    }));
  const byType = cellsOf(typeGroups);
  const bySchool = options.perSchool ? cellsOf(schoolGroups) : null;
  const byLayer = cellsOf(layerGroups);

  const typeDifferences: Publication['typeDifferences'] = [];
  for (const id of conditionIds) {
    const withMean = byType.filter((c) => c.figures[id]?.mean != null);
    for (let i = 0; i < withMean.length; i++) {
      for (let j = i + 1; j < withMean.length; j++) {
        // Compare at one decimal, as shown, so "1,0" on the card is marked.
        const difference = Math.round((withMean[i]!.figures[id]!.mean! - withMean[j]!.figures[id]!.mean!) * 10) / 10;
        if (Math.abs(difference) >= MARK_DIFFERENCE) typeDifferences.push({ id, a: withMean[i]!.key, b: withMean[j]!.key, difference });
      }
    }
  }

  // ---- the achtje: own cells per school, "between" cells per pair, each statement its own kind ----
  const visibleSchools = shownSchools.filter((g) => visible.has(g.key) && inPair.has(g.key.slice('school:'.length)));
  const visiblePairs = pairGroups.filter((g) => visible.has(g.key));
  const achtjeShown = new Map(
    instrument.achtje.layers.map((l) => [l.id, { own: shownFor(visibleSchools, bit(achtjeIds(l.id).own), k, false), partner: shownFor(visiblePairs, bit(achtjeIds(l.id).partner), k, false) }]),
  );
  const achtjeCellOf = (g: Group, itemId: string, shown: Set<string>): PublishedAchtjeCell => {
    if (!shown.has(g.key)) return { state: 'suppressed', mean: null, n: null };
    const f = counts.figures(g.members, itemId);
    return { state: f.mean !== null && f.mean < WEAK_BELOW ? 'weak' : 'ok', mean: f.mean, n: f.n };
  };
  const achtje: Publication['achtje'] = enough
    ? pairs.map(([a, b], i) => ({
        schoolA: a.name,
        schoolB: b.name,
        layers: instrument.achtje.layers.map((l) => ({
          layer: l.id,
          name: l.name,
          ownA: achtjeCellOf(groupOfSchool.get(a.id)!, achtjeIds(l.id).own, achtjeShown.get(l.id)!.own),
          ownB: achtjeCellOf(groupOfSchool.get(b.id)!, achtjeIds(l.id).own, achtjeShown.get(l.id)!.own),
          between: achtjeCellOf(pairGroups[i]!, achtjeIds(l.id).partner, achtjeShown.get(l.id)!.partner),
        })),
      }))
    : [];

  // ---- strengths and points of attention: from published totals only ----
  const ranked = groups
    .map((g, order) => ({ g, order }))
    .filter((x) => x.g.figure?.mean != null)
    .sort((x, y) => y.g.figure!.mean! - x.g.figure!.mean! || x.order - y.order);
  const highlight = (g: (typeof groups)[number]) => ({ id: g.id, name: g.name, mean: g.figure!.mean!, question: groupDefs.find((d) => d.id === g.id)!.conversationQuestion.text });
  const strengths = ranked.slice(0, 3).map((x) => highlight(x.g));
  const attention = [...ranked]
    .sort((x, y) => x.g.figure!.mean! - y.g.figure!.mean! || x.order - y.order)
    .filter((x) => !strengths.some((s) => s.id === x.g.id))
    .slice(0, 3)
    .map((x) => highlight(x.g));

  // ---- comments: only with enough respondents, never per group, names removed, shuffled ----
  const commentsOf = new Map(enough ? tally.comments.map((c) => [c.itemId, c.texts]) : []);
  const comments = enough
    ? instrument.conditions.map((c) => {
        const ids = commentIds(c.id);
        const texts = (key: string) =>
          (commentsOf.get(key) ?? [])
            .map((x) => x.trim())
            .filter((t) => Boolean(t))
            .map((t) => scrubNames(t, options.names));
        return { id: c.id, name: c.name, good: shuffle(texts(ids.good), random), change: shuffle(texts(ids.change), random) };
      })
    : [];

  return {
    version: PUBLICATION_VERSION,
    instrumentVersion: instrument.version,
    minGroup: k,
    respondents: respondents.length,
    enough,
    groups,
    byType: enough ? byType : [],
    typeDifferences,
    bySchool: enough ? bySchool : null,
    byLayer: enough ? byLayer : [],
    achtje,
    strengths,
    attention,
    comments,
  };
}

/** Change per condition and domain since the previous run, from the two stored publications. */
export function compareRuns(previous: Publication, current: Publication): Array<{ id: string; name: string; change: number | null }> {
  return current.groups.map((g) => {
    const before = previous.groups.find((p) => p.id === g.id)?.figure?.mean;
    const now = g.figure?.mean;
    const change = now != null && before != null ? Math.round((now - before) * 10) / 10 : null;
    return { id: g.id, name: g.name, change };
  });
}
