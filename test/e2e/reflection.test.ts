import { describe, expect, it } from 'vitest';
import { choose, click, fillText, openConversation, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('reflection');

describe('reflection in the Agents Playground', () => {
  it('the projectleider (also a docent) sets up and starts a reflection', async () => {
    // Sanne (last row) keeps projectleider and adds docent.
    await setUpPartnership(pg.page, { roles: (roles) => choose(pg.page, roles, /Rollen/, ['Docent'], 5) });

    await postWithMention(pg.page, 'reflectie');
    await click(await waitForCard(pg.page, 'Reflectie starten'), 'Start de reflectie');
    const started = await waitForCard(pg.page, 'Reflectie gestart');
    expect(await started.textContent()).toContain('0 van 1 hebben ingevuld.');
  });

  it('"Invullen" opens the questions in the 1:1 chat; answering and sending updates the channel card', async () => {
    await click(await waitForCard(pg.page, 'Reflectie gestart'), 'Invullen');
    await openConversation(pg.page, 'Personal Chat');
    let partCard = await waitForCard(pg.page, 'Deel 1 van 9: Werken aan een gedeelde ambitie');
    // Her roles say neither school nor layer, so the first card asks once.
    await choose(pg.page, partCard, /Voor welke school vul je dit in/, ['Vmbo De Schakel'], 0);
    await choose(pg.page, partCard, /In welke rol vul je dit in/, ['Professioneel (docent of begeleider)'], 0);
    await choose(pg.page, partCard, /We hebben samen een duidelijke ambitie/, ['4 eens'], 0);
    await fillText(partCard, /Wat gaat goed bij/, 'We kennen elkaar al goed.');
    for (let n = 1; n <= 9; n++) {
      await click(partCard, n < 9 ? 'Opslaan en verder' : 'Opslaan en naar overzicht');
      partCard = n < 9 ? await waitForCard(pg.page, `Deel ${n + 1} van 9`) : await waitForCard(pg.page, 'Jouw antwoorden');
    }
    expect(await partCard.textContent()).toContain('4 eens');
    await click(partCard, 'Versturen');
    await pg.page.getByText('Bedankt! Je antwoorden zijn verstuurd.').first().waitFor({ timeout: 10_000 });

    await openConversation(pg.page, 'General');
    await pg.page.locator('.ac-adaptiveCard').filter({ hasText: '1 van 1 heeft ingevuld.' }).first().waitFor({ timeout: 20_000 });
  });

  it('after "reflectie sluiten" the summary appears in the channel', async () => {
    await postWithMention(pg.page, 'reflectie sluiten');
    const summary = await waitForCard(pg.page, 'Uitslag reflectie 1', 20_000);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('1 van de 1 uitgenodigden heeft ingevuld.');
    // One respondent is fewer than the minimum group size of 3: the count, and nothing else.
    expect(text).toContain('Daarom tonen we geen uitkomsten: groepen kleiner dan 3 tonen we niet.');
    expect(text).not.toContain('gemiddeld');
    expect(text).not.toContain('Vmbo De Schakel');
  });
});
