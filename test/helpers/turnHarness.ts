import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { openStore, type Store } from '../../src/store/db.js';
import { createApp, type App } from '../../src/app.js';
import type { ActionResult, Outgoing, RosterMember, TeamChannel, TurnInfo, TurnIO } from '../../src/core/types.js';

/** A store-backed app driven at the router level: no HTTP, no SDK. */
export interface TurnHarness {
  app: App;
  store: Store;
  now: { value: number };
  roster: RosterMember[];
  channels: TeamChannel[];
  sent: Outgoing[];
  io: TurnIO;
  turn(user: RosterMember, where?: 'channel' | 'personal'): TurnInfo;
  text(user: RosterMember, text: string, where?: 'channel' | 'personal'): Promise<ActionResult>;
  action(user: RosterMember, verb: string, data: Record<string, unknown>, where?: 'channel' | 'personal'): Promise<ActionResult>;
  close(): Promise<void>;
}

export const TENANT = 'tenant-noord-holland';
export const TEAM = '19:leerlab-nh@thread.tacv2';

export function person(n: number, name: string): RosterMember {
  return { teamsUserId: `29:user-${n}`, aadObjectId: `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`, name };
}

export async function createTurnHarness(options: { database?: Store } = {}): Promise<TurnHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leerlab-turn-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
  const store = options.database ?? (await openStore(config.database));
  const now = { value: Date.UTC(2026, 10, 24, 9, 0, 0) };
  const app = createApp({ config, store, logger: createLogger('silent'), clock: { now: () => now.value } });
  const h: TurnHarness = {
    app,
    store,
    now,
    roster: [],
    channels: [
      { id: TEAM, name: '' },
      { id: '19:docenten@thread.tacv2', name: 'Docentwerkgroep Zorg' },
    ],
    sent: [],
    io: {
      send: async (m) => {
        h.sent.push(m);
        return `sent-${h.sent.length}`;
      },
      update: async () => {},
      teamMembersPage: async (_team, token) => {
        const start = token ? Number(token) : 0;
        const members = h.roster.slice(start, start + 100);
        const next = start + 100 < h.roster.length ? String(start + 100) : undefined;
        return { members, continuationToken: next };
      },
      teamChannels: async () => h.channels,
    },
    turn(user, where = 'channel') {
      return {
        activityId: `act-${Math.random()}`,
        conversationId: where === 'channel' ? TEAM : `a:personal-${user.teamsUserId}`,
        conversationType: where,
        tenantId: TENANT,
        teamId: where === 'channel' ? TEAM : undefined,
        channelId: where === 'channel' ? TEAM : undefined,
        serviceUrl: 'http://127.0.0.1:1/',
        botId: '28:bot',
        from: user,
      };
    },
    text: (user, text, where) => app.router.onText(h.turn(user, where), h.io, text),
    action: (user, verb, data, where) => app.router.onAction(h.turn(user, where), h.io, verb, data),
    async close() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Visits every object node of a card, depth first in document order. */
function eachNode(card: unknown, visit: (node: Record<string, unknown>) => void): void {
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      visit(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
}

const isAction = (o: Record<string, unknown>) => typeof o.type === 'string' && o.type.startsWith('Action.');

/** All TextBlock texts of a card, for asserting what a user reads. */
export function cardTexts(result: ActionResult | Outgoing): string[] {
  if (!('card' in result)) return [];
  const out: string[] = [];
  eachNode(result.card, (o) => {
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
  });
  return out;
}

/** Titles of every action button on a card. */
export function cardButtons(result: ActionResult | Outgoing): string[] {
  if (!('card' in result)) return [];
  const out: string[] = [];
  eachNode(result.card, (o) => {
    if (isAction(o) && typeof o.title === 'string') out.push(o.title);
  });
  return out;
}

/** The data of the first action whose title matches. */
export function actionData(result: ActionResult, title: string): { verb?: string; data: Record<string, unknown> } {
  if (!('card' in result)) throw new Error('not a card');
  let found: { verb?: string; data: Record<string, unknown> } | undefined;
  eachNode(result.card, (o) => {
    if (!found && isAction(o) && o.title === title) found = { verb: o.verb as string | undefined, data: (o.data ?? {}) as Record<string, unknown> };
  });
  if (!found) throw new Error(`no action titled ${title}`);
  return found;
}

/** The values a client would send for a card as shown: every input with a value, as a string; empty ones left out. */
export function cardInputs(result: ActionResult): Record<string, string> {
  if (!('card' in result)) throw new Error('not a card');
  const out: Record<string, string> = {};
  eachNode(result.card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string' && o.value !== undefined && o.value !== '') out[o.id] = String(o.value);
  });
  return out;
}
