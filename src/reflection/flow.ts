import { z } from 'zod';
import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { byPid, message } from '../core/router.js';
import type { Feature, HandlerContext, Router, Scope, Services } from '../services.js';
import type { ActionResult, Card, ConversationAddress } from '../core/types.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import { PERMISSIONS } from '../partnership/roles.js';
import { listsStamp } from '../partnership/stamp.js';
import { formatDateTime, parseLocalDateTime } from '../time/amsterdam.js';
import { nudgeDueNow, nudgeMembers, sendPersonal } from '../nudges/personal.js';
import { nonResponders, openRunAudience, type OpenRunAudience } from './audience.js';
import { renderCard } from '../cards/render.js';
import { instrumentView, latestInstrumentVersion, loadInstrument } from './content/index.js';
import { overviewCard, partCard, progressCard, startCard } from './cards.js';
import { DONT_KNOW, layerOfRoles, LAYERS, type Layer } from './model.js';
import { ReflectionRepo, type Invite, type Run, type StoredAnswer } from './repo.js';
import { compareRuns, summarize, summaryToCsv, type ReflectionSummary, type Respondent } from './stats.js';
import { achtjeCards, commentCards, summaryCard } from './summaryCards.js';
import { csvSchema, MAX_ITEMS_PER_PART, openSchema, partSchema, REFLECTION_VERBS, sendSchema, startSchema, type PartInput, type StartInput } from './verbs.js';

const JOB_CLOSE = 'reflection.close';
const JOB_NUDGE = 'reflection.nudge';
const JOB_COUNT = 'reflection.count';
/** Nudges go to non-responders this many days before the deadline (opt-in per run). */
export const NUDGE_DAYS = [3, 1] as const;
const JOB_PROGRESS = 'reflection.progress';
/** At most one update of a shared progress card per conversation in this window. */
export const PROGRESS_WINDOW_MS = 5_000;
const MAX_DEADLINE_MS = 90 * 24 * 3600_000;
const runPayload = z.object({ runId: z.string().uuid() });
const nudgePayload = z.object({ runId: z.string().uuid(), days: z.number().int().positive() });

/**
 * The reflection instrument in Teams: a projectleider or regiegroep member starts a run,
 * members answer in their 1:1 chat, the channel card shows live counts, and at the
 * deadline (or on `reflectie sluiten`) the summary is posted. Answers never leave the
 * database except as aggregates.
 */
export class ReflectionFlow {
  constructor(
    private readonly services: Services,
    readonly repo: ReflectionRepo,
  ) {}

  register(r: Router): void {
    // Card actions name a run; its partnership is the scope the router checks.
    const runPartnership = async (data: { runId: string }) => (await this.repo.get(data.runId))?.partnership_id;
    r.addCommand({ words: ['reflectie'], handle: (ctx, scope) => this.startCommand(ctx, scope) });
    r.addCommand({ words: ['reflectie', 'sluiten'], handle: (ctx, scope) => this.closeCommand(ctx, scope) });
    r.addCommand({ words: ['invullen'], handle: (ctx, scope) => this.fillInCommand(ctx, scope) });
    r.addAction({ verb: REFLECTION_VERBS.start, schema: startSchema, partnership: byPid, handle: (ctx, scope, input) => this.start(ctx, scope, input) });
    r.addAction({ verb: REFLECTION_VERBS.open, schema: openSchema, partnership: runPartnership, handle: (ctx, scope, input) => this.open(ctx, scope, input.runId) });
    r.addAction({ verb: REFLECTION_VERBS.part, schema: partSchema, partnership: runPartnership, handle: (ctx, scope, input) => this.part(scope, input as PartInput) });
    r.addAction({ verb: REFLECTION_VERBS.send, schema: sendSchema, partnership: runPartnership, handle: (ctx, scope, input) => this.send(scope, input.runId, input.v) });
    r.addAction({ verb: REFLECTION_VERBS.csv, schema: csvSchema, partnership: runPartnership, handle: (ctx, scope, input) => this.csv(scope, input.runId) });
    const { jobs } = this.services;
    jobs.register(JOB_CLOSE, runPayload, (p) => this.close(p.runId));
    jobs.register(JOB_NUDGE, nudgePayload, (p, job) => this.nudge(p, job.runAt));
    jobs.register(JOB_COUNT, runPayload, (p) => this.countForProjectleiders(p.runId));
    jobs.register(JOB_PROGRESS, z.object({ conversationId: z.string().min(1) }), (p) => this.refreshProgress(p.conversationId));
    this.services.downloads.register('reflection.csv', async (runId) => {
      const run = await this.repo.get(runId);
      if (!run?.summary_json) return undefined;
      return { filename: `reflectie-${run.seq}.csv`, contentType: 'text/csv; charset=utf-8', body: `\ufeff${summaryToCsv(JSON.parse(run.summary_json))}` };
    });
  }

