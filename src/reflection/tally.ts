import { achtjeIds } from './content/index.js';
import type { Instrument } from './content/schema.js';
import type { Layer } from './model.js';
import { figuresFromCounts, type Figures, type Respondent } from './stats.js';

/**
 * A run's answers as counts: what the gate (publish.ts) needs, and no more. The repository
 * fills it with GROUP BY queries (ReflectionRepo.tally), so no answer is loaded one by one;
 * `tallyRespondents` fills it from answers held in JavaScript (tests, the attacker).
 *
 * A "kind" is what one figure is about: a condition or domain (its statements together) or
 * one achtje statement. Each kind has a bit; a person's `real` holds the bits of the kinds
 * they gave a real answer in (not "weet ik niet"), which is what n and the disclosure check
 * count. Cells are per school and layer: every set the gate shows is a union of them.
 */

export interface TallyPerson {
  id: string;
  schoolId: string | null;
  layer: Layer | null;
  /** Bit i set: a real answer in kind i. */
  real: number;
}

export interface TallyCell {
  schoolId: string | null;
  layer: Layer | null;
  itemId: string;
  /** 1..5, or null for "weet ik niet". */
  value: number | null;
  count: number;
}

export interface Tally {
  /** The respondents (sent their answers), in member id order from the repository. */
  people: TallyPerson[];
  cells: TallyCell[];
  /** Open answers of respondents per item, in `people` order. */
  comments: Array<{ itemId: string; texts: string[] }>;
}

export interface Kinds {
  /** Kind ids: condition and domain ids, then achtje item ids. */
  ids: string[];
  bitOf: Map<string, number>;
  /** Scale item → its kind's bit. */
  itemBit: Map<string, number>;
}

const kindsCache = new WeakMap<Instrument, Kinds>();

export function kindsOf(instrument: Instrument): Kinds {
  let kinds = kindsCache.get(instrument);
  if (kinds) return kinds;
  const ids: string[] = [];
  const itemBit = new Map<string, number>();
  for (const g of [...instrument.conditions, ...instrument.domains]) {
    const bit = 1 << ids.length;
    ids.push(g.id);
    for (const s of g.statements) itemBit.set(s.id, bit);
  }
  for (const l of instrument.achtje.layers) {
    for (const id of [achtjeIds(l.id).own, achtjeIds(l.id).partner]) {
      itemBit.set(id, 1 << ids.length);
      ids.push(id);
    }
  }
  if (ids.length > 30) throw new Error('too many kinds for a bit mask');
  kinds = { ids, bitOf: new Map(ids.map((id, i) => [id, 1 << i])), itemBit };
  kindsCache.set(instrument, kinds);
  return kinds;
}

/** The same counts as the repository's queries, from respondents held in memory. */
export function tallyRespondents(instrument: Instrument, respondents: readonly Respondent[]): Tally {
  const { itemBit } = kindsOf(instrument);
  const cells = new Map<string, TallyCell>();
  const people: TallyPerson[] = [];
  const comments = new Map<string, string[]>();
  for (const r of respondents) {
    let real = 0;
    for (const [itemId, value] of Object.entries(r.answers)) {
      const v = value ?? null;
      if (v !== null) real |= itemBit.get(itemId) ?? 0;
      const key = `${r.schoolId}\u0000${r.layer}\u0000${itemId}\u0000${v}`;
      const cell = cells.get(key);
      if (cell) cell.count++;
      else cells.set(key, { schoolId: r.schoolId, layer: r.layer, itemId, value: v, count: 1 });
    }
    for (const [itemId, text] of Object.entries(r.comments)) {
      const list = comments.get(itemId);
      if (list) list.push(text);
      else comments.set(itemId, [text]);
    }
    people.push({ id: r.id, schoolId: r.schoolId, layer: r.layer, real });
  }
  return { people, cells: [...cells.values()], comments: [...comments].map(([itemId, texts]) => ({ itemId, texts })) };
}

