import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startBotProcess, type BotProcess } from '../helpers/botProcess.js';
import { fakeClockEnv, freePort } from '../helpers/children.js';

/**
 * Drives the Microsoft 365 Agents Playground in Debian's headless Chromium, the way a
 * teacher clicks through Teams. Selectors rely on what the Playground renders: Fluent UI
 * (role=combobox for compact ChoiceSets, a lexical editor for new posts) and Adaptive Cards'
 * own markup (.ac-adaptiveCard, .ac-pushButton).
 */

export const ROOT = path.resolve(__dirname, '../..');

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Waits until `url` answers with `expected`, failing at once (with the logs) if `child` ends first. */
async function waitForChild(child: ChildProcess, name: string, url: string, expected: number, timeoutMs: number, logs: () => string) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (!alive(child)) throw new Error(`${name} ended (code ${child.exitCode}, signal ${child.signalCode}) before ${url} answered:\n${logs().slice(-4000)}`);
    try {
      const res = await fetch(url);
      if (res.status === expected) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer ${expected} within ${timeoutMs} ms:\n${logs().slice(-4000)}`);
}

export interface Stack {
  dataDir: string;
  bot: ChildProcess;
  playground: ChildProcess;
  botPort: number;
  playgroundPort: number;
  logs(): string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Our bot on SQLite in a fresh folder, plus the Playground with .m365agentsplayground.yml,
 * each on a port the OS picked, so two suites (or a developer's own bot on 3978) never meet.
 * The bot port comes from the child's own "listening" line, so the bot we talk to is the one
 * we started; both children are checked to be alive before and after they answer.
 */
export async function startStack(): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-e2e-'));
  const botProcess = startBotProcess({ DATA_DIR: dataDir });
  const bot = botProcess.child;
  let playground: ChildProcess | undefined;
  try {
    return await startPlayground(dataDir, botProcess, (p) => (playground = p));
  } catch (err) {
    // No stack for afterAll to stop: stop what did start, so no child outlives the test file.
    if (playground) await stopChild(playground);
    await stopChild(bot);
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

async function startPlayground(dataDir: string, botProcess: BotProcess, started: (p: ChildProcess) => void): Promise<Stack> {
  const bot = botProcess.child;
  let playgroundLogs = '';
  const logs = () => `${botProcess.output()}\n--- playground ---\n${playgroundLogs}`;
  const botPort = await botProcess.listening;
  await waitForChild(bot, 'the bot', `http://127.0.0.1:${botPort}/healthz`, 200, 30_000, logs);
  const playgroundPort = await freePort();
  const playground = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/@microsoft/m365agentsplayground/cli.js'), 'start', '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--disable-telemetry'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: 'true', ...fakeClockEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started(playground);
  const keep = (d: Buffer) => {
    playgroundLogs += d.toString();
    if (playgroundLogs.length > 200_000) playgroundLogs = playgroundLogs.slice(-100_000);
  };
  playground.stdout!.on('data', keep);
  playground.stderr!.on('data', keep);
  await waitForChild(playground, 'the Playground', `http://127.0.0.1:${playgroundPort}/_internal/v1/config`, 200, 60_000, logs);
  // Another process that already held the port would have made our child fail to bind and exit.
  if (!alive(bot) || !alive(playground)) throw new Error(`a child ended while the stack started:\n${logs().slice(-4000)}`);
  return {
    dataDir,
    bot,
    playground,
    botPort,
    playgroundPort,
    logs,
    async stop() {
      await stopChild(playground);
      await stopChild(bot);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function openBrowser(playgroundPort: number): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`http://localhost:${playgroundPort}`, { waitUntil: 'networkidle' });
  return { browser, page };
}

/** Opens a conversation in the left rail: "General", a channel name, "Personal Chat". */
export async function openConversation(page: Page, name: string) {
  await page.getByText(name, { exact: true }).first().click();
}

/** The last Adaptive Card on screen that contains the text. */
export function card(page: Page, containing: string | RegExp): Locator {
  return page.locator('.ac-adaptiveCard').filter({ hasText: containing }).last();
}

export async function waitForCard(page: Page, containing: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
  const c = card(page, containing);
  await c.waitFor({ state: 'visible', timeout: timeoutMs });
  return c;
}

/** Posts a new channel message that @mentions the bot, picked from the mention list as a user would. */
export async function postWithMention(page: Page, text: string) {
  const editor = page.locator('[data-lexical-editor="true"]').first();
  await editor.click();
  await page.keyboard.type('@Leer');
  // The mention list (#typeahead-menu) offers the bot; picking it inserts a real mention.
  await page.locator('#typeahead-menu [role="menuitem"]').first().click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post' }).click();
}

/** Types into the 1:1 chat box and sends. */
export async function sendChat(page: Page, text: string) {
  const box = page.getByPlaceholder('Type a message...').last();
  await box.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

export async function fillText(scope: Locator, label: string | RegExp, value: string) {
  await scope.getByRole('textbox', { name: label }).first().fill(value);
}

/** Picks options in a compact ChoiceSet (a Fluent combobox). */
export async function choose(page: Page, scope: Locator, label: string | RegExp, options: string[], nth = 0) {
  const combo = scope.getByRole('combobox', { name: label }).nth(nth);
  await combo.click();
  // Single choice: a popup listbox of role=option. Multi-select: a menu of role=menuitemcheckbox.
  for (const o of options) {
    await page.getByRole('option', { name: o, exact: true }).or(page.getByRole('menuitemcheckbox', { name: o, exact: true })).last().click();
  }
  await page.keyboard.press('Escape');
}

/**
 * Picks a date in an Input.Date (a Fluent DatePicker with a calendar popup) as a user does:
 * open it, step month by month to the target, click the day.
 */
export async function pickDate(page: Page, scope: Locator, label: string | RegExp, isoDate: string) {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const monthName = (month: number) => new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  await scope.getByRole('combobox', { name: label }).click();
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  for (let i = 0; i < 48; i++) {
    const day = dialog.getByRole('button', { name: `${d}, ${monthName(m)}, ${y}`, exact: true });
    if (await day.count()) return day.first().click();
    // The buttons start with the month heading ("November 2026"), then previous and next.
    const heading = (await dialog.getByRole('button').first().textContent()) ?? '';
    const [name, year] = heading.trim().split(' ');
    const shown = Number(year) * 12 + Array.from({ length: 12 }, (_, k) => monthName(k + 1)).indexOf(name ?? '');
    await dialog.getByRole('button').nth(y * 12 + (m - 1) < shown ? 1 : 2).click();
  }
  throw new Error(`date ${isoDate} not reachable in the date picker`);
}

export async function click(scope: Locator, title: string) {
  await scope.getByRole('button', { name: title, exact: true }).click();
}

/**
 * Sets up the sample partnership on cards, as the projectleider does: name, the vmbo and
 * the mbo school, optionally a werkgroep on the second channel, then the roles card, where
 * `roles` can tweak rows (rows are by name: Ahmed, Fatima, Kees, Marloes, Pieter, Sanne).
 */
export async function setUpPartnership(page: Page, opts: { werkgroep?: string; roles?: (card: Locator) => Promise<void> } = {}) {
  await openConversation(page, 'General');
  // The installer becomes projectleider and the channel is told by a job: wait for that line
  // first, or its arrival re-renders the conversation while the setup card is being filled.
  await page.getByText('Sanne de Vries heeft Leerlab ingesteld en is projectleider.').first().waitFor({ state: 'visible', timeout: 15_000 });
  await click(await waitForCard(page, 'Welkom bij Leerlab'), 'Instellen');
  const basics = await waitForCard(page, 'Partnerschap instellen (stap 1 van 3)');
  await fillText(basics, /Naam van het partnerschap/, 'Leerlab Noord-Holland');
  await fillText(basics, /School of bedrijf 1/, 'Vmbo De Schakel');
  await choose(page, basics, /Soort/, ['Vmbo'], 0);
  await fillText(basics, /School of bedrijf 2/, 'ROC Noord');
  await choose(page, basics, /Soort/, ['Mbo'], 1);
  await click(basics, 'Opslaan en verder');
  const groups = await waitForCard(page, 'Werkgroepen (stap 2 van 3)');
  if (opts.werkgroep) {
    await fillText(groups, /Werkgroep 1/, opts.werkgroep);
    await choose(page, groups, /Kanaal/, ['Docentwerkgroep Zorg'], 0);
  }
  await click(groups, 'Opslaan en verder');
  const roles = await waitForCard(page, /Rollen en scholen/);
  await opts.roles?.(roles);
  await click(roles, 'Klaar');
  return waitForCard(page, 'Partnerschap ingesteld');
}

/** Bot, Playground and browser for one test file, with a screenshot and the bot's log on failure. */
export function usePlayground(name: string) {
  const ctx = {} as { stack: Stack; browser: Browser; page: Page };
  beforeAll(async () => {
    ctx.stack = await startStack();
    ({ browser: ctx.browser, page: ctx.page } = await openBrowser(ctx.stack.playgroundPort));
  });
  afterEach(async (test) => {
    if (test.task.result?.state === 'fail') {
      await ctx.page?.screenshot({ path: `test-results/${name}-${test.task.name.replace(/\W+/g, '-')}.png`, fullPage: true }).catch(() => {});
      console.log(ctx.stack?.logs().slice(-4000));
    }
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.stack?.stop();
  });
  return ctx;
}
