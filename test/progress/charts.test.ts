// @vitest-environment jsdom
// The official adaptivecards renderer below needs a DOM: jsdom 26, as installed.
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../src/cards/render.js';
import { chartsAsText } from '../../src/cards/charts.js';
import { openActionsChart, openActionsSection, reflectionSection, type ProgressSection } from '../../src/progress/cards.js';
import { chartElements, chartErrors, renderWithAdaptiveCards } from '../helpers/charts.js';
import { teamsBytes } from '../helpers/teamsSize.js';

const schools = new Map([['s0', 'Vmbo De Schakel'], ['s1', 'ROC Noord']]);
const runs = [
  { seq: 2, werkgroep_id: null, status: 'open', answered: 5, invited: 8, perSchool: [{ schoolId: 's0', answered: 3, invited: 4 }, { schoolId: 's1', answered: 2, invited: 3 }, { schoolId: null, answered: 0, invited: 1 }] },
  { seq: 1, werkgroep_id: null, status: 'closed', answered: 6, invited: 8, perSchool: [{ schoolId: 's0', answered: 4, invited: 4 }] },
];
const section = () => reflectionSection(runs, () => 'het hele partnerschap', (id) => (id ? schools.get(id)! : 'Zonder school'));
const card = (sections: ProgressSection[]) =>
  renderCard('progress/progress', {
    fallback: 'Voortgang',
    title: 'Voortgang',
    asOf: '',
    sections: sections.map((x) => ({ charts: [], notes: [], ...x })),
    canPost: false,
    buttons: { post: { verb: 'v', data: {} }, reflectie: { verb: 'v', data: {} }, overeenkomst: { verb: 'v', data: {} }, herinneringen: { verb: 'v', data: {} }, digest: { verb: 'v', data: {} } },
    labels: { post: 'a', reflectie: 'b', overeenkomst: 'c', herinneringen: 'd', digest: 'e' },
  });

describe('bars on the voortgang card', () => {
  it('the newest run\'s response per school in percent (3 of 4 = 75, 2 of 3 = 67, 0 of 1 = 0), its lines as fallback; older runs as text', () => {
    const s = section();
    expect(s.charts![0]!.data).toEqual([
      { x: 'Vmbo De Schakel', y: 75, color: 'categoricalBlue' },
      { x: 'ROC Noord', y: 67, color: 'categoricalBlue' },
      { x: 'Zonder school', y: 0, color: 'categoricalBlue' },
    ]);
    expect(s.notes).toEqual(['Reflectie 1 (het hele partnerschap): gesloten, 6 van 8 ingevuld', '  Vmbo De Schakel: 4 van 4 (100%)']);
    expect(chartErrors(card([s]))).toEqual([]);
  });

  it('open actions per werkgroep as grouped bars (open, over the date), only werkgroepen with open actions', () => {
    const chart = openActionsChart([{ werkgroep: 'Zorg & Welzijn', open: 4, overdue: 1 }, { werkgroep: 'Techniek', open: 0, overdue: 0 }, { werkgroep: 'Bouw', open: 2, overdue: 2 }])!;
    expect(chart.data).toEqual([
      { legend: 'open', color: 'categoricalBlue', values: [{ x: 'Zorg & Welzijn', y: 4 }, { x: 'Bouw', y: 2 }] },
      { legend: 'over de datum', color: 'categoricalRed', values: [{ x: 'Zorg & Welzijn', y: 1 }, { x: 'Bouw', y: 2 }] },
    ]);
    expect(openActionsChart([{ werkgroep: 'Techniek', open: 0, overdue: 0 }])).toBeNull();
    const c = card([section(), openActionsSection([{ werkgroep: 'Zorg & Welzijn', open: 4, overdue: 1 }])!]);
    expect(chartErrors(c)).toEqual([]);
    expect(chartElements(c).map((x) => x.type)).toEqual(['Chart.VerticalBar', 'Chart.VerticalBar.Grouped']);
    expect(teamsBytes(JSON.stringify(c))).toBeLessThan(28 * 1024);
    expect(c).toMatchSnapshot();
  });

  it('when a card would not fit with its bars, they give way to their text', () => {
    expect(chartsAsText(section())).toEqual({
      heading: 'Reflectie',
      lines: ['Reflectie 2 (het hele partnerschap): loopt, 5 van 8 ingevuld', '  Vmbo De Schakel: 3 van 4 (75%)', '  ROC Noord: 2 van 3 (67%)', '  Zonder school: 0 van 1 (0%)'],
      charts: [],
      notes: ['Reflectie 1 (het hele partnerschap): gesloten, 6 van 8 ingevuld', '  Vmbo De Schakel: 4 van 4 (100%)'],
    });
  });

  it('the official renderer shows the fallback lines', async () => {
    const { text } = await renderWithAdaptiveCards(card([section(), openActionsSection([{ werkgroep: 'Zorg & Welzijn', open: 4, overdue: 1 }])!]));
    expect(text).toContain('Vmbo De Schakel: 3 van 4 (75%)');
    expect(text).toContain('Zorg & Welzijn: 4 open, waarvan 1 over de datum');
  });
});
