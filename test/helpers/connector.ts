import http from 'node:http';

/**
 * A fake Bot Connector on 127.0.0.1 for protocol tests: it records what the bot sends to
 * /v3/conversations/…, serves the Team roster (paged) and channel list, and can add
 * latency or answer with errors such as 429 with Retry-After.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: any;
  at: number;
  /** When the request reached the fake (its headers, before the body), in fractional epoch ms. */
  arrivedAt: number;
  /** The body exactly as it arrived, for measuring what the bot really sent. */
  raw: string;
  /** What the fake answered. */
  status?: number;
}

export interface RosterEntry {
  id: string;
  name: string;
  aadObjectId?: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  userRole?: string;
}

export type Rule = (req: RecordedRequest) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

export interface FakeConnector {
  serviceUrl: string;
  requests: RecordedRequest[];
  /** Activities the bot sent (new and replies), in order. */
  sent(): RecordedRequest[];
  updates(): RecordedRequest[];
  created(): RecordedRequest[];
  sentTo(conversationId: string): RecordedRequest[];
  setRoster(teamId: string, members: RosterEntry[]): void;
  setChannels(teamId: string, channels: Array<{ id: string; name?: string }>): void;
  /** Rules are asked first, in order; the first answer wins. */
  rules: Rule[];
  latencyMs: [number, number];
  waitFor(predicate: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  reset(): void;
  close(): Promise<void>;
}

export async function startConnector(): Promise<FakeConnector> {
  const requests: RecordedRequest[] = [];
  const rosters = new Map<string, RosterEntry[]>();
  const channels = new Map<string, Array<{ id: string; name?: string }>>();
  const waiters: Array<{ predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  let counter = 0;

  const fake: FakeConnector = {
    serviceUrl: '',
    requests,
    rules: [],
    latencyMs: [0, 0],
    sent: () => requests.filter((r) => r.method === 'POST' && r.conversationId !== undefined && (r.status ?? 200) < 300 && /\/activities(\/[^/]+)?$/.test(r.path)),
    updates: () => requests.filter((r) => r.method === 'PUT' && (r.status ?? 200) < 300),
    created: () => requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations'),
    sentTo: (id) => fake.sent().filter((r) => r.conversationId === id),
    setRoster: (teamId, members) => rosters.set(teamId, members),
    setChannels: (teamId, list) => channels.set(teamId, list),
    waitFor(predicate, timeoutMs = 5000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error('fake connector: expected request did not arrive'));
          }
        }, timeoutMs);
      });
    },
    reset() {
      requests.length = 0;
      fake.rules = [];
      fake.latencyMs = [0, 0];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };

  function answer(req: RecordedRequest, url: URL): { status: number; body: unknown; headers?: Record<string, string> } {
    const p = req.path;
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && p === '/v3/conversations') {
      const member = req.body?.members?.[0]?.id ?? 'unknown';
      return { status: 201, body: { id: `a:personal-${member}`, activityId: `act-${++counter}` } };
    }
    if ((m = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/.exec(p))) {
      const all = rosters.get(decodeURIComponent(m[1]!)) ?? [];
      const size = Number(url.searchParams.get('pageSize') ?? 200);
      const start = Number(url.searchParams.get('continuationToken') ?? 0);
      const members = all.slice(start, start + size);
      const next = start + size < all.length ? String(start + size) : undefined;
      return { status: 200, body: next ? { members, continuationToken: next } : { members } };
    }
    if ((m = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(p))) {
      const id = decodeURIComponent(m[2]!);
      for (const list of rosters.values()) {
        const found = list.find((x) => x.id === id);
        if (found) return { status: 200, body: found };
      }
      return { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
    }
    if ((m = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(p))) {
      return { status: 200, body: { conversations: channels.get(decodeURIComponent(m[1]!)) ?? [] } };
    }
    if ((m = /^\/v3\/teams\/([^/]+)$/.exec(p))) {
      const id = decodeURIComponent(m[1]!);
      return { status: 200, body: { id, name: 'Team', aadGroupId: 'group' } };
    }
    if (req.method === 'POST' && /\/activities(\/[^/]+)?$/.test(p)) return { status: 200, body: { id: `act-${++counter}` } };
    if (req.method === 'PUT') return { status: 200, body: { id: req.activityId } };
    if (req.method === 'DELETE') return { status: 200, body: {} };
    return { status: 404, body: { error: { code: 'NotFound', message: p } } };
  }

  const server = http.createServer((incoming, res) => {
    // Taken first thing, so a slow body or a busy test process does not shift it.
    const arrivedAt = performance.timeOrigin + performance.now();
    const chunks: Buffer[] = [];
    incoming.on('data', (c) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      const conv = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?)?/.exec(url.pathname);
      const rec: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        conversationId: conv && url.pathname.includes('/activities') ? decodeURIComponent(conv[1]!) : undefined,
        activityId: conv?.[2] ? decodeURIComponent(conv[2]) : undefined,
        body: raw ? JSON.parse(raw) : undefined,
        at: Date.now(),
        arrivedAt,
        raw,
      };
      const ruled = fake.rules.map((r) => r(rec)).find(Boolean);
      const result = ruled ? { status: ruled.status, body: ruled.body ?? {}, headers: ruled.headers } : answer(rec, url);
      // Only what Teams accepted counts as delivered; refused attempts stay visible in `requests`.
      rec.status = result.status;
      const [min, max] = fake.latencyMs;
      setTimeout(() => {
        requests.push(rec);
        for (const w of [...waiters]) {
          if (w.predicate(rec)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(rec);
          }
        }
        res.writeHead(result.status, { 'content-type': 'application/json', ...(result.headers ?? {}) });
        res.end(JSON.stringify(result.body));
      }, min + Math.random() * (max - min));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.serviceUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  return fake;
}
