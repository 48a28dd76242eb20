import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { utf16Bytes } from '../../src/cards/render.js';
import { describeEachStore } from '../helpers/db.js';
import { buttonsOf, cardOf, channelMessage, execute, personalConversationId, personalMessage, post, textsOf, TEAM_ID, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:k${n}`, aadObjectId: `aad-k-${n}`, name });
const sanne = u(1, 'Sanne de Vries'); // projectleider, no school
const pieter = u(2, 'Pieter Bakker'); // docent at the vo school
const fatima = u(3, 'Fatima el Amrani'); // docent at the mbo school
const UNPARSEABLE = 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.';

describeEachStore('the calendar: public holidays, an mbo school’s own weeks, the end of the shipped data', (kind) => {
  // Monday 6 March 2028, 10:00 in Amsterdam (CET).
  let now = Date.UTC(2028, 2, 6, 9, 0);
  const s = useInstalledBot({ clock: { now: () => now }, database: kind });
  const { w, invoke } = s;
  const nudgesTo = (who: User) => s.connector.sentTo(`a:personal-${who.id}`).filter((r) => String(r.body.text ?? '').startsWith('Herinnering: de reflectie sluit'));
  const nudgeCounts = () => [sanne, pieter, fatima].map((who) => nudgesTo(who).length);
  let vo = '';
  let mbo = '';

  beforeAll(async () => {
    const { repo } = s.bot.app.services;
    const schools = await repo.replaceSchools(s.pid, [{ name: 'Vmbo De Schakel', type: 'vo' }, { name: 'ROC Noord', type: 'mbo' }]);
    vo = schools[0]!.id;
    mbo = schools[1]!.id;
    await s.addMembers([
      { user: sanne, roles: ['projectleider'] },
      { user: pieter, roles: ['docent'], schoolId: vo },
      { user: fatima, roles: ['docent'], schoolId: mbo },
    ]);
    await s.bot.app.services.calendar.setRegion(s.pid, 'noord');
  });

  async function startRun(date: string): Promise<string> {
    await post(s.bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
    const data = newestButton(s.connector.sent(), 'Start de reflectie')!.data;
    await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date, time: '17:00', nudges: 'true' }));
    return runIdOnChannelCard(s.connector.sentTo(TEAM_ID));
  }

  async function at(utc: number) {
    now = utc;
    await s.bot.app.services.jobs.runDue();
  }

  it('the projectleider enters the mbo school’s own days on the vakanties card; bad input changes nothing', async () => {
    const add = (inputs: Record<string, string>) => invoke(execute(w(), sanne, 'holidays.schoolAdd', { pid: s.pid }, { region: 'noord', goedeVrijdag: 'false', bevrijdingsdag: 'false', ...inputs }));
    const weeks = async () => (await s.bot.app.services.calendar.settings(s.pid)).schoolWeeks;
    // The vo school sets no own holidays; an unknown id neither; a docent may not.
    expect((await add({ school: vo, schoolName: 'Studiedagen', schoolFrom: '2028-03-13', schoolTo: '2028-03-14' })).value).toBe('Kies een mbo-school van het partnerschap.');
    expect((await add({ school: '00000000-0000-4000-8000-000000000000', schoolName: 'Studiedagen', schoolFrom: '2028-03-13' })).value).toBe('Kies een mbo-school van het partnerschap.');
    expect((await add({ schoolName: 'Studiedagen', schoolFrom: '2028-03-13' })).value).toBe('Kies een mbo-school van het partnerschap.');
    expect((await add({ school: mbo, schoolFrom: '2028-03-13' })).value).toBe('Geef de vrije dag of week een naam.');
    expect((await add({ school: mbo, schoolName: 'Studiedagen', schoolFrom: '13-03-2028' })).value).toBe('Vul een geldige datum in.');
    expect((await add({ school: mbo, schoolName: 'Studiedagen', schoolFrom: '2028-03-14', schoolTo: '2028-03-13' })).value).toBe('De einddatum ligt vóór de begindatum.');
    expect((await invoke(execute(w(), pieter, 'holidays.schoolAdd', { pid: s.pid }, { school: mbo, schoolName: 'Studiedagen', schoolFrom: '2028-03-13' }))).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect(await weeks()).toEqual({});

    const added = await add({ school: mbo, schoolName: 'Studiedagen ROC', schoolFrom: '2028-03-13', schoolTo: '2028-03-14' });
    const texts = textsOf(added.value);
    // The notice opens the card's intro.
    expect(texts[1]).toMatch(/^Studiedagen ROC is toegevoegd voor ROC Noord\.\n\n/);
    expect(texts).toContain('**ROC Noord**, Studiedagen ROC: ma 13 maart 2028 t/m di 14 maart 2028');
    expect(await weeks()).toEqual({ [mbo]: [{ name: 'Studiedagen ROC', from: '2028-03-13', to: '2028-03-14' }] });
    // A removal names the school and the week; a wrong pair changes nothing.
    const remove = buttonsOf(added.value).find((b) => b.verb === 'holidays.schoolRemove')!;
    expect(remove.data).toEqual({ pid: s.pid, schoolId: mbo, key: '2028-03-13|2028-03-14' });
    expect((await invoke(execute(w(), sanne, 'holidays.schoolRemove', { ...remove.data, schoolId: vo }))).value).toBe('Die week staat niet (meer) bij die school.');
    expect((await invoke(execute(w(), sanne, 'holidays.schoolRemove', { ...remove.data, key: '2028-03-13|2028-03-15' }))).value).toBe('Die week staat niet (meer) bij die school.');
    expect((await invoke(execute(w(), sanne, 'holidays.schoolRemove', { ...remove.data, schoolId: 'ROC' }))).value).toBe(UNPARSEABLE);
    expect(Object.keys(await weeks())).toEqual([mbo]);
  });

  it('the mbo school’s own days move its people’s nudges, not those of the vo school', async () => {
    // Deadline Wednesday 15 March 2028, 17:00; nudges on Sunday 12 and Tuesday 14 March, 17:00.
    await startRun('2028-03-15');
    // Sunday: everyone's nudge moves, the region's to Monday 08:00, ROC Noord's past its own days to Wednesday 08:00.
    await at(Date.UTC(2028, 2, 12, 16, 0));
    expect(nudgeCounts()).toEqual([0, 0, 0]);
    await at(Date.UTC(2028, 2, 13, 7, 0)); // Monday 08:00: a study day at ROC Noord only
    expect(nudgeCounts()).toEqual([1, 1, 0]);
    await at(Date.UTC(2028, 2, 14, 16, 0)); // Tuesday 17:00: the one-day nudge, still a study day at ROC Noord
    expect(nudgeCounts()).toEqual([2, 2, 0]);
    await at(Date.UTC(2028, 2, 15, 7, 0)); // Wednesday 08:00: both of Fatima's, before the 17:00 deadline
    expect(nudgeCounts()).toEqual([2, 2, 2]);
    await at(Date.UTC(2028, 2, 15, 7, 5));
    expect(nudgeCounts()).toEqual([2, 2, 2]);
    await at(Date.UTC(2028, 2, 15, 16, 0)); // the run closes
  });

  it('a nudge on Koningsdag (Thursday 27 April 2028) moves to Friday 08:00, for every school', async () => {
    now = Date.UTC(2028, 3, 24, 7, 0); // Monday 24 April 2028, 09:00 (CEST)
    // Deadline Friday 28 April, 17:00; nudges on Tuesday 25 and Thursday 27 April, 17:00.
    await startRun('2028-04-28');
    await at(Date.UTC(2028, 3, 25, 15, 0));
    expect(nudgeCounts()).toEqual([3, 3, 3]);
    await at(Date.UTC(2028, 3, 27, 15, 0)); // Koningsdag, a public holiday: not in the school holiday data
    expect(nudgeCounts()).toEqual([3, 3, 3]);
    await at(Date.UTC(2028, 3, 28, 5, 59)); // Friday 07:59
    expect(nudgeCounts()).toEqual([3, 3, 3]);
    await at(Date.UTC(2028, 3, 28, 6, 0)); // Friday 08:00
    expect(nudgeCounts()).toEqual([4, 4, 4]);
    expect(nudgesTo(fatima).at(-1)!.body.text).toContain('de reflectie sluit op vr 28 april 2028 om 17:00.');
    await at(Date.UTC(2028, 3, 28, 15, 0));
  });

  it('Goede Vrijdag and Bevrijdingsdag count only when switched on; a bad toggle value changes nothing', async () => {
    const days = async () => (await s.bot.app.services.calendar.holidays(s.pid)).filter((h) => h.from.startsWith('2028-')).map((h) => h.name);
    expect(await days()).not.toContain('Goede Vrijdag');
    expect(await days()).toContain('Koningsdag');
    expect(await days()).not.toContain('Nationale Dodenherdenking');
    expect((await invoke(execute(w(), sanne, 'holidays.optional', { pid: s.pid }, { goedeVrijdag: 'ja' }))).value).toBe(UNPARSEABLE);
    const saved = await invoke(execute(w(), sanne, 'holidays.optional', { pid: s.pid }, { region: 'noord', goedeVrijdag: 'true', bevrijdingsdag: 'false' }));
    expect(textsOf(saved.value)[1]).toMatch(/^De feestdagen zijn opgeslagen\.\n\n/);
    expect((await days()).filter((d) => d === 'Goede Vrijdag' || d === 'Bevrijdingsdag')).toEqual(['Goede Vrijdag']);
    expect((await s.bot.app.services.calendar.holidays(s.pid)).find((h) => h.name === 'Goede Vrijdag' && h.from.startsWith('2028-'))).toEqual({ name: 'Goede Vrijdag', from: '2028-04-14', to: '2028-04-14' });
    // The mbo school's calendar has the public holidays too.
    expect((await s.bot.app.services.calendar.holidays(s.pid, mbo)).filter((h) => h.from === '2028-04-14').map((h) => h.name)).toEqual(['Goede Vrijdag']);
    // An unset toggle (left out) is off.
    await invoke(execute(w(), sanne, 'holidays.optional', { pid: s.pid }, { region: 'noord' }));
    expect((await days()).filter((d) => d === 'Goede Vrijdag' || d === 'Bevrijdingsdag')).toEqual([]);
  });

  it('at most 20 own weeks per mbo school; the full card stays under 28 KB', async () => {
    now = Date.UTC(2028, 4, 1, 8, 0); // Monday 1 May 2028
    const { calendar } = s.bot.app.services;
    for (let d = 1; d <= 19; d++) await calendar.addSchoolHoliday(s.pid, mbo, { name: `Studiedag *ROC* ${'x'.repeat(60)} ${d}`, from: `2028-06-${String(d).padStart(2, '0')}`, to: `2028-06-${String(d).padStart(2, '0')}` });
    for (let d = 1; d <= 30; d++) await calendar.addHoliday(s.pid, { name: `Vrij *samen* ${'y'.repeat(60)} ${d}`, from: `2028-07-${String(d).padStart(2, '0')}`, to: `2028-07-${String(d).padStart(2, '0')}` });
    const refused = await invoke(execute(w(), sanne, 'holidays.schoolAdd', { pid: s.pid }, { school: mbo, schoolName: 'Nog een', schoolFrom: '2028-06-25' }));
    expect(refused.value).toBe('Deze school heeft al 20 eigen weken. Verwijder er eerst een.');
    const full = await invoke(execute(w(), sanne, 'holidays.show', { pid: s.pid }));
    if (typeof full.value === 'string') throw new Error(full.value);
    expect(utf16Bytes(full.value)).toBeLessThan(28 * 1024);
    // The earliest are listed, the rest counted: 19 weeks of ROC Noord still to come (the one in
    // March is past), 30 own days and the May and summer holidays of 2028.
    const texts = textsOf(full.value);
    const counted = (re: RegExp) => Number(texts.map((x) => re.exec(x)?.[1]).find(Boolean) ?? 0);
    const school = texts.filter((x) => x.startsWith('**ROC Noord**')).length;
    const main = texts.filter((x) => x.startsWith('**Vrij') || x.startsWith('**Meivakantie') || x.startsWith('**Zomervakantie')).length;
    expect(school + counted(/^En nog (\d+) eigen weken? later\.$/)).toBe(19);
    expect(main + counted(/^En nog (\d+) vakanties en vrije dagen later\./)).toBe(32);
    expect(main).toBeLessThan(32);
  });

  describe('when the shipped holiday data runs out', () => {
    // Region noord: the shipped data ends with the summer holiday on Sunday 27 August 2028.
    const progressCard = async () => {
      const chat = personalConversationId(sanne);
      const before = s.connector.sentTo(chat).length;
      await post(s.bot.messagesUrl, personalMessage(w(), sanne, 'voortgang'));
      const card = s.connector
        .sentTo(chat)
        .slice(before)
        .map((r) => cardOf(r.body))
        .find((c) => c && String(textsOf(c)[0]).startsWith('Voortgang'));
      expect(card).toBeDefined();
      return textsOf(card);
    };
    const warning = (texts: string[]) => texts.filter((x) => x.startsWith('Let op: de meegeleverde schoolvakanties'));

    it('the voortgang card says nothing on 26 May 2028, more than three months before the end', async () => {
      now = Date.UTC(2028, 4, 26, 8, 0);
      const texts = await progressCard();
      expect(texts).not.toContain('Schoolvakanties');
      expect(warning(texts)).toEqual([]);
    });

    it('tells the projectleider from 27 May 2028, three months before the end, and after the end', async () => {
      now = Date.UTC(2028, 4, 27, 8, 0);
      let texts = await progressCard();
      expect(texts).toContain('Schoolvakanties');
      expect(warning(texts)).toEqual([
        'Let op: de meegeleverde schoolvakanties lopen tot en met 27 augustus 2028. Daarna weet Leerlab niet meer wanneer het vakantie is, en gaan herinneringen ook in vakanties. Laat de beheerder de bot bijwerken, of zet de vakanties van het volgende schooljaar zelf op de kaart Vakanties.',
      ]);
      now = Date.UTC(2028, 7, 28, 8, 0); // Monday 28 August 2028
      texts = await progressCard();
      expect(warning(texts)).toEqual([
        'Let op: de meegeleverde schoolvakanties liepen tot en met 27 augustus 2028. Leerlab weet nu niet wanneer het vakantie is, en herinneringen gaan ook in vakanties. Laat de beheerder de bot bijwerken, of zet de vakanties zelf op de kaart Vakanties.',
      ]);
    });
  });
});
