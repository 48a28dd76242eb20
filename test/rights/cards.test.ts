import { describe, expect, it } from 'vitest';
import { teamsBytes } from '../helpers/teamsSize.js';
import { downloadCard, eraseLeaverCard, eraseSelfCard, leaversCard, overviewCard, SHOWN_PER_CATEGORY } from '../../src/rights/cards.js';
import { schoolLeaveCard } from '../../src/setup/schoolLeave.js';
import { EXPORT_CATEGORIES, type ExportEntry } from '../../src/privacy/types.js';
import type { MemberView } from '../../src/partnership/repo.js';

const PID = '00000000-0000-4000-8000-000000000001';
const leaver = (n: number, name: string): MemberView => ({ id: `00000000-0000-4000-8000-00000000010${n}`, partnershipId: PID, userKey: `aad-${n}`, teamsUserId: `29:${n}`, aadObjectId: `aad-${n}`, name, schoolId: null, inTeam: false, roles: [], werkgroepIds: [] });
const limit = 28 * 1024;

describe('rights cards: Adaptive Card 1.5 with a fallback, under 28 KB, as snapshotted', () => {
  it('mijn gegevens: per category a count and at most three lines, markdown in values escaped', () => {
    // Every category with many long entries: the card shows three of each and says how many more.
    const entries: ExportEntry[] = EXPORT_CATEGORIES.flatMap((category) =>
      Array.from({ length: 40 }, (_, i) => ({ category, table: 't', label: `Ding ${i}`, value: `**vet** ${'tekst '.repeat(100)}`, at: 1_800_000_000_000 })),
    );
    const card = overviewCard(PID, 'Anna *de* Boer', entries);
    expect(card.version).toBe('1.5');
    expect(typeof card.fallbackText).toBe('string');
    expect(teamsBytes(JSON.stringify(card))).toBeLessThan(limit);
    const json = JSON.stringify(card);
    expect(json).toContain('Anna \\\\*de\\\\* Boer');
    expect(json.match(/… en nog 37\. Alles staat in de download\./g)).toHaveLength(EXPORT_CATEGORIES.length);
    expect(SHOWN_PER_CATEGORY).toBe(3);
    expect(overviewCard(PID, 'Anna', [{ category: 'optouts', table: 'nudge_optouts', label: 'Persoonlijke herinneringen uitgezet', value: 'ja' }])).toMatchSnapshot();
  });

  it('the download, the two confirmations, the leavers, the school leaving', () => {
    const cards = {
      download: downloadCard(PID, 'docx', 'http://127.0.0.1/downloads/x.y'),
      self: eraseSelfCard(PID, true),
      selfLeft: eraseSelfCard(PID, false),
      leaver: eraseLeaverCard(PID, leaver(1, 'Kees *Kok*')),
      leavers: leaversCard(PID, [leaver(1, 'Kees Kok'), leaver(2, 'Lotte Lam')]),
      schoolLeave: schoolLeaveCard({ pid: PID, name: 'Leerlab', s0_name: 'Vmbo De Brug', s0_type: 'vo' } as never, [{ id: 'x', partnership_id: PID, name: 'Mbo *Oost*', type: 'mbo', position: 1 }], [leaver(1, 'Kees Kok'), leaver(2, 'Lotte Lam')]).card,
    };
    for (const card of Object.values(cards)) {
      expect(card.version).toBe('1.5');
      expect(teamsBytes(JSON.stringify(card))).toBeLessThan(limit);
    }
    expect(cards).toMatchSnapshot();
  });
});
