import { t } from '../i18n/index.js';
import { UserError } from '../core/errors.js';
import { escapeMarkdown, firstLine } from '../core/escape.js';
import { byPid, message, VERBS } from '../core/router.js';
import type { Feature, HandlerContext, Router, Scope, Services } from '../services.js';
import type { ActionResult, Card, ConversationAddress } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { requireRole } from '../partnership/guard.js';
import { toAddress } from '../partnership/repo.js';
import { PERMISSIONS } from '../partnership/roles.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import { z } from 'zod';
import { ProgressRepo } from './repo.js';
import { WeeklyDigest } from './digest.js';
import { feasibilityContent } from '../feasibility/content/index.js';
import { agreementContent } from '../agreement/content/index.js';
import { partiesOf, sectionStatus } from '../agreement/state.js';
import { nextOutsideHolidays, type Rule } from '../calendar/schedule.js';
import { holidaysOf } from '../calendar/calendar.js';

export const PROGRESS_VERBS = { post: 'progress.post', digest: 'progress.digest' } as const;
/** Past this, the user gets "bezig" at once and the card follows as a proactive message. */
export const PROGRESS_ANSWER_WITHIN_MS = 1_500;
/** Overdue parts listed by name; the rest are counted, so the card stays under 28 KB. */
export const MAX_OVERDUE_LINES = 15;

const postSchema = z.object({ pid: z.string().uuid() }).strict();
const digestSchema = z.object({ pid: z.string().uuid(), on: z.enum(['true', 'false']) }).strict();

/**
 * `voortgang`: one card with where everything stands, read from the other flows' tables
 * through ProgressRepo in a fixed number of queries, whatever the number of werkgroepen.
 */
export class ProgressFlow {
  constructor(
    private readonly services: Services,
    private readonly queries: ProgressRepo,
  ) {}

  register(router: Router): void {
    router.addCommand({ words: ['voortgang'], handle: (ctx, scope) => this.command(ctx, scope) });
    router.addAction({ verb: PROGRESS_VERBS.post, schema: postSchema, partnership: byPid, handle: (ctx, scope) => this.post(scope) });
    router.addAction({ verb: PROGRESS_VERBS.digest, schema: digestSchema, partnership: byPid, handle: (ctx, scope, i) => this.digest(scope, i.on === 'true') });
  }

