import { describe, expect, it } from 'vitest';
import { choose, click, fillText, pickDate, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('reminders');

describe('reminders in the Agents Playground', () => {
  it('the projectleider picks a holiday region, adds a study day and plans a weekly reminder', async () => {
    await setUpPartnership(pg.page);

    await postWithMention(pg.page, 'vakanties');
    const holidays = await waitForCard(pg.page, 'Er is nog geen vakantieregio gekozen');
    await choose(pg.page, holidays, /Vakantieregio/, ['Midden']);
    await click(holidays, 'Regio opslaan');
    const saved = await waitForCard(pg.page, 'De vakantieregio is opgeslagen.');
    expect(await saved.textContent()).toContain('Kerstvakantie: za 19 december 2026 t/m zo 3 januari 2027');

    await fillText(saved, /Naam/, 'Studiedag');
    await pickDate(pg.page, saved, /^Van/, '2027-03-15');
    await click(saved, 'Toevoegen');
    const added = await waitForCard(pg.page, 'Studiedag is toegevoegd.');
    expect(await added.textContent()).toContain('Studiedag: ma 15 maart 2027 (zelf toegevoegd)');

    await click(added, 'Terug naar herinneringen');
    const list = await waitForCard(pg.page, 'Er zijn nog geen herinneringen.');
    await click(list, 'Nieuwe herinnering');
    const form = await waitForCard(pg.page, 'Om de hoeveel weken');
    // The defaults: weekly, tomorrow at 09:00, in the channel, the meeting text.
    await click(form, 'Opslaan');
    await pg.page.getByText(/Herinnering opgeslagen\. De eerste gaat/).first().waitFor({ timeout: 10_000 });
  });

  it('voortgang lists that reminder, and the projectleider switches the weekly digest on', async () => {
    await postWithMention(pg.page, 'voortgang');
    const progress = await waitForCard(pg.page, 'Wekelijks overzicht: uit.');
    expect(await progress.textContent()).toContain('Volgende herinneringen');
    expect(await progress.textContent()).toContain('Herinnering: bereid de vergadering van de regiegroep voor');
    await click(progress, 'Wekelijks overzicht aanzetten');
    const on = await waitForCard(pg.page, 'De projectleider krijgt elke maandag om 08:00 dit overzicht.');
    expect(await on.getByRole('button', { name: 'Wekelijks overzicht uitzetten', exact: true }).count()).toBe(1);
  });
});
