import { describe, expect, it } from 'vitest';
import { choose, click, fillText, openConversation, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('agreement');

describe('agreement in the Agents Playground', () => {
  it('edits a section and sees the overview card update', async () => {
    await setUpPartnership(pg.page);

    await postWithMention(pg.page, 'overeenkomst');
    const overview = await waitForCard(pg.page, 'Samenwerkingsovereenkomst Leerlab Noord-Holland');
    expect(await overview.textContent()).toContain('Partijen: leeg');
    await click(overview, 'Onderdeel openen');

    const section = await waitForCard(pg.page, 'Hulpvragen');
    await fillText(section, /^Tekst/, 'Vmbo De Schakel en ROC Noord sluiten deze overeenkomst.');
    await click(section, 'Opslaan als nieuwe versie');
    // The clicked card is the shared overview message: the saver's confirmation replaces it,
    // and the overview's update for everyone may replace that again before we look. Either
    // way the saver ends on the updated overview.
    const after = await waitForCard(pg.page, /Partijen is opgeslagen als versie 1\.|Partijen: concept/);
    if ((await after.textContent())?.includes('Partijen is opgeslagen als versie 1.')) await click(after, 'Terug naar overzicht');

    const updated = await waitForCard(pg.page, /Partijen: concept/);
    expect(await updated.textContent()).toContain('laatst door Sanne de Vries');
  });
});
