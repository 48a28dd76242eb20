import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/reflection/content/index.js';
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
