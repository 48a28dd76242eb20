import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { cardOf, CHANNELS, channelMessage, execute, installInTeam, memberLeft, personalMessage, post, rosterOf, submit, TEAM_ID, TENANT_ID, textsOf, USERS, type User } from '../helpers/teams.js';
import { actionsOf, branchesRendered, markBranches, payloadOf, type Branch, type CardAction } from '../helpers/cardContract.js';
import { loadTemplate } from '../../src/cards/render.js';
import { isoDate } from '../../src/time/amsterdam.js';
import { userMessageOf } from '../../src/core/validation.js';
import { t } from '../../src/i18n/index.js';

/**
 * The card contract: the bot is driven through every flow over HTTP, every card that reaches
 * the fake connector or comes back in an invoke answer is kept together with the template and
 * data that made it, and then every button on every card is sent as Teams sends it (strings,
 * unset inputs absent) through the schema the router parses that verb with.
 */

const renders = vi.hoisted(() => [] as Array<{ name: string; data: unknown; json: string }>);
vi.mock('../../src/cards/render.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cards/render.js')>();
  return {
    ...real,
    renderCard(name: string, data: Record<string, unknown>) {
      const card = real.renderCard(name, data);
      renders.push({ name, data: structuredClone(data), json: JSON.stringify(card) });
      return card;
    },
  };
});

type Json = Record<string, any>;

