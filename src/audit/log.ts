import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../store/db.js';
import { sharedSecret } from '../store/secrets.js';
import { AuditRepo, type AuditRow } from './repo.js';

export const AUDIT_ACTIONS = ['export', 'erase', 'download', 'role-change', 'retention', 'partnership-delete'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  partnershipId: string | null;
  action: AuditAction;
  /** The acting member's user key; absent when the bot acts on its own (retention). */
  actor?: string;
  /** The person the action concerns, e.g. who was erased. */
  subject?: string;
  /** Rows per table or kind. Never content. */
  counts?: Record<string, number>;
}

/**
 * Records what was done with personal data, without the data: people only as an HMAC of
 * their user key under a key kept in the store, so the log can say "was X erased?" (hash X
 * again) but holds no id or name an erasure would have to remove.
 */
export class AuditLog {
  private key: Buffer | undefined;
  readonly repo: AuditRepo;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {
    this.repo = new AuditRepo(store);
  }

  private async hashKey(): Promise<Buffer> {
    if (!this.key) this.key = Buffer.from(await sharedSecret(this.store, 'audit-hash-key', () => randomBytes(32).toString('base64'), this.clock.now()), 'base64');
    return this.key;
  }

  async hash(userKey: string): Promise<string> {
    return createHmac('sha256', await this.hashKey()).update(userKey).digest('base64url');
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.repo.insert({
      partnership_id: entry.partnershipId,
      at: this.clock.now(),
      action: entry.action,
      actor_hash: entry.actor ? await this.hash(entry.actor) : null,
      subject_hash: entry.subject ? await this.hash(entry.subject) : null,
      counts: JSON.stringify(entry.counts ?? {}),
    });
  }

  latest(partnershipId: string, limit = 50): Promise<AuditRow[]> {
    return this.repo.latest(partnershipId, limit);
  }

  async wasSubject(userKey: string, action: AuditAction): Promise<boolean> {
    return (await this.repo.bySubject(await this.hash(userKey))).some((r) => r.action === action);
  }
}
