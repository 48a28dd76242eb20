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
    await page?.screenshot({ path: `test-results/reflection-${ctx.task.name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
    console.log(stack?.logs().slice(-4000));
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('reflection in the Agents Playground', () => {
  it('the projectleider (also a docent) sets up and starts a reflection', async () => {
    await openConversation(page, 'General');
    await click(await waitForCard(page, 'Welkom bij Leerlab'), 'Instellen');
    const basics = await waitForCard(page, 'Partnerschap instellen (stap 1 van 3)');
    await fillText(basics, /Naam van het partnerschap/, 'Leerlab Noord-Holland');
    await fillText(basics, /School of bedrijf 1/, 'Vmbo De Schakel');
    await choose(page, basics, /Soort/, ['Vmbo (vo)'], 0);
    await fillText(basics, /School of bedrijf 2/, 'ROC Noord');
    await choose(page, basics, /Soort/, ['Mbo'], 1);
    await click(basics, 'Opslaan en verder');
    await click(await waitForCard(page, 'Werkgroepen (stap 3 van 3)'), 'Opslaan en verder');
    const roles = await waitForCard(page, /Rollen en scholen/);
    // Sanne (last row) keeps projectleider and adds docent.
    await choose(page, roles, /Rollen/, ['Docent'], 5);
    await click(roles, 'Klaar');
    await waitForCard(page, 'Partnerschap ingesteld');

    await postWithMention(page, 'reflectie');
    await click(await waitForCard(page, 'Reflectie starten'), 'Start de reflectie');
    const started = await waitForCard(page, 'Reflectie gestart');
    expect(await started.textContent()).toContain('0 van 1 hebben ingevuld.');
  });

  it('"Invullen" opens the questions in the 1:1 chat; answering and sending updates the channel card', async () => {
    await click(await waitForCard(page, 'Reflectie gestart'), 'Invullen');
    await openConversation(page, 'Personal Chat');
    let partCard = await waitForCard(page, 'Deel 1 van 9: Werken aan een gedeelde ambitie');
    // Her roles say neither school nor layer, so the first card asks once.
    await choose(page, partCard, /Voor welke school vul je dit in/, ['Vmbo De Schakel'], 0);
    await choose(page, partCard, /In welke rol vul je dit in/, ['Docent of begeleider'], 0);
    await choose(page, partCard, /We hebben samen een duidelijke ambitie/, ['4 eens'], 0);
    await fillText(partCard, /Wat gaat goed bij/, 'We kennen elkaar al goed.');
    for (let n = 1; n <= 9; n++) {
      await click(partCard, n < 9 ? 'Opslaan en verder' : 'Opslaan en naar overzicht');
      partCard = n < 9 ? await waitForCard(page, `Deel ${n + 1} van 9`) : await waitForCard(page, 'Jouw antwoorden');
    }
    expect(await partCard.textContent()).toContain('4 eens');
    await click(partCard, 'Versturen');
    await page.getByText('Bedankt! Je antwoorden zijn verstuurd.').first().waitFor({ timeout: 10_000 }).catch(() => {});

    await openConversation(page, 'General');
    await page.locator('.ac-adaptiveCard').filter({ hasText: '1 van 1 hebben ingevuld.' }).first().waitFor({ timeout: 20_000 });
  });

  it('after "reflectie sluiten" the summary appears in the channel', async () => {
    await postWithMention(page, 'reflectie sluiten');
    const summary = await waitForCard(page, 'Uitslag reflectie 1', 20_000);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('1 van de 1 uitgenodigden hebben ingevuld.');
    expect(text).toContain('Vmbo De Schakel: te weinig antwoorden');
  });
});
