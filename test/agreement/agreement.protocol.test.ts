import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { startConnector, type FakeConnector } from '../helpers/connector.js';
import { buttonsOf, cardOf, channelMessage, execute, installInTeam, post, TEAM_ID, TENANT_ID, textsOf, type User } from '../helpers/teams.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';

const u = (n: number, name: string): User => ({ id: `29:a${n}`, aadObjectId: `aad-a-${n}`, name });
const sanne = u(1, 'Sanne de Vries'); // projectleider
const kees = u(2, 'Kees Jansen'); // schoolleider vmbo: approver for the vmbo school
const marloes = u(3, 'Marloes Visser'); // regiegroep mbo: approver for the mbo school
const henk = u(4, 'Henk Hoving'); // for the company
const pieter = u(5, 'Pieter Bakker'); // docent vmbo
const vreemde = u(6, 'Vera Vreemd'); // in the Team, no role

let connector: FakeConnector;
let bot: RunningBot;
let now = Date.UTC(2026, 10, 24, 9, 0);
let agreementId = '';
let ids: Record<string, string> = {};
const w = (extra: Record<string, unknown> = {}) => ({ serviceUrl: connector.serviceUrl, ...extra });

async function invoke(activity: unknown) {
  const res = await post(bot.messagesUrl, activity);
  expect(res.status).toBe(200);
  return res.body as { type: string; value: any };
}
const open = (who: User, section: string) => invoke(execute(w(), who, 'agreement.open', { agreementId, section }));
async function save(who: User, section: string, text: string, from?: any) {
  const card = from ?? (await open(who, section)).value;
  if (typeof card === 'string') throw new Error(`open ${section} answered: ${card}`);
  const data = buttonsOf(card).find((b) => b.title === 'Opslaan als nieuwe versie')!.data;
  return invoke(execute(w(), who, 'agreement.save', data, { text }));
}
const overviewTexts = async () => textsOf((await invoke(execute(w(), sanne, 'agreement.overview', { agreementId }))).value);
const missing = async () => (await overviewTexts()).filter((x) => x.startsWith('- ')).map((x) => x.slice(2));
const inputValue = (card: any, id: string) => JSON.stringify(card).match(new RegExp(`"id":"${id}"[^}]*?"value":"((?:[^"\\\\]|\\\\.)*)"`))?.[1];
const approvalCardFor = (who: User) => cardOf(connector.sent().filter((r) => r.conversationId === `a:personal-${who.id}`).at(-1)!.body);

