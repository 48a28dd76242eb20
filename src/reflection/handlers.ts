import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { message } from '../core/router.js';
import type { HandlerContext, Scope, Services } from '../services.js';
import type { ActionResult, Card, ConversationAddress } from '../core/types.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress, type MemberView } from '../partnership/repo.js';
import { PERMISSIONS, type Role } from '../partnership/roles.js';
import { listsStamp } from '../partnership/stamp.js';
import { parseLocalDateTime } from '../time/amsterdam.js';
import { renderCard } from '../cards/render.js';
import { instrumentView, latestInstrumentVersion } from './content/index.js';
import { overviewCard, partCard, startCard } from './cards.js';
import type { ReflectionChannel } from './channel.js';
import type { ReflectionJobs } from './jobs.js';
import { DONT_KNOW, layerOfRoles, LAYERS, type Layer } from './model.js';
import { DEFAULT_MIN_GROUP, MAX_MIN_GROUP, parsePublication } from './publish.js';
import type { Invite, ReflectionRepo, Run, StoredAnswer } from './repo.js';
import { ITEM_INPUTS, MAX_ITEMS_PER_PART, minGroupArgs, REFLECTION_ACTIONS, type PartInput, type StartInput } from './verbs.js';

/** Who may download a run's results (CSV): offered by `csv` and checked again when the link is opened. */
export const RESULTS_DOWNLOADERS = ['projectleider'] as const satisfies readonly Role[];

const MAX_DEADLINE_MS = 90 * 24 * 3600_000;

/**
 * What people do with the reflection: a projectleider or regiegroep member starts a run,
 * members answer in their 1:1 chat one part at a time and send, the projectleider closes it
 * early or downloads the CSV. Every handler gets the scope the router checked.
 */
export class ReflectionHandlers {
  constructor(
    private readonly services: Services,
    private readonly repo: ReflectionRepo,
    private readonly channel: ReflectionChannel,
    private readonly jobs: ReflectionJobs,
  ) {}

  // ---- starting ----