  private async command(ctx: HandlerContext, scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const work = this.card(scope.partnership.id, true);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), PROGRESS_ANSWER_WITHIN_MS)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first !== 'late') return { card: first };
    // Too slow for a turn: answer now, deliver the card when it is ready.
    const address: ConversationAddress = { conversationId: ctx.turn.conversationId, serviceUrl: ctx.turn.serviceUrl, tenantId: ctx.turn.tenantId, botId: ctx.turn.botId, kind: ctx.turn.conversationType };
    void work
      .then((card) => this.services.messenger.send(address, { card }))
      .catch((err) => this.services.logger.error({ err }, 'late progress card failed'));
    return message(t.progress.busy);
  }

  private async post(scope: Scope): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const pid = scope.partnership.id;
    const general = await this.services.repo.generalChannel(pid);
    if (!general) throw new UserError(t.reflection.errors.noChannel);
    await this.services.messenger.send(toAddress(general), { card: await this.card(pid, false) });
    return message(t.progress.posted);
  }

  /** Switches the weekly digest to the projectleider on or off; answers with the refreshed card. */
  private async digest(scope: Scope, on: boolean): Promise<ActionResult> {
    requireRole(scope, PERMISSIONS.progress, t.progress.who);
    const pid = scope.partnership.id;
    await this.services.calendar.setDigest(pid, on);
    return { card: await this.card(pid, true) };
  }

  async card(partnershipId: string, canPost: boolean): Promise<Card> {
    const { repo, clock } = this.services;
    const [partnership, schools, werkgroepen, members, data] = await Promise.all([
      repo.get(partnershipId),
      repo.schools(partnershipId),
      repo.werkgroepen(partnershipId),
      repo.members(partnershipId),
      this.queries.read(partnershipId),
    ]);
    const schoolName = new Map(schools.map((s) => [s.id, s.name]));
    const memberName = new Map(members.map((m) => [m.id, m.name]));
    const sections: Array<{ heading: string; lines: string[] }> = [];

    // Reflection: the latest runs with response per school.
    const reflectionLines: string[] = [];
    for (const run of data.runs) {
      const scope = run.werkgroep_id ? (werkgroepen.find((w) => w.id === run.werkgroep_id)?.name ?? '?') : t.reflection.wholePartnership;
      reflectionLines.push(t.progress.reflectionLine(run.seq, escapeMarkdown(scope), t.progress.runStatus[run.status] ?? run.status, run.answered, run.invited));
      for (const s of run.perSchool) {
        const name = s.schoolId ? (schoolName.get(s.schoolId) ?? '?') : t.reflection.noSchool;
        reflectionLines.push(`  ${t.progress.schoolRate(escapeMarkdown(name), s.answered, s.invited, s.invited ? Math.round((s.answered / s.invited) * 100) : 0)}`);
      }
    }
    sections.push({ heading: t.progress.reflectionHeading, lines: reflectionLines.length ? reflectionLines : [t.progress.noReflection] });

    // Feasibility: the latest version per werkgroep, parts answered, overdue parts, decision.
    const latest = new Map(data.studies.map((s) => [s.werkgroep_id, s]));
    const { parts, decisions } = data;
    const today = isoDate(clock.now());
    const partTitle = new Map(feasibilityContent().parts.map((p) => [p.id, p.title]));
    const feasibilityLines: string[] = [];
    let overdueShown = 0;
    let overdueHidden = 0;
    for (const w of werkgroepen) {
      const study = latest.get(w.id);
      if (!study) {
        feasibilityLines.push(t.progress.noFeasibility(escapeMarkdown(w.name)));
        continue;
      }
      const mine = parts.filter((p) => p.study_id === study.id);
      const decision = decisions.find((d) => d.study_id === study.id);
      feasibilityLines.push(
        t.progress.feasibilityLine(escapeMarkdown(w.name), study.version, mine.filter((p) => p.status === 'beantwoord').length, mine.length, decision ? (t.feasibility.verdicts[decision.verdict] ?? '') : ''),
      );
      for (const p of mine.filter((x) => x.status !== 'beantwoord' && x.due_date && x.due_date < today)) {
        if (overdueShown >= MAX_OVERDUE_LINES) {
          overdueHidden++;
          continue;
        }
        overdueShown++;
        feasibilityLines.push(`  ${t.progress.overdue(partTitle.get(p.part_id) ?? p.part_id, escapeMarkdown(p.owner_member_id ? (memberName.get(p.owner_member_id) ?? '?') : t.feasibility.nobody), p.due_date!)}`);
      }
    }
    if (overdueHidden) feasibilityLines.push(t.progress.moreOverdue(overdueHidden));
    if (feasibilityLines.length) sections.push({ heading: t.progress.feasibilityHeading, lines: feasibilityLines });

    // Agreement: sections by status and the DUO date.
    if (data.agreement) {
      const { agreement, sections: agSections, approvals } = data.agreement;
      const parties = partiesOf(schools, agreement);
      const counts: Record<string, number> = { leeg: 0, concept: 0, review: 0, akkoord: 0 };
      for (const def of agreementContent().sections) {
        const sec = agSections.find((x) => x.section_id === def.id);
        if (sec) counts[sectionStatus(sec, parties, approvals, agreement)]!++;
      }
      sections.push({
        heading: t.progress.agreementHeading,
        lines: [
          t.progress.agreementLine(Object.entries(counts).map(([k, n]) => `${n} ${t.agreement.status[k]}`).join(', ')),
          agreement.duo_date ? t.progress.duo(agreement.duo_date) : t.progress.noDuo,
        ],
      });
    } else {
      sections.push({ heading: t.progress.agreementHeading, lines: [t.progress.noAgreement] });
    }
    // The next planned reminders.
    const upcoming = data.reminders;
    const settings = await this.services.calendar.settings(partnershipId);
    const holidays = holidaysOf(settings);
    sections.push({
      heading: t.progress.remindersHeading,
      lines: upcoming.length ? upcoming.map((r) => t.progress.reminderLine(formatDateTime(nextOutsideHolidays(JSON.parse(r.rule) as Rule, Number(r.next_at), holidays)), escapeMarkdown(firstLine(r.text, 80)), t.reminders.targets[r.target] ?? '')) : [t.progress.noReminders],
    });
    const digestOn = settings.digest;

    return renderCard('progress/progress', {
      fallback: t.progress.title(partnership?.name ?? ''),
      title: t.progress.title(escapeMarkdown(partnership?.name ?? '')),
      asOf: `${t.progress.asOf(formatDateTime(clock.now()))} ${digestOn ? t.progress.digestOn : t.progress.digestOff}`,
      sections,
      pid: partnershipId,
      canPost,
      digest: digestOn ? 'false' : 'true',
      verbs: { post: PROGRESS_VERBS.post, run: VERBS.runCommand, digest: PROGRESS_VERBS.digest },
      labels: { post: t.progress.postButton, ...t.progress.openButtons, digest: digestOn ? t.progress.digestOffButton : t.progress.digestOnButton },
    });
  }
}

export interface ProgressHandle {
  progress: ProgressFlow;
  digest: WeeklyDigest;
}

export const progress: Feature<ProgressHandle> = {
  register({ router, services }) {
    const flow = new ProgressFlow(services, new ProgressRepo(services.store));
    flow.register(router);
    const digest = new WeeklyDigest(services, flow);
    digest.register();
    return { progress: flow, digest };
  },
};
