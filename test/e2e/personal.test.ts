import { describe, expect, it } from 'vitest';
import { click, openConversation, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('personal');

/** Rule 7 of the privacy model in the Playground: what is one person's own reaches only their 1:1 chat. */
describe('personal answers in the Agents Playground', () => {
  it('"@Leerlab invullen" in the channel: the channel shows the neutral line only, the questions are in the personal chat', async () => {
    await setUpPartnership(pg.page);
    await postWithMention(pg.page, 'reflectie');
    await click(await waitForCard(pg.page, 'Reflectie starten'), 'Start de reflectie');
    await waitForCard(pg.page, 'Reflectie gestart');

    await postWithMention(pg.page, 'invullen');
    await pg.page.getByText('Ik heb je de vragen in je persoonlijke chat gestuurd.').first().waitFor({ timeout: 15_000 });
    // The questions went out before the channel's line, so had they come here they would show by now.
    const channelCards = pg.page.locator('.ac-adaptiveCard');
    expect(await channelCards.filter({ hasText: 'Deel 1 van 9' }).count()).toBe(0);
    expect(await channelCards.filter({ hasText: 'Jouw antwoorden' }).count()).toBe(0);

    await openConversation(pg.page, 'Personal Chat');
    const questions = await waitForCard(pg.page, 'Deel 1 van 9: Werken aan een gedeelde ambitie');
    expect(await questions.textContent()).toContain('We hebben samen een duidelijke ambitie');
  });
});
