import { beforeAll, describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, channelMessage, execute, personalMessage, post, TEAM_ID, TENANT_ID, textsOf, type User, runIdOnChannelCard, newestButton } from '../helpers/teams.js';
import { isoDate } from '../../src/time/amsterdam.js';
import { feasibilityContent } from '../../src/feasibility/content/index.js';

const u = (n: number, name: string): User => ({ id: `29:p${n}`, aadObjectId: `aad-p-${n}`, name });
const sanne = u(1, 'Sanne de Vries');
const marloes = u(2, 'Marloes Visser');
const teachers = [u(3, 'Pieter Bakker'), u(4, 'Anna de Boer'), u(5, 'Fatima el Amrani'), u(6, 'Ahmed Yilmaz')];

const s = useInstalledBot();
const { w, invoke } = s;

beforeAll(async () => {
  const { repo } = s.bot.app.services;
  const p = (await repo.get(s.pid))!;
  await repo.rename(p.id, 'Leerlab Noord-Holland');
  const [vo, mbo] = await repo.replaceSchools(p.id, [{ name: 'Vmbo De Schakel', type: 'vo' }, { name: 'ROC Noord', type: 'mbo' }]);
  const [wg] = await repo.replaceWerkgroepen(p.id, [{ name: 'Docenten Zorg', channelId: null, channelName: null }]);
  const ids = await repo.upsertMembers(p.id, [sanne, marloes, ...teachers].map((x) => ({ teamsUserId: x.id, aadObjectId: x.aadObjectId, name: x.name })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  await repo.assignMember(ids[1]!, p.id, { roles: ['regiegroep'], schoolId: mbo!.id, werkgroepIds: [] });
  for (const [i, id] of ids.slice(2).entries()) await repo.assignMember(id, p.id, { roles: ['docent'], schoolId: i < 2 ? vo!.id : mbo!.id, werkgroepIds: [wg!.id] });

  // A reflection in progress: 3 of the 6 invited have sent their answers.
  await post(s.bot.messagesUrl, channelMessage(w(), sanne, 'reflectie'));
  const data = newestButton(s.connector.sent(), 'Start de reflectie')!.data;
  await invoke(execute(w(), sanne, 'reflection.start', data, { who: 'all', date: isoDate(Date.now() + 7 * 86_400_000), time: '17:00' }));
  const runId = runIdOnChannelCard(s.connector.sentTo(TEAM_ID));
  for (const who of [teachers[0]!, teachers[2]!, marloes]) {
    await invoke(execute(w({ where: 'personal' }), who, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: '4' }));
    await invoke(execute(w({ where: 'personal' }), who, 'reflection.send', { runId, v: '1' }));
  }
  // A feasibility study with one overdue part.
  const study = await s.bot.app.feasibility.repo.create({ partnershipId: p.id, werkgroepId: wg!.id, memberId: ids[0]!, partIds: feasibilityContent().parts.map((x) => x.id) });
  await s.bot.app.feasibility.repo.assign(study.id, 'instroom', ids[2]!, '2020-01-31');
  await s.bot.app.feasibility.repo.save(study.id, 'ambitie', 0, { profiles: 'Zorg', route: 'doorlopend-mbo3', leerweg: 'kader' }, 'beantwoord', ids[2]!);
});

describe('voortgang', () => {
  it('shows the projectleider the counts of a reflection in progress, per school, and overdue parts', async () => {
    await post(s.bot.messagesUrl, personalMessage(w(), sanne, 'voortgang'));
    const card = cardOf(s.connector.sent().at(-1)!.body);
    const texts = textsOf(card);
    expect(texts[0]).toBe('Voortgang Leerlab Noord\\-Holland');
    expect(texts).toContain('Reflectie 1 (Het hele partnerschap): loopt, 3 van 6 ingevuld');
    // Invited: Marloes + Fatima + Ahmed at ROC Noord (2 sent), Pieter + Anna at the vmbo (1 sent), Sanne without school.
    expect(texts).toContain('  ROC Noord: 2 van 3 (67%)');
    expect(texts).toContain('  Vmbo De Schakel: 1 van 2 (50%)');
    expect(texts).toContain('  Zonder school: 0 van 1 (0%)');
    expect(texts).toContain('Docenten Zorg – docentwerkgroep (versie 1): 1 van 6 onderdelen beantwoord');
    expect(texts).toContain('  Te laat: Instroom (eigenaar Pieter Bakker, was klaar op 2020-01-31)');
    expect(texts).toContain('Nog niet begonnen.');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Zet in het kanaal', 'Reflectie', 'Overeenkomst', 'Herinneringen', 'Wekelijks overzicht aanzetten']);
  });

  it('the regiegroep may post it to the channel; a docent is refused politely', async () => {
    const p = (await s.bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!;
    expect((await invoke(execute(w({ where: 'personal' }), marloes, 'progress.post', { pid: p.id }))).value).toBe('De voortgang staat in het kanaal.');
    expect(textsOf(cardOf(s.connector.sentTo(TEAM_ID).at(-1)!.body))[0]).toBe('Voortgang Leerlab Noord\\-Holland');
    await post(s.bot.messagesUrl, personalMessage(w(), teachers[0]!, 'voortgang'));
    expect(s.connector.sent().at(-1)!.body.text).toBe('Dit mag alleen de projectleider of de regiegroep.');
    expect((await invoke(execute(w({ where: 'personal' }), teachers[0]!, 'progress.post', { pid: p.id }))).value).toBe('Dit mag alleen de projectleider of de regiegroep.');
  });
});
