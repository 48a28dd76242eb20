import { describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { channelMessage, personalMessage, post, type User } from '../helpers/teams.js';

const h = useInstalledBot();
const pl: User = { id: '29:a1', aadObjectId: 'aad-audit-1', name: 'Sanne de Vries' };
const docent: User = { id: '29:a2', aadObjectId: 'aad-audit-2', name: 'Pieter Bakker' };

/** In the 1:1 chat, where the log is shown. */
async function say(who: User, text: string): Promise<string> {
  await post(h.bot.messagesUrl, personalMessage(h.w(), who, text));
  return h.connector.sent().at(-1)!.body.text as string;
}

describe('the audit log: who did what with personal data, when, how many rows; never content or ids', () => {
  it('is for the projectleider, in the 1:1 chat, and starts empty', async () => {
    await h.addMembers([
      { user: pl, roles: ['projectleider'] },
      { user: docent, roles: ['docent'] },
    ]);
    expect(await say(docent, 'auditlog')).toBe('Dit mag alleen de projectleider.');
    expect(await say(pl, 'auditlog')).toBe('Het auditlog is nog leeg: er zijn nog geen gegevens geëxporteerd, verwijderd of gedownload.');
    // Asked in the channel, the channel gets a neutral line only.
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'auditlog'));
    expect(h.connector.sent().map((r) => r.body.text)).toContain('Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.');
  });

  it('names the actor while they are a member, "oud-lid" once they are not, and holds only hashes', async () => {
    const { audit, repo } = h.bot.app.services;
    const plKey = (await repo.member(h.pid, pl.aadObjectId))!.userKey;
    await audit.record({ partnershipId: h.pid, action: 'export', actor: plKey, subject: plKey, counts: { reflection_answers: 12, members: 1 } });
    await audit.record({ partnershipId: h.pid, action: 'erase', actor: 'aad:someone-who-left', subject: 'aad:someone-who-left', counts: { reflection_answers: 3 } });
    await audit.record({ partnershipId: h.pid, action: 'retention', counts: { jobs: 1 } });
    const text = await say(pl, 'auditlog');
    const lines = text.split('\n\n');
    expect(lines[0]).toBe('**Auditlog** (de laatste 3 handelingen met persoonsgegevens; zonder inhoud)');
    // Newest first; all three were recorded in the same millisecond or in order.
    expect(lines.slice(1).map((l) => l.replace(/^.*? · /, ''))).toEqual(
      expect.arrayContaining(['gegevens opgevraagd · door Sanne de Vries · 13 rijen', 'gegevens verwijderd · door oud-lid · 3 rijen', 'bewaartermijn verlopen, opgeruimd · door Leerlab zelf · 1 rij']),
    );
    const stored = JSON.stringify(await h.bot.store.db.selectFrom('audit_log').selectAll().execute());
    expect(stored).not.toMatch(/someone-who-left|aad-audit|Sanne|Pieter/);
    expect(await audit.wasSubject('aad:someone-who-left', 'erase')).toBe(true);
    expect(await audit.wasSubject(plKey, 'erase')).toBe(false);
  });
});
