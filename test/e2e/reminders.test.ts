import { describe, expect, it } from 'vitest';
import { dutchDate, nextHoliday, studyDay } from './dates.js';
import { choose, click, fillText, openConversation, pickDate, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('reminders');

describe('reminders in the Agents Playground', () => {
  it('the projectleider picks a holiday region, adds a study day and plans a weekly reminder', async () => {
    await setUpPartnership(pg.page);

    await postWithMention(pg.page, 'vakanties');
    const holidays = await waitForCard(pg.page, 'Er is nog geen vakantieregio gekozen');
    await choose(pg.page, holidays, /Vakantieregio/, ['Midden']);
    await click(holidays, 'Regio opslaan');
    const saved = await waitForCard(pg.page, 'De vakantieregio is opgeslagen.');
    // The card lists the holidays still to come; the first is the next one in the shipped data.
    const next = nextHoliday('midden');
    expect(await saved.textContent()).toContain(`${next.name}: ${dutchDate(next.from)} t/m ${dutchDate(next.to)}`);

    const studiedag = studyDay('midden');
    await fillText(saved, /Naam/, 'Studiedag');
    await pickDate(pg.page, saved, /^Van/, studiedag);
    await click(saved, 'Toevoegen');
    const added = await waitForCard(pg.page, 'Studiedag is toegevoegd.');
    expect(await added.textContent()).toContain(`Studiedag: ${dutchDate(studiedag)} (zelf toegevoegd)`);

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
    // The projectleider's own view: asked in the channel, it arrives in her personal chat.
    await pg.page.getByText('Ik heb je het antwoord in je persoonlijke chat met Leerlab gestuurd.').first().waitFor({ timeout: 15_000 });
    await openConversation(pg.page, 'Personal Chat');
    const progress = await waitForCard(pg.page, 'Wekelijks overzicht: uit.');
    expect(await progress.textContent()).toContain('Volgende herinneringen');
    expect(await progress.textContent()).toContain('Herinnering: bereid de vergadering van de regiegroep voor');
    await click(progress, 'Wekelijks overzicht aanzetten');
    const on = await waitForCard(pg.page, 'De projectleider krijgt elke maandag om 08:00 dit overzicht.');
    expect(await on.getByRole('button', { name: 'Wekelijks overzicht uitzetten', exact: true }).count()).toBe(1);
  });
});
