// @vitest-environment jsdom
// The official adaptivecards renderer below needs a DOM: jsdom 26, as installed.
import { describe, expect, it } from 'vitest';
import { loadInstrument } from '../../src/reflection/content/index.js';
import { publish, type Publication } from '../../src/reflection/publish.js';
import type { Respondent } from '../../src/reflection/stats.js';
import { achtjeCards, summaryCard } from '../../src/reflection/summaryCards.js';
import { chartElements, chartErrors, renderWithAdaptiveCards } from '../helpers/charts.js';
import { teamsBytes } from '../helpers/teamsSize.js';

type Json = Record<string, any>;
const inst = loadInstrument('1');
const VO = { id: 's0', name: 'Vmbo De Schakel', type: 'vo' as const };
const MBO = { id: 's1', name: 'ROC Noord', type: 'mbo' as const };

/**
 * Eight teachers, four per school. Worked out by hand:
 * - c1 (Werken aan een gedeelde ambitie): c1.s1 = 1,2,3,4 (vmbo) and 5,4,3,2 (mbo), and m0 says
 *   "weet ik niet" on c1.s2. Distribution 1:1 · 2:2 · 3:2 · 4:2 · 5:1, weet ik niet 1, n = 8,
 *   mean 24/8 = 3,0; vmbo 10/4 = 2,5, mbo 14/4 = 3,5 (a difference of 1,0, marked). Spread: squared
 *   deviations 4+1+1+0+0+1+1+4 = 12 over 8 = 1,5, root 1,22, shown 1,2: "sterk" (1,2 or more).
 * - c2: only m0 and m1 answer: 2 < k = 3, hidden everywhere.
 * - d1 (Inhoud): all eight say 4: 4:8, mean 4,0, spread 0,0: "weinig".
 * - achtje, teachers: own at vmbo 4,4,3,3 = 3,5 (good), own at mbo 3,3,3,2 = 2,75 shown 2,8
 *   (attention), between the schools 3,3,3,3,3,3,4,4 = 3,25 shown 3,3 (warning); the other two
 *   layers have nobody: "te weinig antwoorden".
 */
function teachers(): Respondent[] {
  const c1 = [1, 2, 3, 4, 5, 4, 3, 2];
  const own = [4, 4, 3, 3, 3, 3, 3, 2];
  const between = [3, 3, 3, 3, 3, 3, 4, 4];
  return c1.map((v, i) => ({
    id: `m${i}`,
    schoolId: i < 4 ? VO.id : MBO.id,
    schoolType: i < 4 ? VO.type : MBO.type,
    layer: 'professioneel' as const,
    answers: {
      'c1.s1': v,
      ...(i === 0 ? { 'c1.s2': null } : {}),
      ...(i < 2 ? { 'c2.s1': 4 } : {}),
      'd1.s1': 4,
      'a.professioneel.own': own[i]!,
      'a.professioneel.partner': between[i]!,
    },
    comments: {},
  }));
}

const options = { perSchool: false, minGroup: 3, names: [], random: () => 0 };
const current = () => publish(inst, teachers(), [VO, MBO], options);
// The run before: everybody said 2 on c1.s1 (mean 2,0) and nothing on d1.
const previous = (): Publication => publish(inst, teachers().map((r) => ({ ...r, answers: { 'c1.s1': 2 } })), [VO, MBO], options);

function summary(withHistory = true) {
  const now = current();
  const before = previous();
  return summaryCard({
    seq: 2,
    runId: '00000000-0000-4000-8000-000000000001',
    invited: 10,
    summary: now,
    changes: now.groups.map((g) => ({ name: g.name, change: g.id === 'c1' ? 1.0 : null })),
    history: withHistory ? [{ seq: 1, summary: before }] : [],
  });
}

const byType = (card: unknown, type: string) => chartElements(card).filter((c) => c.type === type) as Json[];

