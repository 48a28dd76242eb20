import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown } from '../core/escape.js';
import { message } from '../core/router.js';
import type { Scope, Services } from '../services.js';
import type { ActionResult } from '../core/types.js';
import type { DownloadFile } from '../downloads/links.js';
import { toAddress, type MemberView, type School } from '../partnership/repo.js';
import { isoDate } from '../time/amsterdam.js';
import { agreementContent, type SectionDef } from './content/index.js';
import type { Agreement, AgreementRepo } from './repo.js';
import { approvedBy, approversOf, fullyApproved, MAX_SECTION_CHARS, replacePage, revisionStamp } from './state.js';
import { agreementFile, type ExportFormat } from './export.js';
import { approvalCard, downloadCard, settingsCard, versionsCard } from './cards.js';
import { sectionDef, type AgreementViews } from './views.js';
import type { AgreementInput as Input } from './verbs.js';

/**
 * Who reads the agreement (and downloads it): a member of the partnership with any role.
 * `access` checks it for every card, and a download link is checked with it again when opened.
 */
export const mayReadAgreement = (member: MemberView): boolean => member.roles.length > 0;

/**
 * Drafting the samenwerkingsovereenkomst: sections with versions and comments, prefilled
 * from the feasibility study, approval per party from a 1:1 card, and a .docx export. Every
 * handler gets the scope the router checked and the parsed card data.
 */
export class AgreementHandlers {
  constructor(
    private readonly services: Services,
    private readonly repo: AgreementRepo,
    private readonly views: AgreementViews,
  ) {}

  // ---- access ----

  /** The agreement of a card and the acting member, in the scope the router checked. */
  private async access(scope: Scope, agreementId: string): Promise<{ agreement: Agreement; member: MemberView }> {
    const agreement = await this.repo.get(agreementId);
    if (!agreement || agreement.partnership_id !== scope.partnership.id) throw new UserError(t.common.staleCard);
    const member = scope.member;
    if (!member || !member.inTeam || !mayReadAgreement(member)) throw new UserError(t.common.notMember);
    return { agreement, member };
  }

  private requireProjectleider(member: MemberView) {
    if (!member.roles.includes('projectleider')) throw new UserError(t.common.forbidden(t.agreement.onlyProjectleider));
  }

  // ---- overview ----

  /** `overeenkomst`: the partnership's agreement, created the first time. */
  async command(scope: Scope): Promise<ActionResult> {
    if (!scope.member || scope.member.roles.length === 0) throw new UserError(t.common.notMember);
    const agreement = await this.repo.ensure(scope.partnership.id, agreementContent().sections.map((s) => s.id));
    return {
      card: await this.views.overviewCard(agreement),
      sent: async (activityId, conversationId) => this.repo.update(agreement.id, { overview_activity_id: activityId, overview_conversation_id: conversationId }),
    };
  }

  async overview(scope: Scope, input: { agreementId: string }): Promise<ActionResult> {
    const { agreement } = await this.access(scope, input.agreementId);
    return { card: await this.views.overviewCard(agreement) };
  }

  // ---- sections ----

  async open(scope: Scope, input: Input<'open'>): Promise<ActionResult> {
    const { agreement } = await this.access(scope, input.agreementId);
    sectionDef(input.section);
    const section = (await this.repo.section(agreement.id, input.section))!;
    return { card: await this.views.sectionCard(agreement, section, input.page ?? 1) };
  }

