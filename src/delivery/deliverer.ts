import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import type { ConversationAddress, Messenger, Outgoing } from '../core/types.js';

/** A claim older than this belongs to a process that died before sending; it is taken over. */
export const CLAIM_LEASE_MS = 120_000;

export interface Limits {
  /** Minimum gap between two messages to one conversation (Teams allows about 1 per second sustained). */
  perConversationMs: number;
  /** Ceiling on calls to Teams per second for the tenant, from config; shared by all processes on the database. */
  tenantPerSecond: number;
  /** Attempts for 429/5xx before the slot is recorded as failed (a later tick retries it). */
  maxAttempts: number;
  /** Base for exponential backoff with jitter when Teams gives no Retry-After. */
  backoffMs: number;
  /** Sends in flight at once; by default enough to fill the tenant's budget. */
  concurrency?: number;
  /** How long a claim protects a slot before another process may take it over. */
  claimLeaseMs?: number;
}

export type Outcome = 'sent' | 'skipped' | 'unreachable' | 'failed';

type SendFailure = { status?: number; retryAfterMs?: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one planned message to one recipient at most once per process crash window:
 *
 * - The slot (reminder, planned time, recipient) is claimed with an INSERT before sending;
 *   only one process gets it. A claim left by a dead process is taken over after the lease.
 * - Teams' send API has no idempotency key. So the guarantee is: no slot is ever lost, and a
 *   slot is sent twice only if a process dies after Teams accepted the message and before
 *   the bot recorded it as sent (the claim then expires and another process sends again).
 * - 429 waits Retry-After (or backs off with jitter); 5xx backs off; 403/404 mark that
 *   conversation unreachable and stop there, the others still get theirs.
 */
export class Deliverer {
  /** Called once when Teams first refuses a conversation (403/404), e.g. to tell the projectleider. */
  onUnreachable?: (conversationId: string) => Promise<void>;
  private readonly lastSent = new Map<string, number>();
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly deps: { store: Store; messenger: Messenger; clock: Clock; logger: Logger; workerId: string; limits: Limits },
  ) {
    // A bucket of one: calls are spread evenly, so no one-second window exceeds the ceiling.
    this.tokens = 1;
    this.refilledAt = Date.now();
  }

  /** Sends in flight at once: enough to fill the tenant's budget while Teams takes its time. */
  get concurrency(): number {
    return this.deps.limits.concurrency ?? Math.max(4, Math.ceil(this.deps.limits.tenantPerSecond));
  }

  private get leaseMs(): number {
    return this.deps.limits.claimLeaseMs ?? CLAIM_LEASE_MS;
  }

  /** Claims a slot; false when another process has it (or it was sent already). */
  async claim(reminderId: string, slotAt: number, recipient: string, late: boolean): Promise<boolean> {
    const { store, clock, workerId } = this.deps;
    const now = clock.now();
    const res = await store.db
      .insertInto('reminder_slots')
      .values({ reminder_id: reminderId, slot_at: slotAt, recipient, status: 'claimed', late: late ? 1 : 0, claimed_by: workerId, claimed_at: now, sent_at: null, attempts: 0, error: null })
      .onConflict((oc) => oc.columns(['reminder_id', 'slot_at', 'recipient']).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    const takeover = await store.db
      .updateTable('reminder_slots')
      .set({ claimed_by: workerId, claimed_at: now })
      .where('reminder_id', '=', reminderId)
      .where('slot_at', '=', slotAt)
      .where('recipient', '=', recipient)
      .where((eb) => eb.or([eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', now - this.leaseMs)]), eb('status', '=', 'failed')]))
      .executeTakeFirst();
    return Number(takeover.numUpdatedRows) > 0;
  }

  /** Claimed slots whose process died: for the runner to finish. */
  async orphaned(): Promise<Array<{ reminder_id: string; slot_at: number; recipient: string; late: number }>> {
    return this.deps.store.db
      .selectFrom('reminder_slots')
      .select(['reminder_id', 'slot_at', 'recipient', 'late'])
      .where((eb) => eb.or([eb.and([eb('status', '=', 'claimed'), eb('claimed_at', '<', this.deps.clock.now() - this.leaseMs)]), eb('status', '=', 'failed')]))
      .execute();
  }

  private async record(reminderId: string, slotAt: number, recipient: string, set: { status: 'sent' | 'failed' | 'unreachable'; error?: string; attempts: number }) {
    await this.deps.store.db
      .updateTable('reminder_slots')
      .set({ status: set.status, error: set.error ?? null, attempts: set.attempts, sent_at: set.status === 'sent' ? this.deps.clock.now() : null })
      .where('reminder_id', '=', reminderId)
      .where('slot_at', '=', slotAt)
      .where('recipient', '=', recipient)
      .where('claimed_by', '=', this.deps.workerId)
      .execute();
  }

  /**
   * Takes one call from the tenant's budget for the current second, shared by every process
   * on the database; when the second is full, waits for the next one.
   */
  private async tenantSlot(tenantId: string): Promise<void> {
    const { store, limits } = this.deps;
    for (;;) {
      const now = Date.now();
      const second = Math.floor(now / 1000);
      const row = await store.db
        .insertInto('rate_windows')
        .values({ tenant_id: tenantId, second, calls: 1 })
        .onConflict((oc) => oc.columns(['tenant_id', 'second']).doUpdateSet((eb) => ({ calls: eb('rate_windows.calls', '+', 1) })))
        .returning('calls')
        .executeTakeFirstOrThrow();
      if (Number(row.calls) <= limits.tenantPerSecond) return;
      await sleep((second + 1) * 1000 - now + Math.random() * 20);
    }
  }

  /** Forgets the per-second counts older than a minute. */
  async pruneRateWindows(): Promise<void> {
    await this.deps.store.db.deleteFrom('rate_windows').where('second', '<', Math.floor(Date.now() / 1000) - 60).execute();
  }

  /** Waits for a token of the tenant's per-second budget and for the conversation's gap. */
  private async pace(conversationId: string, tenantId?: string): Promise<void> {
    const { limits } = this.deps;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(1, this.tokens + ((now - this.refilledAt) / 1000) * limits.tenantPerSecond);
      this.refilledAt = now;
      const gap = (this.lastSent.get(conversationId) ?? 0) + limits.perConversationMs - now;
      if (this.tokens >= 1 && gap <= 0) {
        this.tokens -= 1;
        this.lastSent.set(conversationId, now);
        if (tenantId) await this.tenantSlot(tenantId);
        return;
      }
      await sleep(Math.max(gap, ((1 - this.tokens) / limits.tenantPerSecond) * 1000, 5));
    }
  }

  /** A recipient that cannot be reached (chat refused earlier, or could not be opened): recorded, not retried. */
  async unreachable(reminderId: string, slotAt: number, recipient: string): Promise<'unreachable'> {
    await this.record(reminderId, slotAt, recipient, { status: 'unreachable', attempts: 0 });
    return 'unreachable';
  }

  /** Paces and retries one call to Teams (also used for opening a 1:1 chat). */
  async call<T>(conversationKey: string, fn: () => Promise<T>, tenantId?: string): Promise<{ ok: true; value: T } | { ok: false; status?: number; error: string; attempts: number }> {
    const { limits, logger } = this.deps;
    let attempt = 0;
    for (;;) {
      attempt++;
      await this.pace(conversationKey, tenantId);
      try {
        return { ok: true, value: await fn() };
      } catch (err) {
        const f = err as SendFailure & { message?: string };
        const retryable = f.status === 429 || f.status === 412 || f.status === 502 || f.status === 504 || (f.status !== undefined && f.status >= 500);
        if (!retryable || attempt >= limits.maxAttempts) return { ok: false, status: f.status, error: String(f.message ?? err).slice(0, 300), attempts: attempt };
        const wait = f.retryAfterMs ?? limits.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
        logger.warn({ status: f.status, attempt, wait }, 'Teams asked to slow down or failed; retrying');
        await sleep(wait);
      }
    }
  }

  async deliver(reminderId: string, slotAt: number, recipient: string, address: ConversationAddress, message: Outgoing): Promise<Outcome> {
    const result = await this.call(address.conversationId, () => this.deps.messenger.send(address, message), address.tenantId);
    if (result.ok) {
      await this.record(reminderId, slotAt, recipient, { status: 'sent', attempts: 1 });
      return 'sent';
    }
    if (result.status === 403 || result.status === 404) {
      await this.record(reminderId, slotAt, recipient, { status: 'unreachable', error: result.error, attempts: result.attempts });
      const changed = await this.deps.store.db
        .updateTable('conversation_refs')
        .set({ status: 'unreachable', updated_at: this.deps.clock.now() })
        .where('conversation_id', '=', address.conversationId)
        .where('status', '!=', 'unreachable')
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) > 0 && this.onUnreachable) {
        // The notice is a courtesy: its own failure must not turn this outcome into an error.
        await this.onUnreachable(address.conversationId).catch((err) => this.deps.logger.warn({ err }, 'could not tell the projectleider about an unreachable chat'));
      }
      return 'unreachable';
    }
    await this.record(reminderId, slotAt, recipient, { status: 'failed', error: result.error, attempts: result.attempts });
    return 'failed';
  }
}
