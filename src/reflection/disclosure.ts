/**
 * Which sets of respondents may carry a figure, so that no sum or difference of the
 * published sets describes 1 to k-1 people (rules 1–3 of shared/privacy-model.md). Pure
 * and generic: it knows sets of ids, not schools or questions.
 *
 * The attacker adds and subtracts figures of the same kind. Every set they can compute is a
 * combination of the published sets' indicator vectors; we take the rational span (a
 * superset of what integer sums and differences reach, so the check errs on the safe side)
 * and look for a 0/1 vector in it whose people number 1 to k-1. Respondents with the same
 * membership in every set are one "atom", so vectors run over atoms, not people. In reduced
 * row echelon form a 0/1 vector of the span is fixed by its pivot entries, each 0 or 1, and
 * its size is at least the size of the pivot atoms it takes; so only pivot subsets of fewer
 * than k people need trying, which keeps the search small for k up to 10.
 */

export interface CandidateSet {
  key: string;
  members: readonly string[];
  /** Higher survives longer: when a combination fails, the lowest participant is hidden. */
  priority: number;
  /** Never hidden by a combination (the run's total): if it is too small, nothing is published. */
  fixed?: boolean;
}

const EPS = 1e-9;

interface Atoms {
  sizes: number[];
  /** Per set, its row over the atoms. */
  rows: number[][];
}

function atomsOf(sets: readonly CandidateSet[]): Atoms {
  // Each person's membership as bit words (32 sets a word), people numbered in order of first appearance.
  const words = Math.max(1, Math.ceil(sets.length / 32));
  const person = new Map<string, number>();
  const sig: number[] = [];
  sets.forEach((s, i) => {
    const w = i >>> 5;
    const b = 1 << (i & 31);
    for (const id of s.members) {
      let p = person.get(id);
      if (p === undefined) {
        person.set(id, (p = person.size));
        for (let j = 0; j < words; j++) sig.push(0);
      }
      sig[p * words + w]! |= b;
    }
  });
  const atomIndex = new Map<number | string, number>();
  const sizes: number[] = [];
  const atomOf: number[] = [];
  for (let p = 0; p < person.size; p++) {
    const key = words === 1 ? sig[p]! : sig.slice(p * words, (p + 1) * words).join(',');
    let a = atomIndex.get(key);
    if (a === undefined) {
      atomIndex.set(key, (a = sizes.length));
      sizes.push(0);
      atomOf.push(p);
    }
    sizes[a]!++;
  }
  const has = (a: number, i: number) => (sig[atomOf[a]! * words + (i >>> 5)]! & (1 << (i & 31))) !== 0;
  // Big atoms first, so they become pivots and the search below prunes early.
  const order = sizes.map((_, i) => i).sort((x, y) => sizes[y]! - sizes[x]!);
  return {
    sizes: order.map((a) => sizes[a]!),
    rows: sets.map((_, i) => order.map((a) => (has(a, i) ? 1 : 0))),
  };
}

function rref(rows: number[][], width: number): { rows: number[][]; pivots: number[] } {
  const m = rows.map((r) => [...r]);
  const out: number[][] = [];
  const pivots: number[] = [];
  let rest = m;
  for (let col = 0; col < width && rest.length > 0; col++) {
    const p = rest.findIndex((r) => Math.abs(r[col]!) > EPS);
    if (p < 0) continue;
    const pivotRow = rest[p]!.map((v) => v / rest[p]![col]!);
    rest = rest.filter((_, i) => i !== p).map((r) => (Math.abs(r[col]!) > EPS ? r.map((v, j) => v - r[col]! * pivotRow[j]!) : r));
    for (let i = 0; i < out.length; i++) {
      const f = out[i]![col]!;
      if (Math.abs(f) > EPS) out[i] = out[i]!.map((v, j) => v - f * pivotRow[j]!);
    }
    out.push(pivotRow);
    pivots.push(col);
  }
  return { rows: out, pivots };
}

/**
 * A 0/1 combination over atoms of 1 to k-1 people that the sets make computable, or
 * undefined when there is none.
 */
