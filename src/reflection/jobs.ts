import { z } from 'zod';
import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Services } from '../services.js';
import type { MemberView } from '../partnership/repo.js';
import { toAddress } from '../partnership/repo.js';
import { formatDateTime } from '../time/amsterdam.js';
import { membersDueNow, nudgeMembers, sendPersonal } from '../nudges/personal.js';
import { nonResponders } from './audience.js';
import { loadInstrument } from './content/index.js';
import type { ReflectionChannel } from './channel.js';
import type { ReflectionRepo, Run } from './repo.js';
import { kindsOf } from './tally.js';
import { compareRuns, parsePublication, publishTally, type Publication } from './publish.js';
import { achtjeCards, commentCards, summaryCards, TREND_RUNS, type SummaryActionsSource } from './summaryCards.js';

const JOB_CLOSE = 'reflection.close';
const JOB_NUDGE = 'reflection.nudge';
const JOB_COUNT = 'reflection.count';
/** Nudges go to non-responders this many days before the deadline (opt-in per run). */
export const NUDGE_DAYS = [3, 1] as const;
const runPayload = z.object({ runId: z.string().uuid() });
// `calendar`: set on a nudge moved for one calendar group only (nudges/personal.ts, membersDueNow).
const nudgePayload = z.object({ runId: z.string().uuid(), days: z.number().int().positive(), calendar: z.string().max(64).optional() });

/**
 * What happens to a run without anyone clicking: the close at the deadline (summary in the
 * channel), nudges to non-responders and the count for the projectleider the day before.
 */
export class ReflectionJobs {
  /** The actieagenda's buttons and lines on the summary (src/actions/, wired in app.ts). */
  actions: SummaryActionsSource | undefined;

  constructor(
    private readonly services: Services,
    private readonly repo: ReflectionRepo,
    private readonly channel: ReflectionChannel,
  ) {}

  register(): void {
    const { jobs } = this.services;
    jobs.register(JOB_CLOSE, runPayload, (p) => this.close(p.runId));
    jobs.register(JOB_NUDGE, nudgePayload, (p, job) => this.nudge(p, job.runAt));
    jobs.register(JOB_COUNT, runPayload, (p) => this.countForProjectleiders(p.runId));
  }

  /** The jobs of a new run: its close at the deadline and, when asked for, the nudges and the count. */
  async plan(run: Run, deadline: number, withNudges: boolean): Promise<void> {
    const { jobs, clock } = this.services;
    const now = clock.now();
    await jobs.schedule(JOB_CLOSE, { runId: run.id }, deadline, { dedupeKey: `${JOB_CLOSE}:${run.id}` });
    if (!withNudges) return;
    for (const days of NUDGE_DAYS) {
      const at = deadline - days * 86_400_000;
      if (at > now) await jobs.schedule(JOB_NUDGE, { runId: run.id, days }, at, { dedupeKey: `${JOB_NUDGE}:${run.id}:${days}` });
    }
    if (deadline - 86_400_000 > now) await jobs.schedule(JOB_COUNT, { runId: run.id }, deadline - 86_400_000, { dedupeKey: `${JOB_COUNT}:${run.id}` });
  }

  /** `reflectie sluiten`: the planned close moves to now (or a close is planned now). */
  async closeNow(runId: string): Promise<void> {
    const { jobs, clock } = this.services;
    const now = clock.now();
    const key = `${JOB_CLOSE}:${runId}`;
    if (!(await jobs.reschedule(key, now))) await jobs.schedule(JOB_CLOSE, { runId }, now, { dedupeKey: `${key}:now` });
  }

  /**
   * Personal nudges to those who have not sent yet. Teachers are never nudged in the
   * evening, at weekends or in holidays: the nudge moves to the next working morning, and is
   * dropped if that would be at or after the deadline.
   */
  async nudge(p: { runId: string; days: number; calendar?: string | undefined }, plannedAt: number): Promise<void> {
    const run = await this.repo.get(p.runId);
    if (!run || run.status !== 'open' || !run.nudges) return;
    // Each calendar group (the region, or an mbo school's own weeks) may have its own time.
    const members = await membersDueNow(this.services, {
      job: JOB_NUDGE,
      payload: { runId: p.runId, days: p.days },
      key: `${JOB_NUDGE}:${run.id}:${p.days}`,
      partnershipId: run.partnership_id,
      plannedAt,
      deadlineAt: Number(run.deadline_at),
      members: await this.nonResponders(run),
      only: p.calendar,
    });
    if (members.length === 0) return;
    await nudgeMembers(this.services, {
      purpose: `nudge:${run.id}:${p.days}`,
      slot: plannedAt,
      members,
      partnershipId: run.partnership_id,
      text: () => t.reflection.nudge(formatDateTime(Number(run.deadline_at))),
    });
  }