/** One school-and-layer cell, as a Map key. */
export const cellKey = (schoolId: string | null, layer: string | null) => `${schoolId}\u0000${layer}`;

/**
 * Figures of any set of people, from the cells: per (school, layer) cell and kind the counts
 * per value are summed once, so a set's figure is a sum over the few cells its people sit in.
 */
export class TallyFigures {
  private readonly perCell = new Map<string, Array<{ distribution: [number, number, number, number, number]; dontKnow: number }>>();

  private readonly cellIndex = new Map<string, number>();
  private readonly cellOf = new Map<string, number>();
  private readonly cellSize: number[] = [];
  private readonly cellN: number[][] = [];
  private readonly cellKeys: string[] = [];

  constructor(
    private readonly kinds: Kinds,
    tally: Tally,
  ) {
    // Each respondent's cell, and per cell its size and, per kind, how many answered it for real:
    // a set made of whole cells (every set the gate shows) counts its n per cell, not per person.
    for (const p of tally.people) {
      const key = cellKey(p.schoolId, p.layer);
      let at = this.cellIndex.get(key);
      if (at === undefined) {
        this.cellIndex.set(key, (at = this.cellSize.length));
        this.cellSize.push(0);
        this.cellN.push(kinds.ids.map(() => 0));
        this.cellKeys.push(key);
      }
      this.cellOf.set(p.id, at);
      this.cellSize[at]!++;
      const n = this.cellN[at]!;
      for (let real = p.real, kind = 0; real !== 0; real >>>= 1, kind++) if (real & 1) n[kind]!++;
    }
    for (const c of tally.cells) {
      const bit = kinds.itemBit.get(c.itemId);
      if (bit === undefined) continue;
      const kind = 31 - Math.clz32(bit);
      const key = cellKey(c.schoolId, c.layer);
      let row = this.perCell.get(key);
      if (!row) this.perCell.set(key, (row = kinds.ids.map(() => ({ distribution: [0, 0, 0, 0, 0], dontKnow: 0 }))));
      const slot = row[kind]!;
      if (c.value === null) slot.dontKnow += c.count;
      else slot.distribution[c.value - 1]! += c.count;
    }
  }

  /** Per set of people (the same array is asked about every kind): its distinct cells and, per kind, how many gave a real answer. */
  private readonly sets = new WeakMap<readonly TallyPerson[], { cells: Array<Array<{ distribution: [number, number, number, number, number]; dontKnow: number }>>; n: number[] }>();

  private setOf(people: readonly TallyPerson[]) {
    let set = this.sets.get(people);
    if (set) return set;
    const cells: Array<Array<{ distribution: [number, number, number, number, number]; dontKnow: number }>> = [];
    // The distributions are per cell, so part of a cell cannot be counted from them.
    const partOfCell = () => new Error('figures are counted for whole school-and-layer cells only');
    const taken = new Map<number, number>();
    for (const p of people) {
      const at = this.cellOf.get(p.id);
      if (at === undefined) throw partOfCell();
      taken.set(at, (taken.get(at) ?? 0) + 1);
    }
    const n = this.kinds.ids.map(() => 0);
    for (const [at, count] of taken) {
      if (count !== this.cellSize[at]) throw partOfCell();
      this.cellN[at]!.forEach((c, kind) => (n[kind]! += c));
      const row = this.perCell.get(this.cellKeys[at]!);
      if (row) cells.push(row);
    }
    this.sets.set(people, (set = { cells, n }));
    return set;
  }

  /** The figures of `people` on one kind. */
  figures(people: readonly TallyPerson[], kindId: string): Figures {
    const bit = this.kinds.bitOf.get(kindId)!;
    const kind = 31 - Math.clz32(bit);
    const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    let dontKnow = 0;
    const set = this.setOf(people);
    for (const row of set.cells) {
      const slot = row[kind]!;
      dontKnow += slot.dontKnow;
      for (let v = 0; v < 5; v++) distribution[v]! += slot.distribution[v]!;
    }
    return figuresFromCounts(set.n[kind]!, distribution, dontKnow);
  }
}
