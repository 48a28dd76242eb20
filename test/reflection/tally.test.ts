import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { packedCounters } from '../../src/reflection/repo.js';
import { kindsOf, TallyFigures, type Tally } from '../../src/reflection/tally.js';

const inst = loadInstrument('1');
const kinds = kindsOf(inst);
const c1 = inst.conditions[0]!;
const [s1, s2] = c1.statements.map((s) => s.id);

/**
 * Two cells: school A docents (p1, p2, p3) and school B docents (p4). p3 answered c1 with
 * "weet ik niet" only, so c1's n counts p1, p2 and p4, whatever the number of statements.
 */
const tally: Tally = {
  people: [
    { id: 'p1', schoolId: 'A', layer: 'professioneel', real: kinds.bitOf.get(c1.id)! },
    { id: 'p2', schoolId: 'A', layer: 'professioneel', real: kinds.bitOf.get(c1.id)! },
    { id: 'p3', schoolId: 'A', layer: 'professioneel', real: 0 },
    { id: 'p4', schoolId: 'B', layer: 'professioneel', real: kinds.bitOf.get(c1.id)! },
  ],
  cells: [
    // p1: 4 and 5; p2: 2 (s1 only); p3: weet ik niet on both; p4: 3 and 3.
    { schoolId: 'A', layer: 'professioneel', itemId: s1!, value: 4, count: 1 },
    { schoolId: 'A', layer: 'professioneel', itemId: s2!, value: 5, count: 1 },
    { schoolId: 'A', layer: 'professioneel', itemId: s1!, value: 2, count: 1 },
    { schoolId: 'A', layer: 'professioneel', itemId: s1!, value: null, count: 1 },
    { schoolId: 'A', layer: 'professioneel', itemId: s2!, value: null, count: 1 },
    { schoolId: 'B', layer: 'professioneel', itemId: s1!, value: 3, count: 1 },
    { schoolId: 'B', layer: 'professioneel', itemId: s2!, value: 3, count: 1 },
  ],
  comments: [],
};

describe('figures counted per school-and-layer cell', () => {
  it('gives a set of whole cells its n in people (not answers) and its distribution', () => {
    const figures = new TallyFigures(kinds, tally);
    const all = figures.figures(tally.people, c1.id);
    expect(all.n).toBe(3);
    expect(all.distribution).toEqual([0, 1, 2, 1, 1]);
    expect(all.dontKnow).toBe(2);
    // (2 + 3 + 3 + 4 + 5) / 5 answers
    expect(all.mean).toBe(3.4);
    const schoolA = figures.figures(tally.people.slice(0, 3), c1.id);
    expect(schoolA.n).toBe(2);
    expect(schoolA.distribution).toEqual([0, 1, 0, 1, 1]);
  });

  it('refuses part of a cell: its answers cannot be told apart from the rest of the cell', () => {
    const figures = new TallyFigures(kinds, tally);
    expect(() => figures.figures(tally.people.slice(0, 2), c1.id)).toThrow(/whole school-and-layer cells/);
  });
});

describe('packed counters (the kinds a person answered, summed in SQLite)', () => {
  const small = { ids: ['k1', 'k2'], bitOf: new Map([['k1', 1], ['k2', 2]]), itemBit: new Map([['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 2]]) };

  it('gives each kind enough digits for all its statements, so sums never carry into the next kind', () => {
    const packing = packedCounters(small)!;
    // k1 has 4 statements: 3 binary digits (0..7); k2 starts at 2^3.
    expect([...packing.weightOf]).toEqual([[1, 1], [2, 8]]);
    expect(packing.bits(0)).toBe(0);
    expect(packing.bits(4)).toBe(1); // all four statements of k1
    expect(packing.bits(8)).toBe(2); // only k2
    expect(packing.bits(3 + 8)).toBe(3);
  });

  it('is not used when the counters would need more than 53 digits', () => {
    const many = new Map(Array.from({ length: 27 }, (_, i) => [[`x${i}a`, 1 << i], [`x${i}b`, 1 << i]] as const).flat());
    // 27 kinds of 2 statements: 2 digits each, 54 in all.
    expect(packedCounters({ ids: [], bitOf: new Map(), itemBit: new Map(many) })).toBeUndefined();
  });
});
