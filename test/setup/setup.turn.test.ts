import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionData, cardButtons, cardInputs, cardTexts, createTurnHarness, person, TEAM, TENANT, type TurnHarness } from '../helpers/turnHarness.js';
// Counted as Teams counts, independently of the bot's own guard (src/cards/render.ts).
import { teamsBytes } from '../helpers/teamsSize.js';
const utf16Bytes = (value: unknown) => teamsBytes(JSON.stringify(value));
import { onConversationEvent } from '../../src/install/install.js';

const sanne = person(1, 'Sanne de Vries');
const pieter = person(2, 'Pieter Bakker');
const fatima = person(3, 'Fatima el Amrani');
const kees = person(4, 'Kees Jansen');
const marloes = person(5, 'Marloes Visser');

async function rolesOf(h: TurnHarness, who: typeof sanne) {
  const p = (await h.app.services.repo.findByTeam(TENANT, TEAM))!;
  return (await h.app.services.repo.member(p.id, who.aadObjectId!))?.roles;
}

/** Fills the members card the way Teams sends it: strings, unset inputs absent. */
function membersSubmit(card: Awaited<ReturnType<TurnHarness['text']>>, nav: string, rows: Record<number, { roles?: string; school?: string; wg?: string }>) {
  const { data } = actionData(card, nav === 'done' ? 'Klaar' : nav === 'next' ? 'Opslaan en volgende blad' : 'Vorige');
  // Start from what the card shows, as the client sends it; a row given here replaces that row.
  const out: Record<string, unknown> = { ...cardInputs(card), ...data };
  for (const [i, r] of Object.entries(rows)) {
    for (const field of ['roles', 'school', 'wg'] as const) {
      delete out[`m${i}_${field}`];
      if (r[field] !== undefined) out[`m${i}_${field}`] = r[field];
    }
  }
  return out;
}