  async startCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.reflectionStart, t.reflection.who);
    const { repo } = this.services;
    const pid = scope.partnership.id;
    const [schools, werkgroepen] = await Promise.all([repo.schools(pid), repo.werkgroepen(pid)]);
    return { card: startCard({ pid, lists: listsStamp(schools, werkgroepen), werkgroepen, now: this.services.clock.now(), minGroup: scope.partnership.min_group }) };
  }

  /** `groepsgrootte` shows k; `groepsgrootte 5` raises it (projectleider only, never lower). */
  async minGroupCommand(ctx: HandlerContext, scope: Scope, args: string[]): Promise<ActionResult> {
    const current = scope.partnership.min_group;
    if (args.length === 0) return message(t.reflection.minGroupIs(current));
    requireRole(scope, ['projectleider'], t.reflection.onlyProjectleiderCloses);
    const parsed = minGroupArgs.safeParse(args);
    if (!parsed.success) throw new UserError(t.reflection.errors.minGroupInvalid(DEFAULT_MIN_GROUP, MAX_MIN_GROUP));
    const wanted = parsed.data[0];
    if (wanted < current) throw new UserError(t.reflection.errors.minGroupLower(current));
    if (wanted === current) return message(t.reflection.minGroupIs(current));
    await this.services.repo.raiseMinGroup(scope.partnership.id, wanted);
    this.services.logger.info({ partnershipId: scope.partnership.id, minGroup: wanted }, 'minimum group size raised');
    return message(t.reflection.minGroupRaised(wanted));
  }

  async start(ctx: HandlerContext, scope: Scope, input: StartInput): Promise<ActionResult> {
    const actor = requireRole(scope, PERMISSIONS.reflectionStart, t.reflection.who);
    const { repo, clock, messenger } = this.services;
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
      {
        partnership_id: pid,
        instrument_version: latestInstrumentVersion(),
        werkgroep_id: werkgroep?.id ?? null,
        per_school: input.perSchool === 'true' ? 1 : 0,
        deadline_at: deadline,
        created_by: actor.id,
        nudges: input.nudges === 'true' ? 1 : 0,
        // Frozen now: raising k later changes nothing of this run.
        min_group: scope.partnership.min_group,
      },
      members.map((m) => ({ memberId: m.id, schoolId: m.schoolId, layer: layerOfRoles(m.roles) })),
    );
    const channelId = werkgroep?.channel_id ?? general.conversation_id;
    const address: ConversationAddress = { ...toAddress(general), conversationId: channelId };
    const activityId = await messenger.send(address, { card: await this.channel.progressCardFor(run) });
    await this.repo.setChannelCard(run.id, channelId, activityId);
    await this.jobs.plan(run, deadline, input.nudges === 'true');
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

  async open(ctx: HandlerContext, scope: Scope, runId: string): Promise<ActionResult> {
    const { run, member, invite } = await this.runFor(scope, runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    const card = await this.resumeCard(run, member, invite);
    if (ctx.turn.conversationType === 'personal') return { card };
    // From the shared channel card: the router sends the questions to the member's 1:1 chat
    // (the action is personal) and the channel card is answered with itself, so nobody
    // else's view changes.
    return { card, sharedCard: await this.channel.progressCardFor(run) };
  }

  async fillInCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    const member = scope.member;
    if (!member) throw new UserError(t.common.notMember);
    for (const run of await this.repo.openRuns(scope.partnership.id)) {
      const invite = await this.repo.invite(run.id, member.id);
      if (invite) return { card: await this.resumeCard(run, member, invite) };
    }
    throw new UserError(t.reflection.errors.noOpenRun);
  }

  async part(scope: Scope, input: PartInput): Promise<ActionResult> {
    const { run, member, invite } = await this.runFor(scope, input.runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    if (input.v !== run.instrument_version) throw new UserError(t.reflection.errors.otherVersion);
    const instrument = instrumentView(run.instrument_version);
    const part = instrument.parts[input.part];
    if (!part) throw new UserError(t.reflection.errors.unknownPart);

    if (input.nav !== 'open') {
      const answers: StoredAnswer[] = [];
      for (let i = 0; i < MAX_ITEMS_PER_PART; i++) {
        const raw = input[ITEM_INPUTS.id(i)];
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

  async send(scope: Scope, runId: string, version: string): Promise<ActionResult> {
    const { run, member } = await this.runFor(scope, runId);
    if (run.status !== 'open') throw new UserError(t.reflection.errors.closed);
    if (version !== run.instrument_version) throw new UserError(t.reflection.errors.otherVersion);
    await this.repo.markSubmitted(run.id, member.id);
    await this.channel.requestProgressUpdate(run);
    return message(t.reflection.sent);
  }

  // ---- closing and results ----

  async closeCommand(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, ['projectleider'], t.reflection.onlyProjectleiderCloses);
    const runs = await this.repo.openRuns(scope.partnership.id);
    const werkgroepen = await this.services.repo.werkgroepen(scope.partnership.id);
    const here = werkgroepen.find((w) => w.channel_id && w.channel_id === ctx.turn.channelId);
    const run = runs.find((r) => r.werkgroep_id === (here?.id ?? null)) ?? runs[0];
    if (!run) throw new UserError(t.reflection.errors.noOpenRun);
    await this.jobs.closeNow(run.id);
    return message(t.reflection.closing);
  }

  async csv(scope: Scope, runId: string): Promise<ActionResult> {
    const run = await this.repo.get(runId);
    if (!run || run.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = requireRole(scope, RESULTS_DOWNLOADERS, t.reflection.onlyProjectleiderCloses);
    if (!run.summary_json) throw new UserError(t.reflection.errors.noSummaryYet);
    if (!parsePublication(run.summary_json)) throw new UserError(t.reflection.errors.oldSummary);
    const url = await this.services.downloads.sign('reflection.csv', run.id, member.id);
    return {
      card: renderCard('reflection/download', {
        fallback: t.reflection.csvReady,
        text: t.reflection.csvReady,
        url,
        buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: run.id }) },
        labels: { open: t.reflection.openLink, again: t.reflection.csvButton },
      }),
    };
  }
}
