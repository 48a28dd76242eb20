import { FORMER_MEMBER } from '../privacy/types.js';
import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import type { MemberView, School } from '../partnership/repo.js';
import { formatDateTime } from '../time/amsterdam.js';
import { agreementContent, type SectionDef } from './content/index.js';
import type { Agreement, Comment, Section, SectionVersion } from './repo.js';
import { approvedBy, missingItems, pagesOf, pageText, revisionStamp, sectionStatus, type AgreementState } from './state.js';
import { AGREEMENT_ACTIONS as A } from './verbs.js';
import type { ExportFormat } from './export.js';

/**
 * The agreement's cards, built from plain data: whoever calls them has read the agreement,
 * its sections and the people from the store.
 */

// An erased member's texts stay, shown as by "oud-lid" (src/privacy/types.ts FORMER_MEMBER).
const nameIn = (members: MemberView[]) => (id: string | null) => (id === FORMER_MEMBER ? t.privacy.formerMember : escapeMarkdown(members.find((m) => m.id === id)?.name ?? '?'));

export function overviewCard(agreement: Agreement, s: AgreementState): Card {
  const name = (id: string | null) => (id ? nameIn(s.members)(id) : t.feasibility.nobody);
  const content = agreementContent();
  const missing = missingItems(content, s.sections, agreement, s.parties, s.approvals);
  const returned = s.approvals.filter((a) => a.decision === 'returned');
  return renderCard('agreement/overview', {
    fallback: t.agreement.overviewIntro,
    title: t.agreement.overviewTitle(escapeMarkdown(s.partnership.name ?? '')),
    intro: t.agreement.overviewIntro,
    duo: agreement.duo_date ? t.agreement.duoLine(agreement.duo_date) : '',
    sections: content.sections.map((def) => {
      const sec = s.sections.find((x) => x.section_id === def.id)!;
      const status = sectionStatus(sec, s.parties, s.approvals, agreement);
      const last = sec.updated_at ? t.agreement.lastChange(name(sec.updated_by), formatDateTime(Number(sec.updated_at))) : t.agreement.never;
      return { line: t.agreement.sectionLine(def.title, t.agreement.status[status]!, name(sec.owner_member_id), last) };
    }),
    missing: [
      ...(missing.length ? missing : [t.agreement.nothingMissing]),
      // One line per party and remark, however many sections it gave back with it.
      ...[...new Set(returned.map((r) => `${r.school_id}\u0000${r.remark}`))].map((k) => {
        const [schoolId, remark] = k.split('\u0000');
        return t.agreement.returnedBy(escapeMarkdown(s.schools.find((x) => x.id === schoolId)?.name ?? '?'), escapeMarkdown(remark ?? ''));
      }),
    ],
    firstSection: content.sections[0]!.id,
    choices: content.sections.map((d) => ({ title: d.title, value: d.id })),
    canRequest: agreement.status !== 'approved',
    inputs: A.open.inputs,
    buttons: {
      open: A.open.button({ agreementId: agreement.id }),
      request: A.request.button({ agreementId: agreement.id }),
      download: A.download.button({ agreementId: agreement.id, format: 'docx' }),
      settings: A.settingsCard.button({ agreementId: agreement.id }),
    },
    labels: { missing: t.agreement.missingTitle, section: t.agreement.sectionLabel, open: t.agreement.open, request: t.agreement.requestApproval, download: t.agreement.download, settings: t.agreement.settings },
  });
}

