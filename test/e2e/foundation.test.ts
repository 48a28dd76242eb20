import { describe, expect, it } from 'vitest';
import { choose, click, fillText, openConversation, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('foundation');

describe('in the Agents Playground', () => {
  it('welcomes in General when installed, with Instellen and Help', async () => {
    await openConversation(pg.page, 'General');
    const welcome = await waitForCard(pg.page, 'Welkom bij Leerlab');
    await expect(welcome.getByRole('button', { name: 'Instellen', exact: true }).isVisible()).resolves.toBe(true);
    await expect(welcome.getByRole('button', { name: 'Help', exact: true }).isVisible()).resolves.toBe(true);
    // Sanne added the bot and is on the Team's roster: projectleider, and General says so.
    await pg.page.getByText('Sanne de Vries heeft Leerlab ingesteld en is projectleider.').first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('answers "@Leerlab help" in the channel', async () => {
    await postWithMention(pg.page, 'help');
    const help = await waitForCard(pg.page, 'Wat kan ik voor je doen?');
    expect(await help.textContent()).toContain('Je rol: Projectleider.');
  });

  it('sets up the partnership on cards: name, schools, a werkgroep, roles', async () => {
    await click(await waitForCard(pg.page, 'Welkom bij Leerlab'), 'Instellen');
    const basics = await waitForCard(pg.page, 'Partnerschap instellen (stap 1 van 3)');
    expect(await basics.textContent()).toContain('Jij bent nu projectleider');
    await fillText(basics, /Naam van het partnerschap/, 'Leerlab Noord-Holland');
    await fillText(basics, /School of bedrijf 1/, 'Vmbo De Schakel');
    await choose(pg.page, basics, /Soort/, ['Vmbo'], 0);
    await fillText(basics, /School of bedrijf 2/, 'ROC Noord');
    await choose(pg.page, basics, /Soort/, ['Mbo'], 1);
    await click(basics, 'Opslaan en verder');

    const groups = await waitForCard(pg.page, 'Werkgroepen (stap 2 van 3)');
    await fillText(groups, /Werkgroep 1/, 'Docenten Zorg');
    await choose(pg.page, groups, /Kanaal/, ['Docentwerkgroep Zorg'], 0);
    await click(groups, 'Opslaan en verder');

    const roles = await waitForCard(pg.page, /Rollen en scholen \(stap 3 van 3, blad 1 van 1\)/);
    // Rows by name: Ahmed, Fatima, Kees, Marloes, Pieter, Sanne. Sanne is projectleider already.
    await choose(pg.page, roles, /Rollen/, ['Docent'], 4);
    await choose(pg.page, roles, /^School/, ['Vmbo De Schakel'], 4);
    await choose(pg.page, roles, /Rollen/, ['Regiegroep', 'Docent'], 3);
    await choose(pg.page, roles, /^School/, ['ROC Noord'], 3);
    await click(roles, 'Klaar');

    const done = await waitForCard(pg.page, 'Partnerschap ingesteld');
    expect(await done.textContent()).toContain('Leerlab Noord-Holland: 2 scholen of bedrijven, 3 mensen met een rol, 1 werkgroep.');
  });
});
