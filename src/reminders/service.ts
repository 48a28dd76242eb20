import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Services } from '../bot/context.js';
import type { ConversationAddress } from '../bot/types.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import type { ReminderTable } from '../store/schema.js';
import type { Deliverer } from './delivery.js';
import { personalAddress } from './personal.js';
import { withoutOptedOut } from './optout.js';
import { deadlineNudgeTime, inHoliday, localDate, missedSlot, nextOccurrence, type Holiday, type Rule } from './schedule.js';

export type Reminder = Selectable<ReminderTable>;
type AudienceRun = NonNullable<Awaited<ReturnType<OpenRunAudience['run']>>>;

/** An open questionnaire whose non-responders a reminder can go to; the flows provide it. */
export interface OpenRunAudience {
  openRuns(partnershipId: string): Promise<Array<{ id: string; label: string; deadlineAt: number }>>;
  run(runId: string): Promise<{ partnershipId: string; open: boolean; deadlineAt: number; nonResponders: MemberView[] } | undefined>;
}

/** Runs tasks with at most `size` in flight. */
async function runPool(tasks: Array<() => Promise<void>>, size: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
}
/** A slot sent this long after its planned time is marked as late. */
export const LATE_AFTER_MS = 15 * 60_000;
export const TICK_JOB = 'reminders.tick';
export const TICK_MS = 30_000;

/**
 * Reminders in the store, run from the job runner in every bot process. Each tick sends the
 * due slot of each active reminder (only the latest one if the bot was down) through the
 * Deliverer, which claims every (reminder, slot, recipient) once in the database.
 */
export class Reminders {
  readonly deliverer: Deliverer;

  constructor(
    private readonly services: Services,
    deliverer?: Deliverer,
    readonly audience?: OpenRunAudience,
  ) {
    this.deliverer = deliverer ?? services.deliverer;
  }

  register(): void {
    // The next tick is planned first: a tick that fails for good must not end the chain.
    this.services.jobs.register(TICK_JOB, async () => {
      await this.scheduleTick();
      await this.tick();
    });
  }

  async scheduleTick(): Promise<void> {
    const bucket = Math.floor(this.services.clock.now() / TICK_MS) + 1;
    await this.services.jobs.schedule(TICK_JOB, {}, bucket * TICK_MS, { dedupeKey: `${TICK_JOB}:${bucket}` });
  }

  async create(p: { partnershipId: string; createdBy: string; rule: Rule; target: Reminder['target']; targetRef?: string | null; text: string; teacherNudge?: boolean }): Promise<Reminder> {
    const now = this.services.clock.now();
    const id = randomUUID();
    await this.services.store.db
      .insertInto('reminders')
      .values({ id, partnership_id: p.partnershipId, created_by: p.createdBy, status: 'active', rule: JSON.stringify(p.rule), target: p.target, target_ref: p.targetRef ?? null, text: p.text, teacher_nudge: p.teacherNudge ? 1 : 0, next_at: nextOccurrence(p.rule, now) ?? null, last_slot_at: null, created_at: now })
      .execute();
    return (await this.get(id))!;
  }

