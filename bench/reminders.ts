import type { App } from '../src/app.js';
import { Deliverer } from '../src/delivery/deliverer.js';
import { Reminders } from '../src/reminders/service.js';
import { createLogger } from '../src/logger.js';

/**
 * 1,000 one-to-one reminders due at once, against a connector with 50-200 ms latency.
 * The bound: with a ceiling of N requests per second, 1,000 sends take at least 1000/N s.
 */
export async function benchFanOut(app: App, serviceUrl: string, log: Array<{ method: string; path: string; at: number }>, n: number, ceiling: number) {
  const { repo } = app.services;
  const p = await repo.activateForTeam('bench-tenant', '19:bench-reminders@thread.tacv2');
  await repo.saveConversation({ activityId: 'x', conversationId: '19:bench-reminders@thread.tacv2', conversationType: 'channel', tenantId: 'bench-tenant', teamId: '19:bench-reminders@thread.tacv2', serviceUrl, botId: '28:bot', from: { teamsUserId: '29:pl', name: 'PL' } }, p.id);
  let now = Date.now() - 60_000;
  const clock = { now: () => now };
  const reminders = new Reminders(
    app.services,
    new Deliverer({ store: app.services.store, messenger: app.services.messenger, clock, logger: createLogger('silent'), workerId: 'bench', limits: { perConversationMs: 1_000, tenantPerSecond: ceiling, maxAttempts: 3, backoffMs: 200 } }),
  );
  const date = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    await reminders.create({ partnershipId: p.id, createdBy: 'bench', rule: { kind: 'once', date, time: '09:00' }, target: 'conversation', targetRef: `a:bench-${i}`, text: 'Herinnering' });
  }
  await app.services.store.db.updateTable('reminders').set({ next_at: now }).where('partnership_id', '=', p.id).execute();
  now = Date.now() + 1;
  const start = Date.now();
  const outcome = await reminders.tick();
  const seconds = (Date.now() - start) / 1000;
  const posts = log.filter((l) => l.method === 'POST' && l.at >= start);
  // Highest number of requests in any one-second window, to check the ceiling held.
  let peak = 0;
  for (let i = 0, j = 0; i < posts.length; i++) {
    while (posts[i]!.at - posts[j]!.at >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  const bound = n / ceiling;
  return { reminders: n, sent: outcome.sent ?? 0, seconds: Math.round(seconds * 100) / 100, boundSeconds: bound, ratioToBound: Math.round((seconds / bound) * 100) / 100, ceilingPerSecond: ceiling, peakRequestsInOneSecond: peak };
}

/**
 * The voortgang card for a partnership with `werkgroepen` werkgroepen, each with a study; given
 * a partnership (the one with the 1,000-respondent reflection), its answers count too.
 */
export async function benchProgress(app: App, werkgroepen: number, partnershipId?: string) {
  const { repo } = app.services;
  const p = partnershipId ? { id: partnershipId } : await repo.activateForTeam('bench-tenant', '19:bench-progress@thread.tacv2');
  const list = await repo.replaceWerkgroepen(p.id, Array.from({ length: werkgroepen }, (_, i) => ({ name: `Werkgroep ${i}`, channelId: null, channelName: null })));
  const { feasibilityContent } = await import('../src/feasibility/content/index.js');
  for (const w of list) {
    const s = await app.feasibility.repo.create({ partnershipId: p.id, werkgroepId: w.id, memberId: 'bench', partIds: feasibilityContent().parts.map((x) => x.id) });
    await app.feasibility.repo.assign(s.id, 'instroom', null, '2020-01-01');
  }
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await app.progress.card(p.id, true);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const invited = await app.services.store.db.selectFrom('reflection_invites').innerJoin('reflection_runs', 'reflection_runs.id', 'reflection_invites.run_id').select((eb) => eb.fn.countAll<number>().as('n')).where('reflection_runs.partnership_id', '=', p.id).executeTakeFirst();
  return { werkgroepen, reflectionInvites: Number(invited?.n ?? 0), medianMs: Math.round(times[2]!), maxMs: Math.round(times[4]!) };
}
