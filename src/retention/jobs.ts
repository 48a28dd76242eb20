import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { RetentionPeriods } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/db.js';
import type { JobRunner } from '../jobs/runner.js';
import type { AuditLog } from '../audit/log.js';
import type { RetentionStep, RetentionSteps } from '../services.js';
import { HandledActivities } from '../store/handledActivities.js';
import { JobRepo } from '../jobs/repo.js';
import { SlotRepo } from '../delivery/repo.js';
import { ReflectionRepo } from '../reflection/repo.js';
import { PartnershipEraser, type Counts } from './repo.js';

export const RETENTION_JOB = 'retention.daily';
export const RESPONSES_JOB = 'retention.responses';
/** The daily prune of handled activities before the retention job took it over: old rows of it finish as no-ops. */
const LEGACY_PRUNE_JOB = 'maintenance.pruneHandledActivities';
/**
 * The step name under which the erasure of members who left the Team hooks in (issue 14,
 * "members who left the Team: personal data removed after 30 days"): the member erase
 * feature calls `services.retention.addStep(LEFT_MEMBERS_STEP, ...)`. Not built here.
 */
export const LEFT_MEMBERS_STEP = 'left-members';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** Stored invoke answers are cleared in sweeps this far apart, so a busy hour makes a dozen jobs, not one per click. */
const SWEEP_BUCKET_MS = 5 * MINUTE;

/** Calendar months back from `now`, as the periods say "24 months", not 730 days. */
export function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

export interface RetentionDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  jobs: JobRunner;
  audit: AuditLog;
  periods: RetentionPeriods;
}

/**
 * The daily retention run (AVG art. 5(1)(e)): a list of steps, each deleting what is past its
 * period in the repository that owns the table and returning rows per table. One audit entry
 * per run holds the counts; a deleted partnership gets its own 'partnership-delete' entry.
 * After a run that deleted anything, the store makes sure nothing lingers on disk.
 */
export class Retention implements RetentionSteps {
  private readonly steps: Array<{ name: string; step: RetentionStep }> = [];
  readonly eraser: PartnershipEraser;
  private readonly handled: HandledActivities;

  constructor(private readonly deps: RetentionDeps) {
    const { store, clock } = deps;
    this.eraser = new PartnershipEraser(store, clock);
    this.handled = new HandledActivities(store, clock);
    const jobRepo = new JobRepo(store);
    const slots = new SlotRepo(store);
    const reflection = new ReflectionRepo(store, () => clock.now());
    // Partnerships first: what they delete is not counted again by the later steps.
    this.addStep('partnerships', async ({ now, periods }) => {
      const due = await this.eraser.removedBefore(now - periods.partnershipDays * DAY);
      for (const id of due) await this.deletePartnership(id, undefined);
      return { partnerships: due.length };
    });
    this.addStep('reflection', async ({ now, periods }) => {
      const { reflection_answers, reflection_invites } = await reflection.purgeClosedBefore(monthsBefore(now, periods.answersMonths));
      return { reflection_answers, reflection_invites };
    });
    this.addStep('handled', async ({ periods }) => ({
      handled_activities: await this.handled.prune(periods.handledDays * DAY),
      handled_responses: await this.handled.clearResponses(periods.handledResponseMinutes * MINUTE),
    }));
    this.addStep('operational', async ({ now, periods }) => ({
      jobs: await jobRepo.purgeFinished(now - periods.operationalDays * DAY),
      reminder_slots: await slots.purgeSettled(now - periods.operationalDays * DAY),
    }));
    this.addStep('audit', async ({ now, periods }) => ({ audit_log: await deps.audit.repo.purgeBefore(monthsBefore(now, periods.auditMonths)) }));
  }

  addStep(name: string, step: RetentionStep): void {
    if (this.steps.some((s) => s.name === name)) throw new Error(`Retention step ${name} added twice`);
    this.steps.push({ name, step });
  }

  /** Registers the job kinds; app.ts calls this once. */
  register(): void {
    const { jobs, clock } = this.deps;
    jobs.register(RETENTION_JOB, async () => {
      await jobs.schedule(RETENTION_JOB, {}, clock.now() + DAY, { dedupeKey: `${RETENTION_JOB}:${Math.floor(clock.now() / DAY) + 1}` });
      await this.run();
    });
    jobs.register(RESPONSES_JOB, z.object({}).strict(), async () => {
      if ((await this.handled.clearResponses(this.deps.periods.handledResponseMinutes * MINUTE)) > 0) await this.deps.store.afterErase();
    });
    jobs.register(LEGACY_PRUNE_JOB, async () => {});
  }

  /** The first daily run a minute after start (once per day across processes: the dedupe key). */
  async scheduleDaily(): Promise<void> {
    const { jobs, clock } = this.deps;
    await jobs.schedule(RETENTION_JOB, {}, clock.now() + MINUTE, { dedupeKey: `${RETENTION_JOB}:${Math.floor(clock.now() / DAY)}` });
  }

  /** An invoke answer was stored at `at`: a sweep clears it once Teams can no longer retry. */
  async responseStored(at: number): Promise<void> {
    const due = Math.ceil((at + this.deps.periods.handledResponseMinutes * MINUTE + MINUTE) / SWEEP_BUCKET_MS) * SWEEP_BUCKET_MS;
    await this.deps.jobs.schedule(RESPONSES_JOB, {}, due, { dedupeKey: `${RESPONSES_JOB}:${due}` });
  }

  /** Runs every step; returns the rows per table, as recorded in the audit log. */
  async run(): Promise<Counts> {
    const now = this.deps.clock.now();
    const counts: Counts = {};
    for (const { name, step } of this.steps) {
      try {
        for (const [table, count] of Object.entries(await step({ now, periods: this.deps.periods }))) counts[table] = (counts[table] ?? 0) + count;
      } catch (err) {
        // One failing step does not keep the others from deleting what is due; the job retries tomorrow.
        this.deps.logger.error({ err, step: name }, 'retention step failed');
      }
    }
    if (Object.entries(counts).some(([table, count]) => table !== 'partnerships' && count > 0)) await this.deps.store.afterErase();
    await this.deps.audit.record({ partnershipId: null, action: 'retention', counts });
    this.deps.logger.info({ counts }, 'retention run');
    return counts;
  }

  /**
   * Deletes a partnership with everything in it, at once (`partnerschap verwijderen`, with
   * the projectleider as actor) or after the grace period (the bot as actor).
   */
  async deletePartnership(partnershipId: string, actor: string | undefined): Promise<Counts> {
    const counts = await this.eraser.deleteAll(partnershipId);
    await this.deps.store.afterErase();
    await this.deps.audit.record({ partnershipId, action: 'partnership-delete', ...(actor ? { actor } : {}), counts });
    this.deps.logger.info({ partnershipId, counts }, 'partnership deleted');
    return counts;
  }
}