describe('charts in the reflection summary', () => {
  it('every chart validates against the schema from Microsoft\'s documentation and has its text as fallback', () => {
    const card = summary();
    expect(chartErrors(card)).toEqual([]);
    expect(chartElements(card).map((c) => c.type)).toEqual(['Chart.Gauge', 'Chart.HorizontalBar.Stacked', 'Chart.HorizontalBar.Stacked', 'Chart.VerticalBar.Grouped', 'Chart.Line']);
    for (const c of chartElements(card)) expect((c.fallback as Json).type).toBe('Container');
    expect(teamsBytes(JSON.stringify(card))).toBeLessThan(28 * 1024);
  });

  it('the distribution: one stacked bar per shown condition, 1 to 5 and "weet ik niet" in fixed colours; hidden conditions get no bar', () => {
    const [conditions, domains] = byType(summary(), 'Chart.HorizontalBar.Stacked');
    expect(conditions!.data).toEqual([
      {
        title: 'Werken aan een gedeelde ambitie (gemiddeld 3,0 van de 5; 8 mensen)',
        data: [
          { legend: '1 helemaal oneens', value: 1, color: 'divergingRed' },
          { legend: '2 oneens', value: 2, color: 'divergingPeach' },
          { legend: '3 neutraal', value: 2, color: 'divergingYellow' },
          { legend: '4 eens', value: 2, color: 'divergingLightBlue' },
          { legend: '5 helemaal eens', value: 1, color: 'divergingBlue' },
          { legend: 'weet ik niet', value: 1, color: 'divergingGray' },
        ],
      },
    ]);
    // The fallback is the text the card showed before charts, hidden conditions included.
    const fallback = (conditions!.fallback as Json).items.map((i: Json) => i.text);
    expect(fallback[0]).toBe('**Werken aan een gedeelde ambitie**: gemiddeld **3,0** van de 5 (8 mensen; de meningen lopen sterk uiteen)  \n1: 1 · 2: 2 · 3: 2 · 4: 2 · 5: 1 · weet ik niet: 1');
    expect(fallback[1]).toBe('**Recht doen aan belangen**: te weinig antwoorden');
    expect(domains!.data).toEqual([{ title: 'Inhoud (gemiddeld 4,0 van de 5; 8 mensen)', data: [{ legend: '4 eens', value: 8, color: 'divergingLightBlue' }] }]);
    const text = JSON.stringify(summary());
    expect(text).toContain('Te weinig antwoorden, dus geen staaf: Recht doen aan belangen, Aandacht voor persoonlijke relaties, Het professioneel organiseren van de samenwerking, Ontwerpen van een passend proces.');
  });

  it('vmbo against mbo per condition as grouped bars, only where the gate showed a mean', () => {
    const [grouped] = byType(summary(), 'Chart.VerticalBar.Grouped');
    expect(grouped!.data).toEqual([
      { legend: 'vmbo', color: 'categoricalBlue', values: [{ x: 'Werken aan een gedeelde ambitie', y: 2.5 }] },
      { legend: 'mbo', color: 'categoricalMarigold', values: [{ x: 'Werken aan een gedeelde ambitie', y: 3.5 }] },
    ]);
    const text = JSON.stringify(summary());
    expect(text).toContain('Geen staaf betekent: te weinig antwoorden.');
    expect(text).toContain('⚠ Werken aan een gedeelde ambitie: verschil van 1,0 punt tussen vmbo en mbo');
  });

  it('the trend across runs as a line, from the stored publications; without an earlier run the text stays', () => {
    const [line] = byType(summary(), 'Chart.Line');
    expect(line!.yMin).toBe(1);
    expect(line!.yMax).toBe(5);
    expect(line!.data).toEqual([
      { legend: 'Werken aan een gedeelde ambitie', color: 'categoricalBlue', values: [{ x: 'Reflectie 1', y: 2 }, { x: 'Reflectie 2', y: 3 }] },
      { legend: 'Inhoud', color: 'categoricalGreen', values: [{ x: 'Reflectie 2', y: 4 }] },
    ]);
    const without = summary(false);
    expect(byType(without, 'Chart.Line')).toEqual([]);
    expect(JSON.stringify(without)).toContain('Werken aan een gedeelde ambitie: +1,0');
  });

  it('the response rate as a gauge, also when too few answered to show anything else', () => {
    const [g] = byType(summary(), 'Chart.Gauge');
    expect(g).toMatchObject({ min: 0, max: 10, value: 8, valueFormat: 'Fraction', segments: [{ legend: 'ingevuld', size: 8, color: 'good' }, { legend: 'nog niet ingevuld', size: 2, color: 'neutral' }] });
    expect((g!.fallback as Json).items[0].text).toBe('Respons: 8 van 10 (80%)');
    const two = publish(inst, teachers().slice(0, 2), [VO, MBO], options);
    const small = summaryCard({ seq: 1, runId: '00000000-0000-4000-8000-000000000001', invited: 10, summary: two, changes: null });
    expect(chartElements(small).map((c) => c.type)).toEqual(['Chart.Gauge']);
    expect(chartErrors(small)).toEqual([]);
  });

  it('a chart never shows what the text hides: nothing of a hidden condition is in any chart', () => {
    for (const c of chartElements(summary())) {
      const { fallback, ...drawn } = c;
      expect(JSON.stringify(drawn)).not.toContain('Recht doen aan belangen');
    }
  });

  it('the official adaptivecards renderer, which knows no charts, shows each chart\'s fallback text', async () => {
    const { text, html } = await renderWithAdaptiveCards(summary());
    expect(text).toContain('Respons: 8 van 10 (80%)');
    expect(text).toContain('1: 1 · 2: 2 · 3: 2 · 4: 2 · 5: 1 · weet ik niet: 1');
    expect(text).toContain('Recht doen aan belangen**: te weinig antwoorden');
    expect(text).toContain('Werken aan een gedeelde ambitie: vmbo 2,5 · mbo 3,5');
    expect(text).toContain('Werken aan een gedeelde ambitie: +1,0');
    expect(html).not.toContain('Chart.');
  });

  it('the summary and its fallbacks as snapshotted', () => {
    const card = summary();
    expect(card).toMatchSnapshot();
    expect(chartElements(card).map((c) => c.fallback)).toMatchSnapshot();
  });
});

