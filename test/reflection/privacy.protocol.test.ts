import { describe, expect, it } from 'vitest';
import { useInstalledBot } from '../helpers/installedBot.js';
import { buttonsOf, cardOf, channelMessage, execute, post, TEAM_ID, textsOf, type User, runIdOnChannelCard } from '../helpers/teams.js';

/**
 * The promise of issue 12 over the protocol: the channel sees totals, never one person's
 * answers, and nothing from which they can be worked out; k is the partnership's, raised
 * only, and frozen into each run; what a run published stays as it was.
 */

const h = useInstalledBot();
const u = (n: number, name: string): User => ({ id: `29:p${n}`, aadObjectId: `aad-p-${n}`, name });
const pl = u(0, 'Sanne de Vries');

async function schoolsAndPeople(schools: Array<{ name: string; type: 'vo' | 'mbo'; people: number }>): Promise<User[][]> {
  const { repo } = h.bot.app.services;
  const stored = await repo.replaceSchools(h.pid, schools.map((s) => ({ name: s.name, type: s.type })));
  await h.addMembers([{ user: pl, roles: ['projectleider'] }]);
  let n = 100 * (await repo.schools(h.pid)).length + Math.floor(Math.random() * 1000) * 1000;
  const out: User[][] = [];
  for (const [i, s] of schools.entries()) {
    const people = Array.from({ length: s.people }, () => u(++n, `Docent ${n}`));
    await h.addMembers(people.map((user) => ({ user, roles: ['docent'], schoolId: stored[i]!.id })));
    out.push(people);
  }
  return out;
}

async function startRun(perSchool: boolean): Promise<string> {
  await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie'));
  const card = cardOf(h.connector.sent().at(-1)!.body);
  const data = buttonsOf(card).find((b) => b.title === 'Start de reflectie')!.data;
  const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  expect((await h.invoke(execute(h.w(), pl, 'reflection.start', data, { who: 'all', date, time: '17:00', perSchool: String(perSchool) }))).value).toBe('De reflectie is gestart. Ik heb een kaart in het kanaal gezet.');
  return runIdOnChannelCard(h.connector.sentTo(TEAM_ID));
}

async function answer(runId: string, who: User, value: number, comment?: string) {
  const v = String(value);
  await h.invoke(execute(h.w({ where: 'personal' }), who, 'reflection.part', { runId, v: '1', part: '0', nav: 'next', i0: v, i1: v, i2: v, i3: v, ...(comment ? { i4: comment } : {}) }));
  expect((await h.invoke(execute(h.w({ where: 'personal' }), who, 'reflection.send', { runId, v: '1' }))).value).toContain('Bedankt!');
}

async function close(): Promise<string[][]> {
  const before = h.connector.sentTo(TEAM_ID).length;
  const puts = h.connector.updates().length;
  await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie sluiten'));
  // The channel card turns "gesloten" after the summary and its comment cards went out.
  await h.connector.waitFor((r) => r.method === 'PUT' && textsOf(cardOf(r.body))[0] === 'Reflectie gesloten' && h.connector.updates().indexOf(r) >= puts, 10_000);
  return h.connector
    .sentTo(TEAM_ID)
    .slice(before)
    .filter((r) => r.method !== 'PUT' && cardOf(r.body))
    .map((r) => textsOf(cardOf(r.body)));
}

async function csvOf(runId: string): Promise<string> {
  const res = await h.invoke(execute(h.w(), pl, 'reflection.csv', { runId }));
  const url = JSON.stringify(res.value).match(/"url":"([^"]+)"/)![1]!;
  return (await fetch(url)).text();
}

const clearRuns = async () => {
  const { db } = h.bot.store;
  await db.deleteFrom('reflection_answers').execute();
  await db.deleteFrom('reflection_invites').execute();
  await db.deleteFrom('reflection_runs').execute();
  await db.deleteFrom('member_roles').execute();
  await db.deleteFrom('members').execute();
};

