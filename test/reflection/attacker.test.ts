import { describe, expect, it } from 'vitest';
import { achtjeIds, loadInstrument } from '../../src/reflection/content/index.js';
import { publicationToCsv } from '../../src/reflection/csv.js';
import { publish } from '../../src/reflection/publish.js';
import { achtjeCards, summaryCard } from '../../src/reflection/summaryCards.js';
import { findLeak, publishedFigures, type Person, type RunWorld } from '../helpers/attacker.js';
import { seededRandom } from '../helpers/random.js';

/**
 * The attacker's test of issue 12: many random runs, everything each publishes rendered
 * (summary card, achtje cards, CSV), and an attacker who adds and subtracts the published
 * sets of one kind (test/helpers/attacker.ts) must find nobody's answers: no set of 1 to k-1
 * people. Participation ("x van y hebben ingevuld") is not a figure and is left out.
 */

const inst = loadInstrument('1');
const groupItems = new Map([...inst.conditions, ...inst.domains].map((g) => [g.name, g.statements.map((s) => s.id)]));
const achtjeItems = new Map(inst.achtje.layers.map((l) => [l.name, achtjeIds(l.id)]));
const scaleItems = [...[...inst.conditions, ...inst.domains].flatMap((g) => g.statements.map((s) => s.id)), ...inst.achtje.layers.flatMap((l) => [achtjeIds(l.id).own, achtjeIds(l.id).partner])];

const generator = seededRandom;

function randomRun(seed: number): { world: RunWorld; k: number; perSchool: boolean } {
  const rnd = generator(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const schoolCount = 1 + Math.floor(rnd() * 6);
  const schools = Array.from({ length: schoolCount }, (_, i) => ({ id: `s${i}`, name: `School ${i + 1}`, type: pick(['vo', 'vo', 'mbo', 'mbo', 'bedrijf'] as const) }));
  // Some runs put every respondent in one layer or one school type, to test containment.
  const layers = rnd() < 0.2 ? (['professioneel'] as const) : (['bestuurlijk', 'management', 'professioneel', 'professioneel', null] as const);
  const dontKnowRate = pick([0, 0.1, 0.4]);
  const skipRate = pick([0, 0.2]);
  const people: Person[] = [];
  for (const s of schools) {
    const count = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < count; i++) {
      const answers: Record<string, number | null> = {};
      for (const item of scaleItems) {
        if (rnd() < skipRate) continue;
        answers[item] = rnd() < dontKnowRate ? null : 1 + Math.floor(rnd() * 5);
      }
      people.push({ id: `p${people.length}`, schoolId: s.id, schoolType: s.type, layer: pick(layers), answers });
    }
  }
  if (rnd() < 0.2) people.push({ id: `p${people.length}`, schoolId: null, schoolType: null, layer: 'management', answers: Object.fromEntries(scaleItems.map((i) => [i, 3])) });
  return { world: { people, schools, groupItems, achtjeItems }, k: pick([3, 3, 3, 4, 5]), perSchool: rnd() < 0.7 };
}

type Json = { type?: string; text?: string; title?: string; legend?: string; items?: Json[]; body?: Json[]; columns?: Json[]; data?: Json[]; values?: Json[]; x?: string; y?: number; fallback?: Json };

/** Every TextBlock's text under a node, charts' fallbacks included, in order. */
function textsUnder(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Json;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return out;
}

/** The summary card's sections as heading → lines (the text, and each chart's fallback text). */
function sections(card: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of card.body ?? []) {
    if (c.type !== 'Container' || !c.items?.length) continue;
    const [heading, ...lines] = textsUnder(c.items);
    out.set(heading!, [...(out.get(heading!) ?? []), ...lines]);
  }
  return out;
}

/** The chart elements in a card. */
function charts(card: Json): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (String((n as Json).type).startsWith('Chart.')) out.push(n as Json);
      Object.values(n as Json).forEach(walk);
    }
  };
  walk(card);
  return out;
}

const number = /^\d+,\d$/;
const TYPE_LABELS = new Set(['vmbo', 'mbo', 'bedrijf']);

