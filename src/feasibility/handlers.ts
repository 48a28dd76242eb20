import { FORMER_MEMBER } from '../privacy/types.js';
import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import type { Scope, Services } from '../services.js';
import type { ActionResult, TurnInfo } from '../core/types.js';
import { toAddress, type MemberView, type Werkgroep } from '../partnership/repo.js';
import { DECIDERS, hasAnyRole } from '../partnership/roles.js';
import { allAnswered, studyFigures } from './facts.js';
import { feasibilityContent, LATEST_CONTENT } from './content/index.js';
import { legalProblems, problemText, routeDesignComplete } from './legal.js';
import type { PartRow } from './repo.js';
import type { FeasibilityRepo, Study } from './repo.js';
import { checkPart, isComplete, parsePart } from './validate.js';
import type { FeasibilityNudges } from './jobs.js';
import { assignCard, decisionFormCard, partCard } from './cards.js';
import { contextOf, fieldsOf, type FeasibilityViews } from './views.js';
import { pageCount } from './fields.js';
import { DUE_INPUTS, OWNER_INPUTS, type AssignInput, type DecideInput, type SaveInput } from './verbs.js';

/** The projectleider and the regiegroep steer: they look at every werkgroep's study and decide. */
const isSteering = (member: MemberView) => hasAnyRole(member.roles, DECIDERS);

/**
 * The haalbaarheidsonderzoek as a group conversation: an overview card per werkgroep, parts
 * filled in by owners, every change kept, concurrent edits refused with both versions shown,
 * a suggested verdict from the numbers and a recorded decision. Every handler gets the scope
 * the router checked and the parsed card data.
 */
export class FeasibilityHandlers {
  constructor(
    private readonly services: Services,
    private readonly repo: FeasibilityRepo,
    private readonly views: FeasibilityViews,
    private readonly nudges: FeasibilityNudges,
  ) {}

  // ---- access ----