beforeAll(async () => {
  connector = await startConnector();
  bot = await startBot({ clock: { now: () => now } });
  await post(bot.messagesUrl, installInTeam(w()));
  const { repo } = bot.app.services;
  const p = (await repo.findByTeam(TENANT_ID, TEAM_ID))!;
  await repo.rename(p.id, 'Leerlab Noord-Holland');
  const [vo, mbo, company] = await repo.replaceSchools(p.id, [
    { name: 'Vmbo De Schakel', type: 'vo' },
    { name: 'ROC Noord', type: 'mbo' },
    { name: 'Zorggroep Noord', type: 'bedrijf' },
  ]);
  ids = { vo: vo!.id, mbo: mbo!.id, company: company!.id };
  const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Werkgroep zorg', channelId: null, channelName: null }]);
  const members = await repo.upsertMembers(p.id, [sanne, kees, marloes, henk, pieter, vreemde].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(members[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [wg!.id] });
  await repo.assignMember(members[1]!, p.id, { roles: ['schoolleider'], schoolId: vo!.id, werkgroepIds: [] });
  await repo.assignMember(members[2]!, p.id, { roles: ['regiegroep'], schoolId: mbo!.id, werkgroepIds: [] });
  await repo.assignMember(members[3]!, p.id, { roles: ['regiegroep'], schoolId: company!.id, werkgroepIds: [] });
  await repo.assignMember(members[4]!, p.id, { roles: ['docent'], schoolId: vo!.id, werkgroepIds: [wg!.id] });

  // A feasibility study to prefill from.
  const f = bot.app.feasibility.repo;
  // Made with content v1 (no route design): its prefill is the same as before v2.
  const study = await f.create({ partnershipId: p.id, werkgroepId: wg!.id, memberId: members[0]!, partIds: feasibilityContent(1).parts.map((x) => x.id), contentVersion: 1 });
  await f.save(study.id, 'ambitie', 0, { profiles: 'Zorg en welzijn', route: 'doorlopend-mbo3', leerweg: 'kader' }, 'bezig', members[0]!);
  await f.save(study.id, 'instroom', 0, { [`inflow.${vo!.id}`]: 26, minGroup: 12 }, 'beantwoord', members[0]!);
  await f.save(study.id, 'businesscase', 0, { years: 4, costTeaching: 80_000, costSupervision: 10_000, costMaterials: 5_000, costLocation: 8_000, costCoordination: 7_000, voPerPupil: 7_000, mboPerPupil: 6_000, transferPerPupil: 500 }, 'beantwoord', members[0]!);
  await f.save(study.id, 'partners', 0, { 'company.0.name': 'Zorggroep Noord', 'company.0.places': 8, 'company.0.supervisors': 3 }, 'beantwoord', members[0]!);
  await f.save(study.id, 'juridisch', 0, { overstap: 'Tot eind leerjaar 2 terug naar het gewone vmbo.', location: 'gemengd', responsibilities: 'De vo-school: vo-onderwijs, examens en diploma. De mbo-school: mbo-onderwijs, examens en diploma.', duoDate: '2027-06-01' }, 'beantwoord', members[0]!);
});
afterAll(async () => {
  await bot.stop();
  await connector.close();
});

describe('drafting the samenwerkingsovereenkomst', () => {
  it('shows the overview with everything still missing; someone without a role cannot read it', async () => {
    await post(bot.messagesUrl, channelMessage(w(), vreemde, 'overeenkomst'));
    expect(connector.sent().at(-1)!.body.text).toBe('Je hoort (nog) niet bij dit partnerschap. Vraag de projectleider om je toe te voegen.');
    await post(bot.messagesUrl, channelMessage(w(), pieter, 'overeenkomst'));
    const card = cardOf(connector.sent().at(-1)!.body);
    agreementId = buttonsOf(card).find((b) => b.title === 'Onderdeel openen')!.data.agreementId;
    const texts = textsOf(card);
    expect(texts[0]).toBe('Samenwerkingsovereenkomst Leerlab Noord\\-Holland');
    expect(texts).toContain('- Nog leeg: Partijen');
    expect(texts).toContain('- Wettelijk thema nog niet geregeld: DUO-melding');
    expect(texts).toContain('- De datum van de DUO-melding is nog niet ingevuld.');
    expect(texts).toContain('- Nog geen akkoord van: Vmbo De Schakel');
    expect(texts.filter((x) => x.includes(': leeg · eigenaar: nog niemand · nog niet bewerkt'))).toHaveLength(16);
  });

  it('prefills sections from the feasibility study', async () => {
    const partijen = (await open(pieter, 'partijen')).value;
    expect(textsOf(partijen)).toContain('Ingevuld vanuit het haalbaarheidsonderzoek. Pas aan waar nodig en sla op.');
    expect(inputValue(partijen, 'text')).toBe('De volgende partijen sluiten deze overeenkomst: Vmbo De Schakel, ROC Noord, Zorggroep Noord.');
    expect(inputValue((await open(pieter, 'doelen')).value, 'text')).toBe(
      'De route is bedoeld voor leerlingen in de profielen Zorg en welzijn. We verwachten 26 leerlingen per jaar; een groep start vanaf 12 leerlingen.',
    );
    const costs = inputValue((await open(pieter, 'bekostiging')).value, 'text')!;
    // A cohort of 26 a year, 110,000 a year (v1: for the route as a whole): vo 7,000 x route years 1-2, mbo 6,000 x 3-4
    // (the 500 transferred per pupil moves money between the schools): 182,000; 364,000; 520,000; 676,000; 676,000.
    // Five years: 2,418,000 of 550,000 = 439.6%.
    expect(costs).toContain('Jaar 1 (26 leerlingen in de route): kosten € 110.000, inkomsten € 182.000, saldo € 72.000, dekking 165,5%');
    expect(costs).toContain('Vijf jaar samen: kosten € 550.000, inkomsten € 2.418.000, saldo € 1.868.000, dekking 439,6%.');
    expect(costs).toContain('De route dekt zichzelf vanaf jaar 1.');
    expect(costs).not.toContain('**');

    expect(inputValue((await open(pieter, 'inzet')).value, 'text')).toBe('Zorggroep Noord: 8 plekken per jaar, 3 begeleiders.');
  });

  it('saves versions, keeps earlier ones readable and refuses a concurrent edit', async () => {
    for (const section of ['partijen', 'doelen', 'verantwoordelijkheid', 'bekostiging', 'overstaplocatie', 'duo']) {
      const card = (await open(pieter, section)).value;
      const res = await save(pieter, section, inputValue(card, 'text')!.replace(/\\n/g, '\n'), card);
      expect(textsOf(res.value).some((x) => /is opgeslagen als versie 1\.$/.test(x))).toBe(true);
    }
    await save(sanne, 'tijdpad', 'Start augustus 2027.');
    const v2 = await save(sanne, 'tijdpad', 'Start 1 augustus 2027; evaluatie na een jaar.');
    expect(textsOf(v2.value)).toContain('Tijdpad is opgeslagen als versie 2.');
    const versions = textsOf((await invoke(execute(w(), pieter, 'agreement.versions', { agreementId, section: 'tijdpad' }))).value);
    expect(versions.filter((x) => x.startsWith('**Versie'))).toHaveLength(2);
    expect(versions).toContain('Start augustus 2027\\.');
    // Buttons on a card with inputs send those inputs too (as Teams does); they are ignored, not refused.
    const back = await invoke(execute(w(), pieter, 'agreement.overview', { agreementId }, { text: 'half getypt', comment: '' }));
    expect(textsOf(back.value)[0]).toBe('Samenwerkingsovereenkomst Leerlab Noord\\-Holland');
    const fromOverview = await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'json' }, { section: 'partijen' }));
    expect(fromOverview.type).toBe('application/vnd.microsoft.card.adaptive');

    // Pieter and Sanne both open "Monitoring" at revision 0; Sanne saves first.
    const pietersCard = (await open(pieter, 'monitoring')).value;
    await save(sanne, 'monitoring', 'Elk half jaar evalueren met leerlingen en docenten.');
    const refused = await save(pieter, 'monitoring', 'Jaarlijks evalueren.', pietersCard);
    const texts = textsOf(refused.value);
    expect(texts).toContain('Sanne de Vries heeft dit onderdeel net opgeslagen. Hieronder staat die tekst. Jouw tekst is niet opgeslagen. Voeg de teksten samen en sla opnieuw op.');
    expect(texts).toContain('Jaarlijks evalueren\\.');
    expect(inputValue(refused.value, 'text')).toBe('Elk half jaar evalueren met leerlingen en docenten.');
    expect((await bot.app.agreement.repo.section(agreementId, 'monitoring'))!.text).toBe('Elk half jaar evalueren met leerlingen en docenten.');

    expect((await save(pieter, 'visie', 'x'.repeat(20_001))).value).toBe('Een onderdeel mag hoogstens 20.000 tekens hebben. Maak de tekst korter of verdeel hem over onderdelen.');
    expect((await bot.app.agreement.repo.section(agreementId, 'visie'))!.revision).toBe(0);
  });

  it('shows long sections in parts, each card under the limits', async () => {
    const long = Array.from({ length: 190 }, (_, i) => `Regel ${i}: ${"é".repeat(90)}`).join("\n"); // 10x99 + 90x100 + 90x101 + 189 newlines = 19,269 characters
    expect(long.length).toBe(19_269);
    const savedLong = await save(pieter, 'analyse', long);
    expect(savedLong.type, String(savedLong.value).slice(0, 300)).toBe('application/vnd.microsoft.card.adaptive');
    expect(textsOf(savedLong.value)).toContain('Bestaande en gewenste situatie is opgeslagen als versie 1.');
    const part1 = (await open(pieter, 'analyse')).value;
    expect(textsOf(part1)[0]).toBe('Bestaande en gewenste situatie (deel 1 van 3)');
    expect(JSON.stringify(part1).length * 2).toBeLessThan(28 * 1024);
    const next = buttonsOf(part1).find((b) => b.title === 'Volgend deel')!.data;
    const part2 = (await invoke(execute(w(), pieter, 'agreement.open', next))).value;
    expect(textsOf(part2)[0]).toBe('Bestaande en gewenste situatie (deel 2 van 3)');
    // Editing part 2 keeps parts 1 and 3.
    await save(pieter, 'analyse', 'MIDDEN', part2);
    const stored = (await bot.app.agreement.repo.section(agreementId, 'analyse'))!.text;
    expect(stored).toBe(long.slice(0, 8000) + 'MIDDEN' + long.slice(16000));
  });

  it('asks each party for approval; only its own approver can give it', async () => {
    expect((await invoke(execute(w(), pieter, 'agreement.request', { agreementId }))).value).toBe('Dit mag alleen de projectleider.');
    const settings = (await invoke(execute(w(), sanne, 'agreement.settingsCard', { agreementId }))).value;
    const sdata = buttonsOf(settings).find((b) => b.title === 'Opslaan')!.data;
    await invoke(execute(w(), sanne, 'agreement.settings', sdata, { cosign: 'true', duoDate: '2027-06-01' }));
    expect(await missing()).toEqual(['Nog geen akkoord van: Vmbo De Schakel', 'Nog geen akkoord van: ROC Noord', 'Nog geen akkoord van: Zorggroep Noord']);

    expect((await invoke(execute(w(), sanne, 'agreement.request', { agreementId }))).value).toBe('Goedkeuring gevraagd aan 3 partijen.');
    const keesCard = approvalCardFor(kees);
    expect(textsOf(keesCard)[0]).toBe('Goedkeuring samenwerkingsovereenkomst voor Vmbo De Schakel');
    const approve = buttonsOf(keesCard).find((b) => b.title === 'Akkoord')!.data;

    const personal = { where: 'personal' as const };
    expect((await invoke(execute(w(personal), pieter, 'agreement.decide', approve))).value).toBe('Je kunt niet goedkeuren namens deze partij. Alleen de regiegroep of schoolleider van die school kan dat.');
    expect((await invoke(execute(w(personal), kees, 'agreement.decide', { ...approve, schoolId: ids.mbo }))).value).toBe('Je kunt niet goedkeuren namens deze partij. Alleen de regiegroep of schoolleider van die school kan dat.');
    expect((await invoke(execute(w(personal), kees, 'agreement.decide', { ...approve, stamp: 'vervalst' }))).value).toBe('De overeenkomst is gewijzigd sinds deze kaart. Gebruik de nieuwste goedkeuringskaart.');
    expect((await invoke(execute(w(personal), kees, 'agreement.decide', approve))).value).toBe('Akkoord voor Vmbo De Schakel is vastgelegd.');
    const marloesCard = approvalCardFor(marloes);
    expect((await invoke(execute(w(personal), marloes, 'agreement.decide', buttonsOf(marloesCard).find((b) => b.title === 'Akkoord')!.data))).value).toBe('Akkoord voor ROC Noord is vastgelegd.');
    const henkCard = approvalCardFor(henk);
    expect((await invoke(execute(w(personal), henk, 'agreement.decide', buttonsOf(henkCard).find((b) => b.title === 'Akkoord')!.data))).value).toBe('Akkoord voor Zorggroep Noord is vastgelegd.');
    expect(await missing()).toEqual(['Niets: alles is ingevuld en goedgekeurd.']);
    expect((await bot.app.agreement.repo.get(agreementId))!.status).toBe('approved');
  });

  it('a change to an approved section resets its approval and tells the approvers; an old card is refused', async () => {
    expect((await bot.app.agreement.repo.get(agreementId))!.status).toBe('approved');
    // The approval card Kees still has in his chat from before the change.
    const old = buttonsOf(approvalCardFor(kees)).find((b) => b.title === 'Akkoord')!.data;
    const before = connector.created().length;
    await save(sanne, 'tijdpad', 'Start 1 augustus 2027; evaluatie in juni 2028.');
    expect(connector.created().length - before).toBe(3);
    expect(textsOf(approvalCardFor(kees))).toContain('Onderdeel "Tijdpad" is gewijzigd. Je akkoord voor dat onderdeel telt niet meer. Kijk het opnieuw na.');
    expect(textsOf(approvalCardFor(kees))).toContain('Tijdpad: ter goedkeuring');
    expect(await missing()).toEqual(['Nog geen akkoord van: Vmbo De Schakel', 'Nog geen akkoord van: ROC Noord', 'Nog geen akkoord van: Zorggroep Noord']);
    const overview = await overviewTexts();
    expect(overview.some((x) => x.startsWith('**Partijen**: akkoord'))).toBe(true);
    expect(overview.some((x) => x.startsWith('**Tijdpad**: ter goedkeuring'))).toBe(true);

    expect((await invoke(execute(w({ where: 'personal' }), kees, 'agreement.decide', old))).value).toBe('De overeenkomst is gewijzigd sinds deze kaart. Gebruik de nieuwste goedkeuringskaart.');

    // Marloes returns it with a remark; then everyone approves the new text.
    const m = buttonsOf(approvalCardFor(marloes)).find((b) => b.title === 'Terugsturen')!.data;
    expect((await invoke(execute(w({ where: 'personal' }), marloes, 'agreement.decide', m))).value).toBe('Schrijf een opmerking als je de overeenkomst terugstuurt.');
    expect((await invoke(execute(w({ where: 'personal' }), marloes, 'agreement.decide', m, { remark: 'Graag *eerst* de evaluatiedatum bespreken.' }))).value).toBe(
      'ROC Noord heeft de overeenkomst teruggestuurd. De projectleider krijgt je opmerking.',
    );
    expect(await overviewTexts()).toContain('- Teruggestuurd door ROC Noord: Graag \\*eerst\\* de evaluatiedatum bespreken\\.');
    for (const who of [kees, marloes, henk]) {
      const data = buttonsOf(approvalCardFor(who)).find((b) => b.title === 'Akkoord')!.data;
      await invoke(execute(w({ where: 'personal' }), who, 'agreement.decide', data));
    }
    expect((await missing())[0]).toBe('Niets: alles is ingevuld en goedgekeurd.');
  });

  it('exports a .docx that an independent reader finds complete; links expire after 15 minutes or when altered', async () => {
    const res = await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'docx' }));
    const url = JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!;
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // Read back with JSZip (not the docx library that wrote it): the text of word/document.xml.
    const zip = await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, '');
    expect(text).toContain('Samenwerkingsovereenkomst doorlopende leerroute vmbo-mbo');
    expect(text).toContain('Leerlab Noord-Holland');
    expect(text).toContain('15. Overstapoptie en locatie');
    expect(text).toContain('Start 1 augustus 2027; evaluatie in juni 2028.');
    expect(text).toContain('Elk half jaar evalueren met leerlingen en docenten.');
    expect(text).toContain('PartijBesluitDoorDatum');
    expect(text).toContain('Vmbo De SchakelakkoordKees Jansen');
    expect(text).toContain('ROC NoordakkoordMarloes Visser');
    expect(text).toContain('Zorggroep NoordakkoordHenk Hoving');

    expect((await fetch(url.replace(/.$/, url.endsWith('A') ? 'B' : 'A'))).status).toBe(403);
    now += 15 * 60_000 + 1;
    const expired = await fetch(url);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Deze downloadlink is verlopen');
    const again = await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'csv' }));
    const fresh = JSON.stringify(again.value).match(/"url":"([^"]+)"/)![1]!;
    // Read as bytes: fetch's text() would drop the BOM that makes Excel read UTF-8.
    const csv = Buffer.from(await (await fetch(fresh)).arrayBuffer()).toString('utf8');
    expect(csv.startsWith('\ufeffonderdeel;versie;tekst\r\n')).toBe(true);
    expect(csv).toContain('\r\nTijdpad;3;"Start 1 augustus 2027; evaluatie in juni 2028."\r\n');
  });

  it('writes a section text that would be a spreadsheet formula as an inert cell in the CSV', async () => {
    await save(sanne, 'visie', '=HYPERLINK("http://x","y")');
    const res = await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'csv' }));
    const csv = await (await fetch(JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!)).text();
    // The leading quote makes Excel show the text; the doubled quotes are CSV's own escaping.
    expect(csv).toContain(`\r\nVisie en koers;1;"'=HYPERLINK(""http://x"",""y"")"\r\n`);
    expect(csv).not.toContain(';"=HYPERLINK');
  });

  it('refuses a download link with a Dutch page once its member has lost the role, and serves it again when the role is back', async () => {
    const { repo } = bot.app.services;
    const partnershipId = (await repo.findByTeam(TENANT_ID, TEAM_ID))!.id;
    const member = (await repo.member(partnershipId, pieter.aadObjectId!))!;
    const res = await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'csv' }));
    const url = JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!;
    await repo.setRoles(member.id, partnershipId, []);
    const refused = await fetch(url);
    expect(refused.status).toBe(403);
    const page = await refused.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Je mag dit bestand niet meer openen: je hebt niet meer de rol die daarvoor nodig is.');
    expect(page).not.toContain('onderdeel;versie');
    // Without a role, the button offers no new link either.
    expect((await invoke(execute(w(), pieter, 'agreement.download', { agreementId, format: 'csv' }))).value).toBe('Je hoort (nog) niet bij dit partnerschap. Vraag de projectleider om je toe te voegen.');
    await repo.setRoles(member.id, partnershipId, ['docent']);
    expect((await fetch(url)).status).toBe(200);
  });
});
