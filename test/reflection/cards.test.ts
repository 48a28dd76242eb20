import { describe, expect, it } from 'vitest';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
const utf16Bytes = (value: unknown) => teamsBytes(JSON.stringify(value));
import { instrumentView, loadInstrument } from '../../src/reflection/content/index.js';
import { overviewCard, partCard, progressCard, startCard } from '../../src/reflection/cards.js';
import { publish } from '../../src/reflection/publish.js';
import { summaryCard } from '../../src/reflection/summaryCards.js';
import type { Run } from '../../src/reflection/repo.js';

const run: Run = {
  id: '00000000-0000-4000-8000-000000000001', partnership_id: 'p', seq: 1, instrument_version: '1', werkgroep_id: null, per_school: 1,
  deadline_at: Date.UTC(2026, 11, 1, 16), status: 'open', created_by: 'm', created_at: 0, closed_at: null,
  channel_conversation_id: null, channel_activity_id: null, summary_json: null, nudges: 0, min_group: 3, participation_json: null,
};
const schools = [
  { id: 's0', partnership_id: 'p', name: 'Vmbo De Schakel', type: 'vo' as const, position: 0 },
  { id: 's1', partnership_id: 'p', name: 'ROC Noord', type: 'mbo' as const, position: 1 },
];

describe('reflection cards', () => {
  const cards = {
    start: () => startCard({ pid: '20000000-0000-4000-8000-000000000000', lists: 'abc', werkgroepen: [], now: Date.UTC(2026, 10, 24, 9), minGroup: 3 }),
    progress: () => progressCard(run, { invited: 7, answered: 5, perSchool: [{ schoolId: 's0', invited: 3, answered: 3 }, { schoolId: 's1', invited: 3, answered: 2 }, { schoolId: null, invited: 1, answered: 0 }] }, schools, []),
    part: () => partCard({ run, instrument: instrumentView('1'), part: 0, answers: [{ itemId: 'c1.s1', value: 4, text: null }, { itemId: 'c1.s2', value: null, text: null }], askSchool: true, askLayer: false, schools }),
    overview: () => overviewCard({ run, instrument: instrumentView('1'), answers: [{ itemId: 'c1.s1', value: 4, text: null }, { itemId: 'c1.good', value: null, text: 'Goed *overleg*' }] }),
    summary: () =>
      summaryCard({
        seq: 1,
        runId: run.id,
        invited: 7,
        // Three per school: enough for every group at k = 3.
        summary: publish(
          loadInstrument('1'),
          [0, 1, 2, 3, 4, 5].map((i) => ({ id: `m${i}`, schoolId: i < 3 ? 's0' : 's1', schoolType: i < 3 ? ('vo' as const) : ('mbo' as const), layer: 'professioneel' as const, answers: { 'c1.s1': 2 + (i % 3) }, comments: {} })),
          schools,
          { perSchool: true, minGroup: 3, names: [], random: () => 0 },
        ),
        changes: null,
      }),
  };
  for (const [name, make] of Object.entries(cards)) {
    it(`${name}: Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted`, () => {
      const card = make();
      expect(card.version).toBe('1.5');
      expect(typeof card.fallbackText).toBe('string');
      expect(utf16Bytes(card)).toBeLessThan(28 * 1024);
      expect(JSON.stringify(card)).not.toContain('${');
      expect(card).toMatchSnapshot();
    });
  }

  it('the shared card has no button once the run is closed', () => {
    const closed = progressCard({ ...run, status: 'closed' }, { invited: 1, answered: 1, perSchool: [] }, schools, []);
    expect(JSON.stringify(closed)).not.toContain('Action.Execute');
  });

  it('shows a user comment escaped, never as markdown', () => {
    expect(JSON.stringify(cards.overview())).toContain('Goed \\\\*overleg\\\\*');
  });
});
