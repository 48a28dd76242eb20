import { describe, expect, it } from 'vitest';
import { choose, click, fillText, openConversation, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('feasibility');

describe('feasibility study in the Agents Playground', () => {
  it('fills one part and sees the overview card update', async () => {
    await setUpPartnership(pg.page, { werkgroep: 'Docenten Zorg', roles: (roles) => choose(pg.page, roles, /Werkgroepen/, ['Docenten Zorg'], 5) });

    await openConversation(pg.page, 'Docentwerkgroep Zorg');
    await postWithMention(pg.page, 'haalbaarheid');
    const overview = await waitForCard(pg.page, 'Haalbaarheidsonderzoek Docenten Zorg (versie 1)');
    expect(await overview.textContent()).toContain('Instroom: open');
    await click(overview, 'Open: Instroom');

    const part = await waitForCard(pg.page, 'Instroom (versie 1)');
    await fillText(part, /Verwachte leerlingen per jaar: Vmbo De Schakel/, '14');
    await fillText(part, /Minimale groepsgrootte/, '12');
    await click(part, 'Opslaan');

    const updated = await waitForCard(pg.page, /Instroom: beantwoord/);
    expect(await updated.textContent()).toContain('Laatste wijziging: Sanne de Vries');
  });

  it('fills the route design (Wettelijk en praktisch) with the route under Ambitie, and sees the overview update; a change under Ambitie marks it again', async () => {
    const page = pg.page;
    await click(await waitForCard(page, /Instroom: beantwoord/), 'Open: Ambitie en doelgroep');
    const ambitie = await waitForCard(page, 'Ambitie en doelgroep (versie 1)');
    await fillText(ambitie, /Welke vmbo-profielen doen mee/, 'Zorg en welzijn');
    await choose(page, ambitie, /Welke route\?/, ['Doorlopende leerroute naar mbo 3']);
    await choose(page, ambitie, /Vanuit welke vmbo-leerweg/, ['Kaderberoepsgerichte leerweg']);
    await click(ambitie, 'Opslaan');
    await click(await waitForCard(page, /Ambitie en doelgroep: beantwoord/), 'Open: Wettelijk en praktisch');

    const legal = await waitForCard(page, 'Wettelijk en praktisch (versie 1)');
    await fillText(legal, /Welke mbo-opleiding/, 'Verzorgende IG');
    await fillText(legal, /Crebonummer/, '25655');
    await fillText(legal, /Hoeveel leerjaren duurt de hele route/, '5');
    await choose(page, legal, /Welke vmbo-examens doen leerlingen/, ['Alle vmbo-examens']);
    await fillText(legal, /In welk routejaar ronden leerlingen het vmbo-examen af/, '3');
    await fillText(legal, /Vanaf welk routejaar doen leerlingen mbo-examens/, '2');
    await fillText(legal, /Vanaf welk routejaar gaan leerlingen op beroepspraktijkvorming/, '1');
    await choose(page, legal, /teambevoegdheid/, ['Ja']);
    await fillText(legal, /voor welke vak- of sectoroverstijgende/, 'Burgerschap');
    await choose(page, legal, /Waar krijgen leerlingen les/, ['Op meer plekken']);
    await fillText(legal, /Overstapoptie/, 'Vmbo-diploma kader op het vmbo.');
    await fillText(legal, /Wie is verantwoordelijk/, 'Ieder het eigen onderwijs, examen en diploma.');
    await click(legal, 'Opslaan');

    const updated = await waitForCard(page, /Wettelijk en praktisch: beantwoord/);
    expect(await updated.textContent()).toContain('Ambitie en doelgroep: beantwoord');

    // A doorlopende route to mbo 2 takes 4 years: the saved 5 no longer fit.
    await click(updated, 'Open: Ambitie en doelgroep');
    const again = await waitForCard(page, 'Ambitie en doelgroep (versie 1)');
    await choose(page, again, /Welke route\?/, ['Doorlopende leerroute naar mbo 2']);
    await click(again, 'Opslaan');
    const marked = await waitForCard(page, /Wettelijk en praktisch: nieuw antwoord nodig/);
    expect(await marked.textContent()).toContain('Past niet meer bij Ambitie: Een route naar mbo 2 duurt vmbo leerjaar 3 en 4 plus de mbo-opleiding: 4 leerjaren, niet 5.');
  });
});