  /** The acting member and the study's werkgroep, in the scope the router checked. */
  private async access(scope: Scope, study: Study): Promise<{ member: MemberView; werkgroep: Werkgroep }> {
    if (study.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    const werkgroep = (await this.services.repo.werkgroepen(study.partnership_id)).find((w) => w.id === study.werkgroep_id);
    if (!werkgroep) throw new UserError(t.common.staleCard);
    // Members of the werkgroep work on it; the projectleider and regiegroep may look and steer.
    if (!member.werkgroepIds.includes(werkgroep.id) && !isSteering(member)) throw new UserError(t.feasibility.notInWerkgroep);
    return { member, werkgroep };
  }

  private async study(id: string): Promise<Study> {
    const s = await this.repo.get(id);
    if (!s) throw new UserError(t.common.staleCard);
    return s;
  }

  private requireProjectleider(member: MemberView) {
    if (!member.roles.includes('projectleider')) throw new UserError(t.common.forbidden(t.feasibility.onlyProjectleider));
  }

  // ---- overview ----

  /** `haalbaarheid` in a werkgroep's channel (or a member's only werkgroep in 1:1): its latest study. */
  async command(turn: TurnInfo, scope: Scope): Promise<ActionResult> {
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    const werkgroepen = await this.services.repo.werkgroepen(scope.partnership.id);
    const here = werkgroepen.find((w) => w.channel_id && w.channel_id === turn.channelId) ?? (turn.teamId ? undefined : werkgroepen.find((w) => member.werkgroepIds.length === 1 && w.id === member.werkgroepIds[0]));
    if (!here) throw new UserError(t.feasibility.onlyInWerkgroep);
    if (!member.werkgroepIds.includes(here.id) && !isSteering(member)) throw new UserError(t.feasibility.notInWerkgroep);
    const study = (await this.repo.latest(here.id)) ?? (await this.repo.create({ partnershipId: scope.partnership.id, werkgroepId: here.id, memberId: member.id, partIds: feasibilityContent().parts.map((p) => p.id), contentVersion: LATEST_CONTENT }));
    return {
      card: await this.views.overviewCard(study),
      sent: async (activityId, conversationId) => this.repo.setOverview(study.id, conversationId, activityId),
    };
  }

  async overview(scope: Scope, input: { studyId: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    await this.access(scope, study);
    return { card: await this.views.overviewCard(study) };
  }

  // ---- parts ----

  async open(scope: Scope, input: { studyId: string; part: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    await this.access(scope, study);
    const row = await this.repo.part(study.id, input.part);
    if (!row) throw new UserError(t.reflection.errors.unknownPart);
    const content = feasibilityContent(study.content_version);
    const ctx = { ...contextOf(await this.repo.parts(study.id)), contentVersion: study.content_version };
    const page = pageCount(content.parts.find((p) => p.id === input.part)!.fields) > 1 ? 0 : undefined;
    const fields = fieldsOf(input.part, await this.services.repo.schools(study.partnership_id), { ...ctx, page });
    // A saved route design that a later change under Ambitie made unlawful says why on its card.
    const problems = input.part === 'juridisch' ? legalProblems(content, { ambitie: (await this.repo.part(study.id, 'ambitie'))?.values, juridisch: row.values }) : [];
    const notice = problems.map((p) => t.feasibility.legal.overviewProblem(problemText(content, p))).join('\n\n');
    return { card: partCard({ study, partId: input.part, fields, row, page, content, ...(notice ? { notice } : {}) }) };
  }

  async save(scope: Scope, input: SaveInput): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    if (study.status === 'decided') throw new UserError(t.feasibility.errors.decided);
    const row = await this.repo.part(study.id, input.part);
    if (!row) throw new UserError(t.reflection.errors.unknownPart);
    const content = feasibilityContent(study.content_version);
    const schools = await this.services.repo.schools(study.partnership_id);
    const ctx = { ...contextOf(await this.repo.parts(study.id)), contentVersion: study.content_version };
    // A paged part (companies) saves one page: only that page's inputs are read, the others keep their values.
    const pages = pageCount(content.parts.find((p) => p.id === input.part)!.fields);
    if ((input.page ?? 0) >= pages || (input.next ?? 0) >= pages) throw new UserError(t.common.staleCard);
    const page = pages > 1 ? (input.page ?? 0) : undefined;
    const fields = fieldsOf(input.part, schools, { ...ctx, page });
    const known = new Set(['studyId', 'part', 'rev', 'page', 'next', ...fields.map((f) => f.input)]);
    if (Object.keys(input).some((k) => !known.has(k))) throw new UserError(t.common.badInput);
    const values = parsePart(fields, input);
    const merged = { ...row.values, ...values };
    checkPart(input.part, merged, fields);
    // The route's design is read with the route chosen under Ambitie: a combination the law
    // does not allow is refused here. A change under Ambitie is accepted; the overview then
    // marks Wettelijk en praktisch as needing a new answer, and the study cannot be decided.
    if (input.part === 'juridisch') {
      const problems = legalProblems(content, { ambitie: (await this.repo.part(study.id, 'ambitie'))?.values, juridisch: merged });
      if (problems.length) throw new UserError(t.feasibility.legal.refused(problems.map((p) => problemText(content, p)).join(' ')));
    }
    const complete = isComplete(fieldsOf(input.part, schools, ctx), merged) && (input.part !== 'juridisch' || routeDesignComplete(content, merged));
    const status = complete ? 'beantwoord' : 'bezig';
    const result = await this.repo.save(study.id, input.part, input.rev, values, status, member.id);
    if (!result.ok) {
      const who = result.current.updated_by === FORMER_MEMBER ? t.privacy.formerMember : ((await this.services.repo.members(study.partnership_id)).find((m) => m.id === result.current.updated_by)?.name ?? '?');
      return { card: partCard({ study, partId: input.part, fields, row: result.current, values: { ...result.current.values, ...values }, notice: t.feasibility.errors.conflict, theirs: result.current.values, mine: values, who, page }) };
    }
    await this.views.refreshOverview(study);
    if (page !== undefined && input.next !== undefined) {
      const next = input.next;
      return { card: partCard({ study, partId: input.part, fields: fieldsOf(input.part, schools, { ...ctx, page: next }), row: (await this.repo.part(study.id, input.part))!, page: next }) };
    }
    return { card: await this.views.overviewCard(study) };
  }

  // ---- owners and dates ----

  async assignCard(scope: Scope, input: { studyId: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    this.requireProjectleider(member);
    const members = (await this.services.repo.members(study.partnership_id)).filter((m) => m.werkgroepIds.includes(study.werkgroep_id));
    const parts = await this.repo.parts(study.id);
    return { card: assignCard({ study, members, parts }) };
  }

  async assign(scope: Scope, input: AssignInput): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    this.requireProjectleider(member);
    const members = (await this.services.repo.members(study.partnership_id)).filter((m) => m.werkgroepIds.includes(study.werkgroep_id));
    if (input.ids !== members.map((m) => m.id).join(',')) throw new UserError(t.common.staleCard);
    for (const p of feasibilityContent(study.content_version).parts) {
      const owner = input[OWNER_INPUTS.id(p.id)];
      const due = input[DUE_INPUTS.id(p.id)];
      const ownerId = owner ? members[Number(owner.replace(/^m/, ''))]?.id : null;
      if (owner && (!/^m\d+$/.test(owner) || !ownerId)) throw new UserError(t.feasibility.errors.unknownMember);
      if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new UserError(t.feasibility.errors.notDate(t.feasibility.dueLabel(p.title)));
      await this.repo.assign(study.id, p.id, ownerId ?? null, due || null);
    }
    await this.repo.setNudges(study.id, input.nudges === 'true');
    await this.nudges.scheduleForStudy((await this.repo.get(study.id))!);
    await this.views.refreshOverview(study);
    return { card: await this.views.overviewCard(study) };
  }

  // ---- decision ----

  /** A study whose route design the law does not allow (after a change under Ambitie) cannot be decided. */
  private requireLawful(study: Study, parts: PartRow[]): void {
    const content = feasibilityContent(study.content_version);
    const problems = legalProblems(content, { ambitie: parts.find((p) => p.part_id === 'ambitie')?.values, juridisch: parts.find((p) => p.part_id === 'juridisch')?.values });
    if (problems.length) {
      const title = content.parts.find((p) => p.id === 'juridisch')?.title ?? 'juridisch';
      throw new UserError(t.feasibility.legal.notDecidable(title, problems.map((p) => problemText(content, p)).join(' ')));
    }
  }

  async decideCard(scope: Scope, input: { studyId: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    const decided = await this.repo.decision(study.id);
    if (decided) return { card: await this.views.decisionCard(study) };
    const parts = await this.repo.parts(study.id);
    if (!allAnswered(parts)) throw new UserError(t.feasibility.errors.notAnswered);
    this.requireLawful(study, parts);
    return { card: decisionFormCard(study, studyFigures(study, parts, await this.services.repo.schools(study.partnership_id)), { mayDecide: hasAnyRole(member.roles, DECIDERS), proposal: await this.views.proposal(study) }) };
  }

  /** A werkgroep member proposes a verdict; the regiegroep or the projectleider decides. */
  async propose(scope: Scope, input: DecideInput): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    if (await this.repo.decision(study.id)) throw new UserError(t.feasibility.errors.decided);
    const parts = await this.repo.parts(study.id);
    if (!allAnswered(parts)) throw new UserError(t.feasibility.errors.notAnswered);
    this.requireLawful(study, parts);
    if (!input.reasons?.trim()) throw new UserError(t.feasibility.errors.reasonsRequired);
    await this.repo.propose({ study_id: study.id, verdict: input.verdict, reasons: input.reasons.trim(), conditions: (input.conditions ?? '').trim(), proposed_by: member.id });
    await this.views.refreshOverview(study);
    return { message: t.feasibility.proposed };
  }

  async decide(scope: Scope, input: DecideInput): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member, werkgroep } = await this.access(scope, study);
    // Checked against the stored roles, whatever card the click came from.
    if (!hasAnyRole(member.roles, DECIDERS)) throw new UserError(t.feasibility.errors.onlyDeciders);
    const parts = await this.repo.parts(study.id);
    if (!allAnswered(parts)) throw new UserError(t.feasibility.errors.notAnswered);
    this.requireLawful(study, parts);
    if (!input.reasons?.trim()) throw new UserError(t.feasibility.errors.reasonsRequired);
    const f = studyFigures(study, parts, await this.services.repo.schools(study.partnership_id));
    const recorded = await this.repo.decide({ study_id: study.id, verdict: input.verdict, suggested: f.suggestion.verdict, reasons: input.reasons.trim(), conditions: (input.conditions ?? '').trim(), decided_by: member.id });
    if (!recorded) throw new UserError(t.feasibility.errors.decided);
    const card = await this.views.decisionCard(study);
    // The decision goes to the werkgroep's channel and to every regiegroep member.
    const { messenger, logger, repo: partnerships } = this.services;
    const general = await partnerships.generalChannel(study.partnership_id);
    if (general) {
      const base = toAddress(general);
      await messenger.send({ ...base, conversationId: werkgroep.channel_id ?? base.conversationId }, { card }).catch((err) => logger.warn({ err }, 'decision post failed'));
      for (const m of await partnerships.membersWithRole(study.partnership_id, 'regiegroep')) {
        try {
          const chat = await messenger.openPersonalChat({ serviceUrl: base.serviceUrl, tenantId: base.tenantId, botId: base.botId, teamsUserId: m.teamsUserId });
          await messenger.send(chat, { card });
        } catch (err) {
          logger.warn({ err }, 'decision to regiegroep member failed');
        }
      }
    }
    await this.views.refreshOverview(study);
    return { card };
  }

