import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../store/db.js';
import { sharedSecret } from '../store/secrets.js';

export const LINK_TTL_MS = 3600_000;

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/** Makes a file for a signed reference, or undefined when it no longer exists. */
export type DownloadProvider = (ref: string) => Promise<DownloadFile | undefined>;

export type Verified = { ok: true; kind: string; ref: string } | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Short-lived signed links to files the bot makes on request (CSV, .docx). A card's
 * "Download" button asks for a fresh link each time, so the button never goes dead while
 * each link stops working after an hour. The HMAC key lives in the store, so every bot
 * process signs and checks with the same key.
 */
export class DownloadLinks {
  private key: Buffer | undefined;
  private readonly providers = new Map<string, DownloadProvider>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** A function because the port is only known once the server listens (tests use port 0). */
    private readonly baseUrl: () => string,
  ) {}

  register(kind: string, provider: DownloadProvider): void {
    this.providers.set(kind, provider);
  }

  provider(kind: string): DownloadProvider | undefined {
    return this.providers.get(kind);
  }

  private async signingKey(): Promise<Buffer> {
    if (this.key) return this.key;
    const value = await sharedSecret(this.store, 'download-link-key', () => randomBytes(32).toString('base64'), this.clock.now());
    this.key = Buffer.from(value, 'base64');
    return this.key;
  }

  private mac(key: Buffer, payload: string): string {
    return createHmac('sha256', key).update(payload).digest('base64url');
  }

  async sign(kind: string, ref: string, ttlMs = LINK_TTL_MS): Promise<string> {
    const payload = Buffer.from(JSON.stringify({ k: kind, r: ref, e: this.clock.now() + ttlMs })).toString('base64url');
    return `${this.baseUrl()}/downloads/${payload}.${this.mac(await this.signingKey(), payload)}`;
  }

  async verify(token: string): Promise<Verified> {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.mac(await this.signingKey(), payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let data: { k?: unknown; r?: unknown; e?: unknown };
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof data.k !== 'string' || typeof data.r !== 'string' || typeof data.e !== 'number') return { ok: false, reason: 'invalid' };
    if (data.e < this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, kind: data.k, ref: data.r };
  }
}