const extra = (n: number, name: string): User => ({
  id: `29:1${String(n).padStart(3, '0')}AbCdEfGhIjKlMnOpQrStUvWxYz`,
  aadObjectId: `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name,
});
const { sanne, pieter, fatima, kees, marloes } = USERS;
const henk = extra(6, 'Henk Hoving'); // regiegroep for the company
const ahmed = extra(7, 'Ahmed Yilmaz'); // docent and regiegroep without a school: asked for school and layer
const others = ['Anna de Boer', 'Bram Buiten', 'Carla Claes', 'Daan Dekker', 'Eva Evers', 'Femke Fransen'].map((name, i) => extra(8 + i, name));
const everyone = [sanne, pieter, fatima, kees, marloes, henk, ahmed, ...others];
const OTHER_TEAM = '19:Zz8yW2kG0bB1@thread.tacv2';

const CARDS_DIR = path.resolve(import.meta.dirname, '../../cards');
const templateNames = fs
  .readdirSync(CARDS_DIR, { recursive: true, encoding: 'utf8' })
  // *.schema.json is a JSON Schema kept beside the templates (common/charts.schema.json), not a template.
  .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
  .map((f) => f.replace(/\\/g, '/').replace(/\.json$/, ''))
  .sort();

/** Templates and branches the scenario cannot reach, each with the reason. Empty means everything is reached. */
const UNREACHABLE_TEMPLATES: Record<string, string> = {};
const UNREACHABLE_BRANCHES: Record<string, string> = {};

const h = useInstalledBot();
/** Invoke answers, in order; activities the bot sent are read from the fake connector. */
const answers: Json[] = [];
/** A date well ahead, for date inputs a user fills in. */
const later = () => isoDate(Date.now() + 30 * 24 * 3600_000);

async function invoke(activity: unknown): Promise<any> {
  const body = await h.invoke(activity);
  answers.push(body);
  return body.value;
}

function find(card: Json, match: (a: CardAction) => boolean, what: string): CardAction {
  const action = actionsOf(card).find(match);
  if (!action) throw new Error(`no button ${what} on a card titled ${textsOf(card)[0]}`);
  return action;
}
const byVerb = (verb: string, data: Json = {}) => (a: CardAction) => a.verb === verb && Object.entries(data).every(([k, v]) => a.data[k] === v);

/** Clicks a button as Teams does: its data with the inputs as shown (or all set), plus what the user changed. */
async function click(who: User, card: Json, action: CardAction, opts: { where?: 'channel' | 'personal'; set?: boolean; inputs?: Record<string, string | undefined> } = {}): Promise<any> {
  const payload = payloadOf(action, opts.set ? 'set' : 'untouched', later());
  for (const [k, v] of Object.entries(opts.inputs ?? {})) {
    if (v === undefined) delete payload[k];
    else payload[k] = v;
  }
  const w = h.w({ where: opts.where ?? 'channel' });
  if (action.type === 'Action.Submit') {
    await post(h.bot.messagesUrl, submit(w, who, { ...payload, verb: action.verb }));
    return cardOf(h.connector.sent().at(-1)!.body) ?? h.connector.sent().at(-1)!.body.text;
  }
  const { verb: _, ...data } = payload;
  return invoke(execute(w, who, action.verb!, data));
}
const press = (who: User, card: Json, verb: string, data: Json = {}, opts: Parameters<typeof click>[3] = {}) => click(who, card, find(card, byVerb(verb, data), verb), opts);

async function say(who: User, text: string, channel = CHANNELS.general): Promise<Json> {
  const before = h.connector.sent().length;
  await post(h.bot.messagesUrl, channelMessage(h.w(), who, text, channel));
  // The reply in the message's thread; a proactive post in General (a job's) may arrive meanwhile.
  const reply = h.connector.sent().slice(before).filter((r) => r.conversationId?.includes(';messageid=')).at(-1);
  const card = cardOf(reply?.body);
  if (!card) throw new Error(`"${text}" answered without a card: ${reply?.body?.text}`);
  return card;
}
const lastCardTo = (conversationId: string) => cardOf(h.connector.sentTo(conversationId).filter((r) => cardOf(r.body)).at(-1)!.body);
/** The 1:1 chat the bot opens for a person (the fake connector names it after the member). */
const personalChat = (who: User) => `a:personal-${who.id}`;
const expectCard = (value: unknown, title?: string) => {
  expect(typeof value, `expected a card, got: ${String(value)}`).toBe('object');
  if (title) expect(textsOf(value)[0]).toBe(title);
  return value as Json;
};

const STRUCTURAL_KEYS = new Set(['id', 'verb', 'data', 'maxLength', 'min', 'max', 'isRequired']);
/** Calls back for every structural key (ids, verbs, button data, limits) whose value still holds an unfilled "${…}". */
function structural(node: unknown, found: (key: string, value: unknown) => void): void {
  if (Array.isArray(node)) node.forEach((n) => structural(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (STRUCTURAL_KEYS.has(k) && JSON.stringify(v).includes('${')) found(k, v);
      structural(v, found);
    }
  }
}

let closedSummary: Json;

describe('every card over the protocol, every button through its schema', () => {
  it('setup: basics, werkgroepen, two pages of roles, done; help', async () => {
    h.connector.setRoster(TEAM_ID, rosterOf(everyone));
    h.connector.setChannels(TEAM_ID, [{ id: TEAM_ID }, { id: CHANNELS.docenten.id, name: CHANNELS.docenten.name }, { id: CHANNELS.regiegroep.id, name: CHANNELS.regiegroep.name }]);
    const basics = await say(sanne, 'instellen');
    const werkgroepen = expectCard(
      await press(sanne, basics, 'setup.basics', {}, { inputs: { name: 'Leerlab Noord-Holland', s0_name: 'Vmbo De Schakel', s0_type: 'vo', s1_name: 'ROC Noord', s1_type: 'mbo', s2_name: 'Zorggroep Noord', s2_type: 'bedrijf' } }),
      'Werkgroepen (stap 2 van 3)',
    );
    const page1 = expectCard(await press(sanne, werkgroepen, 'setup.werkgroepen', {}, { inputs: { w0_name: 'Docentwerkgroep Zorg', w0_channel: CHANNELS.docenten.id } }));
    const page2 = expectCard(await press(sanne, page1, 'setup.members', { nav: 'next' }));
    expectCard(await press(sanne, page2, 'setup.members', { nav: 'prev' }));
    const done = expectCard(await press(sanne, page2, 'setup.members', { nav: 'done' }));
    expectCard(await press(sanne, done, 'command.run', { command: 'help' }));

    // Roles beyond the first projectleider are set directly: the members card's rows are positional.
    const { repo } = h.bot.app.services;
    const [vo, mbo, company] = await repo.schools(h.pid);
    const [wg] = await repo.werkgroepen(h.pid);
    const roles: Array<[User, Parameters<typeof repo.assignMember>[2]]> = [
      [sanne, { roles: ['projectleider'], schoolId: null, werkgroepIds: [wg!.id] }],
      [pieter, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [wg!.id] }],
      [fatima, { roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [wg!.id] }],
      [kees, { roles: ['schoolleider'], schoolId: vo!.id, werkgroepIds: [] }],
      [marloes, { roles: ['regiegroep'], schoolId: mbo!.id, werkgroepIds: [] }],
      [henk, { roles: ['regiegroep'], schoolId: company!.id, werkgroepIds: [] }],
      [ahmed, { roles: ['docent', 'regiegroep'], schoolId: null, werkgroepIds: [] }],
      ...others.map((o): [User, Parameters<typeof repo.assignMember>[2]] => [o, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [] }]),
    ];
    for (const [who, assignment] of roles) await repo.assignMember((await repo.member(h.pid, who.aadObjectId))!.id, h.pid, assignment);

    const help = await say(sanne, 'help');
    // Voortgang is the projectleider's own view: from the channel it arrives in her 1:1 chat.
    expect(await press(sanne, help, 'command.run', { command: 'voortgang' })).toBe(t.personal.answerSent);
    expectCard(lastCardTo(personalChat(sanne)));
  });

  it('reflection: start, the channel card, every part with the profile questions, overview, send, close, summary, CSV', async () => {
    const start = await say(sanne, 'reflectie');
    expect(await press(sanne, start, 'reflection.start')).toBe('De reflectie is gestart. Ik heb een kaart in het kanaal gezet.');
    const channelCard = lastCardTo(TEAM_ID);
    await press(ahmed, channelCard, 'reflection.open');
    let part = lastCardTo(`a:personal-${ahmed.id}`);
    expect(JSON.stringify(part)).toContain('"id":"school"');
    expect(JSON.stringify(part)).toContain('"id":"layer"');
    // Every part with every input set: the profile questions, the scales and the comments at full length.
    for (let i = 0; i < 9; i++) part = expectCard(await press(ahmed, part, 'reflection.part', { nav: 'next' }, { where: 'personal', set: true }));
    const overview = expectCard(part, 'Jouw antwoorden');
    const reopened = expectCard(await press(ahmed, overview, 'reflection.part', { part: 1, nav: 'open' }, { where: 'personal' }));
    expect(await press(ahmed, reopened, 'reflection.part', { nav: 'later' }, { where: 'personal' })).toContain('Opgeslagen.');
    expect(await press(ahmed, overview, 'reflection.send', {}, { where: 'personal' })).toContain('Bedankt!');
    // Two more answer, so the run reaches the minimum group size of 3 and the summary has its CSV button.
    for (const who of [pieter, fatima]) {
      await press(who, channelCard, 'reflection.open');
      let card = lastCardTo(`a:personal-${who.id}`);
      for (let i = 0; i < 9; i++) card = expectCard(await press(who, card, 'reflection.part', { nav: 'next' }, { where: 'personal', set: true }));
      expect(await press(who, card, 'reflection.send', {}, { where: 'personal' })).toContain('Bedankt!');
    }

    await post(h.bot.messagesUrl, channelMessage(h.w(), sanne, 'reflectie sluiten'));
    const summary = await h.connector.waitFor((r) => r.conversationId === TEAM_ID && /^Uitslag reflectie/.test(textsOf(cardOf(r.body))[0] ?? ''), 10_000);
    await h.connector.waitFor((r) => r.method === 'PUT' && textsOf(cardOf(r.body))[0] === 'Reflectie gesloten', 10_000);
    const download = expectCard(await press(sanne, cardOf(summary.body), 'reflection.csv'));
    expectCard(await press(sanne, download, 'reflection.csv'));
    closedSummary = cardOf(summary.body);
  });

  it('actions: from a point of attention on the summary, the form, the owner card, the list and its filter', async () => {
    // The summary's first button per point of attention: the form arrives in her 1:1 chat.
    expect(await press(sanne, closedSummary, 'actions.form', { link: find(closedSummary, (a) => a.verb === 'actions.form' && 'link' in a.data, 'a point of attention').data.link })).toBe(t.personal.answerSent);
    expect(await press(sanne, closedSummary, 'actions.form', { link: undefined })).toBe(t.personal.answerSent);
    const form = expectCard(lastCardTo(personalChat(sanne)), 'Nieuwe actie');
    // Untouched, the form asks for what is missing; with every input set, the action is made.
    expectCard(await press(sanne, form, 'actions.create', {}, { where: 'personal' }), 'Nieuwe actie');
    const pieterId = (await h.bot.app.services.repo.member(h.pid, pieter.aadObjectId))!.id;
    expectCard(await press(sanne, form, 'actions.create', {}, { where: 'personal', set: true, inputs: { owner: pieterId } }), 'Actie');
    const owner = expectCard(lastCardTo(personalChat(pieter)), 'Jouw actie');
    expectCard(await press(pieter, owner, 'actions.update', {}, { where: 'personal', set: true }), 'Jouw actie');
    const list = await say(sanne, 'acties');
    expect(textsOf(list)[0]).toBe('Actieagenda Leerlab Noord\\-Holland');
    const [wg] = await h.bot.app.services.repo.werkgroepen(h.pid);
    const filtered = expectCard(await press(sanne, list, 'actions.list', { wg: wg!.id }));
    expectCard(await press(sanne, filtered, 'actions.list', { wg: undefined }));
    expect(await press(sanne, filtered, 'actions.form')).toBe(t.personal.answerSent);
  });

  it('feasibility: overview, every part, assign, conflict notice, decide, new version', async () => {
    const overview = await say(pieter, 'haalbaarheid', CHANNELS.docenten);
    const fill = async (who: User, partId: string, inputs: Record<string, string>) => {
      const card = expectCard(await press(who, overview, 'feasibility.open', { part: partId }));
      const saved = expectCard(await press(who, card, 'feasibility.save', {}, { inputs }));
      expect(textsOf(saved).some((x) => x.startsWith(`**${textsOf(card)[0]!.replace(/ \(versie \d+\)( · .*)?$/, '')}**: beantwoord`))).toBe(true);
      return saved;
    };
    const assign = expectCard(await press(sanne, overview, 'feasibility.assignCard'));
    expectCard(await press(sanne, assign, 'feasibility.assign', {}, { set: true }));
    await fill(pieter, 'ambitie', { profiles: 'Zorg en welzijn, Horeca', route: 'doorlopend-mbo2', leerweg: 'basis', bring: 'Praktijklokalen', get: 'Meer instroom' });
    // Two profiles: the inflow is asked per school and per profile.
    await fill(pieter, 'instroom', { inflow_0_0: '8', inflow_0_1: '6', total: '14', minGroup: '12' });
    // Content v2: the business case on three cards and the companies five to a card, walked with
    // "Opslaan, volgende" and "Opslaan, vorige" before the last save.
    const byTitle = (card: Json, title: string) => find(card, (a) => a.title === title, title);
    const [voSchool, mboSchool] = await h.bot.app.services.repo.schools(h.pid);
    const costs = expectCard(await press(fatima, overview, 'feasibility.open', { part: 'businesscase' }));
    const subsidies = expectCard(await click(fatima, costs, byTitle(costs, 'Opslaan, volgende kaart'), { inputs: { voPerPupil: '7000', mboPerPupil: '6500', cost_0: '30000', cost_1: '60000', devCost_1: '20000', devYears: '1' } }));
    const transfers = expectCard(await click(fatima, subsidies, byTitle(subsidies, 'Opslaan, volgende kaart'), { inputs: { subsidies0_school: voSchool!.id, subsidies0_amount: '10000', subsidies0_years: '1, 2' } }));
    const back = expectCard(await click(fatima, transfers, byTitle(transfers, 'Opslaan, vorige kaart'), { inputs: { transfers0_from: mboSchool!.id, transfers0_to: voSchool!.id, transfers0_pupil: '500', transfers0_years: '3, 4' } }));
    expect(textsOf(back)[0]).toContain('kaart 2 van 3');
    expect(textsOf(expectCard(await press(fatima, back, 'feasibility.save'))).some((x) => x.startsWith('**Business case**: beantwoord'))).toBe(true);
    const companies = expectCard(await press(fatima, overview, 'feasibility.open', { part: 'partners' }));
    const more = expectCard(await click(fatima, companies, byTitle(companies, 'Opslaan, volgende bedrijven'), { inputs: { c0_name: 'Zorggroep Noord', c0_places: '40', c0_hours: '2' } }));
    const first = expectCard(await click(fatima, more, byTitle(more, 'Opslaan, vorige bedrijven'), { inputs: { c5_name: 'Thuiszorg West', c5_places: '20', c5_hours: '1,5' } }));
    expect(textsOf(expectCard(await press(fatima, first, 'feasibility.save'))).some((x) => x.startsWith('**Partners en bedrijven**: beantwoord'))).toBe(true);

    await fill(pieter, 'juridisch', { mboOpleiding: 'Helpende zorg en welzijn', routeYears: '4', vmboExams: 'alle', vmboExamYear: '2', mboExamFromYear: '1', bpvFromYear: '1', teambevoegdheid: 'nee', location: 'gemengd', overstap: 'Terug naar het gewone vmbo-programma.', duoDate: '2027-06-01', responsibilities: 'Vo: vmbo-examen. Mbo: mbo-diploma.' });
    // Pieter and Fatima open "Risico's" at the same revision; Fatima saves first, Pieter gets both versions.
    const pietersRisks = expectCard(await press(pieter, overview, 'feasibility.open', { part: 'risicos' }));
    await fill(fatima, 'risicos', { risks: 'Te weinig begeleiders.', conditions: 'Twee begeleiders per bedrijf' });
    const conflict = expectCard(await press(pieter, pietersRisks, 'feasibility.save', {}, { inputs: { risks: 'Roosters sluiten niet aan.' } }));
    expect(textsOf(conflict)).toContain('Iemand anders heeft dit onderdeel net opgeslagen. Hieronder staan beide versies. Pas je tekst aan en sla opnieuw op.');
    expectCard(await press(pieter, conflict, 'feasibility.overview'));
    // The last part answered: the save answers with the overview, now with "Besluit vastleggen".
    const answered = expectCard(await press(pieter, conflict, 'feasibility.save', {}, { inputs: { risks: 'Te weinig begeleiders; roosters sluiten niet aan.' } }));
    // A docent's "Besluit nemen" is a proposal; the projectleider decides, starting from it.
    const proposeCard = expectCard(await press(pieter, answered, 'feasibility.decideCard'), 'Voorstel doen');
    expect(await press(pieter, proposeCard, 'feasibility.propose', {}, { inputs: { verdict: 'haalbaar', reasons: 'Genoeg instroom.' } })).toBe(
      'Je voorstel is opgeslagen. De regiegroep of de projectleider neemt het besluit.',
    );
    const decideCard = expectCard(await press(sanne, answered, 'feasibility.decideCard'), 'Besluit nemen');
    expectCard(await press(sanne, decideCard, 'feasibility.decide', {}, { inputs: { verdict: 'haalbaar-onder-voorwaarden', reasons: 'Genoeg instroom met twee profielen.' } }));
    const v2 = expectCard(await press(sanne, overview, 'feasibility.newVersion'));
    expect(textsOf(v2)[0]).toContain('(versie 2)');
  });

  it('agreement: overview, every section, long section in parts, versions, settings, approval, download', async () => {
    const overview = await say(pieter, 'overeenkomst');
    const sectionIds: string[] = (overview.body as Json[]).find((b) => b.id === 'section')!.choices.map((c: Json) => c.value);
    expect(sectionIds.length).toBeGreaterThan(10);
    for (const section of sectionIds) {
      const card = expectCard(await press(pieter, overview, 'agreement.open', {}, { inputs: { section } }));
      const saved = expectCard(await press(pieter, card, 'agreement.save', {}, { inputs: { text: `Afspraken over ${section}.` } }));
      if (section === sectionIds[0]) {
        expectCard(await press(pieter, saved, 'agreement.comment', {}, { inputs: { comment: 'Graag nog even naar kijken.' } }));
        expectCard(await press(pieter, saved, 'agreement.versions'));
        expectCard(await press(pieter, saved, 'agreement.overview'));
      }
    }
    // A concurrent edit gives the notice.
    const stale = expectCard(await press(pieter, overview, 'agreement.open', {}, { inputs: { section: sectionIds[1] } }));
    await press(sanne, stale, 'agreement.save', {}, { inputs: { text: 'Sanne was eerder.' } });
    expect(textsOf(await press(pieter, stale, 'agreement.save', {}, { inputs: { text: 'Pieter later.' } })).some((x) => x.includes('heeft dit onderdeel net opgeslagen'))).toBe(true);

    const long = Array.from({ length: 190 }, (_, i) => `Regel ${i}: ${'é'.repeat(90)}`).join('\n');
    const analyse = expectCard(await press(pieter, overview, 'agreement.open', {}, { inputs: { section: sectionIds[2] } }));
    await press(pieter, analyse, 'agreement.save', {}, { inputs: { text: long } });
    const part1 = expectCard(await press(pieter, overview, 'agreement.open', {}, { inputs: { section: sectionIds[2] } }));
    const part2 = expectCard(await press(pieter, part1, 'agreement.open', { page: 2 }));
    expectCard(await press(pieter, part2, 'agreement.open', { page: 1 }));

    const settings = expectCard(await press(sanne, overview, 'agreement.settingsCard'));
    expectCard(await press(sanne, settings, 'agreement.settings', {}, { inputs: { cosign: 'true', duoDate: '2027-06-01' } }));
    const section = expectCard(await press(sanne, overview, 'agreement.open', {}, { inputs: { section: sectionIds[0] } }));
    const fresh = expectCard(await press(sanne, section, 'agreement.overview'));
    expect(await press(sanne, fresh, 'agreement.request')).toBe('Goedkeuring gevraagd aan 3 partijen.');
    const approval = lastCardTo(`a:personal-${kees.id}`);
    expectCard(await press(kees, approval, 'agreement.download', {}, { where: 'personal' }));
    expect(await press(kees, approval, 'agreement.decide', { decision: 'returned' }, { where: 'personal', inputs: { remark: 'Eerst de evaluatie bespreken.' } })).toContain('teruggestuurd');
    const download = expectCard(await press(pieter, fresh, 'agreement.download'));
    // "Nieuwe link" asks for a fresh link in the same format.
    expectCard(await press(pieter, download, 'agreement.download', { format: 'docx' }), 'Downloaden (Word)');
    expectCard(await press(pieter, download, 'agreement.overview'));
  });

  it('voortgang, herinneringen, vakanties', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), sanne, 'voortgang'));
    const progress = lastCardTo(personalChat(sanne));
    await press(sanne, progress, 'progress.post', {}, { where: 'personal' });
    expectCard(await press(sanne, progress, 'progress.digest', {}, { where: 'personal' }));
    expectCard(await press(sanne, progress, 'command.run', { command: 'herinneringen' }, { where: 'personal' }));

    const list = await say(sanne, 'herinneringen');
    const create = expectCard(await press(sanne, list, 'reminders.newCard'));
    expectCard(await press(sanne, create, 'reminders.list'));
    expect(await press(sanne, create, 'reminders.create', {}, { inputs: { text: 'Werkgroep overleg', kind: 'weekly', date: later() } })).toContain('Herinnering opgeslagen.');
    const withOne = await say(sanne, 'herinneringen');
    const paused = expectCard(await press(sanne, withOne, 'reminders.toggle'));
    expectCard(await press(sanne, paused, 'reminders.remove'));

    const holidays = expectCard(await press(sanne, list, 'holidays.show'));
    const regionSaved = expectCard(await press(sanne, holidays, 'holidays.region', {}, { inputs: { region: 'noord' } }));
    const added = expectCard(await press(sanne, regionSaved, 'holidays.add', {}, { inputs: { name: 'Studiedag', from: later(), to: later() } }));
    const own = find(added, (a) => a.verb === 'holidays.remove' && String(a.data.key).startsWith(later()), 'remove Studiedag');
    expectCard(await click(sanne, added, own));
    expectCard(await press(sanne, added, 'reminders.list'));
    await say(sanne, 'vakanties');
  });

  it('rights of the person: mijn gegevens and its downloads, verwijder mijn gegevens, a leaver erased, a school leaving', async () => {
    // Asked in the channel, each answer arrives in the 1:1 chat.
    await post(h.bot.messagesUrl, channelMessage(h.w(), pieter, 'mijn gegevens'));
    const mine = expectCard(lastCardTo(personalChat(pieter)), t.privacy.overviewTitle);
    const link = expectCard(await press(pieter, mine, 'rights.download', { format: 'docx' }, { where: 'personal' }));
    expectCard(await press(pieter, link, 'rights.download', { format: 'docx' }, { where: 'personal' }));
    expectCard(await press(pieter, mine, 'rights.download', { format: 'json' }, { where: 'personal' }));
    await post(h.bot.messagesUrl, channelMessage(h.w(), pieter, 'verwijder mijn gegevens'));
    const confirm = expectCard(lastCardTo(personalChat(pieter)), t.privacy.eraseTitle);
    expect(await press(pieter, confirm, 'rights.cancel', {}, { where: 'personal' })).toBe(t.privacy.cancelled);

    const femke = others[5]!;
    await post(h.bot.messagesUrl, memberLeft(h.w(), femke));
    await post(h.bot.messagesUrl, channelMessage(h.w(), sanne, 'verwijder gegevens'));
    const leavers = expectCard(lastCardTo(personalChat(sanne)), t.privacy.leaversTitle);
    const ask = expectCard(await press(sanne, leavers, 'rights.leaverAsk', {}, { where: 'personal' }), t.privacy.leaverTitle(femke.name));
    expect(await press(sanne, ask, 'rights.leaverErase', {}, { where: 'personal' })).toBe(t.privacy.leaverErased);

    // Leaving out the company, which Henk belongs to, asks first.
    const basics = await say(sanne, 'instellen');
    const leave = expectCard(await press(sanne, basics, 'setup.basics', {}, { inputs: { s2_name: undefined, s2_type: undefined } }), t.privacy.schoolLeaveTitle);
    expectCard(await press(sanne, leave, 'command.run', { command: 'instellen' }));
  });

  it('rapport: the ready card in the 1:1 chat, its fresh link and the next one', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), sanne, 'rapport'));
    // Within 2 seconds the card is the answer; otherwise "ik maak het rapport" and the card follows.
    const sent = await h.connector.waitFor((r) => r.conversationId === personalChat(sanne) && JSON.stringify(cardOf(r.body) ?? {}).includes('"verb":"report.download"'), 60_000);
    const ready = expectCard(cardOf(sent.body), t.report.ready);
    const link = expectCard(await press(sanne, ready, 'report.download', {}, { where: 'personal' }), t.report.linkReady);
    expectCard(await press(sanne, link, 'report.download', {}, { where: 'personal' }), t.report.linkReady);
  });

  it('a 1:1 chat with two partnerships asks which one', async () => {
    const a = installInTeam(h.w());
    await post(h.bot.messagesUrl, { ...a, conversation: { ...a.conversation, id: OTHER_TEAM }, channelData: { ...a.channelData, team: { ...a.channelData.team, id: OTHER_TEAM, name: 'Leerlab Gorinchem' }, settings: { selectedChannel: { id: OTHER_TEAM } } } });
    const { repo } = h.bot.app.services;
    const other = (await repo.findByTeam(TENANT_ID, OTHER_TEAM))!;
    await repo.rename(other.id, 'Leerlab Gorinchem');
    const [id] = await repo.upsertMembers(other.id, [{ teamsUserId: sanne.id, aadObjectId: sanne.aadObjectId, name: sanne.name }]);
    await repo.assignMember(id!, other.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });

    await post(h.bot.messagesUrl, personalMessage(h.w(), sanne, 'voortgang'));
    const chooser = lastCardTo(`a:1personal-${sanne.aadObjectId}`);
    expect(textsOf(chooser)[0]).toBeTruthy();
    expectCard(await press(sanne, chooser, 'partnership.choose', { pid: other.id }, { where: 'personal' }));
  });

  it('roles: the last projectleider leaves, a regiegroep member chooses the next on the 1:1 card', async () => {
    h.connector.setRoster(TEAM_ID, rosterOf(everyone.filter((u) => u !== sanne)));
    await post(h.bot.messagesUrl, memberLeft(h.w(), sanne));
    // The cards go out from the job runner.
    for (const who of [marloes, henk]) await h.connector.waitFor((r) => r.conversationId === `a:personal-${who.id}` && textsOf(cardOf(r.body))[0] === 'Kies een nieuwe projectleider', 10_000);
    const card = expectCard(lastCardTo(`a:personal-${marloes.id}`), 'Kies een nieuwe projectleider');
    const done = expectCard(await press(marloes, card, 'setup.successor', {}, { where: 'personal', set: true }), 'Nieuwe projectleider gekozen');
    expect(textsOf(done)[1]).toMatch(/ is nu projectleider\. Ik heb het in het kanaal Algemeen gemeld\.$/);
    expectCard(await press(henk, lastCardTo(`a:personal-${henk.id}`), 'setup.successor', {}, { where: 'personal', set: true }), 'Nieuwe projectleider gekozen');
  });

  it('partnerschap verwijderen in the second Team: the confirmation card, a wrong name, the right name', async () => {
    const inOther = <T>(activity: T): T => JSON.parse(JSON.stringify(activity).replaceAll(TEAM_ID, OTHER_TEAM)) as T;
    await post(h.bot.messagesUrl, inOther(channelMessage(h.w(), sanne, 'partnerschap verwijderen')));
    const confirm = cardOf(h.connector.sent().at(-1)!.body);
    expect(textsOf(confirm)[0]).toBe(t.ending.title);
    const button = find(confirm, byVerb('partnership.delete'), 'partnership.delete');
    // As Teams sends it: the card's data with the typed name (payloadOf leaves the verb out).
    const payload = (name: string) => ({ ...payloadOf(button, 'untouched', later()), name });
    expect(await invoke(inOther(execute(h.w(), sanne, button.verb!, payload('Leerlab Noord-Holland'))))).toBe(t.ending.wrongName);
    const right = payload('leerlab gorinchem');
    expect(await invoke(inOther(execute(h.w(), sanne, button.verb!, right)))).toBe(t.ending.done);
  });

  it('every template and every branch with a button or an input was rendered, and every button parses', () => {
    const cards = new Map<string, Json>();
    for (const r of h.connector.requests) {
      const card = r.status !== undefined && r.status < 300 ? cardOf(r.body) : undefined;
      if (card) cards.set(JSON.stringify(card), card);
    }
    for (const a of answers) if (a.type === 'application/vnd.microsoft.card.adaptive') cards.set(JSON.stringify(a.value), a.value);

    const branches = new Map<string, Branch>();
    const marked = new Map<string, object>();
    for (const name of templateNames) {
      const m = markBranches(name, loadTemplate(name));
      marked.set(name, m.marked);
      for (const b of m.branches) branches.set(b.id, b);
    }
    const rendered = new Set<string>();
    const covered = new Set<string>();
    const unknown: string[] = [];
    const failures: string[] = [];
    const unfilled = new Set<string>();
    const unlimited = new Set<string>();
    const router = h.bot.app.router;
    for (const [json, card] of cards) {
      const source = renders.findLast((r) => r.json === json);
      if (!source) {
        unknown.push(textsOf(card)[0] ?? json.slice(0, 80));
        continue;
      }
      rendered.add(source.name);
      const { ids, card: expanded } = branchesRendered(marked.get(source.name)!, source.data);
      // The markers must not change what the template makes, or the coverage would be of another card.
      expect({ body: expanded.body, actions: expanded.actions }).toEqual({ body: card.body, actions: card.actions });
      for (const id of ids) covered.add(id);

      // Ids, verbs, data and limits come from the action contracts as template data: one the
      // data lacks would stay a literal "${…}" in the card.
      structural(card, (key, value) => unfilled.add(`${source.name}: ${key} ${JSON.stringify(value)}`));
      // Every text input has a numeric limit, so no card lets a user type what its schema refuses.
      for (const action of actionsOf(card)) {
        for (const input of action.inputs) if (input.type === 'Input.Text' && typeof input.maxLength !== 'number') unlimited.add(`${source.name}: ${input.id}`);
      }
      for (const action of actionsOf(card)) {
        const where = `${source.name} "${action.title}" (${action.verb})`;
        const schema = action.verb ? router.schemaOf(action.verb) : undefined;
        if (!schema) {
          failures.push(`${where}: verb not registered`);
          continue;
        }
        for (const mode of ['untouched', 'set'] as const) {
          const payload = payloadOf(action, mode, later());
          const parsed = schema.safeParse(payload);
          if (parsed.success) continue;
          // Teams does not send a card whose required inputs are empty; should one arrive anyway
          // (an old client), the schema may refuse it, but only with a Dutch message for the user.
          const requiredEmpty = action.inputs.some((i) => i.isRequired && !(i.id in payload));
          if (mode === 'untouched' && requiredEmpty && userMessageOf(parsed.error) !== t.common.badInput) continue;
          failures.push(`${where}, inputs ${mode}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        }
      }
    }
    expect(unknown, 'cards that reached Teams without a template').toEqual([]);
    expect(templateNames.filter((n) => !rendered.has(n) && !UNREACHABLE_TEMPLATES[n]), 'templates never rendered').toEqual([]);
    const missed = [...branches.values()].filter((b) => !covered.has(b.id) && !UNREACHABLE_BRANCHES[b.id]).map((b) => `${b.id} ${b.when}: ${b.holds.join(', ')}`);
    expect(missed, '$when branches with a button or an input never rendered').toEqual([]);
    expect(failures, 'buttons whose payload the schema refuses').toEqual([]);
    expect([...unfilled], 'ids, verbs, data or limits the template did not get').toEqual([]);
    expect([...unlimited], 'text inputs without a maxLength').toEqual([]);
    // The scenario really went through the cards: a few hundred buttons, not a handful.
    expect(cards.size).toBeGreaterThan(60);
  });
});
