import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';

let bot: RunningBot;
let now = Date.UTC(2026, 10, 24, 9, 0);

beforeAll(async () => {
  bot = await startBot({ clock: { now: () => now } });
  bot.app.services.downloads.register('test', async (ref) => (ref === 'gone' ? undefined : { filename: `${ref}.csv`, contentType: 'text/csv', body: `id;n\n${ref};3\n` }));
});
afterAll(async () => bot.stop());

describe('signed download links', () => {
  it('serves the file for a fresh link, and a Dutch page once it expired (one hour) or was altered', async () => {
    const link = await bot.app.services.downloads.sign('test', 'run-1');
    expect(link.startsWith(`${bot.url}/downloads/`)).toBe(true);
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="run-1.csv"');
    expect(await ok.text()).toBe('id;n\nrun-1;3\n');

    const altered = link.replace('/downloads/', '/downloads/x');
    const bad = await fetch(altered);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('Deze downloadlink klopt niet.');

    // A link for another reference with the first one's signature is refused too.
    const other = await bot.app.services.downloads.sign('test', 'run-2');
    const swapped = `${other.slice(0, other.lastIndexOf('.'))}${link.slice(link.lastIndexOf('.'))}`;
    expect((await fetch(swapped)).status).toBe(403);

    now += 3600_000 + 1;
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Deze downloadlink is verlopen');

    const fresh = await bot.app.services.downloads.sign('test', 'run-1');
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(await bot.app.services.downloads.sign('test', 'gone'))).status).toBe(404);
  });
});
