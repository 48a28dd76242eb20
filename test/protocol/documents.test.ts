import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';

/**
 * The privacy statement and the terms of use that the Teams manifest links to
 * (developer.privacyUrl and termsOfUseUrl), fetched from a real bot as Teams and a browser do:
 * a plain GET without a token, also when the bot runs in production mode.
 */

const headings = (html: string, level: number) =>
  [...html.matchAll(new RegExp(`<h${level}>([\\s\\S]*?)</h${level}>`, 'g'))].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe.each([
  ['local mode', {}],
  // Production refuses /api/messages without a bearer token; the public pages stay public.
  ['production', { NODE_ENV: 'production', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-a' }],
])('GET /privacy and /voorwaarden (%s)', (_mode, env) => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ env: env as Record<string, string> });
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('/privacy answers 200 with the Dutch privacy statement as HTML', async () => {
    const res = await fetch(`${bot.url}/privacy`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html.startsWith('<!doctype html><html lang="nl">')).toBe(true);
    expect(html).toContain('<title>Privacyverklaring Leerlab</title>');
    expect(headings(html, 1)).toEqual(['Privacyverklaring Leerlab']);
    expect(headings(html, 2)).toEqual([
      'Wie is verantwoordelijk?',
      'Welke gegevens bewaart de bot?',
      'Waarvoor gebruikt de bot je gegevens?',
      'Wie ziet wat?',
      'Hoe lang bewaart de bot je gegevens?',
      'Jouw rechten',
      'Beveiliging',
      'Vragen of een klacht?',
    ]);
    // The promise, the commands and a period, rendered from the Markdown (bold, code, table).
    expect(html).toContain('<strong>In het kanaal komen alleen totalen, nooit antwoorden van één persoon.</strong>');
    expect(html).toContain('<code>verwijder mijn gegevens</code>');
    expect(html).toContain('<td>24 maanden nadat de reflectie sloot. De totalen blijven.</td>');
    // "[naam]" is text on the page, not a Markdown link.
    expect(html).toContain('vervangen door &quot;[naam]&quot;');
    expect(html).not.toContain('<script');
  });

  it('/voorwaarden answers 200 with the Dutch terms of use, linking to /privacy', async () => {
    const res = await fetch(`${bot.url}/voorwaarden`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<title>Gebruiksvoorwaarden Leerlab</title>');
    expect(headings(html, 1)).toEqual(['Gebruiksvoorwaarden Leerlab']);
    expect(headings(html, 2)).toEqual([
      'Waarvoor is Leerlab?',
      'Wie mag Leerlab gebruiken?',
      'Wat verwachten we van jou?',
      'Wat doet de bot met wat je schrijft?',
      'Beschikbaarheid',
      'Aansprakelijkheid',
      'Wijzigingen',
      'Contact',
    ]);
    expect(html).toContain('<a href="/privacy">privacyverklaring</a>');
  });

  it('other paths next to them stay 404', async () => {
    expect((await fetch(`${bot.url}/privacy/extra`)).status).toBe(404);
    expect((await fetch(`${bot.url}/privacyverklaring.md`)).status).toBe(404);
  });
});