/** Every (group, part) the cards show a number for, in the CSV's naming, so it can be held against the CSV. */
function figuresOnCards(summary: Json, achtje: Json[]): Set<string> {
  const seen = new Set<string>();
  const s = sections(summary);
  for (const [heading, prefix] of [
    ['Vmbo, mbo en bedrijven', 'soort school'],
    ['Per school', 'school'],
    ['Per laag', 'laag'],
  ] as const) {
    for (const line of s.get(heading) ?? []) {
      const at = line.indexOf(': ');
      const part = line.slice(0, at);
      if (!groupItems.has(part)) continue; // a hidden group's own line, or a marked difference
      for (const cell of line.slice(at + 2).split(' · ')) {
        const value = cell.slice(cell.lastIndexOf(' ') + 1);
        if (number.test(value)) seen.add(`${prefix}: ${cell.slice(0, cell.lastIndexOf(' ')).replace(/\\/g, '')}|${part}`);
      }
    }
  }
  for (const [heading] of [['De vijf condities'], ['De drie domeinen']] as const) {
    for (const line of s.get(heading) ?? []) {
      const m = /^\*\*(.+?)\*\*: gemiddeld/.exec(line);
      if (m) seen.add(`totaal|${m[1]}`);
    }
  }
  // What the charts draw: a stacked bar per total, a grouped bar per school type and condition.
  for (const chart of charts(summary)) {
    if (chart.type === 'Chart.HorizontalBar.Stacked') {
      for (const row of chart.data ?? []) {
        const m = /^(.+) \(gemiddeld \d+,\d van de 5; \d+ (?:mensen|persoon)\)$/.exec(row.title ?? '');
        if (!m) throw new Error(`unreadable bar ${row.title}`);
        seen.add(`totaal|${m[1]}`);
      }
    } else if (chart.type === 'Chart.VerticalBar.Grouped') {
      for (const series of chart.data ?? []) {
        if (!TYPE_LABELS.has(series.legend ?? '')) throw new Error(`unknown series ${series.legend}`);
        for (const v of series.values ?? []) seen.add(`soort school: ${series.legend}|${v.x}`);
      }
    } else if (chart.type !== 'Chart.Gauge') throw new Error(`unexpected chart ${chart.type}`);
  }
  // The achtje grid: per pair a header row and a row per layer of three cells (within A, within B, between).
  for (const card of achtje) {
    for (const c of card.body ?? []) {
      if (c.type !== 'Container') continue;
      const pair = /^Het achtje: (.+) en (.+)$/.exec(c.items?.[0]?.text ?? '');
      if (!pair) continue;
      for (const row of (c.items ?? []).slice(2)) {
        const [layerColumn, ...cells] = row.columns ?? [];
        const layer = layerColumn!.items![0]!.text!;
        const values = cells.map((cell) => cell.items![0]!.text!);
        if (values.length !== 3 || !values.every((v) => number.test(v) || v === 'te weinig antwoorden')) throw new Error(`unreadable achtje row ${layer}: ${values.join(' · ')}`);
        if (number.test(values[0]!)) seen.add(`achtje binnen: ${pair[1]}|${layer}`);
        if (number.test(values[1]!)) seen.add(`achtje binnen: ${pair[2]}|${layer}`);
        if (number.test(values[2]!)) seen.add(`achtje tussen: ${pair[1]} – ${pair[2]}|${layer}`);
      }
    }
  }
  return seen;
}

function publishRun(world: RunWorld, k: number, perSchool: boolean) {
  const publication = publish(
    inst,
    world.people.map((p) => ({ ...p, comments: {} })),
    world.schools,
    { perSchool, minGroup: k, names: [], random: () => 0 },
  );
  const csv = publicationToCsv(publication);
  const summary = summaryCard({ seq: 1, runId: '00000000-0000-4000-8000-000000000001', invited: world.people.length, summary: publication, changes: null }) as Json;
  return { publication, csv, summary, achtje: achtjeCards(1, publication) as Json[] };
}

describe('an attacker who adds and subtracts published figures finds nobody', () => {
  it('in 600 random runs (1 to 6 schools of 1 to 8, mixed types and layers, "weet ik niet")', () => {
    let published = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const { world, k, perSchool } = randomRun(seed);
      const { csv, summary, achtje } = publishRun(world, k, perSchool);
      const figures = publishedFigures(csv, world);
      published += figures.length;
      // The n the CSV gives is the n of the set the attacker worked out: both read the same people.
      for (const f of figures) {
        let size = 0;
        for (let v = f.members; v > 0n; v &= v - 1n) size++;
        expect(f.n, `seed ${seed}: n of ${f.group} / ${f.kind}`).toBe(size);
      }
      // The cards show no figure the CSV does not have.
      const inCsv = new Set(figures.map((f) => `${f.group}|${f.kind.replace(/^(own|partner):/, '')}`));
      for (const shown of figuresOnCards(summary, achtje)) expect(inCsv.has(shown), `seed ${seed}: card shows ${shown}`).toBe(true);
      expect(findLeak(figures, k), `seed ${seed} (k = ${k})`).toBeUndefined();
    }
    // The runs publish a lot, so the test is not passing on empty output.
    expect(published).toBeGreaterThan(10_000);
  });

  it('the worked example A (vmbo, 5), B (vmbo, 1), C (mbo, 4) leaks nothing, though each breakdown on its own passes the size rule', () => {
    const schools = [
      { id: 'A', name: 'School A', type: 'vo' as const },
      { id: 'B', name: 'School B', type: 'vo' as const },
      { id: 'C', name: 'School C', type: 'mbo' as const },
    ];
    const all = Object.fromEntries(scaleItems.map((i) => [i, 4]));
    const people: Person[] = [...'AAAAABCCCC'].map((s, i) => ({ id: `p${i}`, schoolId: s, schoolType: s === 'C' ? 'mbo' : 'vo', layer: 'professioneel', answers: all }));
    const world = { people, schools, groupItems, achtjeItems };
    const { csv } = publishRun(world, 3, true);
    const figures = publishedFigures(csv, world);
    expect(findLeak(figures, 3)).toBeUndefined();
    // What the attacker would have had if "vmbo" and "School A" were both shown: B's one person.
    const vmbo = figures.find((f) => f.group === 'soort school: vmbo')!.members;
    const schoolA = people.slice(0, 5).reduce((s, _, i) => s | (1n << BigInt(i)), 0n);
    expect(findLeak([...figures, { kind: figures[0]!.kind, group: 'school: School A', n: 5, members: schoolA & vmbo }], 3)).toEqual({ kind: figures[0]!.kind, size: 1 });
  });
});
