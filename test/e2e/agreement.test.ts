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
    await page?.screenshot({ path: `test-results/agreement-${ctx.task.name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
    console.log(stack?.logs().slice(-4000));
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('agreement in the Agents Playground', () => {
  it('edits a section and sees the overview card update', async () => {
    await openConversation(page, 'General');
    await click(await waitForCard(page, 'Welkom bij Leerlab'), 'Instellen');
    const basics = await waitForCard(page, 'Partnerschap instellen (stap 1 van 3)');
    await fillText(basics, /Naam van het partnerschap/, 'Leerlab Noord-Holland');
    await fillText(basics, /School of bedrijf 1/, 'Vmbo De Schakel');
    await choose(page, basics, /Soort/, ['Vmbo (vo)'], 0);
    await click(basics, 'Opslaan en verder');
    await click(await waitForCard(page, 'Werkgroepen (stap 3 van 3)'), 'Opslaan en verder');
    await click(await waitForCard(page, /Rollen en scholen/), 'Klaar');
    await waitForCard(page, 'Partnerschap ingesteld');

    await postWithMention(page, 'overeenkomst');
    const overview = await waitForCard(page, 'Samenwerkingsovereenkomst Leerlab Noord-Holland');
    expect(await overview.textContent()).toContain('Partijen: leeg');
    await click(overview, 'Onderdeel openen');

    const section = await waitForCard(page, 'Hulpvragen');
    await fillText(section, /^Tekst/, 'Vmbo De Schakel en ROC Noord sluiten deze overeenkomst.');
    await click(section, 'Opslaan als nieuwe versie');
    await waitForCard(page, 'Partijen is opgeslagen als versie 1.');
    await click(await waitForCard(page, 'Partijen is opgeslagen als versie 1.'), 'Terug naar overzicht');

    const updated = await waitForCard(page, /Partijen: concept/);
    expect(await updated.textContent()).toContain('laatst door Sanne de Vries');
  });
});
