import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { compareRuns, summarize, summaryToCsv, suppress, type Respondent } from '../../src/reflection/stats.js';

const inst = loadInstrument('1');
const VO = { id: 'school-vo', name: 'Vmbo De Schakel', type: 'vo' as const };
const MBO = { id: 'school-mbo', name: 'ROC Noord', type: 'mbo' as const };

function r(school: typeof VO | typeof MBO, layer: Respondent['layer'], answers: Record<string, number | null>, comments: Record<string, string> = {}): Respondent {
  return { schoolId: school.id, schoolType: school.type, layer, answers, comments };
}

describe('reflection statistics', () => {
  // Five respondents: three of the vmbo school, two of the mbo school.
  const five = [
    r(VO, 'professioneel', { 'c1.s1': 4, 'c1.s2': 5, 'c1.s3': 3, 'c1.s4': 4 }, { 'c1.good': 'Fijne sfeer in het overleg' }),
    r(VO, 'professioneel', { 'c1.s1': 2, 'c1.s2': null, 'c1.s3': 3, 'c1.s4': 3 }),
    r(VO, 'management', { 'c1.s1': 5, 'c1.s2': 4 }),
    r(MBO, 'professioneel', { 'c1.s1': 1, 'c1.s2': 2, 'c1.s3': 2, 'c1.s4': 3 }, { 'c1.change': 'Meer tijd voor docenten' }),
    r(MBO, 'bestuurlijk', { 'c1.s1': 2 }),
  ];

  it('gives n, mean, spread and distribution per condition, worked out by hand', () => {
    const s = summarize(inst, five, [VO, MBO], { perSchool: true, random: () => 0.5 });
    const c1 = s.groups.find((g) => g.id === 'c1')!;
    // 14 answers: 4,5,3,4 | 2,3,3 | 5,4 | 1,2,2,3 | 2 -> sum 43, mean 43/14 = 3.0714…
    // squares sum 151 -> variance 151/14 - (43/14)^2 = 1.352041, spread sqrt = 1.162773
    expect(c1.n).toBe(5);
    expect(c1.mean).toBeCloseTo(3.0714286, 6);
    expect(c1.spread).toBeCloseTo(1.162773, 5);
    expect(c1.distribution).toEqual([1, 4, 4, 3, 2]);
    expect(c1.dontKnow).toBe(1);
    expect(s.groups.find((g) => g.id === 'c2')).toMatchObject({ n: 0, mean: null });
  });

  it('hides the group of two, and the other school too, so it cannot be worked out from the total', () => {
    const s = summarize(inst, five, [VO, MBO], { perSchool: true });
    expect(s.bySchool!.map((c) => [c.label, c.respondents, c.suppressed])).toEqual([
      ['Vmbo De Schakel', 3, true],
      ['ROC Noord', 2, true],
    ]);
    expect(s.bySchool!.every((c) => Object.keys(c.figures).length === 0)).toBe(true);
    expect(s.byType.map((c) => c.suppressed)).toEqual([true, true]);
    // Layers 1 + 1 hidden (2 people) -> the smallest visible layer (3 docenten) is hidden too.
    expect(s.byLayer.map((c) => [c.key, c.respondents, c.suppressed])).toEqual([
      ['bestuurlijk', 1, true],
      ['management', 1, true],
      ['professioneel', 3, true],
    ]);
    const csv = summaryToCsv(s);
    expect(csv).toContain('school: ROC Noord;;te weinig antwoorden');
    expect(csv.split('\r\n')[0]).toBe('groep;onderdeel;n;gemiddelde;spreiding;1;2;3;4;5;weet ik niet');
    expect(csv).toContain('totaal;Werken aan een gedeelde ambitie;5;3,07;1,16;1;4;4;3;2;1');
    expect(csv).not.toContain('Fijne sfeer');
  });

  it('the suppression rule on its own', () => {
    expect(suppress([3, 2], 5, 3)).toEqual([true, true]);
    expect(suppress([4, 3, 1], 8, 3)).toEqual([false, true, true]);
    expect(suppress([5, 4, 1, 2], 12, 3)).toEqual([false, false, true, true]);
    expect(suppress([3, 3], 6, 3)).toEqual([false, false]);
    expect(suppress([2], 2, 3)).toEqual([true]);
  });

  // Six respondents, three per school, each answering the first statement of every group.
  const firsts = (c1: number, c2: number, c3: number, c4: number, c5: number, d1: number, d2: number, d3: number) => ({
    'c1.s1': c1, 'c2.s1': c2, 'c3.s1': c3, 'c4.s1': c4, 'c5.s1': c5, 'd1.s1': d1, 'd2.s1': d2, 'd3.s1': d3,
  });
  const six = [
    r(VO, 'professioneel', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 2, 'a.professioneel.partner': 3 }),
    r(VO, 'professioneel', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 2, 'a.professioneel.partner': 3 }),
    r(VO, 'management', { ...firsts(3, 4, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 3, 'a.professioneel.partner': 3 }),
    r(MBO, 'professioneel', { ...firsts(3, 3, 3, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
    r(MBO, 'professioneel', { ...firsts(3, 3, 3, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
    r(MBO, 'bestuurlijk', { ...firsts(3, 3, 4, 4, 3, 5, 2, 1), 'a.professioneel.own': 4, 'a.professioneel.partner': 3 }),
  ];

  it('marks vmbo against mbo differences of one point or more', () => {
    const s = summarize(inst, six, [VO, MBO], { perSchool: true });
    expect(s.byType.map((c) => c.suppressed)).toEqual([false, false]);
    // c2: vmbo 4,4,4 = 4.0, mbo 3,3,3 = 3.0 -> 1.0, marked. c3: 4.0 against 3.33 -> 0.7, not marked.
    expect(s.typeDifferences).toEqual([{ id: 'c2', a: 'vo', b: 'mbo', difference: 1 }]);
    expect(s.byType[1]!.figures.c3!.mean).toBeCloseTo(3.3333333, 6);
  });

  it('names three strengths and three points of attention, each with a question from the seed text', () => {
    const s = summarize(inst, six, [VO, MBO], { perSchool: false });
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

  it('shows the achtje per school pair: weak, fine or unanswered per layer', () => {
    const s = summarize(inst, six, [VO, MBO], { perSchool: true });
    expect(s.achtje).toHaveLength(1);
    const pro = s.achtje[0]!.layers.find((l) => l.layer === 'professioneel')!;
    // Within the vmbo school 2,2,3 = 2.33 (weak, under 3.0); within mbo 4,4,4; between the two all 3s.
    expect(pro.ownA.state).toBe('weak');
    expect(pro.ownA.mean).toBeCloseTo(2.3333333, 6);
    expect(pro.ownB).toEqual({ mean: 4, n: 3, state: 'ok' });
    expect(pro.between).toEqual({ mean: 3, n: 6, state: 'ok' });
    expect(s.achtje[0]!.layers.find((l) => l.layer === 'bestuurlijk')!.ownA.state).toBe('unanswered');
  });

  it('lists comments without names, shuffled by the injected random, and compares with the last run', () => {
    const s1 = summarize(inst, five, [VO, MBO], { perSchool: false, random: () => 0 });
    const c1 = s1.comments.find((c) => c.id === 'c1')!;
    expect(c1).toEqual({ id: 'c1', name: 'Werken aan een gedeelde ambitie', good: ['Fijne sfeer in het overleg'], change: ['Meer tijd voor docenten'] });
    expect(JSON.stringify(s1)).not.toContain('school-vo-respondent');

    const s2 = summarize(inst, six, [VO, MBO], { perSchool: false });
    const change = compareRuns(s1, s2);
    // c1: 3.0 now against 3.07 before -> -0.1; c2 had no answers before.
    expect(change.find((c) => c.id === 'c1')!.change).toBe(-0.1);
    expect(change.find((c) => c.id === 'c2')!.change).toBeNull();
  });
});
