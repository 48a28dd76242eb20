import { systemTimer, type Clock, type Timer } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import type { ConversationAddress, Messenger, Outgoing } from '../core/types.js';
import { PartnershipRepo } from '../partnership/repo.js';
import { SlotRepo, TenantTurns } from './repo.js';

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
  private readonly turns: TenantTurns;
  private readonly slots: SlotRepo;
  private readonly conversations: PartnershipRepo;
  private readonly timer: Timer;

  constructor(
    private readonly deps: { store: Store; messenger: Messenger; clock: Clock; logger: Logger; workerId: string; limits: Limits; timer?: Timer },
  ) {
    this.timer = deps.timer ?? systemTimer;
    this.turns = new TenantTurns(deps.store, this.timer);
    this.slots = new SlotRepo(deps.store);
    this.conversations = new PartnershipRepo(deps.store, () => deps.clock.now());
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
    const { clock, workerId } = this.deps;
    const now = clock.now();
    const key = { reminderId, slotAt, recipient };
    return (await this.slots.insertClaim(key, late, workerId, now)) || this.slots.takeOver(key, workerId, now, this.leaseMs);
  }

  /** Claimed slots whose process died: for the runner to finish. */
  orphaned(): Promise<Array<{ reminder_id: string; slot_at: number; recipient: string; late: number }>> {
    return this.slots.orphaned(this.deps.clock.now(), this.leaseMs);
  }

  private record(reminderId: string, slotAt: number, recipient: string, set: { status: 'sent' | 'failed' | 'unreachable'; error?: string; attempts: number }) {
    return this.slots.record({ reminderId, slotAt, recipient }, this.deps.workerId, set, this.deps.clock.now());
  }

  /**
   * Waits for the conversation's gap, then for one of the tenant's turns, shared through the
   * database by every process (see TenantTurns). Pacing measures elapsed time on the
   * monotonic timer, not the injected wall clock: it waits real time for a real remote service.
   */
  private async pace(conversationId: string, tenantId?: string): Promise<{ done: () => Promise<void> }> {
    const { limits } = this.deps;
    for (;;) {
      const gap = (this.lastSent.get(conversationId) ?? -Infinity) + limits.perConversationMs - this.timer.elapsed();
      if (gap <= 0) break;
      await this.timer.sleep(gap);
    }
    // Noted before waiting for the turn, so a second call to this conversation waits its gap too.
    this.lastSent.set(conversationId, this.timer.elapsed());
    // Calls without a known tenant share one set of turns of their own.
    const turn = await this.turns.acquire(tenantId ?? '', Math.max(1, Math.floor(limits.tenantPerSecond)));
    this.lastSent.set(conversationId, this.timer.elapsed());
    return turn;
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
      const turn = await this.pace(conversationKey, tenantId);
      try {
        // Giving the turn back may fail (the database is gone): its lease then frees it, and
        // the call's own outcome stands.
        const value = await fn().finally(() => turn.done().catch((err) => logger.warn({ err }, 'could not give a turn back; its lease frees it')));
        return { ok: true, value };
      } catch (err) {
        const f = err as SendFailure & { message?: string };
        const retryable = f.status === 429 || f.status === 412 || f.status === 502 || f.status === 504 || (f.status !== undefined && f.status >= 500);
        if (!retryable || attempt >= limits.maxAttempts) return { ok: false, status: f.status, error: String(f.message ?? err).slice(0, 300), attempts: attempt };
        const wait = f.retryAfterMs ?? limits.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random());
        logger.warn({ status: f.status, attempt, wait }, 'Teams asked to slow down or failed; retrying');
        await this.timer.sleep(wait);
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
      if ((await this.conversations.markUnreachable(address.conversationId)) && this.onUnreachable) {
        // The notice is a courtesy: its own failure must not turn this outcome into an error.
        await this.onUnreachable(address.conversationId).catch((err) => this.deps.logger.warn({ err }, 'could not tell the projectleider about an unreachable chat'));
      }
      return 'unreachable';
    }
    await this.record(reminderId, slotAt, recipient, { status: 'failed', error: result.error, attempts: result.attempts });
    return 'failed';
  }
}
