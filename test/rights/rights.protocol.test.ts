import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { useInstalledBot, type InstalledBot } from '../helpers/installedBot.js';
import { STORE_KINDS } from '../helpers/db.js';
import { buttonsOf, cardOf, channelMessage, execute, installPersonal, memberLeft, personalMessage, post, TEAM_ID, textsOf, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';
import { commentCards, summaryCard } from '../../src/reflection/summaryCards.js';
import { parsePublication } from '../../src/reflection/publish.js';
import { publicationToCsv } from '../../src/reflection/csv.js';

/**
 * Issue 14, the rights of the person, through the real bot: `mijn gegevens` shows and
 * exports what the bot holds about the asker and nothing of anyone else; erasing a member who
 * left leaves no row with their ids or name but their agreement approvals; erasing oneself
 * while still in the Team leaves only the membership row; a closed run's summary and CSV do
 * not change; only the projectleider erases, and only people who left.
 */

const person = (n: number, name: string): User => ({ id: `29:rights-user-${n}-Xq7`, aadObjectId: `aad-rights-${n}-c0ffee`, name });
const pl = person(1, 'Sanne Projectleider');
const anna = person(2, 'Annabel Verwijderbaar');
const bram = person(3, 'Bramwell Blijvertje');
const carla = person(4, 'Carla Collega');
const daan = person(5, 'Daan Derde');
const ANNA_COMMENT = 'Annabel vindt de intake te lang duren';
const BRAM_COMMENT = 'Bramwell mist afspraken over stages';
const ANNA_SECTION = 'Tekst van Annabel over de doelen van de route';
const BRAM_SECTION = 'Tekst van Bramwell over de doelen, later geschreven';
const ANNA_STUDY = 'Annabel schat 24 leerlingen per jaar';
const BRAM_STUDY = 'Bramwell schat er 30';
const ANNA_AGREEMENT_COMMENT = 'Annabel: graag een datum erbij';
const ANNA_REMARK = 'Akkoord namens onze school, Annabel';

/** Every value in every column of every table, read from the database itself. */
async function rowsHolding(h: InstalledBot, needles: string[]): Promise<Array<{ table: string; column: string; value: string }>> {
  const { store } = h.bot;
  const tables =
    store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(store.db)).rows.map((r) => r.name);
  expect(tables).toContain('agreement_approvals');
  const hits: Array<{ table: string; column: string; value: string }> = [];
  for (const table of tables) {
    const rows = (await store.db.selectFrom(table as 'members').selectAll().execute()) as Array<Record<string, unknown>>;
    for (const row of rows) for (const [column, v] of Object.entries(row)) if (v !== null && needles.some((n) => String(v).includes(n))) hits.push({ table, column, value: String(v) });
  }
  return hits;
}

