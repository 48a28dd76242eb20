import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../helpers/botServer.js';
import { TEAM_ID, TENANT_ID } from '../helpers/teams.js';

let bot: RunningBot;
let now = Date.UTC(2026, 10, 24, 9, 0);
let pid = '';
let sanne = '';
let pieter = '';
const FIFTEEN_MINUTES = 15 * 60_000;

beforeAll(async () => {
  bot = await startBot({ clock: { now: () => now } });
  const { repo, downloads } = bot.app.services;
  const p = await repo.activateForTeam(TENANT_ID, TEAM_ID);
  pid = p.id;
  [sanne, pieter] = await repo.upsertMembers(pid, [
    { teamsUserId: '29:d1', aadObjectId: 'aad-d-1', name: 'Sanne de Vries' },
    { teamsUserId: '29:d2', aadObjectId: 'aad-d-2', name: 'Pieter Bakker' },
  ]) as [string, string];
  await repo.assignMember(sanne, pid, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  await repo.assignMember(pieter, pid, { roles: ['docent'], schoolId: null, werkgroepIds: [] });
  // Results of the partnership for projectleiders; 'gone' stands for results that were deleted.
  downloads.register('test', {
    access: { audience: 'partnership', partnershipOf: async (ref) => (ref === 'deleted' ? undefined : pid), allowed: (m) => m.roles.includes('projectleider') },
    file: async (ref) => (ref === 'gone' ? undefined : { filename: `${ref}.csv`, contentType: 'text/csv', body: `id;n\n${ref};3\n` }),
  });
  downloads.register('test.self', { access: { audience: 'self' }, file: async (ref) => ({ filename: 'mijn-gegevens.json', contentType: 'application/json', body: JSON.stringify({ member: ref }) }) });
});
afterAll(async () => bot.stop());

describe('signed download links', () => {
  it('serves the file for a fresh link, and a Dutch page once it was altered or expired (after 15 minutes)', async () => {
    const link = await bot.app.services.downloads.sign('test', 'run-1', sanne);
    expect(link.startsWith(`${bot.url}/downloads/`)).toBe(true);
    const ok = await fetch(link);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="run-1.csv"');
    expect(await ok.text()).toBe('id;n\nrun-1;3\n');
    // The audit log has the download: who (as a hash), which kind, never the file.
    const logged = await bot.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'download').execute();
    expect(logged.map((r) => [r.counts, r.actor_hash === null])).toEqual([['{"test":1}', false]]);

    const altered = link.replace('/downloads/', '/downloads/x');
    const bad = await fetch(altered);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('Deze downloadlink klopt niet.');

    // A link for another reference with the first one's signature is refused too.
    const other = await bot.app.services.downloads.sign('test', 'run-2', sanne);
    const swapped = `${other.slice(0, other.lastIndexOf('.'))}${link.slice(link.lastIndexOf('.'))}`;
    expect((await fetch(swapped)).status).toBe(403);

    const start = now;
    now = start + FIFTEEN_MINUTES;
    expect((await fetch(link)).status).toBe(200);
    now = start + FIFTEEN_MINUTES + 1;
    const expired = await fetch(link);
    expect(expired.status).toBe(410);
    const page = await expired.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('Deze downloadlink is verlopen: een link werkt een kwartier.');

    const fresh = await bot.app.services.downloads.sign('test', 'run-1', sanne);
    expect((await fetch(fresh)).status).toBe(200);
    expect((await fetch(await bot.app.services.downloads.sign('test', 'gone', sanne))).status).toBe(404);
  });

  it('checks the member the link was made for against their roles when it is opened', async () => {
    const { repo, downloads } = bot.app.services;
    const link = await downloads.sign('test', 'run-3', sanne);
    await repo.setRoles(sanne, pid, ['docent']);
    const refused = await fetch(link);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await refused.text()).toContain('Je mag dit bestand niet meer openen: je hebt niet meer de rol die daarvoor nodig is.');
    // The same link works again once the role is back: it is the role that is checked, not the link.
    await repo.setRoles(sanne, pid, ['projectleider']);
    expect((await fetch(link)).status).toBe(200);
    // Leaving the Team takes the roles: the link opens nothing.
    await repo.removeMember(pid, 'aad-d-1');
    expect((await fetch(link)).status).toBe(403);
    await repo.upsertMembers(pid, [{ teamsUserId: '29:d1', aadObjectId: 'aad-d-1', name: 'Sanne de Vries' }]);
    await repo.assignMember(sanne, pid, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
    expect((await fetch(link)).status).toBe(200);
  });

  it('makes no link for a member who may not open it, or for results that are gone', async () => {
    const { downloads } = bot.app.services;
    await expect(downloads.sign('test', 'run-1', pieter)).rejects.toThrow('not allowed');
    await expect(downloads.sign('test', 'deleted', sanne)).rejects.toThrow('not allowed');
    await expect(downloads.sign('unknown', 'run-1', sanne)).rejects.toThrow('not allowed');
  });

  it('opens a person\'s own data only with a link made for that person', async () => {
    const { downloads } = bot.app.services;
    const mine = await fetch(await downloads.sign('test.self', pieter, pieter));
    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual({ member: pieter });
    await expect(downloads.sign('test.self', pieter, sanne)).rejects.toThrow('not allowed');
  });
});