/** One page of a section with its questions, example and latest comments. `mine` is the text of a refused save. */
export function sectionCard(p: { agreement: Agreement; def: SectionDef; section: Section; text: string; page: number; members: MemberView[]; comments: Comment[]; notice: string; info: string; mine?: string }): Card {
  const { def, section } = p;
  const pages = pagesOf(p.text);
  const current = Math.min(Math.max(1, p.page), pages);
  const who = nameIn(p.members);
  const ids = { agreementId: p.agreement.id, section: section.section_id };
  return renderCard('agreement/section', {
    fallback: def.title,
    title: t.agreement.sectionTitle(def.title, current, pages),
    history: section.updated_at ? t.feasibility.history(who(section.updated_by), formatDateTime(Number(section.updated_at)), section.revision) : '',
    notice: p.notice,
    info: p.info,
    questions: def.questions,
    example: def.example ?? '',
    mine: p.mine ? escapeMarkdown(p.mine.slice(0, 2000)) : '',
    text: pageText(p.text, current),
    comments: p.comments.map((c) => t.agreement.commentLine(who(c.member_id), formatDateTime(Number(c.created_at)), escapeMarkdown(c.text))),
    page: current,
    pages,
    inputs: A.save.inputs,
    limits: A.save.limits,
    buttons: {
      save: A.save.button({ ...ids, rev: section.revision, page: current }),
      comment: A.comment.button(ids),
      next: A.open.button({ ...ids, page: current + 1 }),
      previous: A.open.button({ ...ids, page: current - 1 }),
      versions: A.versions.button(ids),
      back: A.overview.button({ agreementId: p.agreement.id }),
    },
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

/** Earlier versions of a section, newest first, cut so the card stays small. */
export function versionsCard(p: { agreementId: string; def: SectionDef; versions: SectionVersion[]; members: MemberView[] }): Card {
  const who = nameIn(p.members);
  const lines: string[] = [];
  let budget = 9_000; // characters of old text shown, to keep the card small
  for (const v of p.versions) {
    lines.push(`**${t.agreement.versionLine(v.revision, who(v.member_id), formatDateTime(Number(v.saved_at)))}**`);
    const shown = v.text.slice(0, Math.max(0, Math.min(budget, 3_000)));
    budget -= shown.length;
    if (shown) lines.push(escapeMarkdown(shown) + (shown.length < v.text.length ? ' …' : ''));
  }
  return renderCard('agreement/simple', {
    fallback: t.agreement.versionsTitle(p.def.title),
    title: t.agreement.versionsTitle(p.def.title),
    intro: p.versions.length ? '' : t.agreement.noVersions,
    lines,
    buttons: { back: A.overview.button({ agreementId: p.agreementId }) },
    labels: { back: t.agreement.back },
  });
}

export function settingsCard(agreement: Agreement): Card {
  return renderCard('agreement/settings', {
    fallback: t.agreement.settingsTitle,
    title: t.agreement.settingsTitle,
    cosign: agreement.cosign_companies ? 'true' : 'false',
    duoDate: agreement.duo_date ?? '',
    inputs: A.settings.inputs,
    buttons: { save: A.settings.button({ agreementId: agreement.id }) },
    labels: { cosign: t.agreement.cosignLabel, duo: t.agreement.duoLabel, save: t.agreement.settingsSave },
  });
}

/**
 * A party's 1:1 approval card. Its stamp names every section's revision, so a decision on
 * a card that showed older text is refused.
 */
export function approvalCard(agreement: Agreement, s: AgreementState, school: School, intro: string): Card {
  const decision = { agreementId: agreement.id, schoolId: school.id, stamp: revisionStamp(s.sections) };
  return renderCard('agreement/approval', {
    fallback: t.agreement.approvalTitle(school.name),
    title: t.agreement.approvalTitle(escapeMarkdown(school.name)),
    intro,
    lines: agreementContent().sections.map((def) => {
      const sec = s.sections.find((x) => x.section_id === def.id)!;
      return `${def.title}: ${approvedBy(s.approvals, sec, school.id) ? t.agreement.status.akkoord : t.agreement.status[sectionStatus(sec, s.parties, s.approvals, agreement)]}`;
    }),
    inputs: A.decide.inputs,
    limits: A.decide.limits,
    buttons: {
      approve: A.decide.button({ ...decision, decision: 'approved' }),
      giveBack: A.decide.button({ ...decision, decision: 'returned' }),
      download: A.download.button({ agreementId: agreement.id, format: 'docx' }),
    },
    labels: { remark: t.agreement.remarkLabel, approve: t.agreement.approve, giveBack: t.agreement.giveBack, download: t.agreement.download },
  });
}

/**
 * A signed download link to the agreement, shown only to the member who clicked. The link
 * works 15 minutes; "Nieuwe link" asks for a fresh one, so the card never holds a dead end.
 */
export function downloadCard(agreementId: string, format: ExportFormat, url: string): Card {
  const titles: Record<ExportFormat, string> = { docx: t.agreement.download, csv: t.agreement.downloadCsv, json: t.agreement.downloadJson };
  return renderCard('agreement/download', {
    fallback: t.agreement.downloadReady,
    title: titles[format],
    intro: t.agreement.downloadReady,
    url,
    buttons: { again: A.download.button({ agreementId, format }), back: A.overview.button({ agreementId }) },
    labels: { open: t.agreement.openLink, again: t.agreement.newLink, back: t.agreement.back },
  });
}
