import { describe, expect, it } from 'vitest';
import { feasibilityContent } from '../../src/feasibility/content/index.js';
import { expandFields, type ConcreteField } from '../../src/feasibility/fields.js';
import { useInstalledBot } from '../helpers/installedBot.js';
import { STORE_KINDS, type StoreKind } from '../helpers/db.js';
import { buttonsOf, cardOf, CHANNELS, channelMessage, execute, post, textsOf, type User } from '../helpers/teams.js';

/**
 * Issue 15 over the wire, on SQLite and PostgreSQL: a study made with content v1 shows what is
 * new and moves to v2 with its answers; the route design is refused in Dutch, with the rule and
 * the seed's sentence, for every combination the law does not allow, storing nothing; a change
 * under Ambitie that makes the saved design unlawful is accepted and marks Wettelijk en
 * praktisch until it is answered again; then the regiegroep decides, and the agreement's
 * prefill shows the route and the exam plan.
 */
const u = (n: number, name: string): User => ({ id: `29:r${n}`, aadObjectId: `aad-r-${n}`, name });
const marieke = u(1, 'Marieke van Halm'); // projectleider
const joost = u(2, 'Joost de Wit'); // docent vmbo, in the werkgroep
const ruud = u(3, 'Ruud Smit'); // regiegroep

/** A value each required field accepts, by its type (the parts this test does not look into). */
function plausible(f: ConcreteField): string | undefined {
  if (!f.required) return undefined;
  switch (f.type) {
    case 'count':
      return String(Math.min(f.max ?? 12, Math.max(f.min ?? 0, 12)));
    case 'money':
      return '50000';
    case 'choice':
      return f.options![0]!.value;
    case 'date':
      return '2027-06-01';
    case 'list':
      return 'Zorg en welzijn';
    default:
      return 'Zoals afgesproken in de werkgroep.';
  }
}