  get(id: string): Promise<Reminder | undefined> {
    return this.services.store.db.selectFrom('reminders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Planned ones first (soonest on top), then those without a next time, the same on both databases. */
  list(partnershipId: string): Promise<Reminder[]> {
    return this.services.store.db
      .selectFrom('reminders')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('status', '!=', 'deleted')
      .orderBy(sql`case when next_at is null then 1 else 0 end`)
      .orderBy('next_at')
      .orderBy('created_at')
      .execute();
  }

  async pause(id: string): Promise<void> {
    await this.services.store.db.updateTable('reminders').set({ status: 'paused' }).where('id', '=', id).where('status', '=', 'active').execute();
  }

  async resume(id: string): Promise<void> {
    const r = await this.get(id);
    if (!r || r.status !== 'paused') return;
    const next = nextOccurrence(JSON.parse(r.rule) as Rule, this.services.clock.now());
    await this.services.store.db.updateTable('reminders').set({ status: 'active', next_at: next ?? null }).where('id', '=', id).execute();
  }

  async remove(id: string): Promise<void> {
    await this.services.store.db.updateTable('reminders').set({ status: 'deleted', next_at: null }).where('id', '=', id).execute();
  }

  /** Where a reminder goes: one address per recipient key. */
  /** `run` is the questionnaire of a non-responders reminder when the caller has it already. */
  private async recipients(r: Reminder, run?: AudienceRun): Promise<Array<{ key: string; address: () => Promise<ConversationAddress | undefined> }>> {
    const { repo } = this.services;
    const general = await repo.generalChannel(r.partnership_id);
    if (!general) return [];
    const base = toAddress(general);
    if (r.target === 'channel') {
      const conversationId = r.target_ref ?? base.conversationId;
      return [{ key: `channel:${conversationId}`, address: async () => ({ ...base, conversationId }) }];
    }
    if (r.target === 'conversation' && r.target_ref) {
      return [{ key: `conversation:${r.target_ref}`, address: async () => ({ ...base, conversationId: r.target_ref!, kind: 'personal' }) }];
    }
    const members = await this.members(r, run);
    return members.map((m) => ({ key: `member:${m.id}`, address: () => personalAddress(this.services, base, m, r.partnership_id) }));
  }

  private async members(r: Reminder, known?: AudienceRun): Promise<MemberView[]> {
    if (r.target === 'regiegroep') return this.services.repo.membersWithRole(r.partnership_id, 'regiegroep');
    if (r.target !== 'nonresponders' || !r.target_ref || !this.audience) return [];
    const run = known ?? (await this.audience.run(r.target_ref));
    if (!run || !run.open || run.partnershipId !== r.partnership_id) return [];
    return withoutOptedOut(this.services, r.partnership_id, run.nonResponders);
  }

  /**
   * When a slot may go out. Recurring reminders skip school holidays. Reminders to the
   * non-responders of a run are personal nudges to teachers: they move to the next working
   * morning, and are dropped when that would be at or after the run's deadline.
   */
  private async timing(r: Reminder, rule: Rule, slot: number, holidaysOf: (partnershipId: string) => Promise<Holiday[]>): Promise<{ kind: 'now'; at: number; run?: AudienceRun } | { kind: 'later'; at: number } | { kind: 'skip'; why: 'holiday' | 'dropped' | 'runClosed' }> {
    const holidays = await holidaysOf(r.partnership_id);
    if (rule.kind !== 'once' && inHoliday(localDate(slot), holidays)) return { kind: 'skip', why: 'holiday' };
    if (r.target !== 'nonresponders') return { kind: 'now', at: slot };
    const run = r.target_ref && this.audience ? await this.audience.run(r.target_ref) : undefined;
    if (!run?.open) return { kind: 'skip', why: 'runClosed' };
    const at = deadlineNudgeTime(slot, run.deadlineAt, holidays);
    if (at === undefined) return { kind: 'skip', why: 'dropped' };
    return at > this.services.clock.now() ? { kind: 'later', at } : { kind: 'now', at, run };
  }

  private message(r: Reminder, late: boolean) {
    return { text: late ? `${r.text}\n\n(Deze herinnering komt later dan gepland.)` : r.text };
  }

  /** Sends what is due now; returns the outcomes for the log and the tests. */
  async tick(): Promise<Record<string, number>> {
    const { store, clock } = this.services;
    const now = clock.now();
    const outcomes: Record<string, number> = {};
    const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
    // Many reminders of one partnership can be due at once: its holidays are read once per tick.
    const holidays = new Map<string, Promise<Holiday[]>>();
    const holidaysOf = (pid: string) => {
      if (!holidays.has(pid)) holidays.set(pid, this.services.calendar.holidays(pid));
      return holidays.get(pid)!;
    };
    const due = await store.db.selectFrom('reminders').selectAll().where('status', '=', 'active').where('next_at', '<=', now).execute();
    const tasks: Array<() => Promise<void>> = [];
    for (const r of due) {
      const rule = JSON.parse(r.rule) as Rule;
      // Only the latest missed slot, never one per missed interval.
      const slot = missedSlot(rule, (r.last_slot_at ?? r.created_at) as number, now) ?? Number(r.next_at);
      const timing = await this.timing(r, rule, slot, holidaysOf);
      if (timing.kind === 'later') {
        await store.db.updateTable('reminders').set({ next_at: timing.at }).where('id', '=', r.id).where('next_at', '=', Number(r.next_at)).execute();
        count('moved');
        continue;
      }
      if (timing.kind === 'skip') {
        // A closed questionnaire has no non-responders left to remind: that reminder is done.
        const next = timing.why === 'runClosed' ? null : (nextOccurrence(rule, now) ?? null);
        await store.db.updateTable('reminders').set({ last_slot_at: slot, next_at: next }).where('id', '=', r.id).where('next_at', '=', Number(r.next_at)).execute();
        count(timing.why);
        continue;
      }
      const late = now - timing.at > LATE_AFTER_MS;
      // Every recipient's slot is claimed before the schedule moves on, so a crash from here
      // on leaves claimed rows that another process takes over: nothing is lost.
      for (const rec of await this.recipients(r, timing.run)) {
        if (!(await this.deliverer.claim(r.id, slot, rec.key, late))) {
          count('skipped');
          continue;
        }
        tasks.push(async () => {
          const address = await rec.address();
          count(address ? await this.deliverer.deliver(r.id, slot, rec.key, address, this.message(r, late)) : await this.deliverer.unreachable(r.id, slot, rec.key));
        });
      }
      await store.db
        .updateTable('reminders')
        .set({ last_slot_at: slot, next_at: nextOccurrence(rule, now) ?? null })
        .where('id', '=', r.id)
        .where('next_at', '=', Number(r.next_at))
        .execute();
    }
    await runPool(tasks, this.deliverer.concurrency);
    // Slots claimed by a process that died (or failed for good earlier): finish them.
    for (const o of await this.deliverer.orphaned()) {
      const r = await this.get(o.reminder_id);
      if (!r || r.status !== 'active' || !(await this.deliverer.claim(o.reminder_id, Number(o.slot_at), o.recipient, o.late === 1))) continue;
      const rec = (await this.recipients(r)).find((x) => x.key === o.recipient);
      const address = rec && (await rec.address());
      count(address ? await this.deliverer.deliver(o.reminder_id, Number(o.slot_at), o.recipient, address, this.message(r, o.late === 1)) : await this.deliverer.unreachable(o.reminder_id, Number(o.slot_at), o.recipient));
    }
    return outcomes;
  }
}
