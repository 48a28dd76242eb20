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
// A failing step leaves a screenshot and the bot's log next to the test run.
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') {
    await page?.screenshot({ path: `test-results/${ctx.task.name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
    console.log(stack?.logs().slice(-4000));
  }
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('in the Agents Playground', () => {
  it('welcomes in General when installed, with Instellen and Help', async () => {
    await openConversation(page, 'General');
    const welcome = await waitForCard(page, 'Welkom bij Leerlab');
    await expect(welcome.getByRole('button', { name: 'Instellen', exact: true }).isVisible()).resolves.toBe(true);
    await expect(welcome.getByRole('button', { name: 'Help', exact: true }).isVisible()).resolves.toBe(true);
  });

  it('answers "@Leerlab help" in the channel', async () => {
    await postWithMention(page, 'help');
    const help = await waitForCard(page, 'Wat kan ik voor je doen?');
    expect(await help.textContent()).toContain('Je hebt nog geen rol in dit partnerschap.');
  });

  it('sets up the partnership on cards: name, schools, a werkgroep, roles', async () => {
    await click(await waitForCard(page, 'Welkom bij Leerlab'), 'Instellen');
    const basics = await waitForCard(page, 'Partnerschap instellen (stap 1 van 3)');
    expect(await basics.textContent()).toContain('Jij bent nu projectleider');
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

    const roles = await waitForCard(page, /Rollen en scholen \(stap 2 van 3, blad 1 van 1\)/);
    // Rows by name: Ahmed, Fatima, Kees, Marloes, Pieter, Sanne. Sanne is projectleider already.
    await choose(page, roles, /Rollen/, ['Docent'], 4);
    await choose(page, roles, /^School/, ['Vmbo De Schakel'], 4);
    await choose(page, roles, /Rollen/, ['Regiegroep', 'Docent'], 3);
    await choose(page, roles, /^School/, ['ROC Noord'], 3);
    await click(roles, 'Klaar');

    const done = await waitForCard(page, 'Partnerschap ingesteld');
    expect(await done.textContent()).toContain('Leerlab Noord-Holland: 2 scholen of bedrijven, 3 mensen met een rol, 1 werkgroepen.');
  });
});