  // ---- versions ----

  async newVersion(scope: Scope, input: { studyId: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    const latest = (await this.repo.latest(study.werkgroep_id))!;
    if (latest.id !== study.id) throw new UserError(t.common.staleCard);
    // A new version takes the latest content: a study made with v1 moves to v2 this way, with
    // its answers; each part's status is worked out again under the new questions.
    const content = feasibilityContent(LATEST_CONTENT);
    const schools = await this.services.repo.schools(study.partnership_id);
    const ctx = { ...contextOf(await this.repo.parts(study.id)), contentVersion: LATEST_CONTENT };
    const statusOf = (partId: string, values: PartRow['values']) => {
      if (!content.parts.some((p) => p.id === partId)) return 'open' as const;
      const fields = fieldsOf(partId, schools, ctx);
      const complete = isComplete(fields, values) && (partId !== 'juridisch' || routeDesignComplete(content, values));
      return complete ? ('beantwoord' as const) : fields.some((f) => values[f.key] !== null && values[f.key] !== undefined) ? ('bezig' as const) : ('open' as const);
    };
    const next = await this.repo.create({ partnershipId: study.partnership_id, werkgroepId: study.werkgroep_id, memberId: member.id, partIds: content.parts.map((p) => p.id), contentVersion: LATEST_CONTENT, copyFrom: study, statusOf });
    if (study.overview_conversation_id && study.overview_activity_id) await this.repo.setOverview(next.id, study.overview_conversation_id, study.overview_activity_id);
    await this.nudges.scheduleForStudy(next);
    await this.views.refreshOverview(next);
    return { card: await this.views.overviewCard(next) };
  }
}
