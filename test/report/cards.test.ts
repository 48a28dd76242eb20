import { describe, expect, it } from 'vitest';
import { teamsBytes } from '../helpers/teamsSize.js';
import { downloadCard, readyCard } from '../../src/report/cards.js';
import { REPORT_ACTIONS } from '../../src/report/verbs.js';

const PID = '00000000-0000-4000-8000-000000000001';
const REPORT = '00000000-0000-4000-8000-000000000002';

describe('report cards: Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted', () => {
  it('the ready card asks for a link; the download card has the link and the button for a fresh one', () => {
    const cards = { ready: readyCard(PID, REPORT), download: downloadCard(PID, REPORT, 'http://127.0.0.1/downloads/x.y') };
    for (const card of Object.values(cards)) {
      expect(card.version).toBe('1.5');
      expect(typeof card.fallbackText).toBe('string');
      expect(teamsBytes(JSON.stringify(card))).toBeLessThan(28 * 1024);
      // Every Execute button's data passes its own contract (what the server will check).
      const json = JSON.stringify(card);
      const data = JSON.parse(json.match(/"verb":"report\.download","data":(\{[^}]+\})/)![1]!);
      expect(REPORT_ACTIONS.download.schema.safeParse(data).success).toBe(true);
    }
    expect(cards).toMatchSnapshot();
  });
});
