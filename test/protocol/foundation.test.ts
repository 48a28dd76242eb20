import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import {
  buttonsOf,
  cardOf,
  CHANNELS,
  channelMessage,
  execute,
  installInTeam,
  installPersonal,
  memberLeft,
  personalConversationId,
  personalMessage,
  post,
  rosterOf,
  submit,
  TEAM_ID,
  TENANT_ID,
  textsOf,
  uninstallFromTeam,
  USERS,
  SAMPLE_ROLE_INPUTS,
} from '../helpers/teams.js';

let connector: FakeConnector;
let bot: RunningBot;
const w = () => ({ serviceUrl: connector.serviceUrl });

beforeAll(async () => {
  connector = await startConnector();
  connector.setRoster(TEAM_ID, rosterOf(Object.values(USERS)));
  connector.setChannels(TEAM_ID, [{ id: CHANNELS.general.id }, CHANNELS.docenten, CHANNELS.regiegroep]);
  bot = await startBot();
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});
afterEach(() => {
  connector.requests.length = 0;
});

async function invoke(activity: ReturnType<typeof execute>) {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; type: string; value: any };
}

describe('foundation over the Bot Framework protocol', () => {
  it('install in a Team: welcome card in General, partnership and address stored', async () => {
    expect((await post(bot.messagesUrl, installInTeam(w()))).status).toBe(200);
    const [welcome] = connector.sentTo(TEAM_ID);
    const card = cardOf(welcome!.body);
    // The person who added the bot is on the roster: projectleider, and the Team sees it (from the job runner).
    await connector.waitFor((r) => r.conversationId === TEAM_ID && r.body?.text === 'Sanne de Vries heeft Leerlab ingesteld en is projectleider.');
    expect(textsOf(card)[0]).toBe('Welkom bij Leerlab');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Instellen', 'Help']);
    const p = await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID);
    expect(p?.status).toBe('active');
    const ref = await bot.app.services.repo.conversation(TEAM_ID);
    expect(ref).toMatchObject({ kind: 'channel', tenant_id: TENANT_ID, team_id: TEAM_ID, service_url: connector.serviceUrl, bot_id: '28:leerlab-bot' });
  });

  it('sets up through Action.Execute invokes with string inputs: several roles, a school-less projectleider', async () => {
    const start = await invoke(execute(w(), USERS.sanne, 'command.run', { command: 'instellen' }));
    expect(start.type).toBe('application/vnd.microsoft.card.adaptive');
    // Sanne added the bot and is on the roster: she became projectleider on install.
    expect(textsOf(start.value)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je Leerlab aan het Team hebt toegevoegd.');
    const pid = buttonsOf(start.value).find((b) => b.title === 'Opslaan en verder')!.data.pid;

    const wg = await invoke(
      execute(w(), USERS.sanne, 'setup.basics', { pid }, { name: 'Leerlab Noord-Holland', s0_name: 'Vmbo De Schakel', s0_type: 'vo', s1_name: 'ROC Noord', s1_type: 'mbo' }),
    );
    expect(textsOf(wg.value)[0]).toBe('Werkgroepen (stap 2 van 3)');
    // The channel choices come from Teams' channel list.
    expect(JSON.stringify(wg.value)).toContain('Docentwerkgroep Zorg');

    const members = await invoke(execute(w(), USERS.sanne, 'setup.werkgroepen', { pid }, { w0_name: 'Docenten Zorg', w0_channel: CHANNELS.docenten.id }));
    const done = buttonsOf(members.value).find((b) => b.title === 'Klaar')!;
    const result = await invoke(
      execute(w(), USERS.sanne, 'setup.members', done.data, SAMPLE_ROLE_INPUTS),
    );
    expect(textsOf(result.value)).toContain('**Leerlab Noord\\-Holland**: 2 scholen of bedrijven, 5 mensen met een rol, 1 werkgroep.');
    const p = (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    expect((await bot.app.services.repo.member(p.id, USERS.marloes.aadObjectId))?.roles).toEqual(['docent', 'regiegroep']);
    expect((await bot.app.services.repo.member(p.id, USERS.sanne.aadObjectId))?.schoolId).toBeNull();
  });

  it('help by role, in a channel with a mention and in 1:1 chat', async () => {
    await post(bot.messagesUrl, channelMessage(w(), USERS.pieter, 'help'));
    const reply = connector.sent().at(-1)!;
    expect(reply.conversationId).toBe(`${TEAM_ID};messageid=${reply.activityId}`);
    expect(textsOf(cardOf(reply.body))).toContain('Je rol: Docent.');
    expect(buttonsOf(cardOf(reply.body)).map((b) => b.title)).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);

    await post(bot.messagesUrl, personalMessage(w(), USERS.sanne, 'hulp'));
    const pl = connector.sentTo(personalConversationId(USERS.sanne)).at(-1)!;
    expect(textsOf(cardOf(pl.body))).toContain('Je rol: Projectleider.');
    // "instellen" only works in the Team, so in 1:1 chat it has no button.
    expect(buttonsOf(cardOf(pl.body)).map((b) => b.title)).toEqual(['Invullen', 'Reflectie', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Voortgang', 'Rapport', 'Herinneringen', 'Vakanties', 'Groepsgrootte', 'Auditlog', 'Mijn gegevens', 'Verwijder mijn gegevens']);
  });

  it('bad input and unknown verbs get 200 with a Dutch message, and change nothing', async () => {
    const p = (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    const bad = await invoke(execute(w(), USERS.sanne, 'setup.basics', { pid: p.id }, { name: 'Nieuw', s0_name: 'X', s0_type: 'universiteit' }));
    expect(bad).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.' });
    expect((await bot.app.services.repo.get(p.id))?.name).toBe('Leerlab Noord-Holland');

    const forbidden = await invoke(execute(w(), USERS.pieter, 'setup.basics', { pid: p.id }, { name: 'Kaping', s0_name: 'X', s0_type: 'vo' }));
    expect(forbidden.value).toBe('Dit mag alleen de projectleider van dit partnerschap.');

    expect((await invoke(execute(w(), USERS.sanne, 'iets.onbekends', {}))).value).toBe('Deze knop werkt niet meer. Typ **help** om te zien wat je kunt doen.');
    const other = { ...execute(w(), USERS.sanne, 'x', {}), name: 'composeExtension/query', value: {} };
    expect(await post(bot.messagesUrl, other)).toEqual({ status: 200, body: expect.objectContaining({ statusCode: 200 }) });

    await post(bot.messagesUrl, channelMessage(w(), USERS.pieter, 'hulpvraag'));
    expect(connector.sent().at(-1)!.body.text).toBe('Dat begrijp ik niet. Typ **help** om te zien wat je kunt doen.');
  });

  it('accepts Action.Submit (a message with value) as well', async () => {
    await post(bot.messagesUrl, submit(w(), USERS.pieter, { verb: 'command.run', command: 'help' }));
    expect(textsOf(cardOf(connector.sent().at(-1)!.body))).toContain('Je rol: Docent.');
    await post(bot.messagesUrl, submit(w(), USERS.pieter, { verb: 'command.run', command: 'help', extra: 'x' }));
    expect(connector.sent().at(-1)!.body.text).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
  });

  it('handles a duplicate activity once, also after a restart, and answers a retried invoke with the stored answer', async () => {
    const msg = personalMessage({ ...w(), id: 'dup-1' }, USERS.pieter, 'help');
    await post(bot.messagesUrl, msg);
    await post(bot.messagesUrl, msg);
    expect(connector.sentTo(personalConversationId(USERS.pieter))).toHaveLength(1);

    // State-changing invokes: saving a section (a new revision) and adding a comment.
    await post(bot.messagesUrl, channelMessage(w(), USERS.sanne, 'overeenkomst'));
    const agreementId = buttonsOf(cardOf(connector.sent().at(-1)!.body)).find((b) => b.title === 'Onderdeel openen')!.data.agreementId;
    const opened = await invoke(execute(w(), USERS.sanne, 'agreement.open', { agreementId, section: 'tijdpad' }));
    const saveData = buttonsOf(opened.value).find((b) => b.title === 'Opslaan als nieuwe versie')!.data;
    const save = execute({ ...w(), id: 'f:dup-save' }, USERS.sanne, 'agreement.save', saveData, { text: 'Start augustus 2027.' });
    const comment = execute({ ...w(), id: 'f:dup-comment' }, USERS.sanne, 'agreement.comment', { agreementId, section: 'tijdpad' }, { comment: 'Graag ook een einddatum.' });
    const versions = async () => (await bot.store.db.selectFrom('agreement_section_versions').select('revision').where('agreement_id', '=', agreementId).where('section_id', '=', 'tijdpad').execute()).map((v) => v.revision);
    const comments = async () => (await bot.store.db.selectFrom('agreement_comments').select('text').where('agreement_id', '=', agreementId).execute()).map((c) => c.text);

    const saved = await invoke(save);
    expect(textsOf(saved.value)).toContain('Tijdpad is opgeslagen als versie 1.');
    const commented = await invoke(comment);
    const [savedAgain, commentedAgain] = [await invoke(save), await invoke(comment)];
    // Run again, the comment would be stored twice and the save refused as a concurrent edit.
    expect(await comments()).toEqual(['Graag ook een einddatum.']);
    expect(await versions()).toEqual([1]);
    expect((await bot.app.agreement.repo.section(agreementId, 'tijdpad'))!.revision).toBe(1);
    expect(savedAgain).toEqual(saved);
    expect(commentedAgain).toEqual(commented);

    await bot.stop();
    bot = await startBot({ dataDir: bot.dataDir });
    await post(bot.messagesUrl, msg);
    expect(connector.sentTo(personalConversationId(USERS.pieter))).toHaveLength(1);
    expect(await invoke(save)).toEqual(saved);
    expect(await invoke(comment)).toEqual(commented);
    expect(await versions()).toEqual([1]);
    expect(await comments()).toEqual(['Graag ook een einddatum.']);
  });

  it('refreshes the stored serviceUrl from every inbound activity', async () => {
    const moved = 'http://127.0.0.1:1/moved/';
    await post(bot.messagesUrl, { ...memberLeft(w(), { id: '29:nobody', aadObjectId: 'none', name: '' }), serviceUrl: moved });
    expect((await bot.app.services.repo.conversation(TEAM_ID))?.service_url).toBe(moved);
    await post(bot.messagesUrl, memberLeft(w(), { id: '29:nobody', aadObjectId: 'none', name: '' }));
    expect((await bot.app.services.repo.conversation(TEAM_ID))?.service_url).toBe(connector.serviceUrl);
  });

  it('a member who leaves the Team loses their roles', async () => {
    await post(bot.messagesUrl, memberLeft(w(), USERS.kees));
    const p = (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    expect((await bot.app.services.repo.member(p.id, USERS.kees.aadObjectId))?.roles).toEqual([]);
  });

  it('personal install gets a short personal welcome', async () => {
    await post(bot.messagesUrl, installPersonal(w(), USERS.fatima));
    expect(connector.sentTo(personalConversationId(USERS.fatima))[0]!.body.text).toContain('Hallo! Ik ben Leerlab');
  });

  it('removed from the Team: partnership inactive, no proactive address left', async () => {
    await post(bot.messagesUrl, uninstallFromTeam(w()));
    const p = (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    expect(p.status).toBe('inactive');
    expect(await bot.app.services.repo.generalChannel(p.id)).toBeUndefined();
    expect(connector.sent()).toHaveLength(0);
  });
});
