import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/clock.js';
import type { Role } from '../../src/partnership/roles.js';
import { startBot, type RunningBot } from './botServer.js';
import { freshDatabase, type StoreKind, type TestDatabase } from './db.js';
import { startConnector, type FakeConnector } from './connector.js';
import { installInTeam, post, TEAM_ID, TENANT_ID, type User } from './teams.js';

export interface InstalledBot {
  connector: FakeConnector;
  bot: RunningBot;
  /** The partnership of the sample Team. */
  pid: string;
  /** Where activities come from: the fake connector, plus e.g. `{ where: 'personal' }`. */
  w(extra?: Record<string, unknown>): { serviceUrl: string } & Record<string, unknown>;
  /** Posts an invoke and returns its body (`value` is the card or the error text). */
  invoke(activity: unknown): Promise<{ type: string; value: any }>;
  /** Puts people on the roster with roles, and optionally a school and werkgroepen; ids in order. */
  addMembers(people: Array<{ user: User; roles: Role[]; schoolId?: string | null; werkgroepIds?: string[] }>): Promise<string[]>;
}

/**
 * For one protocol test file: the real HTTP bot (SQLite in a temp dir) and a fake Bot
 * Connector, with the bot installed in the sample Team. With a clock, jobs run only when the
 * test calls `jobs.runDue()` or `reminders.tick()`: the runner does not poll (see startBot).
 */
export function useInstalledBot(options: { clock?: Clock; database?: StoreKind } = {}): InstalledBot {
  let tdb: TestDatabase | undefined;
  const h: InstalledBot = {
    connector: undefined as unknown as FakeConnector,
    bot: undefined as unknown as RunningBot,
    pid: '',
    w: (extra = {}) => ({ serviceUrl: h.connector.serviceUrl, ...extra }),
    invoke: async (activity) => (await post(h.bot.messagesUrl, activity)).body as { type: string; value: any },
    async addMembers(people) {
      const { repo } = h.bot.app.services;
      const ids = await repo.upsertMembers(h.pid, people.map((p) => ({ teamsUserId: p.user.id, aadObjectId: p.user.aadObjectId, name: p.user.name })));
      for (const [i, p] of people.entries()) await repo.assignMember(ids[i]!, h.pid, { roles: p.roles, schoolId: p.schoolId ?? null, werkgroepIds: p.werkgroepIds ?? [] });
      return ids;
    },
  };
  beforeAll(async () => {
    h.connector = await startConnector();
    // On PostgreSQL: a fresh schema of its own, dropped afterwards (helpers/db.ts).
    if (options.database === 'postgres') tdb = await freshDatabase('postgres');
    h.bot = await startBot({ ...(options.clock ? { clock: options.clock } : {}), ...(tdb ? { store: await tdb.open() } : {}) });
    await post(h.bot.messagesUrl, installInTeam(h.w()));
    h.pid = (await h.bot.app.services.repo.findByTeam(TENANT_ID, TEAM_ID))!.id;
  });
  afterAll(async () => {
    await h.bot?.stop();
    if (tdb) {
      await h.bot?.store.close();
      await tdb.drop();
    }
    await h.connector?.close();
  });
  return h;
}
