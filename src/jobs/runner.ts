import { withLanguage } from '../i18n/index.js';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import { JobRepo, type JobRow } from './repo.js';

export interface JobContext {
  id: number;
  kind: string;
  attempt: number;
  /** When the job was due; handlers use it to tell "late" from "on time". */
  runAt: number;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

export interface ScheduleOptions {
  /** Scheduling the same key again keeps the first job (idempotent scheduling). */
  dedupeKey?: string;
  maxAttempts?: number;
}

export interface JobRunnerOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  workerId?: string;
  pollMs?: number;
  /** How long a claim is held; a job whose worker died is claimed again after this. */
  leaseMs?: number;
  batchSize?: number;
}

/**
 * Durable jobs in the store. Every bot process runs one; a due job is claimed in a
 * single UPDATE (with SKIP LOCKED on PostgreSQL), so two processes never run the same
 * job at the same time. Delivery is at least once: a worker that dies mid-job leaves a
 * claim that expires and is picked up again, so handlers must be idempotent.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<unknown> = Promise.resolve();

  private readonly repo: JobRepo;
  /** The language a job's messages are written in: its partnership's (see setLanguageOf). */
  private languageOf: (payload: unknown) => Promise<string | null | undefined> = async () => undefined;

  constructor(private readonly opts: JobRunnerOptions) {
    this.repo = new JobRepo(opts.store);
    this.workerId = opts.workerId ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.pollMs = opts.pollMs ?? 1000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.batchSize = opts.batchSize ?? 20;
  }

  /**
   * A handler per kind. With a schema the stored payload is parsed when the job runs, so a
   * payload written by an older version (or by hand) fails as a job, not deep in a feature.
   */
  register(kind: string, handler: JobHandler): void;
  register<S extends z.ZodTypeAny>(kind: string, schema: S, handler: (payload: z.infer<S>, job: JobContext) => Promise<void>): void;
  register(kind: string, a: JobHandler | z.ZodTypeAny, b?: (payload: never, job: JobContext) => Promise<void>): void {
    if (this.handlers.has(kind)) throw new Error(`Job handler for ${kind} registered twice`);
    if (typeof a === 'function') {
      this.handlers.set(kind, a);
      return;
    }
    const schema = a;
    const handler = b as (payload: unknown, job: JobContext) => Promise<void>;
    this.handlers.set(kind, async (payload, job) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new Error(`payload of ${kind} does not match its schema: ${parsed.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`);
      await handler(parsed.data, job);
    });
  }

  async schedule(kind: string, payload: unknown, runAt: number, options: ScheduleOptions = {}): Promise<number | undefined> {
    return this.repo.insert({ kind, dedupeKey: options.dedupeKey ?? null, payload: JSON.stringify(payload ?? null), runAt, maxAttempts: options.maxAttempts ?? 5, now: this.opts.clock.now() });
  }

  /** Moves a pending job to a new time (for example a changed deadline). */
  reschedule(dedupeKey: string, runAt: number): Promise<boolean> {
    return this.repo.reschedule(dedupeKey, runAt, this.opts.clock.now());
  }

  cancel(dedupeKey: string): Promise<boolean> {
    return this.repo.cancel(dedupeKey);
  }

  /** Claims due jobs for this worker. Public for tests that drive a fake clock. */
  claimDue(limit = this.batchSize): Promise<JobRow[]> {
    return this.repo.claimDue(this.workerId, this.opts.clock.now(), this.leaseMs, limit);
  }

  /**
   * How to find the language of a job from its payload (app.ts: the partnership of the run,
   * study, conversation or pid it names). A job naming none runs in Dutch.
   */
  setLanguageOf(languageOf: (payload: unknown) => Promise<string | null | undefined>): void {
    this.languageOf = languageOf;
  }

  /** Claims and runs every job due now; returns how many ran. */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const jobs = await this.claimDue();
      if (jobs.length === 0) return total;
      await Promise.all(jobs.map((job) => this.execute(job)));
      total += jobs.length;
      if (jobs.length < this.batchSize) return total;
    }
  }

  private async execute(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const log = this.opts.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const payload: unknown = JSON.parse(job.payload);
      await withLanguage(await this.languageOf(payload), () => handler(payload, { id: job.id, kind: job.kind, attempt: job.attempts, runAt: Number(job.run_at) }));
      await this.repo.markDone(job.id, this.workerId, this.opts.clock.now());
    } catch (err) {
      const now = this.opts.clock.now();
      const giveUp = job.attempts >= job.max_attempts;
      // Exponential backoff: 5 s, 10 s, 20 s ... capped at 10 minutes.
      const delay = Math.min(5_000 * 2 ** (job.attempts - 1), 600_000);
      log.error({ err }, giveUp ? 'job failed for good' : 'job failed, will retry');
      await this.repo.markFailed(job, this.workerId, String((err as Error)?.message ?? err).slice(0, 1000), now, giveUp ? undefined : now + delay);
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const tick = () => {
      if (!this.running) return;
      this.inFlight = this.runDue()
        .catch((err) => this.opts.logger.error({ err }, 'job poll failed'))
        .finally(() => {
          if (this.running) this.timer = setTimeout(tick, this.pollMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }
}
