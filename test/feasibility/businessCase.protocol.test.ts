import { describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { describeEachStore } from '../helpers/db.js';
import { buttonsOf, CHANNELS, channelMessage, execute, newestButton, post, textsOf, type User } from '../helpers/teams.js';

/**
 * The business case of content v2 over the wire: inflow per school, the business case on three
 * cards (costs, subsidies, transfers), companies five to a card, the overview per school and per
 * year, and a suggested verdict that names the year places fall short, then a decision by the
 * regiegroep. New studies are v2 (LATEST_CONTENT), so no content is mocked. Ambitie and Wettelijk en
 * praktisch belong to the route design and are stored directly with what the case reads
 * (profiles; route years and the BPV start).
 */

const u = (n: number, name: string): User => ({ id: `29:bc${n}`, aadObjectId: `aad-bc-${n}`, name });
const marieke = u(1, 'Marieke van Halm'); // projectleider, in the werkgroep
const joost = u(2, 'Joost de Wit'); // docent vmbo, in the werkgroep
const ruud = u(3, 'Ruud Smit'); // regiegroep

describeEachStore('the business case per school, over the wire', (kind) => {
  const h = useInstalledBot({ database: kind });
  let studyId = '';
  const ids: Record<string, string> = {};
  const save = (who: User, data: Record<string, unknown>, inputs: Record<string, string>) => h.invoke(execute(h.w(), who, 'feasibility.save', data, inputs));
  const open = (who: User, part: string) => h.invoke(execute(h.w(), who, 'feasibility.open', { studyId, part }));
  const button = (card: unknown, title: string) => {
    const b = buttonsOf(card).find((x) => x.title === title);
    if (!b) throw new Error(`no ${title} on ${textsOf(card)[0]}`);
    return b.data;
  };

  it('starts a study in the werkgroep channel; Ambitie and the route design are given', async () => {
    const { repo } = h.bot.app.services;
    const [a, b, m] = await repo.replaceSchools(h.pid, [
      { name: 'Vmbo A', type: 'vo' },
      { name: 'Vmbo B', type: 'vo' },
      { name: 'Mbo M', type: 'mbo' },
      { name: 'Bakkerij De Korf', type: 'bedrijf' },
    ]);
    Object.assign(ids, { a: a!.id, b: b!.id, m: m!.id });
    const [wg] = await repo.replaceWerkgroepen(h.pid, [{ name: 'Werkgroep techniek', channelId: CHANNELS.docenten.id, channelName: 'Docentwerkgroep Zorg' }]);
    const [pl] = await h.addMembers([
      { user: marieke, roles: ['projectleider'], werkgroepIds: [wg!.id] },
      { user: joost, roles: ['docent'], schoolId: a!.id, werkgroepIds: [wg!.id] },
      { user: ruud, roles: ['regiegroep'], schoolId: b!.id },
    ]);
    await post(h.bot.messagesUrl, channelMessage(h.w(), joost, 'haalbaarheid', CHANNELS.docenten));
    studyId = newestButton(h.connector.sent(), 'Open: Instroom').data.studyId;
    const f = h.bot.app.feasibility.repo;
    expect((await f.get(studyId))!.content_version).toBe(2);
    await f.save(studyId, 'ambitie', 0, { profiles: 'Techniek' }, 'beantwoord', pl!);
    await f.save(studyId, 'juridisch', 0, { routeYears: 4, bpvFromYear: 3 }, 'beantwoord', pl!);
  });

  it('inflow per vo school', async () => {
    const card = (await open(joost, 'instroom')).value;
    expect(textsOf(card)[0]).toBe('Instroom (versie 1)');
    const saved = await save(joost, button(card, 'Opslaan'), { inflow_0: '5', inflow_1: '3', total: '8', minGroup: '6' });
    expect(textsOf(saved.value)).toContain('**Instroom**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
  });

  it('the business case on three cards: costs, subsidies, transfers; a transfer to the same school is refused and nothing is stored', async () => {
    const costs = (await open(joost, 'businesscase')).value;
    expect(textsOf(costs)[0]).toBe('Business case (versie 1) · kaart 1 van 3');
    expect(buttonsOf(costs).map((b) => b.title)).toEqual(['Opslaan', 'Opslaan, volgende kaart', 'Terug naar overzicht']);
    const subsidies = (await save(joost, button(costs, 'Opslaan, volgende kaart'), { voPerPupil: '7000', mboPerPupil: '6000', cost_0: '20000', cost_1: '15000', cost_2: '60000', devCost_2: '30000', devYears: '1, 2' })).value;
    expect(textsOf(subsidies)[0]).toBe('Business case (versie 1) · kaart 2 van 3');
    const transfers = (await save(joost, button(subsidies, 'Opslaan, volgende kaart'), { subsidies0_school: ids.a!, subsidies0_amount: '10000', subsidies0_years: '1-2' })).value;
    expect(textsOf(transfers)[0]).toBe('Business case (versie 1) · kaart 3 van 3');
    expect(buttonsOf(transfers).map((b) => b.title)).toEqual(['Opslaan', 'Opslaan, vorige kaart', 'Terug naar overzicht']);

    const before = (await h.bot.app.feasibility.repo.part(studyId, 'businesscase'))!;
    const refused = await save(joost, button(transfers, 'Opslaan'), { transfers0_from: ids.m!, transfers0_to: ids.m!, transfers0_pupil: '1000', transfers0_years: '3, 4' });
    expect(refused.value).toBe('Overdracht 1: bekostiging gaat van de ene school naar een andere. Kies twee verschillende scholen.');
    const stale = await save(joost, { ...button(transfers, 'Opslaan'), page: '7' }, {});
    // A page the part does not have (a forged or stale button): refused in Dutch.
    expect(stale.value).toBe('Deze kaart is verouderd. Typ de opdracht opnieuw voor een nieuwe kaart.');
    expect((await h.bot.app.feasibility.repo.part(studyId, 'businesscase'))!.revision).toBe(before.revision);

    const saved = await save(joost, button(transfers, 'Opslaan'), { transfers0_from: ids.m!, transfers0_to: ids.a!, transfers0_pupil: '1000', transfers0_years: '3, 4' });
    expect(textsOf(saved.value)).toContain('**Business case**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
    // Each card kept the others' answers.
    expect((await h.bot.app.feasibility.repo.part(studyId, 'businesscase'))!.values).toMatchObject({ [`cost.${ids.a}`]: 20000, [`devCost.${ids.m}`]: 30000, devYears: '1, 2', 'subsidies.0.years': '1, 2', 'transfers.0.routeYears': '3, 4' });
  });

  it('companies five to a card; the second card keeps the first', async () => {
    const first = (await open(joost, 'partners')).value;
    expect(textsOf(first)[0]).toBe('Partners en bedrijven (versie 1) · bedrijf 1 t/m 5 van 20');
    const second = (await save(joost, button(first, 'Opslaan, volgende bedrijven'), { c0_name: 'Bakkerij De Korf', c0_places: '4', c0_hours: '2' })).value;
    expect(textsOf(second)[0]).toBe('Partners en bedrijven (versie 1) · bedrijf 6 t/m 10 van 20');
    expect(buttonsOf(second).map((b) => b.title)).toEqual(['Opslaan', 'Opslaan, vorige bedrijven', 'Opslaan, volgende bedrijven', 'Terug naar overzicht']);
    expect((await save(joost, button(second, 'Opslaan'), { c5_hours: 'veel' })).value).toBe('Bedrijf 6: uren begeleiding per leerling per week: vul een getal in, bijvoorbeeld 2 of 1,5.');
    await save(joost, button(second, 'Opslaan'), { c5_name: 'Garage Verhoef', c5_places: '3', c5_hours: '1,5' });
    const stored = (await h.bot.app.feasibility.repo.part(studyId, 'partners'))!.values;
    expect([stored['company.0.name'], stored['company.0.places'], stored['company.5.name'], stored['company.5.hours']]).toEqual(['Bakkerij De Korf', 4, 'Garage Verhoef', 1.5]);
  });

  it('the overview shows the case per school and per year and suggests "niet haalbaar zoals gepland" for places short in year 3', async () => {
    const card = (await open(joost, 'risicos')).value;
    const overview = textsOf((await save(joost, button(card, 'Opslaan'), { risks: 'Personeelstekort bij de garage.', capacity: 'Een tweede garage zoeken.' })).value);
    // The hand-worked table of businessCase.test.ts ("two vo schools and one mbo school").
    expect(overview).toContain('Jaar 1 (8 leerlingen in de route): kosten € 125.000, inkomsten € 66.000, saldo € -59.000, dekking 52,8%');
    expect(overview).toContain('Jaar 3 (24 leerlingen in de route): kosten € 95.000, inkomsten € 160.000, saldo € 65.000, dekking 168,4%');
    expect(overview).toContain('Vijf jaar samen: kosten € 535.000, inkomsten € 764.000, saldo € 229.000, dekking 142,8%.');
    expect(overview).toContain('De route dekt zichzelf vanaf jaar 3.');
    expect(overview).toContain('Vmbo A: € 25.000 · € 60.000 · € 55.000 · € 60.000 · € 60.000; vijf jaar: kosten € 100.000, inkomsten € 360.000, dekking 360,0%');
    expect(overview).toContain('Vmbo B: € 6.000 · € 27.000 · € 27.000 · € 27.000 · € 27.000; vijf jaar: kosten € 75.000, inkomsten € 189.000, dekking 252,0%');
    expect(overview).toContain('Mbo M: € -90.000 · € -90.000 · € -17.000 · € 26.000 · € 26.000; vijf jaar: kosten € 360.000, inkomsten € 215.000, dekking 59,7%');
    expect(overview).toContain('Leerlingen in de BPV (vanaf routejaar 3), jaar 1 t/m 5: 0 · 0 · 8 · 16 · 16; plekken bij de bedrijven: 7.');
    expect(overview).toContain('**Niet haalbaar zoals gepland**');
    expect(overview).toContain('Te weinig BPV-plekken in jaar 3: 8 leerlingen in de BPV, 7 plekken bij de bedrijven.');
    expect(overview).toContain('Dit is een voorstel. Het besluit neemt de regiegroep of de projectleider.');
  });

  it('the regiegroep decides; the suggestion is kept beside the decision', async () => {
    const form = (await h.invoke(execute(h.w(), ruud, 'feasibility.decideCard', { studyId }))).value;
    expect(textsOf(form)[0]).toBe('Besluit nemen');
    expect(textsOf(form)).toContain('Te weinig BPV-plekken in jaar 3: 8 leerlingen in de BPV, 7 plekken bij de bedrijven.');
    const decided = await h.invoke(execute(h.w(), ruud, 'feasibility.decide', button(form, 'Besluit vastleggen'), { verdict: 'haalbaar-onder-voorwaarden', reasons: 'Haalbaar als er voor jaar 3 een tweede garage is.', conditions: 'Een tweede garage met 2 plekken voor jaar 3' }));
    expect(textsOf(decided.value)[0]).toBe('Besluit haalbaarheid: Werkgroep techniek');
    expect(await h.bot.app.feasibility.repo.decision(studyId)).toMatchObject({ verdict: 'haalbaar-onder-voorwaarden', suggested: 'niet-haalbaar' });
  });
});
