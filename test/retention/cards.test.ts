import { describe, expect, it } from 'vitest';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
import { deletePartnershipCard } from '../../src/retention/cards.js';
import { t } from '../../src/i18n/index.js';

const PID = '3f2a1b0c-0000-4000-8000-000000000001';

describe('the confirmation card of partnerschap verwijderen', () => {
  it('Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted', () => {
    const card = deletePartnershipCard(PID, 'Leerlab Noord-Holland') as Record<string, any>;
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(card.fallbackText).toBe(t.ending.title);
    expect(teamsBytes(JSON.stringify(card))).toBeLessThan(28 * 1024);
    expect(card).toMatchSnapshot();
  });

  it('the name is shown escaped, as data; without a name the word to type is "verwijderen"', () => {
    const named = JSON.stringify(deletePartnershipCard(PID, 'Leerlab *Noord* [x]'));
    expect(named).toContain('Leerlab \\\\*Noord\\\\* \\\\[x\\\\]');
    const unnamed = deletePartnershipCard(PID, null) as Record<string, any>;
    expect(unnamed.body[2].text).toBe(t.ending.typeName('verwijderen'));
  });
});