  /** Invited members of an open run who have not sent their answers. */
  nonResponders(run: Run): Promise<MemberView[]> {
    return nonResponders(this.services.repo, this.repo, run);
  }

  /** The day before the deadline the projectleider hears how many have not sent, per school. */
  async countForProjectleiders(runId: string): Promise<void> {
    const run = await this.repo.get(runId);
    if (!run || run.status !== 'open') return;
    const { repo } = this.services;
    const general = await repo.generalChannel(run.partnership_id);
    if (!general) return;
    const base = toAddress(general);
    const [progress, schools] = await Promise.all([this.repo.progress(run.id), repo.schools(run.partnership_id)]);
    const lines = progress.perSchool.map((s) => t.reflection.countLine(s.schoolId ? escapeMarkdown(schools.find((x) => x.id === s.schoolId)?.name ?? '?') : t.reflection.noSchool, s.invited - s.answered));
    const text = [t.reflection.countTitle(run.seq), ...lines].join('\n');
    for (const member of await repo.membersWithRole(run.partnership_id, 'projectleider')) {
      await sendPersonal(this.services, { purpose: `count:${run.id}`, slot: Number(run.deadline_at), member, base, partnershipId: run.partnership_id, message: { text } });
    }
  }

  /** What the run may publish, through the one gate (publish.ts), with the k the run started with; counted in the database. */
  async buildSummary(run: Run): Promise<Publication> {
    const instrument = loadInstrument(run.instrument_version);
    const [tally, schools, names] = await Promise.all([
      this.repo.tally(run.id, kindsOf(instrument)),
      this.services.repo.schools(run.partnership_id),
      this.services.repo.memberNames(run.partnership_id),
    ]);
    return publishTally(instrument, tally, schools, { perSchool: run.per_school === 1, minGroup: run.min_group, names });
  }

  /** Closes a run once: summary in the channel, channel card final. Safe to run again after a crash. */
  async close(runId: string): Promise<void> {
    let run = await this.repo.get(runId);
    if (!run || run.status === 'closed') return;
    if (run.status === 'open') await this.repo.beginClose(run.id);
    run = (await this.repo.get(runId))!;
    const summary = await this.buildSummary(run);
    const previous = await this.repo.previousClosed(run);
    const before = parsePublication(previous?.summary_json ?? null);
    const changes = before && summary.enough ? compareRuns(before, summary) : null;
    const history = changes
      ? (await this.repo.closedBefore(run, TREND_RUNS - 1)).flatMap((r) => {
          const published = parsePublication(r.summary_json);
          return published ? [{ seq: r.seq, summary: published }] : [];
        })
      : [];
    const invited = (await this.repo.progress(run.id)).invited;
    const address = await this.channel.channelAddress(run);
    const actions = await this.actions?.({ partnershipId: run.partnership_id, runId: run.id, closedAt: this.services.clock.now(), attention: summary.enough ? summary.attention : [] });
    if (address) {
      for (const card of summaryCards({ seq: run.seq, runId: run.id, invited, summary, changes, history, actions })) await this.services.messenger.send(address, { card });
      for (const card of [...achtjeCards(run.seq, summary), ...commentCards(run.seq, summary)]) await this.services.messenger.send(address, { card });
    }
    await this.repo.finishClose(run.id, JSON.stringify(summary));
    const closed = (await this.repo.get(run.id))!;
    if (address && closed.channel_activity_id) await this.services.messenger.update(address, closed.channel_activity_id, { card: await this.channel.progressCardFor(closed) });
    this.services.logger.info({ runId, respondents: summary.respondents }, 'reflection closed');
  }
}