describe('the channel sees totals, never one person', () => {
  it('one teacher of six answers: the summary gives the count and nothing else, not the comment', async () => {
    await clearRuns();
    const [teachers] = await schoolsAndPeople([{ name: 'Vmbo De Schakel', type: 'vo', people: 6 }]);
    const runId = await startRun(true);
    await answer(runId, teachers![0]!, 2, 'Jan Smit helpt ons niet');
    const cards = await close();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toEqual([
      'Uitslag reflectie 1',
      '1 van de 7 uitgenodigden heeft ingevuld. Hieronder staan alleen totalen, nooit antwoorden van één persoon. Dat zijn er minder dan 3. Daarom tonen we geen uitkomsten: groepen kleiner dan 3 tonen we niet.',
      // The response gauge's fallback: participation, shown whatever the group size.
      'Respons: 1 van 7 (14%)',
    ]);
    // No CSV button on it, and the CSV action refuses nothing it should not: it has only the header.
    expect(buttonsOf(cardOf(h.connector.sentTo(TEAM_ID).filter((r) => textsOf(cardOf(r.body))[0] === 'Uitslag reflectie 1').at(-1)!.body))).toEqual([]);
    // (fetch's text() drops the byte order mark)
    expect(await csvOf(runId)).toBe('groep;onderdeel;n;gemiddelde;spreiding;1;2;3;4;5;weet ik niet\r\n');
  });

  it('schools A (vmbo, 5), B (vmbo, 1), C (mbo, 4): nothing gives away B, in the cards or the CSV', async () => {
    await clearRuns();
    const [a, b, c] = await schoolsAndPeople([
      { name: 'School A', type: 'vo', people: 5 },
      { name: 'School B', type: 'vo', people: 1 },
      { name: 'School C', type: 'mbo', people: 4 },
    ]);
    const runId = await startRun(true);
    for (const who of a!) await answer(runId, who, 4);
    await answer(runId, b![0]!, 1);
    for (const who of c!) await answer(runId, who, 3);
    const [summary] = await close();
    const text = summary!.join('\n');
    // The figures worked out by hand: 10 people, 4 answers each. vmbo: 5x4 + 1x1 = 21 people-
    // answers of 4 and 4 of 1 -> (80 + 4) / 24 = 3.5; mbo all 3.
    expect(text).toContain('Werken aan een gedeelde ambitie: vmbo 3,5 · mbo 3,0');
    expect(text).toContain('School A: te weinig antwoorden');
    expect(text).toContain('School B: te weinig antwoorden');
    expect(text).toContain('Werken aan een gedeelde ambitie: School C 3,0');
    const csv = await csvOf(runId);
    expect(csv).toContain('school: School A;;te weinig antwoorden');
    expect(csv).toContain('school: School B;;te weinig antwoorden');
    expect(csv).toContain('soort school: vmbo;Werken aan een gedeelde ambitie;6;3,50;');
    expect(csv).toContain('achtje tussen: School A – School C;');
    expect(csv).not.toMatch(/achtje tussen: School A – School C;[^;]+;\d/);
    expect(csv).not.toMatch(/school: School A;Werken/);
  });

  it('names of the partnership\'s people in a comment show as [naam]; the comment card says so', async () => {
    await clearRuns();
    const [team] = await schoolsAndPeople([{ name: 'Vmbo De Schakel', type: 'vo', people: 3 }]);
    const runId = await startRun(false);
    const named = team![1]!.name; // "Docent <n>"
    await answer(runId, team![0]!, 4, `Overleg met ${named} en Sanne de Vries loopt goed, ik ben blij`);
    await answer(runId, team![1]!, 3);
    await answer(runId, team![2]!, 3);
    const cards = await close();
    const comments = cards.find((c) => c[0]!.startsWith('Opmerkingen bij reflectie'))!;
    expect(comments).toContain('In willekeurige volgorde. Namen van mensen uit het partnerschap hebben we vervangen door [naam].');
    // Markdown-escaped on the card, so Teams shows the brackets as written.
    expect(comments.join('\n')).toContain('Gaat goed: Overleg met \\[naam\\] en \\[naam\\] loopt goed, ik ben blij');
    expect(comments.join('\n')).not.toContain('Sanne');
  });

  it('what a run published stays: raising k or deleting answers later changes no CSV of it', async () => {
    const run = (await h.bot.store.db.selectFrom('reflection_runs').select('id').execute())[0]!;
    const before = await csvOf(run.id);
    expect(before).toContain('totaal;Werken aan een gedeelde ambitie;3;');
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'groepsgrootte 5'));
    expect(h.connector.sent().at(-1)!.body.text).toBe('De minimale groepsgrootte is nu 5. Groepen kleiner dan 5 tonen we niet, vanaf de volgende reflectie. Lopende reflecties houden hun groepsgrootte.');
    await h.bot.store.db.deleteFrom('reflection_answers').execute();
    expect(await csvOf(run.id)).toBe(before);
  });
});

describe('the minimum group size: the projectleider raises it, nobody lowers it, a run keeps its own', () => {
  it('shows, refuses a docent, a lower or an odd value in Dutch, and raises', async () => {
    const say = async (who: User, text: string) => {
      await post(h.bot.messagesUrl, channelMessage(h.w(), who, text));
      return h.connector.sent().at(-1)!.body.text as string;
    };
    const docent = (await h.bot.app.services.repo.membersWithRole(h.pid, 'docent'))[0]!;
    const asDocent: User = { id: docent.teamsUserId, aadObjectId: docent.aadObjectId!, name: docent.name };
    expect(await say(pl, 'groepsgrootte')).toBe('De minimale groepsgrootte is 5: groepen kleiner dan 5 tonen we niet. De projectleider kan hem verhogen met bijvoorbeeld "groepsgrootte 5".');
    expect(await say(asDocent, 'groepsgrootte 7')).toBe('Dit mag alleen de projectleider.');
    expect(await say(pl, 'groepsgrootte 4')).toBe('De minimale groepsgrootte is 5. Je kunt hem alleen verhogen, niet verlagen. Zo blijven eerdere afspraken over privacy gelden.');
    expect(await say(pl, 'groepsgrootte 11')).toBe('Geef een getal van 3 tot en met 10, bijvoorbeeld: groepsgrootte 5.');
    expect(await say(pl, 'groepsgrootte vijf')).toBe('Geef een getal van 3 tot en met 10, bijvoorbeeld: groepsgrootte 5.');
    expect((await h.bot.app.services.repo.get(h.pid))!.min_group).toBe(5);
    expect(await say(pl, 'groepsgrootte 6')).toBe('De minimale groepsgrootte is nu 6. Groepen kleiner dan 6 tonen we niet, vanaf de volgende reflectie. Lopende reflecties houden hun groepsgrootte.');
    expect((await h.bot.app.services.repo.get(h.pid))!.min_group).toBe(6);
  });

  it('a run started at k = 6 keeps 6 when k is raised while it runs, and the start card says so', async () => {
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'reflectie'));
    expect(textsOf(cardOf(h.connector.sent().at(-1)!.body)).join('\n')).toContain('Groepen kleiner dan 6 tonen we niet.');
    const runId = await startRun(false);
    await post(h.bot.messagesUrl, channelMessage(h.w(), pl, 'groepsgrootte 8'));
    const run = await h.bot.app.reflection.repo.get(runId);
    expect(run!.min_group).toBe(6);
  });
});
