import { t } from '../i18n/index.js';
import { UserError } from '../bot/errors.js';
import { escapeMarkdown } from '../bot/escape.js';
import { defineAction, message, type Router } from '../bot/router.js';
import type { HandlerContext, Scope, Services } from '../bot/context.js';
import type { ActionResult, Card, ConversationAddress } from '../bot/types.js';
import { renderCard } from '../cards/render.js';
import { toAddress, type MemberView, type School } from '../partnership/repo.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import type { FeasibilityFlow } from '../feasibility/flow.js';
import { agreementContent, type SectionDef } from './content/index.js';
import { AgreementRepo, type Agreement, type Section } from './repo.js';
import { approvedBy, fullyApproved, MAX_SECTION_CHARS, missingItems, pagesOf, pageText, partiesOf, replacePage, revisionStamp, sectionStatus } from './state.js';
import { AGREEMENT_VERBS as V, backSchema, commentSchema, decideSchema, downloadSchema, idSchema, openSchema, saveSchema, settingsSchema, versionsSchema } from './verbs.js';

const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;

/**
 * Drafting the samenwerkingsovereenkomst: sections with versions and comments, prefilled
 * from the feasibility study, approval per party from a 1:1 card, and a .docx export.
 */
export class AgreementFlow {
  readonly repo: AgreementRepo;

  constructor(
    private readonly services: Services,
    private readonly router: Router,
    private readonly feasibility: FeasibilityFlow,
  ) {
    this.repo = new AgreementRepo(services.store, () => services.clock.now());
  }

  register(): void {
    const r = this.router;
    r.addCommand({ words: ['overeenkomst'], handle: (ctx, scope) => this.command(ctx, scope!) });
    r.addAction(defineAction(V.overview, backSchema, async (ctx, i) => ({ card: await this.overviewFor(ctx, i.agreementId) })));
    r.addAction(defineAction(V.open, openSchema, (ctx, i) => this.open(ctx, i.agreementId, i.section, i.page ?? 1)));
    r.addAction(defineAction(V.save, saveSchema, (ctx, i) => this.save(ctx, i)));
    r.addAction(defineAction(V.comment, commentSchema, (ctx, i) => this.comment(ctx, i.agreementId, i.section, i.comment ?? '')));
    r.addAction(defineAction(V.versions, versionsSchema, (ctx, i) => this.versions(ctx, i.agreementId, i.section)));
    r.addAction(defineAction(V.settingsCard, idSchema, (ctx, i) => this.settingsCard(ctx, i.agreementId)));
    r.addAction(defineAction(V.settings, settingsSchema, (ctx, i) => this.settings(ctx, i)));
    r.addAction(defineAction(V.request, idSchema, (ctx, i) => this.request(ctx, i.agreementId)));
    r.addAction(defineAction(V.decide, decideSchema, (ctx, i) => this.decide(ctx, i)));
    r.addAction(defineAction(V.download, downloadSchema, (ctx, i) => this.download(ctx, i.agreementId, i.format)));
    for (const format of ['docx', 'csv', 'json'] as const) {
      this.services.downloads.register(`agreement.${format}`, async (id) => this.exportFile(id, format));
    }
  }

  // ---- access ----

  private async access(ctx: HandlerContext, agreementId: string): Promise<{ agreement: Agreement; scope: Scope; member: MemberView }> {
    const agreement = await this.repo.get(agreementId);
    if (!agreement) throw new UserError(t.common.staleCard);
    const resolved = await this.router.resolveScope(ctx, 'overeenkomst', agreement.partnership_id);
    if ('result' in resolved) throw new UserError(t.common.staleCard);
    const member = resolved.scope.member;
    // Only members of the partnership (with a role) read or edit.
    if (!member || !member.inTeam || member.roles.length === 0) throw new UserError(t.common.notMember);
    return { agreement, scope: resolved.scope, member };
  }

  private def(sectionId: string): SectionDef {
    const def = agreementContent().sections.find((s) => s.id === sectionId);
    if (!def) throw new UserError(t.reflection.errors.unknownPart);
    return def;
  }

  private projectleider(member: MemberView) {
    if (!member.roles.includes('projectleider')) throw new UserError(t.common.forbidden(t.agreement.onlyProjectleider));
  }

  // ---- overview ----

