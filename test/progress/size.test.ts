import { beforeAll, describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import { cardOf, channelMessage, post, textsOf, type User } from '../helpers/teams.js';
import { activitySize, CARD_LIMIT, MESSAGE_LIMIT } from '../helpers/teamsSize.js';

/**
 * Voortgang for a big partnership, measured on the activity the fake Bot Connector received:
 * 50 werkgroepen with a feasibility study each, every part overdue.
 */
const h = useInstalledBot();
const owner: User = { id: '29:size-owner', aadObjectId: 'aad-size-owner', name: 'Eigenaar met een heel lange naam van veertig tekens' };

beforeAll(async () => {
  const { repo } = h.bot.app.services;
  await repo.replaceSchools(h.pid, Array.from({ length: 10 }, (_, i) => ({ name: `${'Vmbo-school '.repeat(4)}${i}`, type: 'vo' as const })));
  const list = await repo.replaceWerkgroepen(h.pid, Array.from({ length: 50 }, (_, i) => ({ name: `Docentwerkgroep met een lange naam ${i}`, channelId: null, channelName: null })));
  const [ownerId] = await h.addMembers([{ user: owner, roles: ['projectleider'] }]);
  const parts = feasibilityContent().parts.map((x) => x.id);
  for (const w of list) {
    const study = await h.bot.app.feasibility.repo.create({ partnershipId: h.pid, werkgroepId: w.id, memberId: ownerId!, partIds: parts });
    for (const part of parts) await h.bot.app.feasibility.repo.assign(study.id, part, ownerId!, '2026-01-31');
    // Every route design at its longest texts (still 'bezig', so every part stays overdue).
    await h.bot.app.feasibility.repo.save(study.id, 'ambitie', 0, { route: 'doorlopend-mbo4', leerweg: 'gl-tl' }, 'bezig', ownerId!);
    await h.bot.app.feasibility.repo.save(study.id, 'juridisch', 0, { mboOpleiding: 'O'.repeat(200), crebo: '12345', routeYears: 5, shortening: 1, vmboExams: 'alle', vmboExamYear: 3, mboExamFromYear: 1, bpvFromYear: 1, teambevoegdheid: 'ja', teamParts: 'T'.repeat(500) }, 'bezig', ownerId!);
  }
});

describe('voortgang for a big partnership', () => {
  it('50 werkgroepen with every part overdue: 15 overdue parts by name, the other 285 counted, within 28 KB per card and 80 KB per message as sent', async () => {
    const before = h.connector.requests.length;
    await post(h.bot.messagesUrl, channelMessage(h.w(), owner, 'voortgang'));
    // The card comes as the turn's reply, or after "bezig" when the store is slow: either way through the connector.
    const sent = await h.connector.waitFor((r) => h.connector.requests.indexOf(r) >= before && cardOf(r.body) !== undefined, 20_000);
    const size = activitySize(sent.raw);
    expect(size.cards).toHaveLength(1);
    expect(size.cards[0]).toBeLessThan(CARD_LIMIT);
    expect(size.message).toBeLessThan(MESSAGE_LIMIT);
    const texts = textsOf(cardOf(sent.body));
    expect(texts.filter((x) => x.includes('Te laat: '))).toHaveLength(15);
    expect(texts).toContain('  Te laat: Ambitie en doelgroep (eigenaar Eigenaar met een heel lange naam van veertig tekens, was klaar op 2026-01-31)');
    expect(texts).toContain('… en nog 285 onderdelen te laat.');
    expect(texts.filter((x) => /^Docentwerkgroep met een lange naam \d+ – docentwerkgroep \(versie 1\): 0 van 6 onderdelen beantwoord/.test(x))).toHaveLength(50);
    expect(texts).toContain('Docentwerkgroep met een lange naam 7 – docentwerkgroep (versie 1): 0 van 6 onderdelen beantwoord');
    // The route designs would take the card over 28 KB here (15 overdue lines, 50 werkgroepen): they are left out.
    expect(texts.filter((x) => x.startsWith('  Route: ') || x.startsWith('  Teambevoegdheid: '))).toEqual([]);
  });
});
