import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import type { School } from '../../src/partnership/repo.js';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, installInTeam, post, TEAM_ID, TENANT_ID, textsOf, type User } from '../helpers/teams.js';

const u = (n: number, name: string): User => ({ id: `29:g${n}`, aadObjectId: `aad-g-${n}`, name });
const marieke = u(1, 'Marieke van Halm'); // projectleider and onderzoeker
const joost = u(2, 'Joost de Wit'); // docent vmbo, in the werkgroep
const ilse = u(3, 'Ilse Kramer'); // docent mbo, in the werkgroep
const ruud = u(4, 'Ruud Smit'); // regiegroep
const buiten = u(5, 'Bram Buiten'); // docent, not in the werkgroep

let connector: FakeConnector;
let bot: RunningBot;
let studyId = '';
let schools: School[] = [];
const w = () => ({ serviceUrl: connector.serviceUrl });
const inChannel = () => ({ serviceUrl: connector.serviceUrl });

async function invoke(activity: unknown) {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as { type: string; value: any };
}
/** Fills a part as the card would send it: strings, empty inputs left out. */
async function fill(who: User, part: string, inputs: Record<string, string>, rev?: number) {
  const opened = await invoke(execute(w(), who, 'feasibility.open', { studyId, part }));
  const data = buttonsOf(opened.value).find((b) => b.title === 'Opslaan')!.data;
  return invoke(execute(w(), who, 'feasibility.save', { ...data, ...(rev !== undefined ? { rev: String(rev) } : {}) }, inputs));
}
/** Fills a part that spans several cards (content v2): "Opslaan, volgende …" on each card but the last, "Opslaan" there. */
async function fillPages(who: User, part: string, pages: Array<Record<string, string>>) {
  let card = (await invoke(execute(w(), who, 'feasibility.open', { studyId, part }))).value;
  for (const [i, inputs] of pages.entries()) {
    const last = i === pages.length - 1;
    const button = buttonsOf(card).find((b) => (last ? b.title === 'Opslaan' : b.title.startsWith('Opslaan, volgende')))!;
    const res = await invoke(execute(w(), who, 'feasibility.save', button.data, inputs));
    expect(typeof res.value, String(res.value)).toBe('object');
    card = res.value;
  }
  return card;
}
const schoolId = (name: string) => schools.find((x) => x.name === name)!.id;

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot();
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  await repo.rename(p.id, 'Leerlab Gorinchem');
  const [vo1, vo2, mbo] = await repo.replaceSchools(p.id, [
    { name: 'Vmbo Gorinchem', type: 'vo' },
    { name: 'Vmbo Leerdam', type: 'vo' },
    { name: 'ROC Da Vinci', type: 'mbo' },
    { name: 'Van der Valk', type: 'bedrijf' },
  ]);
  const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Werkgroep horeca', channelId: CHANNELS.docenten.id, channelName: 'Docentwerkgroep Zorg' }]);
  const ids = await repo.upsertMembers(p.id, [marieke, joost, ilse, ruud, buiten].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [wg!.id] });
  await repo.assignMember(ids[1]!, p.id, { roles: ['docent'], schoolId: vo1!.id, werkgroepIds: [wg!.id] });
  await repo.assignMember(ids[2]!, p.id, { roles: ['docent'], schoolId: mbo!.id, werkgroepIds: [wg!.id] });
  await repo.assignMember(ids[3]!, p.id, { roles: ['regiegroep'], schoolId: vo2!.id, werkgroepIds: [] });
  await repo.assignMember(ids[4]!, p.id, { roles: ['docent'], schoolId: vo2!.id, werkgroepIds: [] });
  schools = await repo.schools(p.id);
  // The study's first version was made with content v1 (before the route design), on purpose:
  // this file walks a v1 study over the wire and its next version, which takes content v2 with
  // the answers copied. (New studies start on v2: businessCase.protocol.test.ts and
  // route.protocol.test.ts walk those from the channel.)
  await bot.app.feasibility.repo.create({ partnershipId: p.id, werkgroepId: wg!.id, memberId: ids[0]!, partIds: feasibilityContent(1).parts.map((x) => x.id), contentVersion: 1 });
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('a feasibility study like Gorinchem', () => {
  it('starts in the werkgroep channel with an overview of six open parts', async () => {
    await post(bot.messagesUrl, channelMessage(inChannel(), joost, 'haalbaarheid', CHANNELS.general));
    expect(connector.sent().at(-1)!.body.text).toContain('Start het haalbaarheidsonderzoek in het kanaal van een werkgroep.');
    await post(bot.messagesUrl, channelMessage(inChannel(), joost, 'haalbaarheid', CHANNELS.docenten));
    const overview = cardOf(connector.sent().at(-1)!.body);
    expect(textsOf(overview)[0]).toBe('Haalbaarheidsonderzoek Werkgroep horeca (versie 1)');
    expect(textsOf(overview).filter((x) => x.includes(': open · eigenaar: nog niemand'))).toHaveLength(6);
    studyId = buttonsOf(overview).find((b) => b.title === 'Open: Instroom')!.data.studyId;
  });

  it('the projectleider assigns owners and due dates; a docent may not', async () => {
    expect((await invoke(execute(w(), joost, 'feasibility.assignCard', { studyId }))).value).toBe('Dit mag alleen de projectleider.');
    const card = await invoke(execute(w(), marieke, 'feasibility.assignCard', { studyId }));
    const data = buttonsOf(card.value).find((b) => b.title === 'Opslaan')!.data;
    // Werkgroep members in name order: Ilse (m0), Joost (m1), Marieke (m2).
    const res = await invoke(execute(w(), marieke, 'feasibility.assign', data, { o_instroom: 'm1', d_instroom: '2026-12-15', o_businesscase: 'm0' }));
    expect(textsOf(res.value)).toContain('**Instroom**: open · eigenaar: Joost de Wit · klaar op: 2026-12-15');
    expect(textsOf(res.value)).toContain('**Business case**: open · eigenaar: Ilse Kramer · klaar op: geen datum');
    expect((await invoke(execute(w(), marieke, 'feasibility.assign', data, { o_instroom: 'm9' }))).value).toBe('Kies een eigenaar uit de werkgroep.');
  });

  it('refuses bad input in Dutch and changes nothing', async () => {
    expect((await fill(joost, 'instroom', { inflow_0: 'acht' })).value).toBe('Verwachte leerlingen per jaar: Vmbo Gorinchem: vul een heel getal in.');
    expect((await fill(joost, 'instroom', { inflow_0: '-3' })).value).toBe('Verwachte leerlingen per jaar: Vmbo Gorinchem: mag niet negatief zijn.');
    expect((await fill(joost, 'instroom', { inflow_0: '5', inflow_1: '3', total: '9' })).value).toBe('Het totaal (9) klopt niet met de som per school (8).');
    expect((await fill(joost, 'ambitie', { profiles: 'Horeca', route: 'geintegreerd-mbo2', leerweg: 'kader' })).value).toContain('Een geïntegreerde leerroute kan alleen van vmbo-basis naar mbo 2.');
    expect((await fill(joost, 'ambitie', { route: 'geintegreerd-mbo3' })).value).toBe('Welke route?: kies een van de mogelijkheden.');
    expect((await invoke(execute(w(), buiten, 'feasibility.open', { studyId, part: 'instroom' }))).value).toBe('Je hoort niet bij deze werkgroep. Vraag de projectleider om je toe te voegen.');
    expect((await fill(joost, 'instroom', { inflow_0: '5', extra: '1' })).value).toBe('Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.');
    const parts = await bot.app.feasibility.repo.parts(studyId);
    expect(parts.every((p) => p.revision === 0 && p.data === '{}')).toBe(true);
    // "Terug naar overzicht" on a part card arrives with the part's inputs, as Teams sends them.
    const back = await invoke(execute(w(), joost, 'feasibility.overview', { studyId }, { inflow_0: '7', minGroup: '12' }));
    expect(textsOf(back.value)[0]).toBe('Haalbaarheidsonderzoek Werkgroep horeca (versie 1)');
  });

  it('version 1 with one profile: coverage gap and the suggestion "niet haalbaar"', async () => {
    await fill(joost, 'ambitie', { profiles: 'Horeca', route: 'doorlopend-mbo2', leerweg: 'basis', bring: 'Praktijklokalen', get: 'Meer instroom' });
    await fill(joost, 'instroom', { inflow_0: '5', inflow_1: '3', total: '8', minGroup: '12' });
    await fill(ilse, 'businesscase', { years: '4', costTeaching: '60000', costSupervision: '10000', costMaterials: '5000', costLocation: '8000', costCoordination: '7000', voPerPupil: '7000', mboPerPupil: '6500', transferPerPupil: '0' });
    await fill(ilse, 'partners', { c0_name: 'Van der Valk', c0_places: '6', c0_sup: '2' });
    await fill(joost, 'juridisch', { exam: 'jaar4', location: 'gemengd', overstap: 'Terug naar het gewone vmbo-programma tot het einde van leerjaar 2.', duoDate: '2027-06-01', responsibilities: 'Vo: onderwijs en examen vmbo. Mbo: onderwijs, examen en diploma mbo.' });
    expect((await bot.app.feasibility.repo.get(studyId))!.content_version).toBe(1);
    const last = await fill(joost, 'risicos', { risks: 'Te weinig leerlingen voor horeca alleen.' });

    const texts = textsOf(last.value);
    // v1 asked the costs for the route as a whole (90,000 a year) and inflow per vo school (5 + 3).
    // Cohorts of 8: pupils in the route 8, 16, 24, 32, 32. Funding: vo 7,000 x route years 1-2, mbo 6,500 x 3-4:
    // y1 56,000; y2 112,000; y3 112,000 + 52,000 = 164,000; y4 and y5 112,000 + 104,000 = 216,000.
    // Five years: 764,000 of 450,000 = 169.8%; covered from year 2 (112,000 ≥ 90,000).
    expect(texts).toContain('Instroom 8 leerlingen per jaar; minimale groep 12; route van 4 jaar. Elk jaar start een nieuw cohort; vo-bekostiging in routejaar 1 en 2, daarna mbo-bekostiging.');
    expect(texts).toContain('Jaar 1 (8 leerlingen in de route): kosten € 90.000, inkomsten € 56.000, saldo € -34.000, dekking 62,2%');
    expect(texts).toContain('Jaar 3 (24 leerlingen in de route): kosten € 90.000, inkomsten € 164.000, saldo € 74.000, dekking 182,2%');
    expect(texts).toContain('Vijf jaar samen: kosten € 450.000, inkomsten € 764.000, saldo € 314.000, dekking 169,8%.');
    expect(texts).toContain('De route dekt zichzelf vanaf jaar 2.');
    // Per school: Vmbo Gorinchem gets vo funding for its 5 (35,000, then 70,000 a year) and had no costs of its own in v1.
    expect(texts).toContain('Vmbo Gorinchem: € 35.000 · € 70.000 · € 70.000 · € 70.000 · € 70.000; vijf jaar: kosten € 0, inkomsten € 315.000, dekking –');
    expect(texts).toContain('**Niet haalbaar zoals gepland**');
    expect(texts).toContain('De instroom (8 leerlingen per jaar) is lager dan de minimale groep (12).');
    // BPV from route year 1 (v1 does not ask it): 8 pupils in year 1, 6 places.
    expect(texts).toContain('Te weinig BPV-plekken in jaar 1: 8 leerlingen in de BPV, 6 plekken bij de bedrijven.');
    expect(texts.some((x) => x.includes('Gorinchem had hetzelfde probleem en verbreedde de route naar meer profielen'))).toBe(true);

    // The shared overview in the werkgroep channel was updated in place, with the last change.
    const put = connector.updates().at(-1)!;
    expect(textsOf(cardOf(put.body))).toContain('**Risico\'s en voorwaarden**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
    expect(textsOf(cardOf(put.body))).toContain('**Instroom**: beantwoord · eigenaar: Joost de Wit · klaar op: 2026-12-15');
    expect(textsOf(cardOf(put.body)).some((x) => x.startsWith('Laatste wijziging: Joost de Wit,'))).toBe(true);
  });

  it('a docent cannot record a go/no-go (refused, nothing stored) but can propose one', async () => {
    const refused = await invoke(execute(w(), joost, 'feasibility.decide', { studyId }, { verdict: 'haalbaar', reasons: 'Ik vind het haalbaar.' }));
    expect(refused.value).toBe('Een besluit (go/no-go: gaan we door of niet?) neemt de regiegroep of de projectleider. Jij kunt wel een voorstel doen: kies **Besluit nemen** en dan **Voorstel doen**.');
    expect(await bot.app.feasibility.repo.decision(studyId)).toBeUndefined();
    expect((await bot.app.feasibility.repo.get(studyId))!.status).not.toBe('decided');

    // His "Besluit nemen" opens the same form as a proposal.
    const form = await invoke(execute(w(), joost, 'feasibility.decideCard', { studyId }));
    expect(textsOf(form.value)[0]).toBe('Voorstel doen');
    expect(textsOf(form.value)[1]).toBe('Het besluit (go/no-go: gaan we door of niet?) neemt de regiegroep of de projectleider. Doe hier je voorstel. Zij zien het bij het besluit.');
    const button = buttonsOf(form.value).find((b) => b.title === 'Voorstel doen')!;
    expect(button.verb).toBe('feasibility.propose');
    const proposed = await invoke(execute(w(), joost, 'feasibility.propose', button.data, { verdict: 'niet-haalbaar', reasons: 'Alleen horeca geeft te weinig leerlingen.' }));
    expect(proposed.value).toBe('Je voorstel is opgeslagen. De regiegroep of de projectleider neemt het besluit.');
    expect(await bot.app.feasibility.repo.decision(studyId)).toBeUndefined();
    expect(await bot.app.feasibility.repo.proposal(studyId)).toMatchObject({ verdict: 'niet-haalbaar', reasons: 'Alleen horeca geeft te weinig leerlingen.', conditions: '' });
    // The shared overview shows the proposal.
    const overview = textsOf(cardOf(connector.updates().at(-1)!.body));
    expect(overview).toContain('Voorstel uit de werkgroep');
    expect(overview.some((x) => /^Voorgesteld door Joost de Wit op .+: Niet haalbaar zoals gepland\.$/.test(x))).toBe(true);
    // Someone outside the werkgroep may not propose.
    expect((await invoke(execute(w(), buiten, 'feasibility.propose', button.data, { verdict: 'haalbaar', reasons: 'x' }))).value).toBe('Je hoort niet bij deze werkgroep. Vraag de projectleider om je toe te voegen.');
    expect((await bot.app.feasibility.repo.proposal(studyId))!.verdict).toBe('niet-haalbaar');
  });

  it('records the werkgroep decision and sends it to the channel and the regiegroep', async () => {
    const card = await invoke(execute(w(), marieke, 'feasibility.decideCard', { studyId }));
    expect(JSON.stringify(card.value)).toContain('"value":"niet-haalbaar"');
    // The projectleider sees the proposal, and the form starts from it.
    expect(textsOf(card.value)).toContain('Alleen horeca geeft te weinig leerlingen\\.');
    expect(JSON.stringify(card.value)).toContain('"id":"reasons","label":"Waarom?","isMultiline":true,"maxLength":2000,"isRequired":true,"value":"Alleen horeca geeft te weinig leerlingen."');
    expect(buttonsOf(card.value).map((b) => b.title)).toEqual(['Besluit vastleggen']);
    const decided = await invoke(execute(w(), marieke, 'feasibility.decide', { studyId }, { verdict: 'niet-haalbaar', reasons: 'Te weinig instroom uit alleen horeca, ook met twee vo-scholen.' }));
    expect(textsOf(decided.value)[0]).toBe('Besluit haalbaarheid: Werkgroep horeca');
    // Who proposed and who decided.
    expect(textsOf(decided.value).some((x) => /^Voorgesteld door Joost de Wit op .+: Niet haalbaar zoals gepland\.$/.test(x))).toBe(true);
    expect(textsOf(decided.value).some((x) => /^Besloten door Marieke van Halm op .+\.$/.test(x))).toBe(true);
    expect(await bot.app.feasibility.repo.decision(studyId)).toMatchObject({ verdict: 'niet-haalbaar' });
    expect(connector.sentTo(CHANNELS.docenten.id).some((r) => textsOf(cardOf(r.body))[0] === 'Besluit haalbaarheid: Werkgroep horeca')).toBe(true);
    expect(connector.created().some((r) => r.body.members[0].id === ruud.id)).toBe(true);
    expect((await fill(joost, 'risicos', { risks: 'x' })).value).toBe('Over deze versie is al besloten. Start een nieuwe versie om opnieuw te besluiten.');
  });

  it('version 2 with more profiles: "haalbaar onder voorwaarden", the diff shows the changed numbers', async () => {
    const v2 = await invoke(execute(w(), marieke, 'feasibility.newVersion', { studyId }));
    expect(textsOf(v2.value)[0]).toBe('Haalbaarheidsonderzoek Werkgroep horeca (versie 2)');
    studyId = buttonsOf(v2.value).find((b) => b.title === 'Open: Instroom')!.data.studyId;

    // The new version is made with content v2: the route design, costs per school, companies with hours.
    expect((await bot.app.feasibility.repo.get(studyId))!.content_version).toBe(2);
    await fill(joost, 'ambitie', { profiles: 'Horeca, Techniek, Beveiliging, Recreatie', route: 'doorlopend-mbo2', leerweg: 'basis', bring: 'Praktijklokalen', get: 'Meer instroom' });
    // Four profiles: inflow per vo school and per profile. Vmbo Gorinchem 4 + 4 + 3 + 3 = 14, Vmbo Leerdam 4 × 3 = 12.
    // The copied v1 answer per school (5 and 3) is not counted in the total any more: the card asks per profile now.
    const inflowSaved = await fill(joost, 'instroom', { inflow_0_0: '4', inflow_0_1: '4', inflow_0_2: '3', inflow_0_3: '3', inflow_1_0: '3', inflow_1_1: '3', inflow_1_2: '3', inflow_1_3: '3', total: '26', minGroup: '12' });
    expect(textsOf(inflowSaved.value)).toContain('**Instroom**: beantwoord · eigenaar: Joost de Wit · klaar op: 2026-12-15');
    // Costs per school (30,000 + 20,000 + 60,000 = 110,000 a year), no subsidy, and a transfer of 500 per pupil
    // of Vmbo Gorinchem in route years 3 and 4 from ROC Da Vinci to Vmbo Gorinchem.
    await fillPages(ilse, 'businesscase', [
      { voPerPupil: '7000', mboPerPupil: '6000', cost_0: '30000', cost_1: '20000', cost_2: '60000' },
      {},
      { transfers0_from: schoolId('ROC Da Vinci'), transfers0_to: schoolId('Vmbo Gorinchem'), transfers0_pupil: '500', transfers0_years: '3, 4' },
    ]);
    // Up to 104 pupils in BPV (26 a year, four route years): 80 + 30 places.
    await fill(ilse, 'partners', { c0_name: 'Van der Valk', c0_places: '80', c0_hours: '2', c1_name: 'Hotel De Doelen', c1_places: '30', c1_hours: '1' });
    // The route design: a doorlopende route from basis to mbo 2 takes vmbo years 3-4 plus two mbo years = 4 route years.
    await fill(joost, 'juridisch', { mboOpleiding: 'Medewerker horeca', routeYears: '4', vmboExams: 'alle', vmboExamYear: '2', mboExamFromYear: '2', bpvFromYear: '1', teambevoegdheid: 'nee', location: 'gemengd', overstap: 'Terug naar het gewone vmbo-programma tot het einde van leerjaar 2.', duoDate: '2027-06-01', responsibilities: 'Vo: onderwijs en examen vmbo. Mbo: onderwijs, examen en diploma mbo.' });

    // A concurrent edit: Ilse and Joost both opened "Risico's" at revision 0; Ilse saves first.
    const openedByJoost = await invoke(execute(w(), joost, 'feasibility.open', { studyId, part: 'risicos' }));
    const joostData = buttonsOf(openedByJoost.value).find((b) => b.title === 'Opslaan')!.data;
    await fill(ilse, 'risicos', { risks: 'Personeelstekort bij bedrijven.', conditions: 'Van der Valk levert vier begeleiders' });
    const refused = await invoke(execute(w(), joost, 'feasibility.save', joostData, { risks: 'Roosters sluiten niet aan.' }));
    const refusedTexts = textsOf(refused.value);
    expect(refusedTexts).toContain('Iemand anders heeft dit onderdeel net opgeslagen. Hieronder staan beide versies. Pas je tekst aan en sla opnieuw op.');
    expect(refusedTexts).toContain('Opgeslagen door Ilse Kramer: Personeelstekort bij bedrijven\\. · Jouw waarde: Roosters sluiten niet aan\\.');
    const stored = (await bot.app.feasibility.repo.part(studyId, 'risicos'))!;
    expect(stored.values.risks).toBe('Personeelstekort bij bedrijven.');
    // Joost merges both and saves from the card he got back (which carries the new revision).
    const merge = buttonsOf(refused.value).find((b) => b.title === 'Opslaan')!.data;
    const merged = await invoke(execute(w(), joost, 'feasibility.save', merge, { risks: 'Personeelstekort bij bedrijven. Roosters sluiten niet aan.', conditions: 'Van der Valk levert vier begeleiders\nRooster afgestemd voor 1 september' }));
    const texts = textsOf(merged.value);
    // 26 a year, 110,000 a year; vo 7,000, mbo 6,000 (the 500 transferred per pupil moves money from the mbo school
    // to Vmbo Gorinchem and adds nothing): y1 26 x 7,000 = 182,000; y2 52 x 7,000 = 364,000;
    // y3 364,000 + 26 x 6,000 = 520,000; y4, y5 364,000 + 52 x 6,000 = 676,000.
    // Five years: 2,418,000 of 550,000 = 439.6%.
    expect(texts).toContain('Instroom 26 leerlingen per jaar in 4 profielen; minimale groep 12; route van 4 jaar. Elk jaar start een nieuw cohort; vo-bekostiging in routejaar 1 en 2, daarna mbo-bekostiging.');
    expect(texts).toContain('Jaar 1 (26 leerlingen in de route): kosten € 110.000, inkomsten € 182.000, saldo € 72.000, dekking 165,5%');
    expect(texts).toContain('Jaar 3 (78 leerlingen in de route): kosten € 110.000, inkomsten € 520.000, saldo € 410.000, dekking 472,7%');
    expect(texts).toContain('Vijf jaar samen: kosten € 550.000, inkomsten € 2.418.000, saldo € 1.868.000, dekking 439,6%.');
    // Per school. Vmbo Gorinchem (14 a year, cost 30,000): vo 98,000, then 196,000 a year, plus the transfer of
    // 500 x its pupils in route years 3-4 (14 in y3, 28 in y4-5): 7,000, 14,000, 14,000. Income 98,000, 196,000,
    // 203,000, 210,000, 210,000 = 917,000; balance minus 30,000 a year; 917,000 of 150,000 = 611.3%.
    expect(texts).toContain('Vmbo Gorinchem: € 68.000 · € 166.000 · € 173.000 · € 180.000 · € 180.000; vijf jaar: kosten € 150.000, inkomsten € 917.000, dekking 611,3%');
    // Vmbo Leerdam (12 a year, cost 20,000): 84,000, then 168,000 a year = 756,000 of 100,000.
    expect(texts).toContain('Vmbo Leerdam: € 64.000 · € 148.000 · € 148.000 · € 148.000 · € 148.000; vijf jaar: kosten € 100.000, inkomsten € 756.000, dekking 756,0%');
    // ROC Da Vinci (cost 60,000): mbo 0, 0, 156,000, 312,000, 312,000 less the transfer 7,000, 14,000, 14,000
    // = 745,000 of 300,000 = 248.3%. The balances add up: y1 68,000 + 64,000 - 60,000 = 72,000, y3 173,000 + 148,000 + 89,000 = 410,000.
    expect(texts).toContain('ROC Da Vinci: € -60.000 · € -60.000 · € 89.000 · € 238.000 · € 238.000; vijf jaar: kosten € 300.000, inkomsten € 745.000, dekking 248,3%');
    // 110 places against 26, 52, 78, 104, 104 in BPV; hours: Van der Valk's 80 at 2, then Hotel De Doelen's at 1.
    expect(texts).toContain('Leerlingen in de BPV (vanaf routejaar 1), jaar 1 t/m 5: 26 · 52 · 78 · 104 · 104; plekken bij de bedrijven: 110.');
    expect(texts).toContain('Uren begeleiding per week, jaar 1 t/m 5: 52 · 104 · 156 · 184 · 184.');

    expect(texts).toContain('**Haalbaar onder voorwaarden**');
    expect(texts).toContain('Wat veranderde van versie 1 naar 2');
    expect(texts).toContain('Verwachte leerlingen per jaar: Vmbo Gorinchem, Horeca: \\(leeg\\) → 4');
    // A choice in the diff by its title: schools by name, never by id.
    expect(texts).toContain('Overdracht van bekostiging 1: van school: \\(leeg\\) → ROC Da Vinci');
    expect(texts).toContain('Welke vmbo\\-examens doen leerlingen?: \\(leeg\\) → Alle vmbo\\-examens');
    expect(texts.some((x) => /[0-9a-f]{8}\\?-[0-9a-f]{4}/.test(x))).toBe(false);
    expect(texts).toContain('Instroom per jaar: 8 → 26');
    expect(texts).toContain('Dekking vijf jaar samen: 169,8% → 439,6%');
    expect(texts).toContain('Tekort: € 0 → € 0');

    const history = await bot.app.feasibility.repo.changes(studyId, 'risicos');
    expect(history.map((c) => [c.revision, c.field_key, c.old_value, c.new_value])).toEqual([
      [1, 'conditions', null, 'Van der Valk levert vier begeleiders'],
      [1, 'risks', 'Te weinig leerlingen voor horeca alleen.', 'Personeelstekort bij bedrijven.'],
      [2, 'conditions', 'Van der Valk levert vier begeleiders', 'Van der Valk levert vier begeleiders\nRooster afgestemd voor 1 september'],
      [2, 'risks', 'Personeelstekort bij bedrijven.', 'Personeelstekort bij bedrijven. Roosters sluiten niet aan.'],
    ]);
  });

  it('gives the agreement flow its facts', async () => {
    const p = (await bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    const facts = (await bot.app.feasibility.facts(p.id))!;
    expect(facts.studyVersion).toBe(2);
    // v2 asks hours per pupil; Van der Valk's v1 number of supervisors came along with the copied answers
    // (the agreement's prefill reads the hours when there are any).
    expect(facts.companies).toEqual([
      { name: 'Van der Valk', places: 80, supervisors: 2, hoursPerPupil: 2 },
      { name: 'Hotel De Doelen', places: 30, supervisors: null, hoursPerPupil: 1 },
    ]);
    expect(facts.figures.case.partnership.total.cost).toBe(550_000);
    // v2 asks the costs per school: no shared row.
    expect(facts.figures.case.schools.map((s) => s.name)).toEqual(['Vmbo Gorinchem', 'Vmbo Leerdam', 'ROC Da Vinci']);
    expect(facts.contentVersion).toBe(2);
    expect(facts.route?.route).toContain('Medewerker horeca');
    expect(facts.figures.firstCoveredYear).toBe(1);
    expect(facts.values.juridisch!.responsibilities).toBe('Vo: onderwijs en examen vmbo. Mbo: onderwijs, examen en diploma mbo.');
  });
});
