import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Feature, HandlerContext, Router, Scope, Services } from '../services.js';
import type { ActionResult, Card, ConversationAddress } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { toAddress, type MemberView, type School, type Werkgroep } from '../partnership/repo.js';
import { formatDateTime } from '../time/amsterdam.js';
import { feasibilityFacts, figuresOf, type FeasibilityFacts, type FeasibilityFigures } from './facts.js';
import { feasibilityContent } from './content/index.js';
import { expandFields, type ConcreteField } from './fields.js';
import { FeasibilityRepo, type PartRow, type Study } from './repo.js';
import { checkPart, isComplete, parsePart, type PartData, type Value } from './validate.js';
import { FeasibilityNudges } from './nudges.js';
import { assignSchema, backSchema, decideSchema, FEASIBILITY_VERBS as V, openSchema, saveSchema, studySchema } from './verbs.js';

const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;
const percent = (n: number | null) => (n === null ? '–' : `${n.toLocaleString('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);

export type { FeasibilityFacts, FeasibilityFigures };

/**
 * The haalbaarheidsonderzoek as a group conversation: an overview card per werkgroep, parts
 * filled in by owners, every change kept, concurrent edits refused with both versions shown,
 * a suggested verdict from the numbers and a recorded decision.
 */
export class FeasibilityFlow {
  private readonly nudges: FeasibilityNudges;

  constructor(
    private readonly services: Services,
    readonly repo: FeasibilityRepo,
  ) {
    this.nudges = new FeasibilityNudges(services, this.repo);
  }

  register(r: Router): void {
    this.nudges.register();
    // Card actions name a study; its partnership is the scope the router checks.
    const partnership = async (data: { studyId: string }) => (await this.repo.get(data.studyId))?.partnership_id;
    r.addCommand({ words: ['haalbaarheid'], handle: (ctx, scope) => this.command(ctx, scope) });
    r.addAction({ verb: V.overview, schema: backSchema, partnership, handle: async (ctx, scope, i) => ({ card: await this.overviewFor(scope, i.studyId) }) });
    r.addAction({ verb: V.open, schema: openSchema, partnership, handle: (ctx, scope, i) => this.open(scope, i.studyId, i.part) });
    r.addAction({ verb: V.save, schema: saveSchema, partnership, handle: (ctx, scope, i) => this.save(scope, i as { studyId: string; part: string; rev: number } & Record<string, string>) });
    r.addAction({ verb: V.assignCard, schema: studySchema, partnership, handle: (ctx, scope, i) => this.assignCard(scope, i.studyId) });
    r.addAction({ verb: V.assign, schema: assignSchema, partnership, handle: (ctx, scope, i) => this.assign(scope, i as { studyId: string; ids: string } & Record<string, string>) });
    r.addAction({ verb: V.decideCard, schema: studySchema, partnership, handle: (ctx, scope, i) => this.decideCard(scope, i.studyId) });
    r.addAction({ verb: V.decide, schema: decideSchema, partnership, handle: (ctx, scope, i) => this.decide(scope, i) });
    r.addAction({ verb: V.newVersion, schema: studySchema, partnership, handle: (ctx, scope, i) => this.newVersion(scope, i.studyId) });
  }

  // ---- access ----

  /** The acting member and the study's werkgroep, in the scope the router checked. */
  private async access(scope: Scope, study: Study): Promise<{ member: MemberView; werkgroep: Werkgroep }> {
    if (study.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    const werkgroep = (await this.services.repo.werkgroepen(study.partnership_id)).find((w) => w.id === study.werkgroep_id);
    if (!werkgroep) throw new UserError(t.common.staleCard);
    // Members of the werkgroep work on it; the projectleider and regiegroep may look and steer.
    const steering = member.roles.some((r) => r === 'projectleider' || r === 'regiegroep');
    if (!member.werkgroepIds.includes(werkgroep.id) && !steering) throw new UserError(t.feasibility.notInWerkgroep);
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

  // ---- figures ----

  fieldsOf(partId: string, schools: School[]): ConcreteField[] {
    const part = feasibilityContent().parts.find((p) => p.id === partId);
    if (!part) throw new UserError(t.reflection.errors.unknownPart);
    return expandFields(part.fields, schools);
  }

  figures(parts: PartRow[]): FeasibilityFigures {
    return figuresOf(parts);
  }

  private figureLines(f: FeasibilityFigures): string[] {
    return [
      t.feasibility.bcInflow(f.pupils, f.minGroup),
      ...f.case.years.map((y) => t.feasibility.bcYear(y.year, y.funding, euro(y.cost), euro(y.income), percent(y.coverage))),
      t.feasibility.bcTotal(euro(f.case.totalCost), euro(f.case.totalIncome), percent(f.case.coverage), euro(f.case.gap)),
    ];
  }

  // ---- overview ----

  private async command(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    const member = scope.member;
    if (!member || !member.inTeam) throw new UserError(t.common.notMember);
    const werkgroepen = await this.services.repo.werkgroepen(scope.partnership.id);
    const here = werkgroepen.find((w) => w.channel_id && w.channel_id === ctx.turn.channelId) ?? (ctx.turn.teamId ? undefined : werkgroepen.find((w) => member.werkgroepIds.length === 1 && w.id === member.werkgroepIds[0]));
    if (!here) throw new UserError(t.feasibility.onlyInWerkgroep);
    const steering = member.roles.some((r) => r === 'projectleider' || r === 'regiegroep');
    if (!member.werkgroepIds.includes(here.id) && !steering) throw new UserError(t.feasibility.notInWerkgroep);
    const study = (await this.repo.latest(here.id)) ?? (await this.repo.create({ partnershipId: scope.partnership.id, werkgroepId: here.id, memberId: member.id, partIds: feasibilityContent().parts.map((p) => p.id) }));
    return {
      card: await this.overviewCard(study),
      sent: async (activityId, conversationId) => this.repo.setOverview(study.id, conversationId, activityId),
    };
  }

  private async overviewFor(scope: Scope, studyId: string): Promise<Card> {
    const study = await this.study(studyId);
    await this.access(scope, study);
    return this.overviewCard(study);
  }

  async overviewCard(study: Study): Promise<Card> {
    const [parts, members, werkgroepen, decision] = await Promise.all([
      this.repo.parts(study.id),
      this.services.repo.members(study.partnership_id),
      this.services.repo.werkgroepen(study.partnership_id),
      this.repo.decision(study.id),
    ]);
    const name = (id: string | null) => (id ? escapeMarkdown(members.find((m) => m.id === id)?.name ?? '?') : t.feasibility.nobody);
    const werkgroep = werkgroepen.find((w) => w.id === study.werkgroep_id);
    const content = feasibilityContent();
    const allAnswered = content.parts.every((p) => parts.find((x) => x.part_id === p.id)?.status === 'beantwoord');
    const figures = this.figures(parts);
    const sections: Array<{ heading: string; lines: string[] }> = [];
    if (parts.some((p) => p.part_id === 'businesscase' && p.status !== 'open')) sections.push({ heading: t.feasibility.businessCaseTitle, lines: this.figureLines(figures) });
    if (study.version > 1) {
      const d = await this.diff(study.werkgroep_id, study.version - 1, study.version);
      sections.push({
        heading: t.feasibility.diffTitle(study.version - 1, study.version),
        lines: [
          ...(d.lines.length ? d.lines.map(escapeMarkdown) : [t.feasibility.noDiff]),
          t.feasibility.diffLine(t.feasibility.diffPupils, String(d.before.pupils), String(d.after.pupils)),
          t.feasibility.diffLine(t.feasibility.diffCoverage, percent(d.before.case.coverage), percent(d.after.case.coverage)),
          t.feasibility.diffLine(t.feasibility.diffGap, euro(d.before.case.gap), euro(d.after.case.gap)),
        ],
      });
    }
    if (decision) sections.push({ heading: t.feasibility.decisionLabel, lines: [`**${t.feasibility.verdicts[decision.verdict]}**`, escapeMarkdown(decision.reasons)] });
    else if (allAnswered) sections.push({ heading: t.feasibility.suggestionTitle, lines: [`**${t.feasibility.verdicts[figures.suggestion.verdict]}**`, ...figures.suggestion.reasons.map((r) => t.feasibility.reasonTexts[r]!)] });
    return renderCard('feasibility/overview', {
      fallback: t.feasibility.overviewIntro,
      title: t.feasibility.overviewTitle(escapeMarkdown(werkgroep?.name ?? ''), study.version),
      intro: t.feasibility.overviewIntro,
      studyId: study.id,
      parts: content.parts.map((p) => {
        const row = parts.find((x) => x.part_id === p.id)!;
        return {
          id: p.id,
          line: t.feasibility.partLine(p.title, t.feasibility.status[row.status] ?? row.status, name(row.owner_member_id), row.due_date ?? t.feasibility.noDate),
          lastChange: row.updated_at ? t.feasibility.lastChange(name(row.updated_by), formatDateTime(Number(row.updated_at))) : '',
          button: t.feasibility.open(p.title),
        };
      }),
      sections,
      canDecide: allAnswered && !decision,
      verbs: { open: V.open, decideCard: V.decideCard, assignCard: V.assignCard, newVersion: V.newVersion },
      labels: { decide: t.feasibility.decide, assign: t.feasibility.assign, newVersion: t.feasibility.newVersion },
    });
  }

  /** Re-renders the shared overview card in its channel, so everyone sees the change. */
  private async refreshOverview(study: Study): Promise<void> {
    const fresh = (await this.repo.get(study.id))!;
    if (!fresh.overview_activity_id || !fresh.overview_conversation_id) return;
    const general = await this.services.repo.generalChannel(fresh.partnership_id);
    if (!general) return;
    const address: ConversationAddress = { ...toAddress(general), conversationId: fresh.overview_conversation_id };
    try {
      await this.services.messenger.update(address, fresh.overview_activity_id, { card: await this.overviewCard(fresh) });
    } catch (err) {
      this.services.logger.warn({ err, studyId: study.id }, 'overview update failed');
    }
  }

  // ---- parts ----

  private partCard(study: Study, partId: string, fields: ConcreteField[], row: PartRow, opts: { values?: PartData; notice?: string; theirs?: PartData; who?: string; mine?: PartData; history?: string }): Card {
    const part = feasibilityContent().parts.find((p) => p.id === partId)!;
    const shown = opts.values ?? row.values;
    const show = (v: Value | undefined) => (v === null || v === undefined || v === '' ? t.feasibility.empty : String(v));
    return renderCard('feasibility/part', {
      fallback: part.title,
      title: t.feasibility.partTitle(part.title, study.version),
      intro: part.intro,
      history: opts.history ?? '',
      notice: opts.notice ?? '',
      verb: V.save,
      backVerb: V.overview,
      studyId: study.id,
      part: partId,
      rev: row.revision,
      fields: fields.map((f) => {
        const value = shown[f.key];
        const conflict =
          opts.theirs && opts.mine && show(opts.theirs[f.key]) !== show(opts.mine[f.key])
            ? `${t.feasibility.conflictTheirs(opts.who ?? '?', escapeMarkdown(show(opts.theirs[f.key])))} · ${t.feasibility.conflictMine(escapeMarkdown(show(opts.mine[f.key])))}`
            : '';
        return {
          input: f.input,
          label: f.label + (f.required ? ' *' : ''),
          kind: f.type === 'choice' ? 'choice' : f.type === 'date' ? 'date' : f.type === 'text' && (f.max ?? 0) > 100 ? 'multiline' : 'line',
          value: value === null || value === undefined ? '' : f.type === 'money' ? String(value).replace('.', ',') : String(value),
          required: false,
          options: f.options ?? [],
          conflict,
        };
      }),
      labels: { save: t.feasibility.save, back: t.feasibility.back },
    });
  }

  private async open(scope: Scope, studyId: string, partId: string): Promise<ActionResult> {
    const study = await this.study(studyId);
    await this.access(scope, study);
    const row = await this.repo.part(study.id, partId);
    if (!row) throw new UserError(t.reflection.errors.unknownPart);
    const fields = this.fieldsOf(partId, await this.services.repo.schools(study.partnership_id));
    return { card: this.partCard(study, partId, fields, row, {}) };
  }

  private async save(scope: Scope, input: { studyId: string; part: string; rev: number } & Record<string, string>): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    if (study.status === 'decided') throw new UserError(t.feasibility.errors.decided);
    const row = await this.repo.part(study.id, input.part);
    if (!row) throw new UserError(t.reflection.errors.unknownPart);
    const fields = this.fieldsOf(input.part, await this.services.repo.schools(study.partnership_id));
    const known = new Set(['studyId', 'part', 'rev', ...fields.map((f) => f.input)]);
    if (Object.keys(input).some((k) => !known.has(k))) throw new UserError(t.common.badInput);
    const values = parsePart(fields, input);
    checkPart(input.part, { ...row.values, ...values });
    const status = isComplete(fields, { ...row.values, ...values }) ? 'beantwoord' : 'bezig';
    const result = await this.repo.save(study.id, input.part, input.rev, values, status, member.id);
    if (!result.ok) {
      const who = (await this.services.repo.members(study.partnership_id)).find((m) => m.id === result.current.updated_by)?.name ?? '?';
      return { card: this.partCard(study, input.part, fields, result.current, { values: { ...result.current.values, ...values }, notice: t.feasibility.errors.conflict, theirs: result.current.values, mine: values, who }) };
    }
    await this.refreshOverview(study);
    return { card: await this.overviewCard(study) };
  }

  // ---- owners and dates ----

  private async assignCard(scope: Scope, studyId: string): Promise<ActionResult> {
    const study = await this.study(studyId);
    const { member } = await this.access(scope, study);
    this.requireProjectleider(member);
    const members = (await this.services.repo.members(study.partnership_id)).filter((m) => m.werkgroepIds.includes(study.werkgroep_id));
    const parts = await this.repo.parts(study.id);
    const content = feasibilityContent();
    return {
      card: renderCard('feasibility/assign', {
        fallback: t.feasibility.assignTitle,
        title: t.feasibility.assignTitle,
        verb: V.assign,
        studyId: study.id,
        ids: members.map((m) => m.id).join(','),
        members: members.map((m, i) => ({ title: m.name, value: `m${i}` })),
        parts: content.parts.map((p) => {
          const row = parts.find((x) => x.part_id === p.id)!;
          const i = members.findIndex((m) => m.id === row.owner_member_id);
          return { id: p.id, ownerLabel: t.feasibility.ownerLabel(p.title), dueLabel: t.feasibility.dueLabel(p.title), owner: i >= 0 ? `m${i}` : '', due: row.due_date ?? '' };
        }),
        nudges: study.nudges ? 'true' : 'false',
        labels: { save: t.feasibility.save, nudges: t.feasibility.nudgesLabel },
      }),
    };
  }

  private async assign(scope: Scope, input: { studyId: string; ids: string } & Record<string, string>): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member } = await this.access(scope, study);
    this.requireProjectleider(member);
    const members = (await this.services.repo.members(study.partnership_id)).filter((m) => m.werkgroepIds.includes(study.werkgroep_id));
    if (input.ids !== members.map((m) => m.id).join(',')) throw new UserError(t.common.staleCard);
    for (const p of feasibilityContent().parts) {
      const owner = input[`o_${p.id}`];
      const due = input[`d_${p.id}`];
      const ownerId = owner ? members[Number(owner.replace(/^m/, ''))]?.id : null;
      if (owner && (!/^m\d+$/.test(owner) || !ownerId)) throw new UserError(t.feasibility.errors.unknownMember);
      if (due && !/^\d{4}-\d{2}-\d{2}$/.test(due)) throw new UserError(t.feasibility.errors.notDate(t.feasibility.dueLabel(p.title)));
      await this.repo.assign(study.id, p.id, ownerId ?? null, due || null);
    }
    await this.repo.setNudges(study.id, input.nudges === 'true');
    await this.scheduleNudges((await this.repo.get(study.id))!);
    await this.refreshOverview(study);
    return { card: await this.overviewCard(study) };
  }

  /** Nudges for every unfinished part with an owner and a date, when the study has them on. */
  private async scheduleNudges(study: Study): Promise<void> {
    if (!study.nudges) return;
    for (const row of await this.repo.parts(study.id)) {
      if (row.owner_member_id && row.due_date && row.status !== 'beantwoord') await this.nudges.schedule(study.id, row.part_id, row.due_date);
    }
  }

  // ---- decision ----

  private async decideCard(scope: Scope, studyId: string): Promise<ActionResult> {
    const study = await this.study(studyId);
    await this.access(scope, study);
    const decided = await this.repo.decision(study.id);
    if (decided) return { card: await this.decisionCard(study) };
    const parts = await this.repo.parts(study.id);
    if (!feasibilityContent().parts.every((p) => parts.find((x) => x.part_id === p.id)?.status === 'beantwoord')) throw new UserError(t.feasibility.errors.notAnswered);
    const f = this.figures(parts);
    return {
      card: renderCard('feasibility/decision', {
        fallback: t.feasibility.decide,
        title: t.feasibility.decide,
        sections: [
          { heading: t.feasibility.businessCaseTitle, lines: this.figureLines(f) },
          { heading: t.feasibility.suggestionTitle, lines: [`**${t.feasibility.verdicts[f.suggestion.verdict]}**`, ...f.suggestion.reasons.map((r) => t.feasibility.reasonTexts[r]!)] },
        ],
        form: true,
        suggested: f.suggestion.verdict,
        verdicts: Object.entries(t.feasibility.verdicts).map(([value, title]) => ({ value, title })),
        conditions: f.conditions.join('\n'),
        verb: V.decide,
        studyId: study.id,
        labels: { decision: t.feasibility.decisionLabel, reasons: t.feasibility.reasonsLabel, conditions: t.feasibility.conditionsLabel, record: t.feasibility.record },
      }),
    };
  }

  private async decide(scope: Scope, input: { studyId: string; verdict: string; reasons?: string; conditions?: string }): Promise<ActionResult> {
    const study = await this.study(input.studyId);
    const { member, werkgroep } = await this.access(scope, study);
    const parts = await this.repo.parts(study.id);
    if (!feasibilityContent().parts.every((p) => parts.find((x) => x.part_id === p.id)?.status === 'beantwoord')) throw new UserError(t.feasibility.errors.notAnswered);
    if (!input.reasons?.trim()) throw new UserError(t.feasibility.errors.reasonsRequired);
    const f = this.figures(parts);
    const recorded = await this.repo.decide({ study_id: study.id, verdict: input.verdict, suggested: f.suggestion.verdict, reasons: input.reasons.trim(), conditions: (input.conditions ?? '').trim(), decided_by: member.id });
    if (!recorded) throw new UserError(t.feasibility.errors.decided);
    const card = await this.decisionCard(study);
    // The decision goes to the werkgroep's channel and to every regiegroep member.
    const general = await this.services.repo.generalChannel(study.partnership_id);
    if (general) {
      const base = toAddress(general);
      await this.services.messenger.send({ ...base, conversationId: werkgroep.channel_id ?? base.conversationId }, { card }).catch((err) => this.services.logger.warn({ err }, 'decision post failed'));
      for (const m of await this.services.repo.membersWithRole(study.partnership_id, 'regiegroep')) {
        try {
          const chat = await this.services.messenger.openPersonalChat({ serviceUrl: base.serviceUrl, tenantId: base.tenantId, botId: base.botId, teamsUserId: m.teamsUserId });
          await this.services.messenger.send(chat, { card });
        } catch (err) {
          this.services.logger.warn({ err }, 'decision to regiegroep member failed');
        }
      }
    }
    await this.refreshOverview(study);
    return { card };
  }

  async decisionCard(study: Study): Promise<Card> {
    const d = (await this.repo.decision(study.id))!;
    const werkgroep = (await this.services.repo.werkgroepen(study.partnership_id)).find((w) => w.id === study.werkgroep_id);
    const who = (await this.services.repo.members(study.partnership_id)).find((m) => m.id === d.decided_by)?.name ?? '?';
    const f = this.figures(await this.repo.parts(study.id));
    return renderCard('feasibility/decision', {
      fallback: t.feasibility.decisionTitle(werkgroep?.name ?? ''),
      title: t.feasibility.decisionTitle(escapeMarkdown(werkgroep?.name ?? '')),
      sections: [
        { heading: t.feasibility.verdicts[d.verdict]!, lines: [escapeMarkdown(d.reasons), t.feasibility.decisionBy(escapeMarkdown(who), formatDateTime(Number(d.decided_at)))] },
        ...(d.conditions ? [{ heading: t.feasibility.conditionsLabel, lines: d.conditions.split('\n').map((c) => `- ${escapeMarkdown(c)}`) }] : []),
        { heading: t.feasibility.businessCaseTitle, lines: this.figureLines(f) },
      ],
      form: false,
      verb: V.decide,
      studyId: study.id,
      labels: {},
    });
  }

  // ---- versions ----

  private async newVersion(scope: Scope, studyId: string): Promise<ActionResult> {
    const study = await this.study(studyId);
    const { member } = await this.access(scope, study);
    const latest = (await this.repo.latest(study.werkgroep_id))!;
    if (latest.id !== study.id) throw new UserError(t.common.staleCard);
    const next = await this.repo.create({ partnershipId: study.partnership_id, werkgroepId: study.werkgroep_id, memberId: member.id, partIds: feasibilityContent().parts.map((p) => p.id), copyFrom: study });
    if (study.overview_conversation_id && study.overview_activity_id) await this.repo.setOverview(next.id, study.overview_conversation_id, study.overview_activity_id);
    await this.scheduleNudges(next);
    await this.refreshOverview(next);
    return { card: await this.overviewCard(next) };
  }

  /** What changed between two versions, field by field, with the business case side by side. */
  async diff(werkgroepId: string, from: number, to: number): Promise<{ lines: string[]; before: FeasibilityFigures; after: FeasibilityFigures }> {
    const [a, b] = await Promise.all([this.repo.byVersion(werkgroepId, from), this.repo.byVersion(werkgroepId, to)]);
    if (!a || !b) throw new UserError(t.common.staleCard);
    const [pa, pb] = await Promise.all([this.repo.parts(a.id), this.repo.parts(b.id)]);
    const schools = await this.services.repo.schools(a.partnership_id);
    const lines: string[] = [];
    for (const part of feasibilityContent().parts) {
      const va = pa.find((p) => p.part_id === part.id)?.values ?? {};
      const vb = pb.find((p) => p.part_id === part.id)?.values ?? {};
      for (const f of this.fieldsOf(part.id, schools)) {
        const x = va[f.key] ?? null;
        const y = vb[f.key] ?? null;
        if (String(x) !== String(y)) lines.push(t.feasibility.diffLine(f.label, x === null ? t.feasibility.empty : String(x), y === null ? t.feasibility.empty : String(y)));
      }
    }
    return { lines, before: this.figures(pa), after: this.figures(pb) };
  }

  /** For the agreement: the latest study's answers and figures in this partnership, if any. */
  facts(partnershipId: string): Promise<FeasibilityFacts | undefined> {
    return feasibilityFacts(this.repo).facts(partnershipId);
  }
}

export const feasibility: Feature<FeasibilityFlow> = {
  register({ router, services }) {
    const flow = new FeasibilityFlow(services, new FeasibilityRepo(services.store, () => services.clock.now()));
    flow.register(router);
    return flow;
  },
};
