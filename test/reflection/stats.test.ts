import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { publicationToCsv } from '../../src/reflection/csv.js';
import { compareRuns, publish, type Publication } from '../../src/reflection/publish.js';
import type { Respondent } from '../../src/reflection/stats.js';

const inst = loadInstrument('1');
const VO = { id: 'school-vo', name: 'Vmbo De Schakel', type: 'vo' as const };
const MBO = { id: 'school-mbo', name: 'ROC Noord', type: 'mbo' as const };

let next = 0;
function r(school: { id: string; type: 'vo' | 'mbo' | 'bedrijf' }, layer: Respondent['layer'], answers: Record<string, number | null>, comments: Record<string, string> = {}): Respondent {
  return { id: `m${++next}`, schoolId: school.id, schoolType: school.type, layer, answers, comments };
}
const k3 = (perSchool: boolean, random: () => number = () => 0.5) => ({ perSchool, minGroup: 3, names: [] as string[], random });
const shown = (p: Publication) => ({
  types: p.byType.filter((c) => c.shown).map((c) => c.label),
  schools: (p.bySchool ?? []).filter((c) => c.shown).map((c) => c.label),
  layers: p.byLayer.filter((c) => c.shown).map((c) => c.key),
});

describe('reflection figures', () => {
  // Five respondents: three of the vmbo school, two of the mbo school.
  const five = () => [
    r(VO, 'professioneel', { 'c1.s1': 4, 'c1.s2': 5, 'c1.s3': 3, 'c1.s4': 4 }, { 'c1.good': 'Fijne sfeer in het overleg' }),
    r(VO, 'professioneel', { 'c1.s1': 2, 'c1.s2': null, 'c1.s3': 3, 'c1.s4': 3 }),
    r(VO, 'management', { 'c1.s1': 5, 'c1.s2': 4 }),
    r(MBO, 'professioneel', { 'c1.s1': 1, 'c1.s2': 2, 'c1.s3': 2, 'c1.s4': 3 }, { 'c1.change': 'Meer tijd voor docenten' }),
    r(MBO, 'bestuurlijk', { 'c1.s1': 2 }),
  ];

  it('gives n, mean, spread and distribution per condition, worked out by hand', () => {
    const s = publish(inst, five(), [VO, MBO], k3(true));
    const c1 = s.groups.find((g) => g.id === 'c1')!.figure!;
    // 14 answers: 4,5,3,4 | 2,3,3 | 5,4 | 1,2,2,3 | 2 -> sum 43, mean 43/14 = 3.0714…
    // squares sum 151 -> variance 151/14 - (43/14)^2 = 1.352041, spread sqrt = 1.162773
    expect(c1.n).toBe(5);
    expect(c1.mean).toBeCloseTo(3.0714286, 6);
    expect(c1.spread).toBeCloseTo(1.162773, 5);
    expect(c1.distribution).toEqual([1, 4, 4, 3, 2]);
    expect(c1.dontKnow).toBe(1);
    // Nobody answered c2: no figure, not even n = 0.
    expect(s.groups.find((g) => g.id === 'c2')!.figure).toBeNull();
  });

  it('hides the school of two, and the school of three with it, since the total minus one is the other', () => {
    const s = publish(inst, five(), [VO, MBO], k3(true));
    expect(shown(s)).toEqual({ types: [], schools: [], layers: [] });
    expect(s.bySchool!.every((c) => Object.keys(c.figures).length === 0)).toBe(true);
    const csv = publicationToCsv(s);
    expect(csv).toContain('school: ROC Noord;;te weinig antwoorden');
    expect(csv.split('\r\n')[0]).toBe('groep;onderdeel;n;gemiddelde;spreiding;1;2;3;4;5;weet ik niet');
    expect(csv).toContain('totaal;Werken aan een gedeelde ambitie;5;3,07;1,16;1;4;4;3;2;1');
    expect(csv).not.toContain('Fijne sfeer');
    // Hidden cells carry no n: nothing in the stored publication says how many they hold.
    expect(JSON.stringify(s.bySchool)).not.toMatch(/"n":/);
  });

  // Six respondents, three per school, each answering the first statement of every group.
  const firsts = (c1: number, c2: number, c3: number, c4: number, c5: number, d1: number, d2: number, d3: number) => ({
    'c1.s1': c1, 'c2.s1': c2, 'c3.s1': c3, 'c4.s1': c4, 'c5.s1': c5, 'd1.s1': d1, 'd2.s1': d2, 'd3.s1': d3,
  });
  const six = () => [
    r(VO, 'professioneel', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 2, 'a.professioneel.partner': 3 }),
    r(VO, 'professioneel', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 2, 'a.professioneel.partner': 3 }),
    r(VO, 'management', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 3, 'a.professioneel.partner': 3 }),
    r(MBO, 'professioneel', { ...firsts(3, 3, 3, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
    r(MBO, 'professioneel', { ...firsts(3, 3, 3, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
    r(MBO, 'bestuurlijk', { ...firsts(3, 3, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
  ];

  it('a school name that looks like a formula stays inert in the CSV: it always follows its group prefix, and numbers stay numbers', () => {
    const evil = { id: 'school-evil', name: '=HYPERLINK("http://x","y")', type: 'vo' as const };
    const people = [r(evil, 'professioneel', { 'c1.s1': 4 }), r(evil, 'professioneel', { 'c1.s1': 4 }), r(evil, 'professioneel', { 'c1.s1': 4 }), ...[1, 2, 3].map(() => r(MBO, 'professioneel', { 'c1.s1': 2 }))];
    const csv = publicationToCsv(publish(inst, people, [evil, MBO], k3(true)));
    expect(csv).toContain(`"school: =HYPERLINK(""http://x"",""y"")";Werken aan een gedeelde ambitie;3;4,00;0,00;0;0;0;3;0;0`);
    expect(csv).not.toMatch(/(^|;)=HYPERLINK/m);
  });

  it('marks vmbo against mbo differences of one point or more', () => {
    const s = publish(inst, six(), [VO, MBO], k3(true));
    expect(shown(s).types).toEqual(['vmbo', 'mbo']);
    // c2: vmbo 4,4,4 = 4.0, mbo 3,3,3 = 3.0 -> 1.0, marked. c3: 4.0 against 3.33 -> 0.7, not marked.
    expect(s.typeDifferences).toEqual([{ id: 'c2', a: 'vo', b: 'mbo', difference: 1 }]);
    expect(s.byType[1]!.figures.c3!.mean).toBeCloseTo(3.3333333, 6);
    // Layers 4 docenten, 1 manager, 1 governor: the two of one are hidden, and docenten
    // with them, since 6 - 4 = 2.
    expect(shown(s).layers).toEqual([]);
  });

  it('names three strengths and three points of attention, each with a question from the seed text', () => {
    const s = publish(inst, six(), [VO, MBO], k3(false));
    // Means: c1 3.0, c2 3.5, c3 (4+4+4+3+3+4)/6 = 3.67, c4 4.0, c5 3.0, d1 5.0, d2 2.0, d3 1.0.
    expect(s.strengths.map((h) => [h.id, Number(h.mean.toFixed(2))])).toEqual([
      ['d1', 5],
      ['c4', 4],
      ['c3', 3.67],
    ]);
    expect(s.attention.map((h) => [h.id, h.mean])).toEqual([
      ['d3', 1],
      ['d2', 2],
      ['c1', 3],
    ]);
    expect(s.attention[0]!.question).toBe('Wat hebben docenten nodig aan ruimte en tijd om dit in de eigen school uit te voeren, te evalueren en bij te sturen?');
  });

  it('shows the achtje per school pair; a layer nobody answered shows as too few', () => {
    const s = publish(inst, six(), [VO, MBO], k3(true));
    expect(s.achtje).toHaveLength(1);
    const pro = s.achtje[0]!.layers.find((l) => l.layer === 'professioneel')!;
    // Within the vmbo school 2,2,3 = 2.33 (weak, under 3.0); within mbo 4,4,4; between the two all 3s.
    expect(pro.ownA.state).toBe('weak');
    expect(pro.ownA.mean).toBeCloseTo(2.3333333, 6);
    expect(pro.ownB).toEqual({ mean: 4, n: 3, state: 'ok' });
    expect(pro.between).toEqual({ mean: 3, n: 6, state: 'ok' });
    expect(s.achtje[0]!.layers.find((l) => l.layer === 'bestuurlijk')!.ownA).toEqual({ state: 'suppressed', mean: null, n: null });
  });

  it('lists comments shuffled by the injected random, and compares with the last run', () => {
    const s1 = publish(inst, five(), [VO, MBO], k3(false, () => 0));
    const c1 = s1.comments.find((c) => c.id === 'c1')!;
    expect(c1).toEqual({ id: 'c1', name: 'Werken aan een gedeelde ambitie', good: ['Fijne sfeer in het overleg'], change: ['Meer tijd voor docenten'] });
    expect(JSON.stringify(s1)).not.toMatch(/"m\d+"/);

    const s2 = publish(inst, six(), [VO, MBO], k3(false));
    const change = compareRuns(s1, s2);
    // c1: 3.0 now against 3.07 before -> -0.1; c2 had no answers before.
    expect(change.find((c) => c.id === 'c1')!.change).toBe(-0.1);
    expect(change.find((c) => c.id === 'c2')!.change).toBeNull();
  });
});

/** The worked examples of shared/privacy-model.md, k = 3. */
describe('what a run may publish: the worked examples', () => {
  const all = (v: number) => Object.fromEntries(inst.conditions.flatMap((c) => c.statements.map((s) => [s.id, v])));

  it('one of six answered: the count and nothing else, not even a comment', () => {
    const s = publish(inst, [r(VO, 'professioneel', { ...all(2), 'a.professioneel.own': 2 }, { 'c1.good': 'Piet doet het goed' })], [VO, MBO], k3(true));
    expect(s.enough).toBe(false);
    expect(s.respondents).toBe(1);
    expect(s.groups.every((g) => g.figure === null)).toBe(true);
    expect([s.byType, s.byLayer, s.achtje, s.comments, s.strengths, s.attention]).toEqual([[], [], [], [], [], []]);
    expect(s.bySchool).toBeNull();
    expect(publicationToCsv(s)).toBe('groep;onderdeel;n;gemiddelde;spreiding;1;2;3;4;5;weet ik niet\r\n');
  });

  it('schools A (vmbo, 5), B (vmbo, 1), C (mbo, 4): total, vmbo, mbo and C; never A, B or a "between" cell', () => {
    const A = { id: 'A', name: 'School A', type: 'vo' as const };
    const B = { id: 'B', name: 'School B', type: 'vo' as const };
    const C = { id: 'C', name: 'School C', type: 'mbo' as const };
    const answers = { ...all(3), 'a.professioneel.own': 3, 'a.professioneel.partner': 4 };
    const people = [...Array.from({ length: 5 }, () => r(A, 'professioneel', answers)), r(B, 'professioneel', answers), ...Array.from({ length: 4 }, () => r(C, 'professioneel', answers))];
    const s = publish(inst, people, [A, B, C], k3(true));
    expect(shown(s).types).toEqual(['vmbo', 'mbo']);
    expect(shown(s).schools).toEqual(['School C']);
    const pairs = Object.fromEntries(s.achtje.map((p) => [`${p.schoolA}|${p.schoolB}`, p.layers.find((l) => l.layer === 'professioneel')!]));
    expect(Object.keys(pairs)).toEqual(['School A|School C', 'School B|School C']);
    expect(pairs['School A|School C']!.between.state).toBe('suppressed');
    expect(pairs['School B|School C']!.between.state).toBe('suppressed');
    expect(pairs['School A|School C']!.ownA.state).toBe('suppressed');
    // C's own cell is published: 4 answers of 3.
    expect(pairs['School A|School C']!.ownB).toEqual({ state: 'ok', mean: 3, n: 4 });
  });

  it('layers of 5, 4 and 1 in a run of 10: the layer of one and a second layer are hidden', () => {
    const S = { id: 'S', name: 'S', type: 'vo' as const };
    const people = [
      ...Array.from({ length: 5 }, () => r(S, 'professioneel', all(4))),
      ...Array.from({ length: 4 }, () => r(S, 'management', all(4))),
      r(S, 'bestuurlijk', all(4)),
    ];
    const s = publish(inst, people, [S, MBO], k3(false));
    expect(shown(s).layers).toEqual(['professioneel']);
  });

  it('containment in the people: a layer that lies wholly inside one school', () => {
    // A: 4 managers; B: 3 docenten and 1 manager; both vmbo; an mbo school of 3 docenten.
    // Docenten over the run are 6 (B's 3 and the mbo's 3); the vmbo docenten are not a set of
    // their own here, so take a run where the docenten are only B's.
    const A = { id: 'A', name: 'School A', type: 'vo' as const };
    const B = { id: 'B', name: 'School B', type: 'vo' as const };
    const M = { id: 'M', name: 'ROC', type: 'mbo' as const };
    const people = [
      ...Array.from({ length: 4 }, () => r(A, 'management', all(3))),
      ...Array.from({ length: 3 }, () => r(B, 'professioneel', all(3))),
      r(B, 'management', all(3)),
      ...Array.from({ length: 3 }, () => r(M, 'bestuurlijk', all(3))),
    ];
    const s = publish(inst, people, [A, B, M], k3(true));
    // docenten (3) lie inside School B (4): B minus docenten is one manager. One of the two goes.
    const v = shown(s);
    expect(v.layers.includes('professioneel') && v.schools.includes('School B')).toBe(false);
  });

  it('"weet ik niet": a school shown elsewhere loses the figure where only one gave a real answer', () => {
    const C = { id: 'C', name: 'School C', type: 'mbo' as const };
    const D = { id: 'D', name: 'School D', type: 'vo' as const };
    const people = [
      r(C, 'professioneel', { ...all(3), 'c1.s1': 4, 'c1.s2': 4, 'c1.s3': 4, 'c1.s4': 4 }),
      r(C, 'professioneel', { ...all(3), 'c1.s1': null, 'c1.s2': null, 'c1.s3': null, 'c1.s4': null }),
      r(C, 'professioneel', { ...all(3), 'c1.s1': null, 'c1.s2': null, 'c1.s3': null, 'c1.s4': null }),
      ...Array.from({ length: 3 }, () => r(D, 'professioneel', all(3))),
    ];
    const s = publish(inst, people, [C, D], k3(true));
    const school = s.bySchool!.find((c) => c.label === 'School C')!;
    expect(school.shown).toBe(true);
    expect(school.figures.c1).toBeNull();
    expect(school.figures.c2).toMatchObject({ n: 3, mean: 3 });
    // D's c1 is shown (3 real answers) but C's is not, and the total minus D would give C's
    // one real answer: the total's c1 figure has n = 4 and D has 3, so one of them goes too.
    const total = s.groups.find((g) => g.id === 'c1')!.figure;
    const d = s.bySchool!.find((c) => c.label === 'School D')!.figures.c1;
    expect(total !== null && d != null).toBe(false);
  });

  it('comments need k respondents, and lose the names of the partnership\'s people', () => {
    const people = [r(VO, 'professioneel', all(3), { 'c1.good': 'Ben de Vries en José Jansen helpen, ik ben blij' }), r(VO, 'professioneel', all(3)), r(MBO, 'professioneel', all(3))];
    const s = publish(inst, people, [VO, MBO], { perSchool: false, minGroup: 3, names: ['Ben de Vries', 'Jose Jansen'] });
    expect(s.comments.find((c) => c.id === 'c1')!.good).toEqual(['[naam] en [naam] helpen, ik ben blij']);
    expect(publish(inst, people.slice(0, 2), [VO, MBO], { perSchool: false, minGroup: 3, names: [] }).comments).toEqual([]);
  });
});