  // ---- starting ----

  private async startCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.reflectionStart, t.reflection.who);
    const { repo } = this.services;
    const pid = scope.partnership.id;
    const [schools, werkgroepen] = await Promise.all([repo.schools(pid), repo.werkgroepen(pid)]);
    return { card: startCard({ pid, lists: listsStamp(schools, werkgroepen), werkgroepen, now: this.services.clock.now() }) };
  }

  private async start(ctx: HandlerContext, scope: Scope, input: StartInput): Promise<ActionResult> {
    const actor = requireRole(scope, PERMISSIONS.reflectionStart, t.reflection.who);
    const { repo, clock, jobs, messenger } = this.services;
    const pid = scope.partnership.id;
    const [schools, werkgroepen] = await Promise.all([repo.schools(pid), repo.werkgroepen(pid)]);
    if (input.lists !== listsStamp(schools, werkgroepen)) throw new UserError(t.common.staleCard);
    const werkgroep = input.who === 'all' ? null : werkgroepen[Number(input.who.slice(1))];
    if (werkgroep === undefined) throw new UserError(t.common.staleCard);

    const deadline = parseLocalDateTime(input.date, input.time);
    const now = clock.now();
    if (deadline === undefined) throw new UserError(t.reflection.errors.deadlineInvalid);
    if (deadline <= now) throw new UserError(t.reflection.errors.deadlinePast);
    if (deadline > now + MAX_DEADLINE_MS) throw new UserError(t.reflection.errors.deadlineFar);
    if ((await this.repo.openRuns(pid)).some((r) => r.werkgroep_id === (werkgroep?.id ?? null))) throw new UserError(t.reflection.errors.alreadyOpen);

    const members = (await repo.members(pid)).filter((m) => m.roles.length > 0 && (!werkgroep || m.werkgroepIds.includes(werkgroep.id)));
    if (members.length === 0) throw new UserError(t.reflection.errors.noInvitees);
    const general = await repo.generalChannel(pid);
    if (!general) throw new UserError(t.reflection.errors.noChannel);

    const run = await this.repo.create(
      { partnership_id: pid, instrument_version: latestInstrumentVersion(), werkgroep_id: werkgroep?.id ?? null, per_school: input.perSchool === 'true' ? 1 : 0, deadline_at: deadline, created_by: actor.id, nudges: input.nudges === 'true' ? 1 : 0 },
      members.map((m) => ({ memberId: m.id, schoolId: m.schoolId, layer: layerOfRoles(m.roles) })),
    );
    const channelId = werkgroep?.channel_id ?? general.conversation_id;
    const address: ConversationAddress = { ...toAddress(general), conversationId: channelId };
    const activityId = await messenger.send(address, { card: await this.progressCardFor(run) });
    await this.repo.setChannelCard(run.id, channelId, activityId);
    await jobs.schedule(JOB_CLOSE, { runId: run.id }, deadline, { dedupeKey: `${JOB_CLOSE}:${run.id}` });
    if (input.nudges === 'true') {
      for (const days of NUDGE_DAYS) {
        const at = deadline - days * 86_400_000;
        if (at > now) await jobs.schedule(JOB_NUDGE, { runId: run.id, days }, at, { dedupeKey: `${JOB_NUDGE}:${run.id}:${days}` });
      }
      if (deadline - 86_400_000 > now) await jobs.schedule(JOB_COUNT, { runId: run.id }, deadline - 86_400_000, { dedupeKey: `${JOB_COUNT}:${run.id}` });
    }
    this.services.logger.info({ runId: run.id, invited: members.length }, 'reflection started');
    return message(t.reflection.startedConfirm);
  }

  // ---- answering ----

  /** The run of a card, in the scope the router checked, and the acting member's invite. */
  private async runFor(scope: Scope, runId: string): Promise<{ run: Run; member: MemberView; invite: Invite }> {
    const run = await this.repo.get(runId);
    if (!run || run.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    const invite = await this.repo.invite(run.id, member.id);
    if (!invite) throw new UserError(t.reflection.errors.notInvited);
    return { run, member, invite };
  }

  private needsProfile(invite: Invite, member: MemberView): { askSchool: boolean; askLayer: boolean } {
    if (invite.profile_asked) return { askSchool: false, askLayer: false };
    // An independent projectleider belongs to no school, so is not asked for one.
    const independent = member.roles.length === 1 && member.roles[0] === 'projectleider';
    return { askSchool: invite.school_id === null && !independent, askLayer: invite.layer === null };
  }

  private async partCardFor(run: Run, member: MemberView, invite: Invite, part: number): Promise<Card> {
    const instrument = instrumentView(run.instrument_version);
    const profile = part === 0 ? this.needsProfile(invite, member) : { askSchool: false, askLayer: false };
    return partCard({
      run,
      instrument,
      part,
      answers: await this.repo.answersOf(run.id, member.id),
      ...profile,
      schools: await this.services.repo.schools(run.partnership_id),
    });
  }

  /** Where a member resumes: the profile questions, the first part with open items, or the overview. */
  private async resumeCard(run: Run, member: MemberView, invite: Invite): Promise<Card> {
    const instrument = instrumentView(run.instrument_version);
    const profile = this.needsProfile(invite, member);
    if (profile.askSchool || profile.askLayer) return this.partCardFor(run, member, invite, 0);
    const answers = await this.repo.answersOf(run.id, member.id);
    const done = new Set(answers.map((a) => a.itemId));
    const open = instrument.parts.findIndex((p) => p.items.some((i) => i.kind === 'scale' && !done.has(i.id)));
    if (open >= 0) return this.partCardFor(run, member, invite, open);
    return overviewCard({ run, instrument, answers });
  }

  private async open(ctx: HandlerContext, scope: Scope, runId: string): Promise<ActionResult> {
    const { run, member, invite } = await this.runFor(scope, runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    const card = await this.resumeCard(run, member, invite);
    if (ctx.turn.conversationType === 'personal') return { card };
    // From the shared channel card: the questions go to the member's 1:1 chat and the
    // channel card is answered with itself, so nobody else's view changes.
    try {
      const address = await this.services.messenger.openPersonalChat({
        serviceUrl: ctx.turn.serviceUrl,
        tenantId: ctx.turn.tenantId,
        botId: ctx.turn.botId,
        teamsUserId: ctx.turn.from.teamsUserId,
      });
      await this.services.messenger.send(address, { card });
    } catch (err) {
      this.services.logger.warn({ err, runId }, 'could not open the 1:1 chat');
      return message(t.reflection.errors.openedInChat);
    }
    return { card: await this.progressCardFor(run) };
  }

  private async fillInCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    const member = scope.member;
    if (!member) throw new UserError(t.common.notMember);
    for (const run of await this.repo.openRuns(scope.partnership.id)) {
      const invite = await this.repo.invite(run.id, member.id);
      if (invite) return { card: await this.resumeCard(run, member, invite) };
    }
    throw new UserError(t.reflection.errors.noOpenRun);
  }

  private async part(scope: Scope, input: PartInput): Promise<ActionResult> {
    const { run, member, invite } = await this.runFor(scope, input.runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    if (input.v !== run.instrument_version) throw new UserError(t.reflection.errors.otherVersion);
    const instrument = instrumentView(run.instrument_version);
    const part = instrument.parts[input.part];
    if (!part) throw new UserError(t.reflection.errors.unknownPart);

    if (input.nav !== 'open') {
      const answers: StoredAnswer[] = [];
      for (let i = 0; i < MAX_ITEMS_PER_PART; i++) {
        const raw = input[`i${i}`];
        if (raw === undefined) continue;
        const item = part.items[i];
        if (!item) throw new UserError(t.reflection.errors.unknownItem);
        if (item.kind === 'scale') {
          if (!/^[0-5]$/.test(raw)) throw new UserError(t.reflection.errors.badValue);
          const v = Number(raw);
          answers.push({ itemId: item.id, value: v === DONT_KNOW ? null : v, text: null });
        } else if (raw.trim()) {
          answers.push({ itemId: item.id, value: null, text: raw.trim() });
        }
      }
      const profile = input.part === 0 ? this.needsProfile(invite, member) : { askSchool: false, askLayer: false };
      const update: { schoolId?: string | null; layer?: Layer | null } = {};
      if (profile.askSchool) {
        if (!input.school) throw new UserError(t.reflection.errors.profileMissing);
        const schools = await this.services.repo.schools(run.partnership_id);
        const school = input.school === 'none' ? null : schools[Number(input.school.slice(1))];
        if (school === undefined) throw new UserError(t.common.staleCard);
        update.schoolId = school?.id ?? null;
      }
      if (profile.askLayer) {
        if (!input.layer || !(LAYERS as readonly string[]).includes(input.layer)) throw new UserError(t.reflection.errors.profileMissing);
        update.layer = input.layer;
      }
      await this.repo.saveAnswers(run.id, member.id, answers);
      if (profile.askSchool || profile.askLayer) await this.repo.setProfile(run.id, member.id, update);
    }

    const fresh = (await this.repo.invite(run.id, member.id))!;
    if (input.nav === 'open') return { card: await this.partCardFor(run, member, fresh, input.part) };
    if (input.nav === 'later') return message(t.reflection.savedLater);
    if (input.nav === 'prev') return { card: await this.partCardFor(run, member, fresh, Math.max(0, input.part - 1)) };
    if (input.part + 1 < instrument.parts.length) return { card: await this.partCardFor(run, member, fresh, input.part + 1) };
    return { card: overviewCard({ run, instrument, answers: await this.repo.answersOf(run.id, member.id) }) };
  }

  private async send(scope: Scope, runId: string, version: string): Promise<ActionResult> {
    const { run, member } = await this.runFor(scope, runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    if (version !== run.instrument_version) throw new UserError(t.reflection.errors.otherVersion);
    await this.repo.markSubmitted(run.id, member.id);
    await this.requestProgressUpdate(run);
    return message(t.reflection.sent);
  }

  // ---- progress on the shared card ----

  private async progressCardFor(run: Run): Promise<Card> {
    const [progress, schools, werkgroepen] = await Promise.all([
      this.repo.progress(run.id),
      this.services.repo.schools(run.partnership_id),
      this.services.repo.werkgroepen(run.partnership_id),
    ]);
    return progressCard(run, progress, schools, werkgroepen);
  }

  /**
   * Asks for the channel card to be refreshed. Submits within one window share a single
   * job (same dedupe key in the database), so a burst of answers becomes one update per
   * conversation per window, in whichever process claims it.
   */
  async requestProgressUpdate(run: Run): Promise<void> {
    if (!run.channel_conversation_id) return;
    const bucket = Math.floor(this.services.clock.now() / PROGRESS_WINDOW_MS) + 1;
    await this.services.jobs.schedule(JOB_PROGRESS, { conversationId: run.channel_conversation_id }, bucket * PROGRESS_WINDOW_MS, {
      dedupeKey: `${JOB_PROGRESS}:${run.channel_conversation_id}:${bucket}`,
    });
  }

  private async channelAddress(run: Run): Promise<ConversationAddress | undefined> {
    const general = await this.services.repo.generalChannel(run.partnership_id);
    if (!general || !run.channel_conversation_id) return undefined;
    return { ...toAddress(general), conversationId: run.channel_conversation_id };
  }

  async refreshProgress(conversationId: string): Promise<void> {
    const runs = await this.repo.openRunsInConversation(conversationId);
    for (const run of runs) await this.updateChannelCard(run);
  }

  private async updateChannelCard(run: Run): Promise<void> {
    const address = await this.channelAddress(run);
    if (!address || !run.channel_activity_id) return;
    await this.services.messenger.update(address, run.channel_activity_id, { card: await this.progressCardFor(run) });
  }

  // ---- nudges before the deadline ----

  /**
   * Personal nudges to those who have not sent yet. Teachers are never nudged in the
   * evening, at weekends or in holidays: the nudge moves to the next working morning, and is
   * dropped if that would be at or after the deadline.
   */
  async nudge(p: { runId: string; days: number }, plannedAt: number): Promise<void> {
    const run = await this.repo.get(p.runId);
    if (!run || run.status !== 'open' || !run.nudges) return;
    const due = { job: JOB_NUDGE, payload: p, key: `${JOB_NUDGE}:${run.id}:${p.days}`, partnershipId: run.partnership_id, plannedAt, deadlineAt: Number(run.deadline_at) };
    if (!(await nudgeDueNow(this.services, due))) return;
    await nudgeMembers(this.services, {
      purpose: `nudge:${run.id}:${p.days}`,
      slot: plannedAt,
      members: await this.nonResponders(run),
      partnershipId: run.partnership_id,
      text: t.reflection.nudge(formatDateTime(Number(run.deadline_at))),
    });
  }

  /** Open runs and their non-responders, for reminders aimed at them. */
  audience(): OpenRunAudience {
    return openRunAudience(this.services.repo, this.repo);
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
    const lines = progress.perSchool.map((s) => t.reflection.countLine(s.schoolId ? (schools.find((x) => x.id === s.schoolId)?.name ?? '?') : t.reflection.noSchool, s.invited - s.answered));
    const text = [t.reflection.countTitle(run.seq), ...lines].join('\n');
    for (const member of await repo.membersWithRole(run.partnership_id, 'projectleider')) {
      await sendPersonal(this.services, { purpose: `count:${run.id}`, slot: Number(run.deadline_at), member, base, partnershipId: run.partnership_id, message: { text } });
    }
  }

  // ---- closing ----

  private async closeCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, ['projectleider'], t.reflection.onlyProjectleiderCloses);
    const runs = await this.repo.openRuns(scope.partnership.id);
    const werkgroepen = await this.services.repo.werkgroepen(scope.partnership.id);
    const here = werkgroepen.find((w) => w.channel_id && w.channel_id === ctx.turn.channelId);
    const run = runs.find((r) => r.werkgroep_id === (here?.id ?? null)) ?? runs[0];
    if (!run) throw new UserError(t.reflection.errors.noOpenRun);
    const now = this.services.clock.now();
    const key = `${JOB_CLOSE}:${run.id}`;
    if (!(await this.services.jobs.reschedule(key, now))) await this.services.jobs.schedule(JOB_CLOSE, { runId: run.id }, now, { dedupeKey: `${key}:now` });
    return message(t.reflection.closing);
  }

  async buildSummary(run: Run): Promise<ReflectionSummary> {
    const instrument = loadInstrument(run.instrument_version);
    const [invites, answers, schools] = await Promise.all([this.repo.invites(run.id), this.repo.allAnswers(run.id), this.services.repo.schools(run.partnership_id)]);
    const typeOf = new Map(schools.map((s) => [s.id, s.type]));
    const respondents: Respondent[] = invites
      .filter((i) => i.submitted_at !== null)
      .map((i) => {
        const mine = answers.filter((a) => a.memberId === i.member_id);
        return {
          schoolId: i.school_id,
          schoolType: i.school_id ? (typeOf.get(i.school_id) ?? null) : null,
          layer: i.layer,
          answers: Object.fromEntries(mine.filter((a) => a.text === null).map((a) => [a.itemId, a.value])),
          comments: Object.fromEntries(mine.filter((a) => a.text !== null).map((a) => [a.itemId, a.text!])),
        };
      });
    return summarize(instrument, respondents, schools, { perSchool: run.per_school === 1 });
  }

  /** Closes a run once: summary in the channel, channel card final. Safe to run again after a crash. */
  async close(runId: string): Promise<void> {
    let run = await this.repo.get(runId);
    if (!run || run.status === 'closed') return;
    if (run.status === 'open') await this.repo.beginClose(run.id);
    run = (await this.repo.get(runId))!;
    const summary = await this.buildSummary(run);
    const previous = await this.repo.previousClosed(run);
    const changes = previous?.summary_json ? compareRuns(JSON.parse(previous.summary_json) as ReflectionSummary, summary) : null;
    const invited = (await this.repo.progress(run.id)).invited;
    const address = await this.channelAddress(run);
    if (address) {
      await this.services.messenger.send(address, { card: summaryCard({ seq: run.seq, runId: run.id, invited, summary, changes }) });
      for (const card of [...achtjeCards(run.seq, summary), ...commentCards(run.seq, summary)]) await this.services.messenger.send(address, { card });
    }
    await this.repo.finishClose(run.id, JSON.stringify(summary));
    const closed = (await this.repo.get(run.id))!;
    if (address && closed.channel_activity_id) await this.services.messenger.update(address, closed.channel_activity_id, { card: await this.progressCardFor(closed) });
    this.services.logger.info({ runId, respondents: summary.respondents }, 'reflection closed');
  }

  private async csv(scope: Scope, runId: string): Promise<ActionResult> {
    const run = await this.repo.get(runId);
    if (!run || run.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    requireRole(scope, ['projectleider'], t.reflection.onlyProjectleiderCloses);
    if (!run.summary_json) throw new UserError(t.reflection.errors.noSummaryYet);
    const url = await this.services.downloads.sign('reflection.csv', run.id);
    return {
      card: renderCard('reflection/download', {
        fallback: t.reflection.csvReady,
        text: t.reflection.csvReady,
        url,
        verb: REFLECTION_VERBS.csv,
        runId: run.id,
        labels: { open: t.reflection.openLink, again: t.reflection.csvButton },
      }),
    };
  }
}

export const reflection: Feature<ReflectionFlow> = {
  register({ router, services }) {
    const flow = new ReflectionFlow(services, new ReflectionRepo(services.store, () => services.clock.now()));
    flow.register(router);
    return flow;
  },
};