  private async command(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    if (!scope.member || scope.member.roles.length === 0) throw new UserError(t.common.notMember);
    const agreement = await this.repo.ensure(scope.partnership.id, agreementContent().sections.map((s) => s.id));
    return {
      card: await this.overviewCard(agreement),
      sent: async (activityId, conversationId) => this.repo.update(agreement.id, { overview_activity_id: activityId, overview_conversation_id: conversationId }),
    };
  }

  private async overviewFor(ctx: HandlerContext, id: string): Promise<Card> {
    const { agreement } = await this.access(ctx, id);
    return this.overviewCard(agreement);
  }

  async state(agreement: Agreement) {
    const [sections, schools, approvals, members, partnership] = await Promise.all([
      this.repo.sections(agreement.id),
      this.services.repo.schools(agreement.partnership_id),
      this.repo.approvals(agreement.id),
      this.services.repo.members(agreement.partnership_id),
      this.services.repo.get(agreement.partnership_id),
    ]);
    const parties = partiesOf(schools, agreement);
    return { sections, schools, approvals, members, parties, partnership: partnership! };
  }

  async missing(agreement: Agreement): Promise<string[]> {
    const s = await this.state(agreement);
    return missingItems(agreementContent(), s.sections, agreement, s.parties, s.approvals);
  }

  async overviewCard(agreement: Agreement): Promise<Card> {
    const fresh = (await this.repo.get(agreement.id))!;
    const s = await this.state(fresh);
    const name = (id: string | null) => (id ? escapeMarkdown(s.members.find((m) => m.id === id)?.name ?? '?') : t.feasibility.nobody);
    const content = agreementContent();
    const missing = missingItems(content, s.sections, fresh, s.parties, s.approvals);
    const returned = s.approvals.filter((a) => a.decision === 'returned');
    return renderCard('agreement/overview', {
      fallback: t.agreement.overviewIntro,
      title: t.agreement.overviewTitle(escapeMarkdown(s.partnership.name ?? '')),
      intro: t.agreement.overviewIntro,
      duo: fresh.duo_date ? t.agreement.duoLine(fresh.duo_date) : '',
      agreementId: fresh.id,
      sections: content.sections.map((def) => {
        const sec = s.sections.find((x) => x.section_id === def.id)!;
        const status = sectionStatus(sec, s.parties, s.approvals, fresh);
        const last = sec.updated_at ? t.agreement.lastChange(name(sec.updated_by), formatDateTime(Number(sec.updated_at))) : t.agreement.never;
        return { line: t.agreement.sectionLine(def.title, t.agreement.status[status]!, name(sec.owner_member_id), last) };
      }),
      missing: [
        ...(missing.length ? missing : [t.agreement.nothingMissing]),
        ...[...new Set(returned.map((r) => `${r.school_id}\u0000${r.remark}`))].map((k) => {
          const [schoolId, remark] = k.split('\u0000');
          return t.agreement.returnedBy(escapeMarkdown(s.schools.find((x) => x.id === schoolId)?.name ?? '?'), escapeMarkdown(remark ?? ''));
        }),
      ],
      firstSection: content.sections[0]!.id,
      choices: content.sections.map((d) => ({ title: d.title, value: d.id })),
      canRequest: fresh.status !== 'approved',
      verbs: { open: V.open, request: V.request, download: V.download, settings: V.settingsCard },
      labels: { missing: t.agreement.missingTitle, section: t.agreement.sectionLabel, open: t.agreement.open, request: t.agreement.requestApproval, download: t.agreement.download, settings: t.agreement.settings },
    });
  }

  private async refreshOverview(agreement: Agreement): Promise<void> {
    const fresh = (await this.repo.get(agreement.id))!;
    if (!fresh.overview_activity_id || !fresh.overview_conversation_id) return;
    const general = await this.services.repo.generalChannel(fresh.partnership_id);
    if (!general) return;
    const address: ConversationAddress = { ...toAddress(general), conversationId: fresh.overview_conversation_id };
    await this.services.messenger.update(address, fresh.overview_activity_id, { card: await this.overviewCard(fresh) }).catch((err) => this.services.logger.warn({ err }, 'agreement overview update failed'));
  }

  // ---- sections ----

