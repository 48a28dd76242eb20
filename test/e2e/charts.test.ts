import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { choose, click, postWithMention, setUpPartnership, usePlayground, waitForCard } from './playground.js';

const pg = usePlayground('charts');

/**
 * Teams' own charts as the Agents Playground renders them. The Playground signs in one person
 * (Sanne), so the answers of six people are written into the bot's store before the close, as
 * their 1:1 cards would have: three at the vmbo school, three at the mbo school, all teachers.
 * Worked out by hand:
 * - c1.s1: vmbo 3, 4, 5 (mean 4,0), mbo 2, 2, 2 (mean 2,0); Ahmed says "weet ik niet" on c1.s2.
 *   In all: 2:3 · 3:1 · 4:1 · 5:1, weet ik niet 1, mean 18 / 6 = 3,0, n = 6.
 * - d1.s1: all six say 4.
 * - the achtje for teachers: own at vmbo 4, 4, 3 = 3,7 (green), own at mbo 3, 3, 2 = 2,7 (red),
 *   between the schools 3, 3, 3, 3, 3, 4 = 3,2 (yellow).
 */
describe('charts in the Agents Playground', () => {
  it('the summary shows the response gauge, the stacked distributions and vmbo against mbo, drawn by the Playground, not their fallback text; the achtje as a coloured grid', async () => {
    // Rows by name: Ahmed 0, Fatima 1, Kees 2, Marloes 3, Pieter 4, Sanne 5.
    await setUpPartnership(pg.page, {
      roles: async (roles) => {
        for (const row of [0, 1, 2, 3, 4]) await choose(pg.page, roles, /Rollen/, ['Docent'], row);
      },
    });
    await postWithMention(pg.page, 'reflectie');
    await click(await waitForCard(pg.page, 'Reflectie starten'), 'Start de reflectie');
    await waitForCard(pg.page, 'Reflectie gestart');

    const db = new Database(path.join(pg.stack.dataDir, 'leerlab.db'));
    db.pragma('busy_timeout = 5000');
    try {
      const run = db.prepare("SELECT id FROM reflection_runs WHERE status = 'open'").get() as { id: string };
      const school = (name: string) => (db.prepare('SELECT id FROM schools WHERE name = ?').get(name) as { id: string }).id;
      const invited = db.prepare('SELECT i.member_id, m.name FROM reflection_invites i JOIN members m ON m.id = i.member_id WHERE i.run_id = ? ORDER BY m.name').all(run.id) as Array<{ member_id: string; name: string }>;
      expect(invited.map((i) => i.name)).toEqual(['Ahmed Yilmaz', 'Fatima el Amrani', 'Kees Jansen', 'Marloes Visser', 'Pieter Bakker', 'Sanne de Vries']);
      const people: Record<string, { school: string; c1: number; own: number; partner: number }> = {
        'Ahmed Yilmaz': { school: 'Vmbo De Schakel', c1: 3, own: 4, partner: 3 },
        'Kees Jansen': { school: 'Vmbo De Schakel', c1: 4, own: 4, partner: 3 },
        'Pieter Bakker': { school: 'Vmbo De Schakel', c1: 5, own: 3, partner: 3 },
        'Fatima el Amrani': { school: 'ROC Noord', c1: 2, own: 3, partner: 3 },
        'Marloes Visser': { school: 'ROC Noord', c1: 2, own: 3, partner: 3 },
        'Sanne de Vries': { school: 'ROC Noord', c1: 2, own: 2, partner: 4 },
      };
      const answer = db.prepare('INSERT INTO reflection_answers (run_id, member_id, item_id, value, text, updated_at) VALUES (?, ?, ?, ?, NULL, 0)');
      const submit = db.prepare("UPDATE reflection_invites SET submitted_at = 1, layer = 'professioneel', school_id = ? WHERE run_id = ? AND member_id = ?");
      for (const i of invited) {
        const p = people[i.name]!;
        answer.run(run.id, i.member_id, 'c1.s1', p.c1);
        if (i.name === 'Ahmed Yilmaz') answer.run(run.id, i.member_id, 'c1.s2', null);
        answer.run(run.id, i.member_id, 'd1.s1', 4);
        answer.run(run.id, i.member_id, 'a.professioneel.own', p.own);
        answer.run(run.id, i.member_id, 'a.professioneel.partner', p.partner);
        submit.run(school(p.school), run.id, i.member_id);
      }
    } finally {
      db.close();
    }

    await postWithMention(pg.page, 'reflectie sluiten');
    const summary = await waitForCard(pg.page, 'Uitslag reflectie 1', 20_000);
    const text = (await summary.textContent()) ?? '';
    expect(text).toContain('6 van de 6 uitgenodigden hebben ingevuld.');
    // The Playground draws each chart as Fluent UI charting markup with an accessible label:
    // role=alert on the chart, role=img on each bar (its label lists the parts).
    // Everybody answered, so the gauge has one section ("nog niet ingevuld" is 0 and left out).
    await summary.locator('[role="alert"][aria-label="Respons, Gauge chart with one section."]').waitFor({ state: 'visible' });
    expect(await summary.locator('[role="img"][aria-label="Current value: 6"]').count()).toBe(1);
    expect(await summary.locator('[role="img"][aria-label="Maximum value: 6"]').count()).toBe(1);
    const stacked = summary.locator('[role="alert"][aria-label$="Stacked horizontal bar chart"]');
    expect(await stacked.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      'De vijf condities: verdeling van de antwoorden, Stacked horizontal bar chart',
      'De drie domeinen: verdeling van de antwoorden, Stacked horizontal bar chart',
    ]);
    expect(await summary.locator('[role="img"][aria-label^="Werken aan een gedeelde ambitie (gemiddeld"]').getAttribute('aria-label')).toBe(
      'Werken aan een gedeelde ambitie (gemiddeld 3,0 van de 5; 6 mensen), Total: 7, 2 oneens: 3 (42.9%), 3 neutraal: 1 (14.3%), 4 eens: 1 (14.3%), 5 helemaal eens: 1 (14.3%), weet ik niet: 1 (14.3%)',
    );
    expect(await summary.locator('[role="img"][aria-label^="Inhoud (gemiddeld"]').getAttribute('aria-label')).toBe('Inhoud (gemiddeld 4,0 van de 5; 6 mensen), Total: 6, 4 eens: 6 (100.0%)');
    // vmbo against mbo: the grouped bars' chart and its legend.
    expect(await summary.locator('[role="alert"][aria-label="Gemiddelde per conditie (1 tot 5), Vertical bar chart with 2 series, Y axis: gemiddeld"]').count()).toBe(1);
    expect(await summary.locator('[role="img"][aria-label="Werken aan een gedeelde ambitie, vmbo, 4, mbo, 2"]').count()).toBe(1);
    expect(text).toContain('⚠ Werken aan een gedeelde ambitie: verschil van 2,0 punt tussen vmbo en mbo');
    // The charts, not their fallbacks: the text lines they replace are not on screen; hidden conditions are named, without a bar.
    expect(text).not.toContain('1: 0 · 2: 3 · 3: 1 · 4: 1 · 5: 1 · weet ik niet: 1');
    expect(text).not.toContain('Respons: 6 van 6');
    expect(text).not.toContain('Werken aan een gedeelde ambitie: vmbo 4,0 · mbo 2,0');
    expect(text).toContain('Te weinig antwoorden, dus geen staaf: Recht doen aan belangen');
    expect(await summary.locator('[role="img"][aria-label^="Recht doen aan belangen"]').count()).toBe(0);

    // The achtje: a grid of coloured cells with the number in each.
    const achtje = await waitForCard(pg.page, 'Het achtje bij reflectie 1', 20_000);
    const achtjeText = (await achtje.textContent()) ?? '';
    for (const s of ['groen: 3,5 of hoger', 'geel: 3,0 tot 3,4', 'rood: onder 3,0', 'grijs: te weinig antwoorden', 'Binnen Vmbo De Schakel', 'Binnen ROC Noord', 'Tussen de scholen']) expect(achtjeText).toContain(s);
    const cell = (value: string) => achtje.locator('.ac-container').filter({ has: pg.page.getByText(value, { exact: true }) }).last();
    const background = (value: string) => cell(value).evaluate((e: any) => String(e.ownerDocument.defaultView.getComputedStyle(e).backgroundColor));
    const [good, warning, attention] = [await background('3,7'), await background('3,2'), await background('2,7')];
    // The Playground's host config: good light green, warning light orange, attention light red; a hidden cell has none.
    expect([good, warning, attention]).toEqual(['rgb(204, 255, 204)', 'rgb(255, 226, 178)', 'rgb(255, 197, 178)']);
    expect(await background('te weinig antwoorden')).toBe('rgba(0, 0, 0, 0)');
  });
});
