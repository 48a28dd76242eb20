import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { choose, click, fillText, openBrowser, openConversation, postWithMention, startStack, waitForCard, type Stack } from './playground.js';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  ({ browser, page } = await openBrowser());
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await page?.screenshot({ path: `test-results/feasibility-${ctx.task.name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
    console.log(stack?.logs().slice(-4000));
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('feasibility study in the Agents Playground', () => {
  it('fills one part and sees the overview card update', async () => {
    await openConversation(page, 'General');
    await click(await waitForCard(page, 'Welkom bij Leerlab'), 'Instellen');
    const basics = await waitForCard(page, 'Partnerschap instellen (stap 1 van 3)');
    await fillText(basics, /Naam van het partnerschap/, 'Leerlab Noord-Holland');
    await fillText(basics, /School of bedrijf 1/, 'Vmbo De Schakel');
    await choose(page, basics, /Soort/, ['Vmbo (vo)'], 0);
    await fillText(basics, /School of bedrijf 2/, 'ROC Noord');
    await choose(page, basics, /Soort/, ['Mbo'], 1);
    await click(basics, 'Opslaan en verder');
    const groups = await waitForCard(page, 'Werkgroepen (stap 3 van 3)');
    await fillText(groups, /Werkgroep 1/, 'Docenten Zorg');
    await choose(page, groups, /Kanaal/, ['Docentwerkgroep Zorg'], 0);
    await click(groups, 'Opslaan en verder');
    const roles = await waitForCard(page, /Rollen en scholen/);
    await choose(page, roles, /Werkgroepen/, ['Docenten Zorg'], 5);
    await click(roles, 'Klaar');
    await waitForCard(page, 'Partnerschap ingesteld');

    await openConversation(page, 'Docentwerkgroep Zorg');
    await postWithMention(page, 'haalbaarheid');
    const overview = await waitForCard(page, 'Haalbaarheidsonderzoek Docenten Zorg (versie 1)');
    expect(await overview.textContent()).toContain('Instroom: open');
    await click(overview, 'Open: Instroom');

    const part = await waitForCard(page, 'Instroom (versie 1)');
    await fillText(part, /Verwachte leerlingen per jaar: Vmbo De Schakel/, '14');
    await fillText(part, /Minimale groepsgrootte/, '12');
    await click(part, 'Opslaan');

    const updated = await waitForCard(page, /Instroom: beantwoord/);
    expect(await updated.textContent()).toContain('Laatste wijziging: Sanne de Vries');
  });
});