  async save(scope: Scope, input: Input<'save'>): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    const def = sectionDef(input.section);
    const before = (await this.repo.section(agreement.id, input.section))!;
    // Built on the stored text; if that moved on since the card, the save below is refused.
    const full = replacePage(before.text, input.page, input.text ?? '');
    if (full.length > MAX_SECTION_CHARS) throw new UserError(t.agreement.errors.tooLong);
    const result = await this.repo.save(agreement.id, input.section, input.rev, full, member.id);
    if (!result.ok) {
      const who = (await this.services.repo.members(agreement.partnership_id)).find((m) => m.id === result.current.updated_by)?.name ?? '?';
      return { card: await this.views.sectionCard(agreement, result.current, input.page, { notice: t.agreement.conflict(escapeMarkdown(who)), mine: input.text ?? '' }) };
    }
    if (input.comment?.trim()) await this.repo.comment(agreement.id, input.section, member.id, input.comment.trim());
    await this.afterChange(agreement, def);
    const saved = (await this.repo.section(agreement.id, input.section))!;
    return { card: await this.views.sectionCard(agreement, saved, input.page, { info: t.agreement.saved(def.title, result.revision) }) };
  }

  /** A changed section loses its approvals (they name the old revision); its approvers hear so. */
  private async afterChange(agreement: Agreement, def: SectionDef): Promise<void> {
    const s = await this.views.state(agreement);
    const section = s.sections.find((x) => x.section_id === def.id)!;
    const lost = [...new Set(s.approvals.filter((a) => a.section_id === def.id && a.decision === 'approved' && a.revision !== section.revision).map((a) => a.school_id))];
    if (agreement.status === 'approved' && !fullyApproved(s.sections, s.parties, s.approvals)) await this.repo.update(agreement.id, { status: 'review' });
    for (const schoolId of lost) {
      const school = s.schools.find((x) => x.id === schoolId);
      if (school) await this.sendApprovalCards(agreement, [school], t.agreement.approvalReset(def.title));
    }
    await this.views.refreshOverview(agreement);
  }

  async comment(scope: Scope, input: Input<'comment'>): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    sectionDef(input.section);
    const text = input.comment ?? '';
    if (!text.trim()) throw new UserError(t.agreement.errors.emptyComment);
    await this.repo.comment(agreement.id, input.section, member.id, text.trim());
    const section = (await this.repo.section(agreement.id, input.section))!;
    return { card: await this.views.sectionCard(agreement, section, 1) };
  }

  async versions(scope: Scope, input: Input<'versions'>): Promise<ActionResult> {
    const { agreement } = await this.access(scope, input.agreementId);
    const def = sectionDef(input.section);
    const versions = await this.repo.versions(agreement.id, input.section);
    const members = await this.services.repo.members(agreement.partnership_id);
    return { card: versionsCard({ agreementId: agreement.id, def, versions, members }) };
  }

  // ---- settings and approval ----

  async settingsCard(scope: Scope, input: { agreementId: string }): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    this.requireProjectleider(member);
    return { card: settingsCard(agreement) };
  }

  async settings(scope: Scope, input: Input<'settings'>): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    this.requireProjectleider(member);
    if (input.duoDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.duoDate)) throw new UserError(t.agreement.errors.badDate);
    await this.repo.update(agreement.id, { cosign_companies: input.cosign === 'true' ? 1 : 0, duo_date: input.duoDate || null });
    await this.views.refreshOverview(agreement);
    return { card: await this.views.overviewCard(agreement) };
  }

  /** The approval card to every approver of each school in their 1:1 chat; how many went out. */
  private async sendApprovalCards(agreement: Agreement, schools: School[], intro: string): Promise<number> {
    const { messenger, logger, repo: partnerships } = this.services;
    const general = await partnerships.generalChannel(agreement.partnership_id);
    if (!general) return 0;
    const base = toAddress(general);
    const members = await partnerships.members(agreement.partnership_id);
    let sent = 0;
    for (const school of schools) {
      const card = approvalCard(agreement, await this.views.state(agreement), school, intro);
      for (const m of approversOf(school, members)) {
        try {
          const chat = await messenger.openPersonalChat({ serviceUrl: base.serviceUrl, tenantId: base.tenantId, botId: base.botId, teamsUserId: m.teamsUserId });
          await messenger.send(chat, { card });
          sent++;
        } catch (err) {
          logger.warn({ err }, 'approval card not delivered');
        }
      }
    }
    return sent;
  }

  async request(scope: Scope, input: { agreementId: string }): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    this.requireProjectleider(member);
    const s = await this.views.state(agreement);
    if (s.parties.length === 0) throw new UserError(t.agreement.errors.noParties);
    const empty = agreementContent().sections.filter((d) => d.required && !s.sections.find((x) => x.section_id === d.id)?.text.trim());
    if (empty.length) throw new UserError(t.agreement.errors.notReady(empty.map((d) => d.title).join(', ')));
    await this.repo.update(agreement.id, { status: 'review' });
    const fresh = (await this.repo.get(agreement.id))!;
    const pending = s.parties.filter((p) => !s.sections.every((sec) => approvedBy(s.approvals, sec, p.id)));
    await this.sendApprovalCards(fresh, pending, t.agreement.approvalIntro);
    await this.views.refreshOverview(fresh);
    return message(t.agreement.approvalRequested(pending.length));
  }

  async decide(scope: Scope, input: Input<'decide'>): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    const s = await this.views.state(agreement);
    const school = s.parties.find((p) => p.id === input.schoolId);
    // The approver is checked on the server from the setup, never from the card.
    if (!school || !approversOf(school, s.members).some((m) => m.id === member.id)) throw new UserError(t.agreement.errors.notApprover);
    if (agreement.status === 'drafting') throw new UserError(t.agreement.errors.notInReview);
    if (input.stamp !== revisionStamp(s.sections)) throw new UserError(t.agreement.errors.changed);
    if (input.decision === 'returned' && !input.remark?.trim()) throw new UserError(t.agreement.errors.remarkRequired);
    await this.repo.decide(agreement.id, school.id, Object.fromEntries(s.sections.map((x) => [x.section_id, x.revision])), input.decision, input.remark?.trim() || null, member.id);
    const after = await this.views.state(agreement);
    if (fullyApproved(after.sections, after.parties, after.approvals)) await this.repo.update(agreement.id, { status: 'approved' });
    await this.views.refreshOverview(agreement);
    return message(input.decision === 'approved' ? t.agreement.approved(escapeMarkdown(school.name)) : t.agreement.returned(escapeMarkdown(school.name)));
  }

  // ---- export ----

  async download(scope: Scope, input: Input<'download'>): Promise<ActionResult> {
    const { agreement, member } = await this.access(scope, input.agreementId);
    const url = await this.services.downloads.sign(`agreement.${input.format}`, agreement.id, member.id);
    return { card: downloadCard(agreement.id, input.format, url) };
  }

  /** The file behind a signed download link; undefined when the agreement is gone. */
  async file(agreementId: string, format: ExportFormat): Promise<DownloadFile | undefined> {
    const agreement = await this.repo.get(agreementId);
    if (!agreement) return undefined;
    return agreementFile(await this.views.state(agreement), format, isoDate(this.services.clock.now()));
  }
}