function smallCombination(atoms: Atoms, k: number): number[] | undefined {
  const width = atoms.sizes.length;
  const { rows, pivots } = rref(atoms.rows, width);
  const x = new Array<number>(width).fill(0);
  let found: number[] | undefined;
  const check = (): boolean => {
    let size = 0;
    for (let j = 0; j < width; j++) {
      const v = x[j]!;
      if (Math.abs(v) < EPS) continue;
      if (Math.abs(v - 1) > EPS) return false;
      size += atoms.sizes[j]!;
    }
    return size >= 1 && size < k;
  };
  const search = (from: number, budget: number, taken: number): boolean => {
    if (taken > 0 && check()) {
      found = x.map((v) => (Math.abs(v - 1) < EPS ? 1 : 0));
      return true;
    }
    for (let i = from; i < rows.length; i++) {
      const cost = atoms.sizes[pivots[i]!]!;
      if (cost > budget) continue;
      for (let j = 0; j < width; j++) x[j]! += rows[i]![j]!;
      const hit = search(i + 1, budget - cost, taken + 1);
      for (let j = 0; j < width; j++) x[j]! -= rows[i]![j]!;
      if (hit) return true;
    }
    return false;
  };
  search(0, k - 1, 0);
  return found;
}

/**
 * The sets that take part in making `target`: it is written in sets taken in order of
 * priority (highest first), so a low-priority set appears only when the target needs it.
 */
function participants(rows: number[][], order: number[], target: number[]): number[] {
  const width = target.length;
  // Each basis entry: a reduced row with its pivot, and its expression in the original sets.
  const basis: Array<{ row: number[]; pivot: number; expr: Map<number, number> }> = [];
  const reduce = (row: number[], expr: Map<number, number>) => {
    for (const b of basis) {
      const f = row[b.pivot]!;
      if (Math.abs(f) < EPS) continue;
      for (let j = 0; j < width; j++) row[j]! -= f * b.row[j]!;
      for (const [s, c] of b.expr) expr.set(s, (expr.get(s) ?? 0) - f * c);
    }
  };
  for (const s of order) {
    const row = [...rows[s]!];
    const expr = new Map([[s, 1]]);
    reduce(row, expr);
    const pivot = row.findIndex((v) => Math.abs(v) > EPS);
    if (pivot < 0) continue;
    const f = row[pivot]!;
    const scaled = row.map((v) => v / f);
    const scaledExpr = new Map([...expr].map(([k, c]) => [k, c / f]));
    // Keep the basis reduced, so reducing a vector needs one pass.
    for (const b of basis) {
      const g = b.row[pivot]!;
      if (Math.abs(g) < EPS) continue;
      for (let j = 0; j < width; j++) b.row[j]! -= g * scaled[j]!;
      for (const [k, c] of scaledExpr) b.expr.set(k, (b.expr.get(k) ?? 0) - g * c);
    }
    basis.push({ row: scaled, pivot, expr: scaledExpr });
  }
  const row = [...target];
  const combination = new Map<number, number>();
  for (const b of basis) {
    const f = row[b.pivot]!;
    if (Math.abs(f) < EPS) continue;
    for (let j = 0; j < width; j++) row[j]! -= f * b.row[j]!;
    for (const [s, c] of b.expr) combination.set(s, (combination.get(s) ?? 0) + f * c);
  }
  return [...combination].filter(([, c]) => Math.abs(c) > EPS).map(([s]) => s);
}

/**
 * The keys of the sets that may be published with minimum group size k: each has at least k
 * members, and no combination of them covers 1 to k-1 people. Hides too-small sets first,
 * then, while a small combination exists, the lowest-priority set that takes part in it
 * (smaller before larger). When a fixed set is smaller than k nothing is published.
 */
export function publishableSets(sets: readonly CandidateSet[], k: number): Set<string> {
  if (sets.some((s) => s.fixed && s.members.length < k)) return new Set();
  let visible = sets.filter((s) => s.members.length >= k);
  for (;;) {
    if (visible.length === 0) return new Set();
    const atoms = atomsOf(visible);
    const small = smallCombination(atoms, k);
    if (!small) return new Set(visible.map((s) => s.key));
    const order = visible.map((_, i) => i).sort((a, b) => visible[b]!.priority - visible[a]!.priority || visible[b]!.members.length - visible[a]!.members.length);
    const takingPart = participants(atoms.rows, order, small).filter((i) => !visible[i]!.fixed);
    if (takingPart.length === 0) return new Set(); // cannot happen while a fixed set has at least k members
    const lowest = takingPart.sort((a, b) => visible[a]!.priority - visible[b]!.priority || visible[a]!.members.length - visible[b]!.members.length || (visible[a]!.key < visible[b]!.key ? -1 : 1))[0]!;
    visible = visible.filter((_, i) => i !== lowest);
  }
}