describe('the achtje as a grid', () => {
  const cells = (card: unknown) => {
    const pair = ((card as Json).body as Json[]).find((b) => b.type === 'Container' && b.items?.[1]?.type === 'ColumnSet')!;
    return (pair.items as Json[]).slice(2).map((row) => row.columns.slice(1).map((c: Json) => [c.style, c.items[0].text, c.items[1]?.text ?? '']));
  };

  it('3 × 3 coloured cells with the number: good from 3,5, warning 3,0 to 3,4, attention under 3,0, neutral when hidden', () => {
    const [card, ...more] = achtjeCards(2, current());
    expect(more).toEqual([]);
    expect(cells(card)).toEqual([
      [['default', 'te weinig antwoorden', ''], ['default', 'te weinig antwoorden', ''], ['default', 'te weinig antwoorden', '']],
      [['default', 'te weinig antwoorden', ''], ['default', 'te weinig antwoorden', ''], ['default', 'te weinig antwoorden', '']],
      [['good', '3,5', '4 mensen'], ['attention', '2,8', '4 mensen'], ['warning', '3,3', '8 mensen']],
    ]);
    const text = JSON.stringify(card);
    for (const legend of ['groen: 3,5 of hoger', 'geel: 3,0 tot 3,4', 'rood: onder 3,0', 'grijs: te weinig antwoorden']) expect(text).toContain(legend);
    expect(text).toContain('Binnen Vmbo De Schakel');
    expect(text).toContain('Tussen de scholen');
    expect(card).toMatchSnapshot();
  });

  it('the official renderer shows the grid with its numbers', async () => {
    const { text } = await renderWithAdaptiveCards(achtjeCards(2, current())[0]);
    expect(text).toContain('3,5');
    expect(text).toContain('2,8');
    expect(text).toContain('grijs: te weinig antwoorden');
  });
});
