import { sql } from 'kysely';
import { isoDate } from '../src/time/amsterdam.js';
import type { App } from '../src/app.js';
import { listsStamp } from '../src/partnership/stamp.js';
import { runLoad } from './load.js';

const TENANT = 'bench-tenant';
const TEAM = '19:bench-reflection@thread.tacv2';

function base(serviceUrl: string, user: { id: string; aad: string }, personal: boolean) {
  return {
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, aadObjectId: user.aad, name: 'Bench' },
    recipient: { id: '28:bot', name: 'Leerlab' },
    conversation: personal
      ? { id: `a:personal-${user.aad}`, conversationType: 'personal', tenantId: TENANT }
      : { id: TEAM, conversationType: 'channel', tenantId: TENANT, isGroup: true },
    channelData: personal ? { tenant: { id: TENANT } } : { tenant: { id: TENANT }, team: { id: TEAM }, channel: { id: TEAM } },
  };
}

export function executeActivity(serviceUrl: string, user: { id: string; aad: string }, id: string, verb: string, data: Record<string, unknown>, personal = true) {
  return { type: 'invoke', name: 'adaptiveCard/action', id, replyToId: 'card-1', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, ...base(serviceUrl, user, personal) };
}

/** A partnership with `count` docents over two schools and a started reflection run. */
export async function seedRun(app: App, url: string, serviceUrl: string, count: number) {
  await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'conversationUpdate', id: `install-${Date.now()}`, membersAdded: [{ id: '28:bot' }], ...base(serviceUrl, { id: '29:pl', aad: 'aad-pl' }, false) }),
  });
  const { repo } = app.services;
  const p = (await repo.findByTeam(TENANT, TEAM))!;
  const schools = await repo.replaceSchools(p.id, [{ name: 'Vmbo', type: 'vo' }, { name: 'Mbo', type: 'mbo' }]);
  const users = [{ id: '29:pl', aad: 'aad-pl' }, ...Array.from({ length: count }, (_, i) => ({ id: `29:u${i}`, aad: `aad-u${i}` }))];
  const ids = await repo.upsertMembers(p.id, users.map((x) => ({ teamsUserId: x.id, aadObjectId: x.aad, name: x.aad })));
  await repo.assignMember(ids[0]!, p.id, { roles: ['projectleider'], schoolId: null, werkgroepIds: [] });
  for (const [i, id] of ids.slice(1).entries()) await repo.assignMember(id, p.id, { roles: ['docent'], schoolId: schools[i % 2]!.id, werkgroepIds: [] });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      executeActivity(serviceUrl, users[0]!, `start-${Date.now()}`, 'reflection.start', {
        pid: p.id, lists: listsStamp(schools, []), who: 'all', date: isoDate(Date.now() + 7 * 86_400_000), time: '17:00', perSchool: 'true',
      }, false),
    ),
  });
  await res.text();
  const [run] = await app.reflection.repo.openRuns(p.id);
  return { run: run!, users: users.slice(1) };
}

export async function benchSubmit(app: App, url: string, serviceUrl: string, requests: number, concurrency: number) {
  const { run, users } = await seedRun(app, url, serviceUrl, 100);
  return runLoad(url, requests, concurrency, (i) =>
    executeActivity(serviceUrl, users[i % users.length]!, `submit-${concurrency}-${i}-${Date.now()}`, 'reflection.part', { runId: run.id, v: '1', part: '0', nav: 'later', i0: String((i % 5) + 1), i1: '3' }),
  );
}