function scenario(kind: StoreKind) {
  const h = useInstalledBot({ database: kind });
  let studyId = '';
  let werkgroepId = '';
  const w = () => h.w();
  const invoke = (who: User, verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) => h.invoke(execute(w(), who, verb, data, inputs));
  const repo = () => h.bot.app.feasibility.repo;
  /** Opens a part and saves it with these inputs, as Teams sends them (strings, unset inputs left out). */
  async function fill(who: User, part: string, inputs: Record<string, string>) {
    const opened = await invoke(who, 'feasibility.open', { studyId, part });
    const data = buttonsOf(opened.value).find((b) => b.title === 'Opslaan')!.data;
    return invoke(who, 'feasibility.save', data, inputs);
  }
  /** Everything the study stores: parts (data, revision, status), changes, decision. */
  async function stored() {
    const parts = (await repo().parts(studyId)).map((p) => [p.part_id, p.data, p.revision, p.status]).sort();
    const changes = (await Promise.all(['ambitie', 'juridisch'].map((p) => repo().changes(studyId, p)))).flat().length;
    return JSON.stringify({ parts, changes, decision: await repo().decision(studyId) });
  }
  const lawful = {
    mboOpleiding: 'Verzorgende IG',
    crebo: '25655',
    routeYears: '5',
    vmboExams: 'alle',
    vmboExamYear: '3',
    mboExamFromYear: '2',
    bpvFromYear: '1',
    teambevoegdheid: 'ja',
    teamParts: 'Loopbaanoriëntatie en burgerschap',
    location: 'gemengd',
    locations: 'Vmbo De Schakel en ROC Noord',
    overstap: 'Wie de route verlaat, haalt het vmbo-diploma kader op Vmbo De Schakel.',
    duoDate: '2027-06-01',
    responsibilities: 'De vo-school: vo-onderwijs, examens en diploma. De mbo-school: mbo-onderwijs, examens en diploma.',
  };

  it('a study made with v1 shows what is new in v2 and moves to it with its answers', async () => {
    const { repo: partnerships } = h.bot.app.services;
    await partnerships.replaceSchools(h.pid, [
      { name: 'Vmbo De Schakel', type: 'vo' },
      { name: 'ROC Noord', type: 'mbo' },
      { name: 'Zorggroep Noord', type: 'bedrijf' },
    ]);
    const [wg] = await partnerships.replaceWerkgroepen(h.pid, [{ name: 'Werkgroep zorg', channelId: CHANNELS.docenten.id, channelName: CHANNELS.docenten.name }]);
    werkgroepId = wg!.id;
    const [m] = await h.addMembers([
      { user: marieke, roles: ['projectleider'], werkgroepIds: [wg!.id] },
      { user: joost, roles: ['docent'], werkgroepIds: [wg!.id] },
      { user: ruud, roles: ['regiegroep'] },
    ]);
    // Made before v2: content version 1, its legal part answered with v1's questions.
    const v1 = await repo().create({ partnershipId: h.pid, werkgroepId, memberId: m!, partIds: feasibilityContent(1).parts.map((p) => p.id), contentVersion: 1 });
    await repo().save(v1.id, 'juridisch', 0, { exam: 'jaar4', location: 'gemengd', overstap: 'Terug naar het vmbo.', responsibilities: 'Ieder het eigen deel.', duoDate: null }, 'beantwoord', m!);
    expect((await repo().get(v1.id))!.content_version).toBe(1);

    await post(h.bot.messagesUrl, channelMessage(w(), joost, 'haalbaarheid', CHANNELS.docenten));
    const overview = cardOf(h.connector.sent().at(-1)!.body);
    const texts = textsOf(overview);
    expect(texts[0]).toBe('Haalbaarheidsonderzoek Werkgroep zorg (versie 1)');
    expect(texts).toContain('Nieuw in versie 2');
    expect(texts).toContain('Wettelijk en praktisch is nu het ontwerp van de route: mbo-opleiding, duur en verkorting, vmbo- en mbo-examens, BPV, teambevoegdheid en overstapoptie.');
    expect(texts).toContain('Kies **Nieuwe versie** om over te stappen: de antwoorden gaan mee, nieuwe vragen staan open.');
    // v1's own question is still there on its card.
    const v1Legal = await invoke(joost, 'feasibility.open', { studyId: v1.id, part: 'juridisch' });
    expect(JSON.stringify(v1Legal.value)).toContain('Wanneer doen leerlingen vmbo-examen?');

    const next = await invoke(joost, 'feasibility.newVersion', buttonsOf(overview).find((b) => b.title === 'Nieuwe versie')!.data);
    expect(textsOf(next.value)[0]).toBe('Haalbaarheidsonderzoek Werkgroep zorg (versie 2)');
    expect(textsOf(next.value)).not.toContain('Nieuw in versie 2');
    studyId = buttonsOf(next.value).find((b) => b.title === 'Open: Wettelijk en praktisch')!.data.studyId;
    const study = (await repo().get(studyId))!;
    expect([study.version, study.content_version]).toEqual([2, 2]);
    // The answers came along; v2 asks more, so the part is no longer answered.
    const legal = (await repo().part(studyId, 'juridisch'))!;
    expect(legal.values.overstap).toBe('Terug naar het vmbo.');
    expect(legal.status).toBe('bezig');
    expect(textsOf(next.value)).toContain('**Wettelijk en praktisch**: bezig · eigenaar: nog niemand · klaar op: geen datum');
  });

  it('refuses every combination the law does not allow, in Dutch with the seed sentence, storing nothing', async () => {
    await fill(joost, 'ambitie', { profiles: 'Zorg en welzijn', route: 'doorlopend-mbo3', leerweg: 'kader' });
    const before = await stored();
    const refused = async (inputs: Record<string, string>) => (await fill(joost, 'juridisch', { ...lawful, ...inputs })).value as string;

    expect(await refused({ vmboExams: 'geen' })).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Alleen in de geïntegreerde route (vmbo-basis naar mbo 2) mogen leerlingen enkele of geen vmbo-examens doen. In deze doorlopende route naar mbo 3 doen ze alle vmbo-examens. De bron: "En in de geïntegreerde leerroute vmbo bb-mbo2 is het mogelijk om geen of enkele vmbo-examens af te nemen; in routes kb/gtl-mbo3/4 blijft vmbo-examinering behouden." (bron 003, regel 230). Er is niets opgeslagen.',
    );
    expect(await refused({ mboExamFromYear: '0' })).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Beginnen met mbo-examens kan vanaf routejaar 1 (vmbo leerjaar 3), niet in routejaar 0. De bron: "Er is ruimte om mbo-examinering en beroepspraktijkvorming (BPV) vanaf vmbo leerjaar 3 te verzorgen (eerste jaar van de doorlopende leerroute)." (bron 003, regel 226). Er is niets opgeslagen.',
    );
    expect(await refused({ bpvFromYear: '0' })).toContain('Beginnen met de BPV kan vanaf routejaar 1 (vmbo leerjaar 3), niet in routejaar 0.');
    expect(await refused({ routeYears: '3', shortening: '2' })).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Een route verkorten kan met hoogstens 1 jaar, niet met 2. De bron: "Door het ontwikkelen van een gecombineerd programma kan bovendien onnodige overlap worden voorkomen, waardoor er ruimte ontstaat om de opleiding te verkorten met maximaal één jaar." (bron 003, regel 206). Er is niets opgeslagen.',
    );
    expect(await refused({ vmboExamYear: '4' })).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Het vmbo-examen kan tot en met routejaar 3, niet in routejaar 4. De bron: "De wet biedt daarnaast de mogelijkheid voor het afnemen van vmbo-examens t/m het derde jaar van de route." (bron 003, regel 222). Er is niets opgeslagen.',
    );
    expect(await refused({ routeYears: '4' })).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Een route naar mbo 3 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 5 leerjaren, niet 4. De bron: "In een doorlopende leerroute hanteren we één model voor studieduur en onderwijstijd." (bron 003, regel 196). Er is niets opgeslagen.',
    );
    expect(await refused({ crebo: '2565' })).toBe('Crebonummer: vul 5 cijfers in, of laat het leeg.');
    expect(await stored()).toBe(before);
  });

  it('saves the lawful design; the overview shows it answered', async () => {
    const saved = await fill(joost, 'juridisch', lawful);
    expect(textsOf(saved.value)).toContain('**Wettelijk en praktisch**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
    expect((await repo().part(studyId, 'juridisch'))!.values).toMatchObject({ routeYears: 5, shortening: null, vmboExamYear: 3, mboExamFromYear: 2, bpvFromYear: 1, teambevoegdheid: 'ja' });
  });

  it('a change under Ambitie that makes the saved exam plan unlawful: accepted there, Wettelijk en praktisch needs a new answer, no decision until then', async () => {
    const legalBefore = (await repo().part(studyId, 'juridisch'))!;
    // A doorlopende route to mbo 2 from basis: 5 route years no longer fit (mbo 2: 4).
    const res = await fill(joost, 'ambitie', { profiles: 'Zorg en welzijn', route: 'doorlopend-mbo2', leerweg: 'basis' });
    const texts = textsOf(res.value);
    expect(texts).toContain('**Ambitie en doelgroep**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
    expect(texts).toContain('**Wettelijk en praktisch**: nieuw antwoord nodig · eigenaar: nog niemand · klaar op: geen datum');
    expect(texts).toContain(
      'Past niet meer bij Ambitie: Een route naar mbo 2 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 4 leerjaren, niet 5. De bron: "In een doorlopende leerroute hanteren we één model voor studieduur en onderwijstijd." (bron 003, regel 196).',
    );
    // The shared overview in the channel says so too.
    expect(textsOf(cardOf(h.connector.updates().at(-1)!.body))).toContain('**Wettelijk en praktisch**: nieuw antwoord nodig · eigenaar: nog niemand · klaar op: geen datum');
    const legalAfter = (await repo().part(studyId, 'juridisch'))!;
    expect([legalAfter.data, legalAfter.revision]).toEqual([legalBefore.data, legalBefore.revision]);

    // Its card says why; saving it again without fixing is refused, storing nothing.
    const card = await invoke(joost, 'feasibility.open', { studyId, part: 'juridisch' });
    expect(textsOf(card.value).some((x) => x.startsWith('Past niet meer bij Ambitie: Een route naar mbo 2 duurt'))).toBe(true);
    const before = await stored();
    expect((await fill(joost, 'juridisch', { ...lawful, overstap: 'Terug naar het vmbo.' })).value).toContain('Een route naar mbo 2 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 4 leerjaren, niet 5.');
    // Now a doorlopende route from basis (bb): its vmbo exams stay too, only the geïntegreerde route may leave them out.
    expect((await fill(joost, 'juridisch', { ...lawful, routeYears: '4', vmboExams: 'enkele' })).value).toBe(
      'Dit mag niet volgens de wet op doorlopende leerroutes. Alleen in de geïntegreerde route (vmbo-basis naar mbo 2) mogen leerlingen enkele of geen vmbo-examens doen. In deze doorlopende route naar mbo 2 doen ze alle vmbo-examens. De bron: "En in de geïntegreerde leerroute vmbo bb-mbo2 is het mogelijk om geen of enkele vmbo-examens af te nemen; in routes kb/gtl-mbo3/4 blijft vmbo-examinering behouden." (bron 003, regel 230). Er is niets opgeslagen.',
    );
    expect(await stored()).toBe(before);

    // With every other part answered, the study still cannot be decided.
    const schools = await h.bot.app.services.repo.schools(h.pid);
    for (const part of feasibilityContent(2).parts.filter((p) => !['ambitie', 'juridisch'].includes(p.id))) {
      const inputs = Object.fromEntries(expandFields(part.fields, schools).flatMap((f) => (plausible(f) === undefined ? [] : [[f.input, plausible(f)!]])));
      const r = await fill(joost, part.id, inputs);
      expect(r.type, `${part.id}: ${JSON.stringify(r.value).slice(0, 200)}`).toBe('application/vnd.microsoft.card.adaptive');
    }
    const overview = await invoke(joost, 'feasibility.overview', { studyId });
    expect(buttonsOf(overview.value).map((b) => b.title)).not.toContain('Besluit nemen');
    expect(textsOf(overview.value)).not.toContain('Voorstel van de bot');
    const mid = await stored();
    const refusedDecision = await invoke(ruud, 'feasibility.decide', { studyId }, { verdict: 'haalbaar', reasons: 'Genoeg leerlingen.' });
    expect(refusedDecision.value).toBe(
      'Er kan nog niet besloten worden: Wettelijk en praktisch heeft een nieuw antwoord nodig. Een route naar mbo 2 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 4 leerjaren, niet 5. De bron: "In een doorlopende leerroute hanteren we één model voor studieduur en onderwijstijd." (bron 003, regel 196).',
    );
    expect((await invoke(ruud, 'feasibility.decideCard', { studyId })).value).toMatch(/^Er kan nog niet besloten worden: Wettelijk en praktisch/);
    expect((await invoke(joost, 'feasibility.propose', { studyId }, { verdict: 'haalbaar', reasons: 'x' })).value).toMatch(/^Er kan nog niet besloten worden/);
    expect(await stored()).toBe(mid);
    expect(before).not.toBe(mid); // (the other parts were filled in between)
  });

  it('answered again, the study gets a suggested verdict and the regiegroep decides', async () => {
    const res = await fill(joost, 'juridisch', { ...lawful, routeYears: '4', vmboExamYear: '2' });
    const texts = textsOf(res.value);
    expect(texts).toContain('**Wettelijk en praktisch**: beantwoord · eigenaar: nog niemand · klaar op: geen datum');
    expect(texts).toContain('Voorstel van de bot');
    expect(buttonsOf(res.value).map((b) => b.title)).toContain('Besluit nemen');

    const form = await invoke(ruud, 'feasibility.decideCard', { studyId });
    expect(buttonsOf(form.value).map((b) => b.title)).toEqual(['Besluit vastleggen']);
    const decided = await invoke(ruud, 'feasibility.decide', buttonsOf(form.value)[0]!.data, { verdict: 'haalbaar-onder-voorwaarden', reasons: 'De route past in de wet; de instroom moet nog groeien.' });
    expect(textsOf(decided.value)[0]).toBe('Besluit haalbaarheid: Werkgroep zorg');
    expect(textsOf(decided.value).some((x) => /^Besloten door Ruud Smit op .+\.$/.test(x))).toBe(true);
    expect(await repo().decision(studyId)).toMatchObject({ verdict: 'haalbaar-onder-voorwaarden', decided_by: expect.any(String) });
  });

  it("the agreement's prefill shows the route, the exam plan and the teambevoegdheid; voortgang too", async () => {
    await post(h.bot.messagesUrl, channelMessage(w(), marieke, 'overeenkomst'));
    const overview = cardOf(h.connector.sent().at(-1)!.body);
    const agreementId = buttonsOf(overview).find((b) => b.title === 'Onderdeel openen')!.data.agreementId;
    const text = async (section: string) => {
      const card = (await invoke(marieke, 'agreement.open', { agreementId, section })).value;
      return JSON.parse(`"${JSON.stringify(card).match(/"id":"text"[^}]*?"value":"((?:[^"\\]|\\.)*)"/)![1]!}"`) as string;
    };
    expect((await text('doelen')).split('\n')[0]).toBe('Route: doorlopende leerroute van vmbo-basis naar mbo 2, opleiding Verzorgende IG (crebo 25655), 4 leerjaren.');
    expect(await text('verantwoordelijkheid')).toBe(
      [
        'De vo-school: vo-onderwijs, examens en diploma. De mbo-school: mbo-onderwijs, examens en diploma.',
        'Examens: alle vmbo-examens (afgerond in routejaar 2); mbo-examens vanaf routejaar 2, BPV vanaf routejaar 1.',
        'Teambevoegdheid: ja, voor Loopbaanoriëntatie en burgerschap.',
      ].join('\n'),
    );
    expect(await text('overstaplocatie')).toBe('Overstapoptie: Wie de route verlaat, haalt het vmbo-diploma kader op Vmbo De Schakel.\nLocatie: op meer plekken (Vmbo De Schakel en ROC Noord).');

    await post(h.bot.messagesUrl, channelMessage(w(), marieke, 'voortgang'));
    // Voortgang answers in the 1:1 chat.
    // (the fake connector names the 1:1 chat the bot opens after the member)
    const progress = textsOf(cardOf(h.connector.sentTo(`a:personal-${marieke.id}`).filter((r) => cardOf(r.body)).at(-1)!.body));
    expect(progress).toContain('Werkgroep zorg – docentwerkgroep (versie 2): 6 van 6 onderdelen beantwoord · besluit: Haalbaar onder voorwaarden');
    expect(progress).toContain('  Route: doorlopende leerroute van vmbo-basis naar mbo 2, opleiding Verzorgende IG (crebo 25655), 4 leerjaren.');
    expect(progress).toContain('  Examens: alle vmbo-examens (afgerond in routejaar 2); mbo-examens vanaf routejaar 2, BPV vanaf routejaar 1.');
    expect(progress).toContain('  Teambevoegdheid: ja, voor Loopbaanoriëntatie en burgerschap.');
    // The business case per school is named by school, never by its id.
    expect(progress.filter((l) => l.includes('saldo eerste vijf jaar')).map((l) => l.split(':')[0]!.trim())).toEqual(expect.arrayContaining(['Vmbo De Schakel', 'ROC Noord']));
    expect(progress.some((l) => /[0-9a-f]{8}\\?-[0-9a-f]{4}/.test(l))).toBe(false);
  });
}

for (const kind of STORE_KINDS) describe(`the route design as the law allows it [${kind}]`, () => scenario(kind));
