import { describe, expect, it } from 'vitest';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
const utf16Bytes = (value: unknown) => teamsBytes(JSON.stringify(value));
import { instrumentView, loadInstrument } from '../../src/reflection/content/index.js';
import { overviewCard, partCard, progressCard } from '../../src/reflection/cards.js';
import type { Respondent } from '../../src/reflection/stats.js';
import { publish } from '../../src/reflection/publish.js';
import { achtjeCards, commentCards, summaryCards } from '../../src/reflection/summaryCards.js';
import type { Run } from '../../src/reflection/repo.js';
import { chartElements, chartErrors } from '../helpers/charts.js';

const CARD = 28 * 1024;
const MESSAGE = 80 * 1024;
const longText = (seed: number) => `${'é'.repeat(1990)}${String(seed).padStart(10, '0')}`; // 2,000 characters

const run: Run = {
  id: '00000000-0000-4000-8000-000000000001', partnership_id: 'p', seq: 2, instrument_version: '1', werkgroep_id: null, per_school: 1,
  deadline_at: Date.UTC(2026, 11, 1, 16), status: 'open', created_by: 'm', created_at: 0, closed_at: null,
  channel_conversation_id: null, channel_activity_id: null, summary_json: null, nudges: 0, min_group: 3, participation_json: null,
};
const schools = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, partnership_id: 'p', name: `${'Scholengemeenschap '.repeat(5)}${i}`, type: (i % 3 === 0 ? 'vo' : i % 3 === 1 ? 'mbo' : 'bedrijf') as 'vo' | 'mbo' | 'bedrijf', position: i }));