  /** Text from the feasibility study for an empty section, where the study has it. */
  async prefill(partnershipId: string, def: SectionDef): Promise<string> {
    if (!def.prefill) return '';
    const facts = await this.feasibility.facts(partnershipId);
    const schools = await this.services.repo.schools(partnershipId);
    const p = t.agreement.prefill;
    switch (def.prefill) {
      case 'parties':
        return p.parties([...schools.map((s) => s.name), ...(facts?.companies.map((c) => c.name) ?? [])].filter((n, i, all) => all.indexOf(n) === i));
      case 'numbers':
        return facts ? p.numbers(String(facts.values.ambitie?.profiles ?? ''), facts.figures.pupils, facts.figures.minGroup) : '';
      case 'risks':
        return facts ? p.risks(String(facts.values.risicos?.risks ?? ''), facts.figures.conditions.join('; ')) : '';
      case 'responsibilities':
        return String(facts?.values.juridisch?.responsibilities ?? '');
      case 'costs':
        return facts
          ? p.costs([
              ...facts.figures.case.years.map((y) => t.feasibility.bcYear(y.year, y.funding, euro(y.cost), euro(y.income), y.coverage === null ? '–' : `${y.coverage.toLocaleString('nl-NL')}%`)),
              t.feasibility.bcTotal(euro(facts.figures.case.totalCost), euro(facts.figures.case.totalIncome), facts.figures.case.coverage === null ? '–' : `${facts.figures.case.coverage.toLocaleString('nl-NL')}%`, euro(facts.figures.case.gap)),
            ])
          : '';
      case 'companies':
        return facts ? p.companies(facts.companies.map((c) => p.company(c.name, String(c.places ?? '?'), String(c.supervisors ?? '?')))) : '';
      case 'transfer':
        return facts?.values.juridisch?.overstap ? p.transfer(String(facts.values.juridisch.overstap), String(facts.values.juridisch.location ?? '')) : '';
      case 'duo':
        return facts?.values.juridisch?.duoDate ? p.duo(String(facts.values.juridisch.duoDate)) : '';
    }
  }

  private async sectionCard(agreement: Agreement, section: Section, page: number, opts: { notice?: string; info?: string; mine?: string; text?: string } = {}): Promise<Card> {
    const def = this.def(section.section_id);
    const s = await this.state(agreement);
    let text = opts.text ?? section.text;
    const notice = opts.notice ?? '';
    let info = opts.info ?? '';
    if (!text.trim() && opts.text === undefined) {
      text = await this.prefill(agreement.partnership_id, def);
      if (text) info = info || t.agreement.prefilled;
    }
    const pages = pagesOf(text);
    const current = Math.min(Math.max(1, page), pages);
    const who = (id: string | null) => escapeMarkdown(s.members.find((m) => m.id === id)?.name ?? '?');
    const comments = await this.repo.comments(agreement.id, section.section_id);
    return renderCard('agreement/section', {
      fallback: def.title,
      title: t.agreement.sectionTitle(def.title, current, pages),
      history: section.updated_at ? t.feasibility.history(who(section.updated_by), formatDateTime(Number(section.updated_at)), section.revision) : '',
      notice,
      info,
      questions: def.questions,
      example: def.example ?? '',
      mine: opts.mine ? escapeMarkdown(opts.mine.slice(0, 2000)) : '',
      text: pageText(text, current),
      comments: comments.map((c) => t.agreement.commentLine(who(c.member_id), formatDateTime(Number(c.created_at)), escapeMarkdown(c.text))),
      agreementId: agreement.id,
      section: section.section_id,
      rev: section.revision,
      page: current,
      pages,
      verbs: { save: V.save, comment: V.comment, open: V.open, versions: V.versions, overview: V.overview },
      labels: {
        questions: t.agreement.questionsTitle,
        example: t.agreement.exampleTitle,
        yours: t.agreement.yourText,
        text: t.agreement.textLabel,
        comments: t.agreement.commentsTitle,
        comment: t.agreement.commentLabel,
        save: t.agreement.save,
        commentButton: t.agreement.commentButton,
        next: t.agreement.nextPage,
        previous: t.agreement.previousPage,
        versions: t.agreement.versionsButton,
        back: t.agreement.back,
      },
    });
  }

