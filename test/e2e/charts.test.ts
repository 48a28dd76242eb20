import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choose, click, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('charts');

/**
 * Teams' own charts as the Agents Playground renders them. The Playground signs in one person
 * (Sanne), so the answers of three colleagues are written into the bot's store before the
 * close, as their 1:1 cards would have: the summary then has enough respondents for figures.
 */
describe('charts in the Agents Playground', () => {
  it('the summary shows the response gauge and the stacked distributions, drawn by the Playground, not their fallback text', async () => {
    // Rows by name: Ahmed 0, Fatima 1, Kees 2, Marloes 3, Pieter 4, Sanne 5.
    await setUpPartnership(pg.page, {
      roles: async (roles) => {
        for (const row of [1, 2, 4]) await choose(pg.page, roles, /Rollen/, ['Docent'], row);
      },
    });
    await postWithMention(pg.page, 'reflectie');
    await click(await waitForCard(pg.page, 'Reflectie starten'), 'Start de reflectie');
    await waitForCard(pg.page, 'Reflectie gestart');

    const db = new Database(path.join(pg.stack.dataDir, 'leerlab.db'));
    db.pragma('busy_timeout = 5000');
    try {
      const run = db.prepare("SELECT id FROM reflection_runs WHERE status = 'open'").get() as { id: string };
      const invited = db.prepare("SELECT i.member_id, m.name FROM reflection_invites i JOIN members m ON m.id = i.member_id WHERE i.run_id = ? AND m.name <> 'Sanne de Vries' ORDER BY m.name").all(run.id) as Array<{ member_id: string; name: string }>;
      expect(invited.map((i) => i.name)).toEqual(['Fatima el Amrani', 'Kees Jansen', 'Pieter Bakker']);
      const answer = db.prepare('INSERT INTO reflection_answers (run_id, member_id, item_id, value, text, updated_at) VALUES (?, ?, ?, ?, NULL, 0)');
      const submit = db.prepare("UPDATE reflection_invites SET submitted_at = 1, layer = 'professioneel' WHERE run_id = ? AND member_id = ?");
      invited.forEach((i, n) => {
        answer.run(run.id, i.member_id, 'c1.s1', 3 + n);
        answer.run(run.id, i.member_id, 'c1.s2', n === 0 ? null : 2);
        answer.run(run.id, i.member_id, 'd1.s1', 4);
        submit.run(run.id, i.member_id);
      });
    } finally {
      db.close();
    }

    await postWithMention(pg.page, 'reflectie sluiten');
    const summary = await waitForCard(pg.page, 'Uitslag reflectie 1', 20_000);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('3 van de 4 uitgenodigden hebben ingevuld.');
    // The Playground draws each chart as Fluent UI charting markup with an accessible label:
    // role=alert on the chart, role=img on each bar (its label lists the parts).
    await summary.locator('[role="alert"][aria-label="Respons, Gauge chart with 2 sections."]').waitFor({ state: 'visible' });
    expect(await summary.locator('[role="img"][aria-label="Current value: 3"]').count()).toBe(1);
    expect(await summary.locator('[role="img"][aria-label="Maximum value: 4"]').count()).toBe(1);
    const stacked = summary.locator('[role="alert"][aria-label$="Stacked horizontal bar chart"]');
    expect(await stacked.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'De vijf voorwaarden: verdeling van de antwoorden, Stacked horizontal bar chart',
      'De drie domeinen: verdeling van de antwoorden, Stacked horizontal bar chart',
    ]);
    // c1: 3, 4, 5 and 2, 2 with one "weet ik niet": mean 16 / 5 = 3,2 over 3 people; six answers in the bar.
    expect(await summary.locator('[role="img"][aria-label^="Werken aan een gedeelde ambitie"]').getAttribute('aria-label')).toBe(
      'Werken aan een gedeelde ambitie (gemiddeld 3,2, n = 3), Total: 6, 2 oneens: 2 (33.3%), 3 neutraal: 1 (16.7%), 4 eens: 1 (16.7%), 5 helemaal eens: 1 (16.7%), weet ik niet: 1 (16.7%)',
    );
    expect(await summary.locator('[role="img"][aria-label^="Inhoud"]').getAttribute('aria-label')).toBe('Inhoud (gemiddeld 4,0, n = 3), Total: 3, 4 eens: 3 (100.0%)');
    // The chart, not its fallback: the text lines it replaces are not on screen; hidden conditions are named, without a bar.
    expect(text).not.toContain('1: 0 · 2: 2 · 3: 1 · 4: 1 · 5: 1 · weet ik niet: 1');
    expect(text).not.toContain('Respons: 3 van 4');
    expect(text).toContain('Te weinig antwoorden, dus geen staaf: Recht doen aan belangen');
    expect(await summary.locator('[role="img"][aria-label^="Recht doen aan belangen"]').count()).toBe(0);
  });
});