describe('setup (instellen)', () => {
  let h: TurnHarness;
  beforeEach(async () => {
    h = await createTurnHarness();
    h.roster = [sanne, pieter, fatima, kees, marloes];
  });
  afterEach(async () => h.close());

  it('walks basics, werkgroepen and roles; the first person becomes projectleider', async () => {
    const basics = await h.text(sanne, 'instellen');
    expect(cardTexts(basics)).toContain('Jij bent nu projectleider van dit partnerschap, omdat je het als eerste instelt.');
    expect(await rolesOf(h, sanne)).toEqual(['projectleider']);

    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    const werkgroepen = await h.action(sanne, 'setup.basics', {
      pid,
      name: 'Leerlab Noord-Holland',
      s0_name: 'Vmbo De Schakel',
      s0_type: 'vo',
      s1_name: 'ROC Noord',
      s1_type: 'mbo',
    });
    expect(cardTexts(werkgroepen)[0]).toBe('Werkgroepen (stap 2 van 3)');
    const schools = await h.app.services.repo.schools(pid);
    expect(schools.map((s) => [s.name, s.type])).toEqual([
      ['Vmbo De Schakel', 'vo'],
      ['ROC Noord', 'mbo'],
    ]);

    const members = await h.action(sanne, 'setup.werkgroepen', { pid, w0_name: 'Docentwerkgroep Zorg', w0_channel: '19:docenten@thread.tacv2' });
    expect(cardTexts(members)[0]).toBe('Rollen en scholen (stap 3 van 3, blad 1 van 1)');
    const [wg] = await h.app.services.repo.werkgroepen(pid);
    expect(wg?.channel_id).toBe('19:docenten@thread.tacv2');

    // The card lists people by name: Fatima, Kees, Marloes, Pieter, Sanne.
    const vo = schools[0]!.id;
    const mbo = schools[1]!.id;
    // Choices are positional, as rendered: s0 = Vmbo De Schakel, s1 = ROC Noord, w0 = the werkgroep.
    const done = await h.action(
      sanne,
      'setup.members',
      membersSubmit(members, 'done', {
        0: { roles: 'docent', school: 's1', wg: 'w0' },
        1: { roles: 'schoolleider', school: 's0' },
        2: { roles: 'regiegroep,docent', school: 's1' },
        3: { roles: 'docent', school: 's0', wg: 'w0' },
        4: { roles: 'projectleider', school: 'none' },
      }),
    );
    expect(cardTexts(done)).toContain('**Leerlab Noord\\-Holland**: 2 scholen of bedrijven, 5 mensen met een rol, 1 werkgroep.');
    expect(await rolesOf(h, marloes)).toEqual(['docent', 'regiegroep']);
    const p = (await h.app.services.repo.findByTeam(TENANT, TEAM))!;
    const s = await h.app.services.repo.member(p.id, sanne.aadObjectId!);
    expect(s?.schoolId).toBeNull();
    const pi = await h.app.services.repo.member(p.id, pieter.aadObjectId!);
    expect(pi?.schoolId).toBe(vo);
    expect(pi?.werkgroepIds).toEqual([wg!.id]);
  });

  it('lets only projectleiders change the setup, and keeps at least one', async () => {
    const basics = await h.text(sanne, 'instellen');
    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    expect(await h.text(pieter, 'instellen')).toEqual({ message: 'Dit mag alleen de projectleider van dit partnerschap.' });
    // A docent replaying the projectleider's card is refused the same way.
    expect(await h.action(pieter, 'setup.basics', { pid, name: 'Kaping', s0_name: 'X', s0_type: 'vo' })).toEqual({
      message: 'Dit mag alleen de projectleider van dit partnerschap.',
    });
    expect((await h.app.services.repo.get(pid))?.name).toBeNull();

    await h.action(sanne, 'setup.basics', { pid, name: 'Leerlab', s0_name: 'Vmbo De Schakel', s0_type: 'vo' });
    const members = await h.action(sanne, 'setup.werkgroepen', { pid });
    // Sanne (row 4) drops her own role with nobody else projectleider: refused, nothing stored.
    const refused = await h.action(sanne, 'setup.members', membersSubmit(members, 'done', { 4: {} }));
    expect(refused).toEqual({ message: 'Er moet altijd minstens één projectleider zijn. Geef eerst iemand anders de rol projectleider.' });
    expect(await rolesOf(h, sanne)).toEqual(['projectleider']);

    // Handing over: Marloes (row 2) becomes projectleider, Sanne becomes docent.
    await h.action(sanne, 'setup.members', membersSubmit(members, 'done', { 2: { roles: 'projectleider,regiegroep' }, 4: { roles: 'docent' } }));
    expect(await rolesOf(h, marloes)).toEqual(['projectleider', 'regiegroep']);
    expect(await h.text(sanne, 'instellen')).toEqual({ message: 'Dit mag alleen de projectleider van dit partnerschap.' });
    expect('card' in (await h.text(marloes, 'instellen'))).toBe(true);
  });

  it('refuses bad input in Dutch and changes nothing', async () => {
    const basics = await h.text(sanne, 'instellen');
    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ pid, name: 'Leerlab', s0_name: 'Vmbo De Schakel' }, 'Kies voor "Vmbo De Schakel" de soort: vmbo, mbo of bedrijf.'],
      [{ pid, name: '   ', s0_name: 'A', s0_type: 'vo' }, 'Vul de naam van het partnerschap in.'],
      [{ pid, s0_name: 'A', s0_type: 'vo' }, 'Vul de naam van het partnerschap in.'],
      [{ pid, name: 'x'.repeat(101), s0_name: 'A', s0_type: 'vo' }, 'Naam van het partnerschap is te lang (hoogstens 100 tekens).'],
      [{ pid, name: 'Leerlab' }, 'Vul minstens één school in.'],
      [{ pid, name: 'Leerlab', s0_name: 'A', s0_type: 'vo', s1_name: 'a', s1_type: 'mbo' }, 'De naam "a" staat er twee keer in. Geef elke school een eigen naam.'],
      [{ pid, name: 'Leerlab', s0_name: 'A', s0_type: 'universiteit' }, 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.'],
      [{ pid, name: 'Leerlab', s0_name: 'A', s0_type: 'vo', isAdmin: 'true' }, 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.'],
      [{ pid: 'not-a-uuid', name: 'Leerlab', s0_name: 'A', s0_type: 'vo' }, 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.'],
      [{ pid: '11111111-1111-4111-8111-111111111111', name: 'Leerlab', s0_name: 'A', s0_type: 'vo' }, 'Deze kaart is verouderd. Typ de opdracht opnieuw voor een nieuwe kaart.'],
    ];
    for (const [data, expected] of cases) {
      expect(await h.action(sanne, 'setup.basics', data)).toEqual({ message: expected });
    }
    expect((await h.app.services.repo.get(pid))?.name).toBeNull();
    expect(await h.app.services.repo.schools(pid)).toEqual([]);
    expect(await h.action(sanne, 'setup.unknown', {})).toEqual({ message: 'Deze knop werkt niet meer. Typ **help** om te zien wat je kunt doen.' });

    await h.action(sanne, 'setup.basics', { pid, name: 'Leerlab', s0_name: 'A', s0_type: 'vo' });
    expect(await h.action(sanne, 'setup.werkgroepen', { pid, w0_name: 'Prive', w0_channel: '19:private@thread.tacv2' })).toEqual({
      message: 'Een gekozen kanaal bestaat niet (meer) of is een privékanaal. Kies een ander kanaal.',
    });
    expect(await h.action(sanne, 'setup.werkgroepen', { pid, w0_name: 'Zorg', w1_name: 'zorg' })).toEqual({
      message: 'De naam "zorg" staat er twee keer in. Geef elke werkgroep een eigen naam.',
    });
    const members = await h.action(sanne, 'setup.werkgroepen', { pid });
    const forged = membersSubmit(members, 'done', { 0: { roles: 'docent' } });
    const forgedIds = ['11111111-1111-4111-8111-111111111111', ...String(forged.ids).split(',').slice(1)].join(',');
    expect(await h.action(sanne, 'setup.members', { ...forged, ids: forgedIds })).toEqual({
      message: 'Een van de mensen op deze kaart hoort niet (meer) bij het Team. Open instellen opnieuw.',
    });
    expect(await h.action(sanne, 'setup.members', { ...forged, m0_roles: 'koning' })).toEqual({
      message: 'Dit kon ik niet verwerken. Controleer wat je hebt ingevuld en probeer het opnieuw.',
    });
    expect(await h.action(sanne, 'setup.members', { ...forged, m0_school: 's7', m4_roles: 'projectleider' })).toEqual({
      message: 'Een gekozen school bestaat niet (meer). Open instellen opnieuw.',
    });
    // The school list changed after the card was made: positional choices no longer hold.
    expect(await h.action(sanne, 'setup.members', { ...forged, lists: 'AAAAAAAAAAAA', m4_roles: 'projectleider' })).toEqual({
      message: 'Deze kaart is verouderd. Typ de opdracht opnieuw voor een nieuwe kaart.',
    });
    expect(await rolesOf(h, fatima)).toEqual([]);
  });

  it('pages a Team of 300 members over cards of 10, each under 28 KB', async () => {
    h.roster = [sanne, ...Array.from({ length: 299 }, (_, i) => person(100 + i, `Docent ${String(i).padStart(3, '0')}`))];
    const basics = await h.text(sanne, 'instellen');
    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    await h.action(sanne, 'setup.basics', { pid, name: 'Groot partnerschap', s0_name: 'Vmbo De Schakel', s0_type: 'vo', s1_name: 'ROC Noord', s1_type: 'mbo' });
    let card = await h.action(sanne, 'setup.werkgroepen', { pid });
    expect(cardTexts(card)[0]).toBe('Rollen en scholen (stap 3 van 3, blad 1 van 30)');
    expect(utf16Bytes((card as { card: unknown }).card)).toBeLessThan(28 * 1024);
    for (let page = 2; page <= 30; page++) {
      card = await h.action(sanne, 'setup.members', membersSubmit(card, 'next', { 0: { roles: 'docent' } }));
      expect(cardTexts(card)[0]).toBe(`Rollen en scholen (stap 3 van 3, blad ${page} van 30)`);
    }
    expect(cardButtons(card)).toEqual(['Vorige', 'Klaar']);
    const p = (await h.app.services.repo.get(pid))!;
    // Pages 1-29 each gave their first row the docent role; Sanne (first by name? no: "Docent 000" sorts first) kept hers.
    expect(await h.app.services.repo.countRole(p.id, 'docent')).toBe(29);
    expect(await h.app.services.repo.countRole(p.id, 'projectleider')).toBe(1);
  });

  it('keeps every setup card under 28 KB with the longest names, and still reaches every member', async () => {
    h.roster = [sanne, ...Array.from({ length: 59 }, (_, i) => person(100 + i, `${'Ë'.repeat(90)} ${String(i).padStart(3, '0')}`))];
    const basics = await h.text(sanne, 'instellen');
    const pid = actionData(basics, 'Opslaan en verder').data.pid as string;
    const schools = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [[`s${i}_name`, `${'é'.repeat(96)} ${i}`], [`s${i}_type`, 'mbo']]).flat());
    expect(utf16Bytes((basics as { card: unknown }).card)).toBeLessThan(28 * 1024);
    const wgCard = await h.action(sanne, 'setup.basics', { pid, name: 'ß'.repeat(100), ...schools });
    expect(utf16Bytes((wgCard as { card: unknown }).card)).toBeLessThan(28 * 1024);
    const groups = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`w${i}_name`, `${'ö'.repeat(96)} ${i}`]));
    let card = await h.action(sanne, 'setup.werkgroepen', { pid, ...groups });
    expect(card).toHaveProperty('card');
    const seen = new Set<string>();
    for (;;) {
      expect(utf16Bytes((card as { card: unknown }).card)).toBeLessThan(28 * 1024);
      const titles = cardButtons(card);
      const nav = titles.includes('Opslaan en volgende blad') ? 'next' : 'done';
      const { data } = actionData(card, nav === 'next' ? 'Opslaan en volgende blad' : 'Klaar');
      String(data.ids).split(',').forEach((id) => seen.add(id));
      if (nav === 'done') break;
      card = await h.action(sanne, 'setup.members', membersSubmit(card, 'next', {}));
    }
    expect(seen.size).toBe(60);
  });

  it('takes roles away from a member who leaves the Team', async () => {
    await h.text(sanne, 'instellen');
    const p = (await h.app.services.repo.findByTeam(TENANT, TEAM))!;
    const member = (await h.app.services.repo.member(p.id, pieter.aadObjectId!))!;
    await h.app.services.repo.assignMember(member.id, p.id, { roles: ['docent'], schoolId: null, werkgroepIds: [] });
    await onConversationEvent(h.app.services, h.turn(sanne), h.io, { kind: 'membersRemoved', members: [pieter] });
    const after = await h.app.services.repo.member(p.id, pieter.aadObjectId!);
    expect(after?.roles).toEqual([]);
    expect(after?.inTeam).toBe(false);
    expect(await h.app.services.repo.partnershipsOf(TENANT, pieter.aadObjectId!)).toEqual([]);
  });
});
