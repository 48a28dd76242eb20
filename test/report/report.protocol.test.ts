import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { useInstalledBot } from '../helpers/installedBot.js';
import { STORE_KINDS } from '../helpers/db.js';
import { buttonsOf, cardOf, channelMessage, execute, installPersonal, personalConversationId, personalMessage, post, TEAM_ID, type User } from '../helpers/teams.js';
import { readPng } from '../helpers/png.js';

/**
 * `rapport` through the real bot: the projectleider asks in the channel, the card arrives in
 * the 1:1 chat (at once or after "ik maak het rapport"), its button gives a fresh signed link,
 * the link hands out the .docx; a docent is refused. The figures are the closed run's stored
 * publication.
 */

const person = (n: number, name: string): User => ({ id: `29:report-user-${n}`, aadObjectId: `aad-report-${n}`, name });
const pl = person(1, 'Sanne Projectleider');
const docent = person(2, 'Pieter Docent');
const teachers = [3, 4, 5, 6, 7, 8].map((n) => person(n, `Docent ${n}`));

function scenario(kind: (typeof STORE_KINDS)[number]) {
  const h = useInstalledBot({ database: kind });

  it('sets up two schools and a closed run of six respondents', async () => {
    const { repo } = h.bot.app.services;
    const [vo, mbo] = await repo.replaceSchools(h.pid, [{ name: 'Vmbo De Brug', type: 'vo' }, { name: 'ROC Kust', type: 'mbo' }]);
    const ids = await h.addMembers([
      { user: pl, roles: ['projectleider'] },
      { user: docent, roles: ['docent'], schoolId: vo!.id },
      ...teachers.map((user, i) => ({ user, roles: ['docent' as const], schoolId: i < 3 ? vo!.id : mbo!.id })),
    ]);
    for (const u of [pl, docent]) await post(h.bot.messagesUrl, installPersonal(h.w(), u));
    const reflection = h.bot.app.reflection;
    const run = await reflection.repo.create(
      { partnership_id: h.pid, instrument_version: '1', werkgroep_id: null, per_school: 0, deadline_at: h.bot.app.services.clock.now() + 86_400_000, created_by: ids[0]!, min_group: 3 },
      ids.slice(2).map((memberId, i) => ({ memberId, schoolId: i < 3 ? vo!.id : mbo!.id, layer: 'professioneel' as const })),
    );
    for (const [i, memberId] of ids.slice(2).entries()) {
      await reflection.repo.saveAnswers(run.id, memberId, ['c1.s1', 'c1.s2', 'c2.s1', 'd1.s1'].map((itemId) => ({ itemId, value: i < 3 ? 4 : 2, text: null })));
      await reflection.repo.markSubmitted(run.id, memberId);
    }
    await reflection.repo.beginClose(run.id);
    await reflection.repo.finishClose(run.id, JSON.stringify(await reflection.buildSummary(run)));
  });

  it('refuses a docent, in Dutch', async () => {
    await post(h.bot.messagesUrl, personalMessage(h.w(), docent, 'rapport'));
    const last = h.connector.sentTo(personalConversationId(docent)).at(-1)!.body;
    expect(last.text).toBe('Dit mag alleen de projectleider of de regiegroep.');
  });

  it('delivers the report in the 1:1 chat; the button gives a link that downloads the .docx', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'rapport'));
    const hasButton = (body: unknown) => buttonsOf(cardOf(body)).some((b) => b.title === 'Rapport downloaden (Word)');
    const card = await h.connector.waitFor((r) => r.conversationId === personalConversationId(pl) && hasButton(r.body), 60_000);
    // Nothing of it in the channel.
    expect(h.connector.sentTo(TEAM_ID).some((r) => hasButton(r.body))).toBe(false);
    const button = buttonsOf(cardOf(card.body)).find((b) => b.title === 'Rapport downloaden (Word)')!;
    const res = await h.invoke(execute(h.w({ where: 'personal' }), pl, button.verb!, button.data));
    const answer = JSON.stringify(res.value);
    expect(answer).toContain('Hier is je link naar het rapport');
    const url = answer.match(/"url":"([^"]+)"/)![1]!;
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()));
    const text = (await zip.file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    expect(text).toContain('Rapport voor de regiegroep');
    expect(text).toContain('Vmbo De Brug');
    // c1: 3 × (4, 4) and 3 × (2, 2): mean 3,0, spread 1,0, n 6.
    expect(text).toMatch(/Werken aan een gedeelde ambitie\n6\n3,0\n1,0/);
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(media.length).toBe(2);
    for (const f of media) expect(readPng(Buffer.from(await zip.file(f)!.async('uint8array'))).width).toBe(1200);
    // A docent given the projectleider's link gets nothing: the link names the member it was made for.
    const again = await h.invoke(execute(h.w({ where: 'personal' }), docent, button.verb!, button.data));
    expect(JSON.stringify(again.value)).toContain('Dit mag alleen de projectleider of de regiegroep.');
  });
}

describe.each(STORE_KINDS)('rapport [%s]', (kind) => scenario(kind));

describe('rapport: the durable job builds a report whose process stopped, and sends it to whoever asked', () => {
  let now = Date.UTC(2027, 0, 5, 9, 0);
  const h = useInstalledBot({ clock: { now: () => now } });

  it('a pending report is built by the job after two minutes, and the card goes to the 1:1 chat only', async () => {
    const [plId] = await h.addMembers([{ user: pl, roles: ['projectleider'] }]);
    await post(h.bot.messagesUrl, installPersonal(h.w(), pl));
    const { report, services } = h.bot.app;
    // As a process that stopped after taking the command: the row and the job, no document.
    const id = await report.repo.create(h.pid, plId!);
    await services.jobs.schedule('report.build', { reportId: id, round: 0 }, now + 120_000, { dedupeKey: `report.build:${id}:0` });
    await services.jobs.runDue();
    expect((await report.repo.get(id))!.status).toBe('pending');
    now += 120_000;
    await services.jobs.runDue();
    expect((await report.repo.get(id))!.status).toBe('ready');
    const sent = h.connector.sentTo(personalConversationId(pl)).filter((r) => buttonsOf(cardOf(r.body)).some((b) => b.title === 'Rapport downloaden (Word)'));
    expect(sent).toHaveLength(1);
    expect(h.connector.sentTo(TEAM_ID).some((r) => buttonsOf(cardOf(r.body)).some((b) => b.title === 'Rapport downloaden (Word)'))).toBe(false);
    // Run again (at-least-once delivery): nothing is built or sent twice.
    await services.jobs.schedule('report.build', { reportId: id, round: 0 }, now, { dedupeKey: `report.build:${id}:again` });
    await services.jobs.runDue();
    expect(h.connector.sentTo(personalConversationId(pl)).filter((r) => buttonsOf(cardOf(r.body)).some((b) => b.title === 'Rapport downloaden (Word)'))).toHaveLength(1);
  });
});
