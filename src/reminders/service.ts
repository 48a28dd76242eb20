import type { OpenRunAudience } from '../reflection/audience.js';
import type { Services } from '../services.js';
import type { ConversationAddress } from '../core/types.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import { ReminderRepo, type Reminder } from './repo.js';
import type { Deliverer } from '../delivery/deliverer.js';
import { personalAddress } from '../nudges/personal.js';
import { withoutOptedOut } from '../nudges/repo.js';
import { deadlineNudgeTime, inHoliday, localDate, missedSlot, nextOccurrence, teacherFriendly, type Holiday, type Rule } from '../calendar/schedule.js';

export type { Reminder };
export type { OpenRunAudience };
type AudienceRun = NonNullable<Awaited<ReturnType<OpenRunAudience['run']>>>;

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
  /** The member ids of owners of overdue actions (src/actions/status.ts), for the target actionOwners. */
  actionOwners: ((partnershipId: string) => Promise<string[]>) | undefined;

  /** The deliverer, audience and repository default to the app's; tests and the bench pass their own. */
  constructor(
    private readonly services: Services,
    deliverer?: Deliverer,
    readonly audience?: OpenRunAudience,
    private readonly repo: ReminderRepo = new ReminderRepo(services.store, () => services.clock.now()),
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
    const next = nextOccurrence(p.rule, this.services.clock.now()) ?? null;
    return this.repo.create({ partnership_id: p.partnershipId, created_by: p.createdBy, rule: JSON.stringify(p.rule), target: p.target, target_ref: p.targetRef ?? null, text: p.text, teacher_nudge: p.teacherNudge ? 1 : 0, next_at: next });
  }

  get(id: string): Promise<Reminder | undefined> {
    return this.repo.get(id);
  }

  list(partnershipId: string): Promise<Reminder[]> {
    return this.repo.list(partnershipId);
  }

  pause(id: string): Promise<void> {
    return this.repo.pause(id);
  }

  async resume(id: string): Promise<void> {
    const r = await this.get(id);
    if (!r || r.status !== 'paused') return;
    await this.repo.resume(id, nextOccurrence(JSON.parse(r.rule) as Rule, this.services.clock.now()) ?? null);
  }

  remove(id: string): Promise<void> {
    return this.repo.remove(id);
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
    if (r.target === 'actionOwners') {
      const owners = new Set((await this.actionOwners?.(r.partnership_id)) ?? []);
      const members = (await this.services.repo.members(r.partnership_id)).filter((m) => m.inTeam && owners.has(m.id));
      return withoutOptedOut(this.services, r.partnership_id, members);
    }
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
    if (r.target === 'actionOwners') {
      // A personal reminder to owners: moved out of evenings, weekends and holidays like a nudge.
      const at = teacherFriendly(slot, holidays);
      return at > this.services.clock.now() ? { kind: 'later', at } : { kind: 'now', at };
    }
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
    const now = this.services.clock.now();
    const outcomes: Record<string, number> = {};
    const count = (k: string) => (outcomes[k] = (outcomes[k] ?? 0) + 1);
    // Many reminders of one partnership can be due at once: its holidays are read once per tick.
    const holidays = new Map<string, Promise<Holiday[]>>();
    const holidaysOf = (pid: string) => {
      if (!holidays.has(pid)) holidays.set(pid, this.services.calendar.holidays(pid));
      return holidays.get(pid)!;
    };
    const due = await this.repo.due(now);
    const tasks: Array<() => Promise<void>> = [];
    for (const r of due) {
      const rule = JSON.parse(r.rule) as Rule;
      // Only the latest missed slot, never one per missed interval.
      const slot = missedSlot(rule, (r.last_slot_at ?? r.created_at) as number, now) ?? Number(r.next_at);
      const timing = await this.timing(r, rule, slot, holidaysOf);
      if (timing.kind === 'later') {
        await this.repo.advance(r, { next_at: timing.at });
        count('moved');
        continue;
      }
      if (timing.kind === 'skip') {
        // A closed questionnaire has no non-responders left to remind: that reminder is done.
        const next = timing.why === 'runClosed' ? null : (nextOccurrence(rule, now) ?? null);
        await this.repo.advance(r, { last_slot_at: slot, next_at: next });
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
      await this.repo.advance(r, { last_slot_at: slot, next_at: nextOccurrence(rule, now) ?? null });
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