/** 200 (or n) respondents answering at once: every answer stored once, progress card updates coalesced. */
export async function benchConcurrentRespondents(app: App, url: string, serviceUrl: string, log: Array<{ method: string; path: string; at: number }>, n: number) {
  const { run, users } = await seedRun(app, url, serviceUrl, n);
  const started = Date.now();
  const results = await Promise.all(
    users.map(async (user, i) => {
      const part = executeActivity(serviceUrl, user, `c-part-${i}`, 'reflection.part', { runId: run.id, v: '1', part: '0', nav: 'next', i0: String((i % 5) + 1), i1: String(((i + 2) % 5) + 1) });
      const send = executeActivity(serviceUrl, user, `c-send-${i}`, 'reflection.send', { runId: run.id, v: '1' });
      const a = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(part) });
      await a.text();
      const b = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(send) });
      await b.text();
      return a.status === 200 && b.status === 200;
    }),
  );
  const submitSeconds = (Date.now() - started) / 1000;
  // Wait for the coalesced card update that shows the final, exact count.
  const fresh = (await app.reflection.repo.get(run.id))!;
  const cardPath = `/v3/conversations/${encodeURIComponent(fresh.channel_conversation_id!)}/activities/${encodeURIComponent(fresh.channel_activity_id!)}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && (await app.reflection.repo.progress(run.id)).answered < n) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 6_000));
  const puts = log.filter((l) => l.method === 'PUT' && l.path === cardPath && l.at >= started);
  const span = Math.max(1, (puts.at(-1)?.at ?? started) - started) / 1000;
  const rows = await app.services.store.db.selectFrom('reflection_answers').select(['member_id', 'item_id']).where('run_id', '=', run.id).execute();
  const distinct = new Set(rows.map((r) => `${r.member_id}/${r.item_id}`)).size;
  const progress = await app.reflection.repo.progress(run.id);
  return {
    respondents: n,
    requestsOk: results.filter(Boolean).length,
    submitsPerSecond: Math.round(((2 * n) / submitSeconds) * 10) / 10,
    answersExpected: 2 * n,
    answersStored: rows.length,
    answersLost: 2 * n - distinct,
    answersDoubled: rows.length - distinct,
    submittedCount: progress.answered,
    progressCardUpdates: puts.length,
    progressUpdatesPerSecond: Math.round((puts.length / span) * 100) / 100,
  };
}

export const SUMMARY_TARGET_RATIO = 3;
const SUMMARY_ROUNDS = 7;

export interface SummaryVsGroupBy {
  database: 'sqlite' | 'postgres';
  respondents: number;
  answers: number;
  /** Median time of the whole summary (buildSummary: the queries and the gate). */
  summaryMs: number;
  /** Median time of a bare GROUP BY item, value over the same answers. */
  groupByMs: number;
  ratio: number;
  /** Where the summary's time goes: the tally queries, and the gate in JavaScript (disclosure search included). */
  queriesMs: number;
  gateMs: number;
  target: number;
  pass: boolean;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * A run with `n` respondents who each answered every item (35 statements, 10 comments), then
 * the summary against a bare GROUP BY over the same answers, alternating so a change in the
 * machine's load hits both alike; medians of the rounds after a warm-up.
 */
export async function benchSummary(app: App, url: string, serviceUrl: string, n: number, database: 'sqlite' | 'postgres' = 'sqlite'): Promise<SummaryVsGroupBy & { partnershipId: string }> {
  const { run, users } = await seedRun(app, url, serviceUrl, n);
  const { instrumentView, loadInstrument } = await import('../src/reflection/content/index.js');
  const { kindsOf } = await import('../src/reflection/tally.js');
  const { publishTally } = await import('../src/reflection/publish.js');
  const items = instrumentView('1').parts.flatMap((p) => p.items);
  const members = await app.services.repo.members(run.partnership_id);
  const byKey = new Map(members.map((m) => [m.userKey, m.id]));
  // The answers in bulk (500 rows per INSERT): seeding is not what is measured.
  const now = Date.now();
  const rows = users.flatMap((user, i) =>
    items.map((it, k) => ({ run_id: run.id, member_id: byKey.get(user.aad)!, item_id: it.id, value: it.kind === 'scale' ? ((i + k) % 5) + 1 : null, text: it.kind === 'scale' ? null : `opmerking ${i}`, updated_at: now })),
  );
  const { db } = app.services.store;
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('reflection_answers').values(rows.slice(i, i + 500)).execute();
  await db.updateTable('reflection_invites').set({ submitted_at: now }).where('run_id', '=', run.id).where('member_id', 'in', users.map((u) => byKey.get(u.aad)!)).execute();
  // A real run fills over days, and PostgreSQL's autovacuum keeps the tables' statistics with
  // it; 45,000 rows loaded a moment ago have none yet, and without them the planner guesses one
  // row and picks nested loops for both queries. So: what autovacuum would have done by then.
  if (database === 'postgres') await sql`vacuum analyze reflection_answers, reflection_invites`.execute(db);
  const instrument = loadInstrument(run.instrument_version);
  const kinds = kindsOf(instrument);
  const summaries: number[] = [];
  const groupBys: number[] = [];
  const queries: number[] = [];
  const gates: number[] = [];
  let respondents = 0;
  let counted = 0;
  for (let r = 0; r <= SUMMARY_ROUNDS; r++) {
    let t0 = performance.now();
    const summary = await app.reflection.buildSummary(run);
    const summaryMs = performance.now() - t0;
    t0 = performance.now();
    counted = await app.reflection.repo.countByItemAndValue(run.id);
    const groupByMs = performance.now() - t0;
    // The same summary in its two steps, to see where the time goes.
    t0 = performance.now();
    const tally = await app.reflection.repo.tally(run.id, kinds);
    const queriesMs = performance.now() - t0;
    const schools = await app.services.repo.schools(run.partnership_id);
    const names = await app.services.repo.memberNames(run.partnership_id);
    t0 = performance.now();
    publishTally(instrument, tally, schools, { perSchool: run.per_school === 1, minGroup: run.min_group, names });
    const gateMs = performance.now() - t0;
    respondents = summary.respondents;
    if (r === 0) continue; // warm-up: JIT, statement caches
    summaries.push(summaryMs);
    groupBys.push(groupByMs);
    queries.push(queriesMs);
    gates.push(gateMs);
  }
  const summaryMs = round1(medianOf(summaries));
  const groupByMs = round1(medianOf(groupBys));
  const ratio = Math.round((summaryMs / groupByMs) * 100) / 100;
  return {
    database,
    respondents,
    answers: counted,
    summaryMs,
    groupByMs,
    ratio,
    queriesMs: round1(medianOf(queries)),
    gateMs: round1(medianOf(gates)),
    target: SUMMARY_TARGET_RATIO,
    pass: ratio <= SUMMARY_TARGET_RATIO && respondents === n,
    partnershipId: run.partnership_id,
  };
}

/** The line the bench prints for the summary target, PASS or FAIL first. */
export function summaryLine(r: SummaryVsGroupBy): string {
  return (
    `${r.pass ? 'PASS' : 'FAIL'} summary of ${r.respondents} respondents x 45 items vs a bare GROUP BY [${r.database}]: ` +
    `summary ${r.summaryMs} ms (queries ${r.queriesMs} ms, gate ${r.gateMs} ms), GROUP BY ${r.groupByMs} ms, ratio ${r.ratio} (target <= ${r.target})`
  );
}