  private async open(ctx: HandlerContext, id: string, sectionId: string, page: number): Promise<ActionResult> {
    const { agreement } = await this.access(ctx, id);
    this.def(sectionId);
    const section = (await this.repo.section(agreement.id, sectionId))!;
    return { card: await this.sectionCard(agreement, section, page) };
  }

  private async save(ctx: HandlerContext, input: { agreementId: string; section: string; rev: number; page: number; text?: string; comment?: string }): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, input.agreementId);
    const def = this.def(input.section);
    const before = (await this.repo.section(agreement.id, input.section))!;
    // Built on the stored text; if that moved on since the card, the save below is refused.
    const full = replacePage(before.text, input.page, input.text ?? '');
    if (full.length > MAX_SECTION_CHARS) throw new UserError(t.agreement.errors.tooLong);
    const result = await this.repo.save(agreement.id, input.section, input.rev, full, member.id);
    if (!result.ok) {
      const who = (await this.services.repo.members(agreement.partnership_id)).find((m) => m.id === result.current.updated_by)?.name ?? '?';
      return { card: await this.sectionCard(agreement, result.current, input.page, { notice: t.agreement.conflict(escapeMarkdown(who)), mine: input.text ?? '' }) };
    }
    if (input.comment?.trim()) await this.repo.comment(agreement.id, input.section, member.id, input.comment.trim());
    await this.afterChange(agreement, def);
    const saved = (await this.repo.section(agreement.id, input.section))!;
    return { card: await this.sectionCard(agreement, saved, input.page, { info: t.agreement.saved(def.title, result.revision) }) };
  }

  /** A changed section loses its approvals (they name the old revision); its approvers hear so. */
  private async afterChange(agreement: Agreement, def: SectionDef): Promise<void> {
    const s = await this.state(agreement);
    const section = s.sections.find((x) => x.section_id === def.id)!;
    const lost = [...new Set(s.approvals.filter((a) => a.section_id === def.id && a.decision === 'approved' && a.revision !== section.revision).map((a) => a.school_id))];
    if (agreement.status === 'approved' && !fullyApproved(s.sections, s.parties, s.approvals)) await this.repo.update(agreement.id, { status: 'review' });
    for (const schoolId of lost) {
      const school = s.schools.find((x) => x.id === schoolId);
      if (school) await this.sendApprovalCards(agreement, [school], t.agreement.approvalReset(def.title));
    }
    await this.refreshOverview(agreement);
  }

  private async comment(ctx: HandlerContext, id: string, sectionId: string, text: string): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, id);
    this.def(sectionId);
    if (!text.trim()) throw new UserError(t.agreement.errors.emptyComment);
    await this.repo.comment(agreement.id, sectionId, member.id, text.trim());
    const section = (await this.repo.section(agreement.id, sectionId))!;
    return { card: await this.sectionCard(agreement, section, 1) };
  }

  private async versions(ctx: HandlerContext, id: string, sectionId: string): Promise<ActionResult> {
    const { agreement } = await this.access(ctx, id);
    const def = this.def(sectionId);
    const versions = await this.repo.versions(agreement.id, sectionId);
    const members = await this.services.repo.members(agreement.partnership_id);
    const who = (mid: string) => escapeMarkdown(members.find((m) => m.id === mid)?.name ?? '?');
    const lines: string[] = [];
    let budget = 9_000; // characters of old text shown, to keep the card small
    for (const v of versions) {
      lines.push(`**${t.agreement.versionLine(v.revision, who(v.member_id), formatDateTime(Number(v.saved_at)))}**`);
      const shown = v.text.slice(0, Math.max(0, Math.min(budget, 3_000)));
      budget -= shown.length;
      if (shown) lines.push(escapeMarkdown(shown) + (shown.length < v.text.length ? ' …' : ''));
    }
    return {
      card: renderCard('agreement/simple', {
        fallback: t.agreement.versionsTitle(def.title),
        title: t.agreement.versionsTitle(def.title),
        intro: versions.length ? '' : t.agreement.noVersions,
        lines,
        url: '',
        agreementId: agreement.id,
        backVerb: V.overview,
        labels: { back: t.agreement.back, open: '' },
      }),
    };
  }

  // ---- settings and approval ----

  private async settingsCard(ctx: HandlerContext, id: string): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, id);
    this.projectleider(member);
    return {
      card: renderCard('agreement/settings', {
        fallback: t.agreement.settingsTitle,
        title: t.agreement.settingsTitle,
        cosign: agreement.cosign_companies ? 'true' : 'false',
        duoDate: agreement.duo_date ?? '',
        verb: V.settings,
        agreementId: agreement.id,
        labels: { cosign: t.agreement.cosignLabel, duo: t.agreement.duoLabel, save: t.agreement.settingsSave },
      }),
    };
  }

  private async settings(ctx: HandlerContext, input: { agreementId: string; cosign?: string; duoDate?: string }): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, input.agreementId);
    this.projectleider(member);
    if (input.duoDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.duoDate)) throw new UserError(t.agreement.errors.badDate);
    await this.repo.update(agreement.id, { cosign_companies: input.cosign === 'true' ? 1 : 0, duo_date: input.duoDate || null });
    await this.refreshOverview(agreement);
    return { card: await this.overviewCard(agreement) };
  }

  private approversOf(school: School, members: MemberView[]): MemberView[] {
    return members.filter((m) => m.inTeam && m.schoolId === school.id && (school.type === 'bedrijf' ? m.roles.length > 0 : m.roles.some((r) => r === 'regiegroep' || r === 'schoolleider')));
  }

  private async approvalCard(agreement: Agreement, school: School, intro: string): Promise<Card> {
    const s = await this.state(agreement);
    const content = agreementContent();
    return renderCard('agreement/approval', {
      fallback: t.agreement.approvalTitle(school.name),
      title: t.agreement.approvalTitle(escapeMarkdown(school.name)),
      intro,
      lines: content.sections.map((def) => {
        const sec = s.sections.find((x) => x.section_id === def.id)!;
        return `${def.title}: ${approvedBy(s.approvals, sec, school.id) ? t.agreement.status.akkoord : t.agreement.status[sectionStatus(sec, s.parties, s.approvals, agreement)]}`;
      }),
      verb: V.decide,
      downloadVerb: V.download,
      agreementId: agreement.id,
      schoolId: school.id,
      stamp: revisionStamp(s.sections),
      labels: { remark: t.agreement.remarkLabel, approve: t.agreement.approve, giveBack: t.agreement.giveBack, download: t.agreement.download },
    });
  }

  private async sendApprovalCards(agreement: Agreement, schools: School[], intro: string): Promise<number> {
    const general = await this.services.repo.generalChannel(agreement.partnership_id);
    if (!general) return 0;
    const base = toAddress(general);
    const members = await this.services.repo.members(agreement.partnership_id);
    let sent = 0;
    for (const school of schools) {
      const card = await this.approvalCard(agreement, school, intro);
      for (const m of this.approversOf(school, members)) {
        try {
          const chat = await this.services.messenger.openPersonalChat({ serviceUrl: base.serviceUrl, tenantId: base.tenantId, botId: base.botId, teamsUserId: m.teamsUserId });
          await this.services.messenger.send(chat, { card });
          sent++;
        } catch (err) {
          this.services.logger.warn({ err }, 'approval card not delivered');
        }
      }
    }
    return sent;
  }

  private async request(ctx: HandlerContext, id: string): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, id);
    this.projectleider(member);
    const s = await this.state(agreement);
    if (s.parties.length === 0) throw new UserError(t.agreement.errors.noParties);
    const content = agreementContent();
    const empty = content.sections.filter((d) => d.required && !s.sections.find((x) => x.section_id === d.id)?.text.trim());
    if (empty.length) throw new UserError(t.agreement.errors.notReady(empty.map((d) => d.title).join(', ')));
    await this.repo.update(agreement.id, { status: 'review' });
    const fresh = (await this.repo.get(agreement.id))!;
    const pending = s.parties.filter((p) => !s.sections.every((sec) => approvedBy(s.approvals, sec, p.id)));
    await this.sendApprovalCards(fresh, pending, t.agreement.approvalIntro);
    await this.refreshOverview(fresh);
    return message(t.agreement.approvalRequested(pending.length));
  }

  private async decide(ctx: HandlerContext, input: { agreementId: string; schoolId: string; stamp: string; decision: 'approved' | 'returned'; remark?: string }): Promise<ActionResult> {
    const { agreement, member } = await this.access(ctx, input.agreementId);
    const s = await this.state(agreement);
    const school = s.parties.find((p) => p.id === input.schoolId);
    // The approver is checked on the server from the setup, never from the card.
    if (!school || !this.approversOf(school, s.members).some((m) => m.id === member.id)) throw new UserError(t.agreement.errors.notApprover);
    if (agreement.status === 'drafting') throw new UserError(t.agreement.errors.notInReview);
    if (input.stamp !== revisionStamp(s.sections)) throw new UserError(t.agreement.errors.changed);
    if (input.decision === 'returned' && !input.remark?.trim()) throw new UserError(t.agreement.errors.remarkRequired);
    await this.repo.decide(agreement.id, school.id, Object.fromEntries(s.sections.map((x) => [x.section_id, x.revision])), input.decision, input.remark?.trim() || null, member.id);
    const after = await this.state(agreement);
    if (fullyApproved(after.sections, after.parties, after.approvals)) await this.repo.update(agreement.id, { status: 'approved' });
    await this.refreshOverview(agreement);
    return message(input.decision === 'approved' ? t.agreement.approved(school.name) : t.agreement.returned(school.name));
  }

  // ---- export ----

  private async download(ctx: HandlerContext, id: string, format: 'docx' | 'csv' | 'json'): Promise<ActionResult> {
    const { agreement } = await this.access(ctx, id);
    const url = await this.services.downloads.sign(`agreement.${format}`, agreement.id);
    return {
      card: renderCard('agreement/simple', {
        fallback: t.agreement.downloadReady,
        title: t.agreement.download,
        intro: t.agreement.downloadReady,
        lines: [],
        url,
        agreementId: agreement.id,
        backVerb: V.overview,
        labels: { open: t.agreement.openLink, back: t.agreement.back },
      }),
    };
  }

  async exportFile(agreementId: string, format: 'docx' | 'csv' | 'json') {
    const agreement = await this.repo.get(agreementId);
    if (!agreement) return undefined;
    const s = await this.state(agreement);
    const content = agreementContent();
    const byId = new Map(s.sections.map((x) => [x.section_id, x]));
    const version = s.sections.reduce((n, x) => n + x.revision, 0);
    const base = `samenwerkingsovereenkomst-v${version}`;
    if (format === 'json') {
      const body = JSON.stringify({ partnership: s.partnership.name, version, sections: content.sections.map((d) => ({ id: d.id, title: d.title, revision: byId.get(d.id)?.revision ?? 0, text: byId.get(d.id)?.text ?? '' })) }, null, 2);
      return { filename: `${base}.json`, contentType: 'application/json; charset=utf-8', body };
    }
    if (format === 'csv') {
      const esc = (v: string) => `"${v.replace(/"/g, '""')}"`;
      const rows = [['onderdeel', 'versie', 'tekst'], ...content.sections.map((d) => [d.title, String(byId.get(d.id)?.revision ?? 0), byId.get(d.id)?.text ?? ''])];
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: `\ufeff${rows.map((r) => r.map(esc).join(';')).join('\r\n')}\r\n` };
    }
    const approvals = s.parties.map((p) => {
      const rows = s.approvals.filter((a) => a.school_id === p.id);
      const all = s.sections.every((sec) => approvedBy(s.approvals, sec, p.id));
      const last = rows.sort((a, b) => Number(b.decided_at) - Number(a.decided_at))[0];
      return {
        party: p.name,
        decision: all ? t.agreement.docDecision.approved! : last?.decision === 'returned' ? t.agreement.docDecision.returned! : t.agreement.docDecision.open!,
        by: last ? (s.members.find((m) => m.id === last.member_id)?.name ?? '') : '',
        date: last ? formatDateTime(Number(last.decided_at)) : '',
      };
    });
    // docx is large and only needed for this export: loaded on the first one, not at start.
    const { agreementDocx } = await import('./docx.js');
    const body = await agreementDocx({ partnershipName: s.partnership.name ?? '', content, sections: s.sections, parties: s.parties, approvals, version, date: isoDate(this.services.clock.now()) });
    return { filename: `${base}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body };
  }
}

export function registerAgreement(router: Router, services: Services, feasibility: FeasibilityFlow): AgreementFlow {
  const flow = new AgreementFlow(services, router, feasibility);
  flow.register();
  return flow;
}