describe('reflection cards stay within Teams limits with the largest content', () => {
  const inst = instrumentView('1');
  const fullAnswers = inst.parts.flatMap((p) => p.items.map((i, k) => ({ itemId: i.id, value: i.kind === 'scale' ? (k % 5) + 1 : null, text: i.kind === 'comment' ? longText(k) : null })));

  it('part cards with two 2,000-character comments and ten schools to choose from', () => {
    for (let part = 0; part < inst.parts.length; part++) {
      const card = partCard({ run, instrument: inst, part, answers: fullAnswers, askSchool: true, askLayer: true, schools });
      expect(utf16Bytes(card)).toBeLessThan(CARD);
    }
  });

  it('the overview with every comment filled in', () => {
    expect(utf16Bytes(overviewCard({ run, instrument: inst, answers: fullAnswers }))).toBeLessThan(CARD);
  });

  it('the progress card with ten schools', () => {
    const progress = { invited: 400, answered: 123, perSchool: schools.map((s, i) => ({ schoolId: s.id, invited: 40, answered: i })) };
    expect(utf16Bytes(progressCard(run, progress, schools, []))).toBeLessThan(CARD);
  });

  it('the summary for 200 respondents over ten schools, each leaving ten 2,000-character comments, goes out in parts', () => {
    const respondents: Respondent[] = Array.from({ length: 200 }, (_, n) => {
      const school = schools[n % 10]!;
      const answers: Record<string, number | null> = {};
      const comments: Record<string, string> = {};
      for (const p of inst.parts) for (const [k, item] of p.items.entries()) {
        if (item.kind === 'scale') answers[item.id] = ((n + k) % 5) + 1;
        else comments[item.id] = longText(n * 100 + k);
      }
      return { id: `m${n}`, schoolId: school.id, schoolType: school.type, layer: 'professioneel', answers, comments };
    });
    const summary = publish(loadInstrument('1'), respondents, schools, { perSchool: true, minGroup: 3, names: [], random: () => 0.3 });
    const [main, ...more] = summaryCards({ seq: 2, runId: run.id, invited: 250, summary, changes: summary.groups.map((g) => ({ name: g.name, change: 0.4 })) });
    expect(utf16Bytes(main)).toBeLessThan(CARD);
    // Too much for one card: the text per school and per layer follows in its own card(s), and the
    // charts that still do not fit give way to their text, the least needed first.
    expect(more.length).toBeGreaterThan(0);
    for (const c of more) expect(utf16Bytes(c)).toBeLessThan(CARD);
    expect(JSON.stringify(more)).toContain('Per school');
    expect(JSON.stringify(main)).not.toContain('Per school');
    // No earlier run, so no trend line; every other chart is kept.
    expect(chartElements(main).map((c) => c.type)).toEqual(['Chart.Gauge', 'Chart.HorizontalBar.Stacked', 'Chart.HorizontalBar.Stacked', 'Chart.VerticalBar.Grouped']);
    expect(chartErrors(main)).toEqual([]);
    const achtje = achtjeCards(2, summary);
    // 10 schools: 3 vmbo, 4 mbo, 3 companies -> 3x4 + 3x3 + 4x3 = 33 pairs of different kinds.
    // A pair that does not fit continues on the next card under the same heading, so count distinct headings.
    const headings = new Set(achtje.flatMap((c) => JSON.stringify(c).match(/Het achtje: [^"]*/g) ?? []));
    expect(headings.size).toBe(33);
    for (const c of achtje) expect(utf16Bytes(c)).toBeLessThan(CARD);
    const cards = commentCards(2, summary);
    // 200 respondents x 10 comments of 2,000 characters = 4,000,000 characters: many cards, each within limits.
    expect(cards.length).toBeGreaterThan(100);
    for (const c of cards) {
      expect(utf16Bytes(c)).toBeLessThan(CARD);
      expect(utf16Bytes({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: c }] })).toBeLessThan(MESSAGE);
    }
    const all = cards.map((c) => JSON.stringify(c)).join('');
    expect((all.match(/é{1990}/g) ?? []).length).toBe(2000);
  });

  it('a realistic large partnership (six schools, 300 respondents, five earlier runs) keeps every chart under 28 KB, the text per school and layer in a second card', () => {
    const names = ['Vmbo Scholengemeenschap De Schakel', 'Vmbo Het Noordelijk College', 'ROC Noord-Holland Techniek', 'ROC Noord-Holland Zorg en Welzijn', 'Horizon College Alkmaar', 'Technisch Installatiebedrijf Van der Berg'];
    const six = names.map((name, i) => ({ id: `s${i}`, partnership_id: 'p', name, type: (i < 2 ? 'vo' : i < 5 ? 'mbo' : 'bedrijf') as 'vo' | 'mbo' | 'bedrijf', position: i }));
    const layers = ['bestuurlijk', 'management', 'professioneel', 'professioneel'] as const;
    const respondents: Respondent[] = Array.from({ length: 300 }, (_, n) => {
      const answers: Record<string, number | null> = {};
      for (const p of inst.parts) for (const [k, item] of p.items.entries()) if (item.kind === 'scale') answers[item.id] = (n + k) % 7 === 0 ? null : ((n * 3 + k) % 5) + 1;
      return { id: `m${n}`, schoolId: six[n % 6]!.id, schoolType: six[n % 6]!.type, layer: layers[n % 4]!, answers, comments: {} };
    });
    const summary = publish(loadInstrument('1'), respondents, six, { perSchool: true, minGroup: 3, names: [], random: () => 0.3 });
    const history = [1, 2, 3, 4, 5].map((seq) => ({ seq, summary }));
    const [main, ...more] = summaryCards({ seq: 6, runId: run.id, invited: 340, summary, changes: summary.groups.map((g) => ({ name: g.name, change: 0.4 })), history });
    expect(utf16Bytes(main)).toBeLessThan(CARD);
    for (const c of more) expect(utf16Bytes(c)).toBeLessThan(CARD);
    expect(more.length).toBe(1);
    expect(chartElements(main).map((c) => c.type)).toEqual(['Chart.Gauge', 'Chart.HorizontalBar.Stacked', 'Chart.HorizontalBar.Stacked', 'Chart.VerticalBar.Grouped', 'Chart.Line']);
    expect(chartErrors(main)).toEqual([]);
    // 6 schools: 2 vmbo × 3 mbo + 2 × 1 company + 3 × 1 = 11 pairs of different kinds, each a 3 × 3 grid.
    const achtje = achtjeCards(6, summary);
    for (const c of achtje) expect(utf16Bytes(c)).toBeLessThan(CARD);
    expect(achtje.flatMap((c) => JSON.stringify(c).match(/Het achtje: /g) ?? [])).toHaveLength(11);
  });
});
