import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardButtons, cardTexts, createTurnHarness, person, TEAM, TENANT, type TurnHarness } from '../helpers/turnHarness.js';

const sanne = person(1, 'Sanne de Vries');
const pieter = person(2, 'Pieter Bakker');
const marloes = person(5, 'Marloes Visser');

describe('help by role', () => {
  let h: TurnHarness;
  beforeEach(async () => {
    h = await createTurnHarness();
    h.roster = [sanne, pieter, marloes];
  });
  afterEach(async () => h.close());

  async function giveRole(who: typeof sanne, roles: Array<'docent' | 'regiegroep' | 'projectleider'>) {
    const p = (await h.app.services.repo.findByTeam(TENANT, TEAM))!;
    const m = (await h.app.services.repo.member(p.id, who.aadObjectId!))!;
    await h.app.services.repo.assignMember(m.id, p.id, { roles, schoolId: null, werkgroepIds: [] });
  }

  it('offers "instellen" to everyone before the partnership has a projectleider', async () => {
    const help = await h.text(pieter, 'help');
    expect(cardTexts(help)).toContain('Je hebt nog geen rol in dit partnerschap.');
    expect(cardButtons(help)).toEqual(['Invullen', 'Instellen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
  });

  it('no longer offers "instellen" to everyone once the last projectleider left while others hold roles', async () => {
    await h.text(sanne, 'instellen');
    await giveRole(pieter, ['docent']);
    const p = (await h.app.services.repo.findByTeam(TENANT, TEAM))!;
    await h.app.services.repo.removeMember(p.id, sanne.aadObjectId!);
    expect(cardButtons(await h.text(pieter, 'help'))).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
    expect(cardButtons(await h.text(marloes, 'help'))).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
  });

  it('shows a docent only what a docent may do, and flows not built yet as coming soon without buttons', async () => {
    await h.text(sanne, 'instellen');
    await giveRole(pieter, ['docent']);
    const help = await h.text(pieter, 'hulp');
    const texts = cardTexts(help).join('\n');
    expect(texts).toContain('Je rol: Docent.');
    expect(texts).toContain('**haalbaarheid**: Het haalbaarheidsonderzoek van een werkgroep openen.');
    expect(texts).not.toContain('instellen');
    expect(texts).not.toContain('voortgang');
    expect(texts).not.toContain('**reflectie**');
    expect(texts).not.toContain('**rapport**');
    expect(cardButtons(help)).toEqual(['Invullen', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Mijn gegevens', 'Verwijder mijn gegevens']);
  });

  it('shows the projectleider setup with a button, and regiegroep the progress commands', async () => {
    await h.text(sanne, 'instellen');
    await giveRole(marloes, ['regiegroep']);
    const pl = await h.text(sanne, 'help');
    expect(cardTexts(pl).join('\n')).toContain('Je rol: Projectleider.');
    expect(cardButtons(pl)).toEqual(['Invullen', 'Instellen', 'Reflectie', 'Haalbaarheid', 'Overeenkomst', 'Acties', 'Voortgang', 'Rapport', 'Herinneringen', 'Vakanties', 'Groepsgrootte', 'Auditlog', 'Mijn gegevens', 'Verwijder mijn gegevens', 'Partnerschap verwijderen']);
    const rg = cardTexts(await h.text(marloes, 'help')).join('\n');
    expect(rg).toContain('**voortgang**: Zien hoe ver alle werkgroepen zijn.');
    expect(rg).toContain('**herinneringen**: Herinneringen plannen voor de regiegroep.');
    expect(rg).toContain('**rapport**: Een Word-rapport voor het overleg van de regiegroep.');
    expect(rg).not.toContain('(binnenkort)');
    expect(rg).not.toContain('**instellen**');
  });

  it('the Rapport button on help makes the report for the regiegroep, and a docent is refused it', async () => {
    await h.text(sanne, 'instellen');
    await giveRole(marloes, ['regiegroep']);
    await giveRole(pieter, ['docent']);
    const help = await h.text(marloes, 'help');
    expect(cardButtons(help)).toContain('Rapport');
    const result = await h.action(marloes, 'command.run', { command: 'rapport' }, 'personal');
    // The report is made at once; on a busy machine (over 2 seconds) the turn says so and the card follows.
    if ('card' in result && result.card) expect(cardButtons(result)).toEqual(['Rapport downloaden (Word)']);
    else expect(result).toMatchObject({ message: 'Ik maak het rapport. Dat duurt even; je krijgt het zo in deze chat.' });
    expect(await h.action(pieter, 'command.run', { command: 'rapport' })).toEqual({ message: 'Dit mag alleen de projectleider of de regiegroep.' });
  });

  it('answers unknown text in Dutch, and a flow the role may not use politely', async () => {
    expect(await h.text(pieter, 'hulpvraag over roosters')).toEqual({ message: 'Dat begrijp ik niet. Typ **help** om te zien wat je kunt doen.' });
    await h.text(sanne, 'instellen');
    await giveRole(pieter, ['docent']);
    expect(await h.text(pieter, 'herinneringen')).toEqual({ message: 'Dit mag alleen de projectleider of de regiegroep.' });
  });

  it('in 1:1 chat knows the partnership, and asks which one when there are several', async () => {
    expect(cardTexts(await h.text(pieter, 'help', 'personal'))).toContain('Je hoort nog niet bij een partnerschap dat ik ken.');
    await h.text(sanne, 'instellen');
    expect(cardTexts(await h.text(sanne, 'help', 'personal'))).toContain('Je rol: Projectleider.');

    // A second partnership in another Team with Sanne in it.
    const other = await h.app.services.repo.activateForTeam(TENANT, '19:other@thread.tacv2');
    await h.app.services.repo.rename(other.id, 'Leerlab Zuid');
    await h.app.services.repo.upsertMembers(other.id, [sanne]);
    const choose = await h.text(sanne, 'help', 'personal');
    expect(cardTexts(choose)).toContain('Je hoort bij meer dan één partnerschap. Voor welk partnerschap is dit?');
    // The first partnership has no name yet.
    expect(cardButtons(choose)).toEqual(['Partnerschap (nog zonder naam)', 'Leerlab Zuid']);

    // Choosing a partnership the user is not in is refused.
    expect(await h.action(pieter, 'partnership.choose', { pid: other.id, command: 'help' }, 'personal')).toEqual({
      message: 'Je hoort (nog) niet bij dit partnerschap. Vraag de projectleider om je toe te voegen.',
    });
    const chosen = await h.action(sanne, 'partnership.choose', { pid: other.id, command: 'help' }, 'personal');
    expect(cardTexts(chosen)).toContain('Je hebt nog geen rol in dit partnerschap.');
  });
});