function scenario(kind: (typeof STORE_KINDS)[number]) {
  const h = useInstalledBot({ database: kind });
  const ids: Record<string, string> = {};
  const needlesOf = (u: User) => [ids[u.name]!, u.id, u.aadObjectId, u.name];
  let runId = '';
  let openRunId = '';
  let frozen: { json: string; csv: string; cards: string; storedCsv: string };

  const say = async (who: User, text: string) => {
    await post(h.bot.messagesUrl, personalMessage(h.w(), who, text));
    return h.connector.sent().at(-1)!.body;
  };
  const personal = (who: User, verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) => h.invoke(execute(h.w({ where: 'personal' }), who, verb, data, inputs));
  const csv = async () => {
    const res = await h.invoke(execute(h.w(), pl, 'reflection.csv', { runId }));
    return (await fetch(JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!)).text();
  };
  const snapshot = async () => {
    const run = (await h.bot.app.reflection.repo.get(runId))!;
    const pub = parsePublication(run.summary_json)!;
    const cards = JSON.stringify([summaryCard({ seq: run.seq, runId, invited: 4, summary: pub, changes: null }), ...commentCards(run.seq, pub)]);
    return { json: run.summary_json!, csv: await csv(), cards, storedCsv: publicationToCsv(pub) };
  };
  const startRun = async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie'));
    const data = newestButton(h.connector.sent(), 'Start de reflectie')!.data;
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await h.invoke(execute(h.w(), pl, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: 'false' }));
    return runIdOnChannelCard(h.connector.sentTo(TEAM_ID)) as string;
  };
  const answer = async (run: string, who: User, value: number, comment?: string) => {
    const v = String(value);
    await personal(who, 'reflection.part', { runId: run, v: '1', part: '0', nav: 'next', i0: v, i1: v, i2: v, i3: v, ...(comment ? { i4: comment } : {}) });
    expect((await personal(who, 'reflection.send', { runId: run, v: '1' })).value).toContain('Bedankt!');
  };

  it('sets up a partnership where five people answered, wrote, commented and approved', async () => {
    const { repo } = h.bot.app.services;
    const [school] = await repo.replaceSchools(h.pid, [{ name: 'Vmbo De Brug', type: 'vo' }]);
    const [werkgroep] = await repo.replaceWerkgroepen(h.pid, [{ name: 'Zorg', channelId: null, channelName: null }]);
    const people = [pl, anna, bram, carla, daan];
    const memberIds = await h.addMembers(people.map((user, i) => ({ user, roles: i === 0 ? ['projectleider'] : ['docent'], schoolId: school!.id, werkgroepIds: [werkgroep!.id] })));
    people.forEach((u, i) => (ids[u.name] = memberIds[i]!));
    // Each has opened the bot's 1:1 chat (Teams sends this when the app is added personally).
    for (const u of people) await post(h.bot.messagesUrl, installPersonal(h.w(), u));

    runId = await startRun();
    await answer(runId, anna, 2, ANNA_COMMENT);
    await answer(runId, bram, 4, BRAM_COMMENT);
    await answer(runId, carla, 3);
    await answer(runId, daan, 5);
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie sluiten'));
    await h.connector.waitFor((r) => r.method === 'PUT' && textsOf(cardOf(r.body))[0] === 'Reflectie gesloten', 10_000);
    frozen = await snapshot();
    // The download is the stored publication (fetch's text() drops the BOM).
    expect(frozen.csv).toBe(frozen.storedCsv);
    openRunId = await startRun();
    await answer(openRunId, anna, 3);
    expect((await h.bot.app.reflection.repo.progress(openRunId)).invited).toBe(5);

    const { feasibility, agreement } = h.bot.app;
    const study = await feasibility.repo.create({ partnershipId: h.pid, werkgroepId: werkgroep!.id, memberId: ids[anna.name]!, partIds: ['ambitie', 'instroom'] });
    expect((await feasibility.repo.save(study.id, 'instroom', 0, { toelichting: ANNA_STUDY }, 'bezig', ids[anna.name]!)).ok).toBe(true);
    expect((await feasibility.repo.save(study.id, 'instroom', 1, { toelichting: BRAM_STUDY }, 'bezig', ids[bram.name]!)).ok).toBe(true);
    await feasibility.repo.assign(study.id, 'ambitie', ids[anna.name]!, null);
    const a = await agreement.repo.ensure(h.pid, ['doelen', 'rollen']);
    expect((await agreement.repo.save(a.id, 'doelen', 0, ANNA_SECTION, ids[anna.name]!)).ok).toBe(true);
    expect((await agreement.repo.save(a.id, 'doelen', 1, BRAM_SECTION, ids[bram.name]!)).ok).toBe(true);
    await agreement.repo.comment(a.id, 'doelen', ids[anna.name]!, ANNA_AGREEMENT_COMMENT);
    await agreement.repo.comment(a.id, 'rollen', ids[bram.name]!, 'Bramwell wil de rollen eerst bespreken');
    await agreement.repo.decide(a.id, school!.id, { doelen: 2, rollen: 0 }, 'approved', ANNA_REMARK, ids[anna.name]!);
    expect((await say(anna, 'geen herinneringen')).text).toBeTruthy();
    expect(await h.bot.app.services.deliverer.claim('nudge:test', 1, `member:${ids[anna.name]}`, false)).toBe(true);
  });

  it('mijn gegevens: a card per category with her own things, nothing of Bramwell', async () => {
    const card = cardOf(await say(anna, 'mijn gegevens'));
    const texts = textsOf(card);
    expect(texts[0]).toBe('Mijn gegevens');
    expect(texts).toContain('**Rollen, school en werkgroepen**: 6 dingen');
    // 2 answer rows and 1 comment in the closed run, 4 in the open one, 2 invitations.
    expect(texts).toContain('**Reflectie: je antwoorden en opmerkingen**: 11 dingen');
    expect(texts).toContain('**Herinneringen uitgezet**: 1 ding');
    expect(texts).toContain('**Herinneringen en berichten aan jou**: 1 ding');
    const all = JSON.stringify(card);
    expect(all).not.toContain('Bramwell');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Downloaden (Word)', 'Downloaden (JSON)']);
  });

  it('the JSON and the Word document hold her answers, comments and texts, and nothing of anyone else', async () => {
    const json = await personal(anna, 'rights.download', { pid: h.pid, format: 'json' });
    const url = JSON.stringify(json.value).match(/"url":"([^"]+)"/)![1]!;
    const body = await (await fetch(url)).text();
    const data = JSON.parse(body);
    expect(data.person).toBe(anna.name);
    for (const mine of [ANNA_COMMENT, ANNA_SECTION, ANNA_STUDY, ANNA_AGREEMENT_COMMENT, ANNA_REMARK]) expect(body).toContain(mine);
    for (const theirs of [BRAM_COMMENT, BRAM_SECTION, BRAM_STUDY, 'Bramwell', 'Carla', 'Daan', pl.name]) expect(body).not.toContain(theirs);
    expect(data.categories.reflection.filter((e: { table: string }) => e.table === 'reflection_answers')).toHaveLength(9);
    expect(data.categories.texts.map((e: { value: string }) => e.value)).toEqual([ANNA_STUDY, ANNA_SECTION]);

    const word = await personal(anna, 'rights.download', { pid: h.pid, format: 'docx' });
    const res = await fetch(JSON.stringify(word.value).match(/"url":"([^"]+)"/)![1]!);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))).file('word/document.xml')!.async('string');
    for (const mine of [ANNA_COMMENT, ANNA_SECTION, ANNA_STUDY]) expect(xml).toContain(mine);
    expect(xml).not.toContain('Bramwell');
    // Both downloads are in the audit log as exports of her data.
    expect(await h.bot.app.services.audit.wasSubject(anna.aadObjectId, 'export')).toBe(true);
  });

  it('a docent cannot erase someone else; the projectleider cannot erase a current member', async () => {
    expect((await personal(carla, 'rights.leaverErase', { pid: h.pid, memberId: ids[anna.name], confirm: 'yes' })).value).toBe('Dit mag alleen de projectleider.');
    expect((await say(carla, 'verwijder gegevens')).text).toBe('Dit mag alleen de projectleider.');
    // A member id on the self-erasure is refused by its schema: one erases only oneself.
    expect((await personal(carla, 'rights.erase', { pid: h.pid, confirm: 'yes', memberId: ids[anna.name] })).value).not.toContain('Klaar');
    expect((await personal(pl, 'rights.leaverErase', { pid: h.pid, memberId: ids[anna.name], confirm: 'yes' })).value).toBe(
      'Annabel Verwijderbaar is nog lid van het Team. Alleen die persoon zelf kan dan de eigen gegevens verwijderen.',
    );
    expect((await say(pl, 'verwijder gegevens')).text).toBe('Er zijn geen mensen die uit het Team zijn gegaan en van wie Leerlab nog gegevens heeft.');
    expect((await rowsHolding(h, [ANNA_COMMENT])).length).toBe(1);
  });

  it('after Annabel left and the projectleider erased her, only agreement approvals hold her name, and nothing her ids', async () => {
    await post(h.bot.messagesUrl, memberLeft(h.w(), anna));
    const list = cardOf(await say(pl, 'verwijder gegevens'));
    expect(textsOf(list)[0]).toBe('Gegevens van oud-leden verwijderen');
    const choose = buttonsOf(list).find((b) => b.title === 'Verder')!;
    const confirm = (await personal(pl, choose.verb!, choose.data, { memberId: ids[anna.name]! })).value;
    expect(textsOf(confirm)).toContain('- Als je een akkoord gaf op de overeenkomst, blijft dat akkoord staan mét je naam. De scholen moeten de getekende overeenkomst bewaren (AVG artikel 17 lid 3b).');
    const yes = buttonsOf(confirm).find((b) => b.title === 'Ja, verwijder deze gegevens')!;
    expect((await personal(pl, yes.verb!, yes.data)).value).toBe('Klaar: de gegevens zijn verwijderd. Akkoorden op de overeenkomst staan er nog, met de naam.');

    const hits = await rowsHolding(h, needlesOf(anna));
    expect(hits.map((x) => `${x.table}.${x.column}=${x.value}`)).toEqual(['agreement_approvals.approver_name=Annabel Verwijderbaar', 'agreement_approvals.approver_name=Annabel Verwijderbaar']);
    // Her answers and comments are gone (two comments were too few to publish); her texts stay, by "oud-lid".
    expect(await rowsHolding(h, [ANNA_COMMENT])).toEqual([]);
    expect((await rowsHolding(h, [ANNA_SECTION])).map((x) => x.table)).toEqual(['agreement_section_versions']);
    const versions = await h.bot.app.agreement.repo.versions((await h.bot.app.agreement.repo.forPartnership(h.pid))!.id, 'doelen');
    expect(versions.map((v) => v.member_id)).toEqual([ids[bram.name], 'oud-lid']);
    // The agreement's versions card shows her version as by "oud-lid".
    const shown = (await h.invoke(execute(h.w(), pl, 'agreement.versions', { agreementId: versions[0]!.agreement_id, section: 'doelen' }))).value;
    expect(textsOf(shown).filter((x: string) => x.startsWith('**Versie'))).toEqual([expect.stringContaining(bram.name), expect.stringContaining('oud-lid')]);
    // The open run no longer counts her; the closed run is byte for byte what it was.
    expect((await h.bot.app.reflection.repo.progress(openRunId)).invited).toBe(4);
    const after = await snapshot();
    expect(after.json).toBe(frozen.json);
    expect(after.csv).toBe(frozen.csv);
    expect(after.cards).toBe(frozen.cards);
    // The audit log says she was erased, without her ids.
    expect(await h.bot.app.services.audit.wasSubject(anna.aadObjectId, 'erase')).toBe(true);
  });

  it('Bramwell erases his own data while in the Team: only his membership row holds his ids and name', async () => {
    const card = cardOf(await say(bram, 'verwijder mijn gegevens'));
    expect(textsOf(card)).toEqual([
      'Mijn gegevens verwijderen',
      'Dit gebeurt als je op de knop drukt. Het kan niet ongedaan worden gemaakt.',
      '- Je antwoorden en opmerkingen in reflecties worden verwijderd. Een reflectie die nog open is, telt je niet meer mee. De uitkomsten van gesloten reflecties blijven zoals ze zijn: daarin staat niemand apart.',
      '- Of je herinneringen hebt uitgezet, en welke herinneringen en berichten je kreeg, wordt verwijderd.',
      '- Teksten die je schreef in een haalbaarheidsonderzoek of de overeenkomst blijven staan, want ze horen bij het werk van het partnerschap. Bij die teksten staat dan "oud-lid" in plaats van je naam.',
      '- Als je een akkoord gaf op de overeenkomst, blijft dat akkoord staan mét je naam. De scholen moeten de getekende overeenkomst bewaren (AVG artikel 17 lid 3b).',
      '- Je blijft lid van het Team. Daarom bewaar ik alleen je naam, je Teams-gegevens en je rollen, school en werkgroepen.',
    ]);
    const no = buttonsOf(card).find((b) => b.title === 'Nee, niets verwijderen')!;
    expect((await personal(bram, no.verb!, no.data)).value).toBe('Er is niets verwijderd.');
    expect((await rowsHolding(h, [BRAM_COMMENT])).map((x) => x.table)).toEqual(['reflection_answers']);
    const yes = buttonsOf(card).find((b) => b.title === 'Ja, verwijder mijn gegevens')!;
    expect((await personal(bram, yes.verb!, yes.data)).value).toBe('Klaar: je gegevens zijn verwijderd. Je akkoorden op de overeenkomst staan er nog, met je naam.');
    const hits = await rowsHolding(h, needlesOf(bram));
    // The membership: the member row (ids and name) and its roles and werkgroepen, keyed by the member id.
    expect([...new Set(hits.map((x) => x.table))].sort()).toEqual(['member_roles', 'members', 'werkgroep_members']);
    expect(hits.filter((x) => x.table !== 'members').map((x) => x.column)).toEqual(['member_id', 'member_id']);
    // He keeps his roles and can still use the bot.
    expect((await h.bot.app.services.repo.member(h.pid, bram.aadObjectId))?.roles).toEqual(['docent']);
    expect(await rowsHolding(h, [BRAM_COMMENT])).toEqual([]);
    const after = await snapshot();
    expect([after.json, after.csv, after.cards]).toEqual([frozen.json, frozen.csv, frozen.cards]);
  });
}

for (const kind of STORE_KINDS) describe(`rights of the person [${kind}]`, () => scenario(kind));
