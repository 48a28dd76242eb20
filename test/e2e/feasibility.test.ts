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
});
