import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../store/db.js';
import { sharedSecret } from '../store/secrets.js';
import type { MemberView } from '../partnership/repo.js';

/** How long a signed link works: long enough to click it, short enough that a forwarded link soon dies. */
export const LINK_TTL_MS = 15 * 60_000;

export interface DownloadFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/** Makes a file for a signed reference, or undefined when it no longer exists. */
export type DownloadProvider = (ref: string) => Promise<DownloadFile | undefined>;

/**
 * Who may open a kind of download, checked again when the link is opened (the link names
 * the member it was made for):
 * - `partnership`: results of a partnership; the member must still be in that partnership's
 *   Team and still pass `allowed` (the same rule that offered the download);
 * - `self`: a person's own data; the reference is the member's id, and only a link made
 *   for that member opens it.
 */
export type DownloadAccess =
  | { audience: 'partnership'; partnershipOf(ref: string): Promise<string | undefined>; allowed(member: MemberView): boolean }
  | { audience: 'self' };

export interface DownloadKind {
  access: DownloadAccess;
  file: DownloadProvider;
}

/** How DownloadLinks reads a member's current roles: the partnership repository. */
export interface MemberLookup {
  memberById(memberId: string): Promise<MemberView | undefined>;
}

export type Verified = { ok: true; kind: string; ref: string; memberId: string } | { ok: false; reason: 'expired' | 'invalid' };

export type Opened = { ok: true; file: DownloadFile } | { ok: false; reason: 'expired' | 'invalid' | 'forbidden' | 'gone' };

/**
 * Short-lived signed links to files the bot makes on request (CSV, .docx). A card's
 * "Download" button asks for a fresh link each time, so the button never goes dead while
 * each link stops working after 15 minutes. A link names the member it was made for, and
 * is checked against that member's current roles when opened: a link forwarded or kept
 * after losing a role opens nothing. The HMAC key lives in the store, so every bot process
 * signs and checks with the same key.
 */
export class DownloadLinks {
  private key: Buffer | undefined;
  private readonly kinds = new Map<string, DownloadKind>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** A function because the port is only known once the server listens (tests use port 0). */
    private readonly baseUrl: () => string,
    private readonly members: MemberLookup,
    /** Told of every file handed out (the audit log records who downloaded what, never the file). */
    private readonly onOpened: (memberId: string, kind: string) => Promise<void> = async () => {},
  ) {}

  register(kind: string, def: DownloadKind): void {
    if (this.kinds.has(kind)) throw new Error(`Download ${kind} registered twice`);
    this.kinds.set(kind, def);
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

  /**
   * A link to `ref` for the member who asked. The handler has checked the member already
   * (with a Dutch answer when not); this refuses a link the member could not open anyway.
   */
  async sign(kind: string, ref: string, memberId: string): Promise<string> {
    if ((await this.access(kind, ref, memberId)) !== 'allowed') throw new Error(`Download ${kind} not allowed for this member`);
    const payload = Buffer.from(JSON.stringify({ k: kind, r: ref, m: memberId, e: this.clock.now() + LINK_TTL_MS })).toString('base64url');
    return `${this.baseUrl()}/downloads/${payload}.${this.mac(await this.signingKey(), payload)}`;
  }

  async verify(token: string): Promise<Verified> {
    const [payload, mac] = token.split('.');
    if (!payload || !mac) return { ok: false, reason: 'invalid' };
    const expected = Buffer.from(this.mac(await this.signingKey(), payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    let data: { k?: unknown; r?: unknown; m?: unknown; e?: unknown };
    try {
      data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (typeof data.k !== 'string' || typeof data.r !== 'string' || typeof data.m !== 'string' || typeof data.e !== 'number') return { ok: false, reason: 'invalid' };
    if (data.e < this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, kind: data.k, ref: data.r, memberId: data.m };
  }

  /** Whether the member may open `ref` now, by their current roles in the store; `gone` when the results no longer exist. */
  private async access(kind: string, ref: string, memberId: string): Promise<'allowed' | 'forbidden' | 'gone' | 'invalid'> {
    const def = this.kinds.get(kind);
    if (!def) return 'invalid';
    const member = await this.members.memberById(memberId);
    if (def.access.audience === 'self') return member && ref === memberId ? 'allowed' : 'forbidden';
    const partnershipId = await def.access.partnershipOf(ref);
    if (partnershipId === undefined) return 'gone';
    return member && member.inTeam && member.partnershipId === partnershipId && def.access.allowed(member) ? 'allowed' : 'forbidden';
  }

  /** The file behind a link: checked signature, age and the member's current roles, in that order. */
  async open(token: string): Promise<Opened> {
    const verified = await this.verify(token);
    if (!verified.ok) return verified;
    const access = await this.access(verified.kind, verified.ref, verified.memberId);
    if (access !== 'allowed') return { ok: false, reason: access };
    const file = await this.kinds.get(verified.kind)!.file(verified.ref);
    if (!file) return { ok: false, reason: 'gone' };
    await this.onOpened(verified.memberId, verified.kind);
    return { ok: true, file };
  }
}
