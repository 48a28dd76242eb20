import { t } from '../i18n/index.js';
import { escapeMarkdown, firstLine } from '../core/escape.js';
import { RUN_COMMAND } from '../core/router.js';
import type { Services } from '../services.js';
import type { Card } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import { partTitles, studySummary } from '../feasibility/status.js';
import { sectionCounts } from '../agreement/status.js';
import { nextOutsideHolidays, type Rule } from '../calendar/schedule.js';
import { holidaysOf } from '../calendar/calendar.js';
import type { ProgressRepo } from './repo.js';
import { PROGRESS_ACTIONS as A } from './verbs.js';

/** Overdue parts listed by name; the rest are counted, so the card stays under 28 KB. */
export const MAX_OVERDUE_LINES = 15;
/** Werkgroepen whose route design voortgang shows in a few lines (the rest show their count line only). */
export const MAX_ROUTE_SUMMARIES = 5;
/** Longest answer text (opleiding, programme parts) in those lines; the study itself has the whole text. */
export const MAX_SUMMARY_TEXT = 60;

/**
 * The voortgang card: where everything stands, read from the other features' tables through
 * ProgressRepo in a fixed number of queries, whatever the number of werkgroepen.
 */
export class ProgressCard {
  constructor(
    private readonly services: Services,
    readonly repo: ProgressRepo,
  ) {}

  async card(partnershipId: string, canPost: boolean): Promise<Card> {
    const { repo, clock } = this.services;
    const [partnership, schools, werkgroepen, members, data] = await Promise.all([
      repo.get(partnershipId),
      repo.schools(partnershipId),
      repo.werkgroepen(partnershipId),
      repo.members(partnershipId),
      this.repo.read(partnershipId),
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
    const partTitle = partTitles();
    const feasibilityLines: string[] = [];
    let overdueShown = 0;
    let overdueHidden = 0;
    let summaries = 0;
    /** Which of the lines are route summaries: left out when the card would not fit with them. */
    const summaryLines = new Set<number>();
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
      // The route's design (content v2 on): route, exam plan, teambevoegdheid, and the case per school when it is there.
      if (summaries++ < MAX_ROUTE_SUMMARIES) {
        for (const line of studySummary(study.content_version, mine, (x) => escapeMarkdown(x.length > MAX_SUMMARY_TEXT ? `${x.slice(0, MAX_SUMMARY_TEXT - 1)}…` : x))) {
          summaryLines.add(feasibilityLines.length);
          feasibilityLines.push(`  ${line}`);
        }
      }
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
    const feasibilitySection = { heading: t.progress.feasibilityHeading, lines: feasibilityLines };
    if (feasibilityLines.length) sections.push(feasibilitySection);

    // Agreement: sections by status and the DUO date.
    if (data.agreement) {
      const { agreement, sections: agSections, approvals } = data.agreement;
      const counts = sectionCounts(schools, agreement, agSections, approvals);
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

    const render = (withSummaries: boolean) => renderCard('progress/progress', {
      fallback: t.progress.title(partnership?.name ?? ''),
      title: t.progress.title(escapeMarkdown(partnership?.name ?? '')),
      asOf: `${t.progress.asOf(formatDateTime(clock.now()))} ${digestOn ? t.progress.digestOn : t.progress.digestOff}`,
      sections: withSummaries ? sections : sections.map((x) => (x === feasibilitySection ? { ...x, lines: x.lines.filter((_, i) => !summaryLines.has(i)) } : x)),
      canPost,
      buttons: {
        post: A.post.button({ pid: partnershipId }),
        reflectie: RUN_COMMAND.button({ command: 'reflectie', pid: partnershipId }),
        overeenkomst: RUN_COMMAND.button({ command: 'overeenkomst', pid: partnershipId }),
        herinneringen: RUN_COMMAND.button({ command: 'herinneringen', pid: partnershipId }),
        digest: A.digest.button({ pid: partnershipId, on: digestOn ? 'false' : 'true' }),
      },
      labels: { post: t.progress.postButton, ...t.progress.openButtons, digest: digestOn ? t.progress.digestOffButton : t.progress.digestOnButton },
    });
    // The route summaries are extra: a big partnership whose card would pass 28 KB with them gets it without.
    try {
      return render(true);
    } catch (err) {
      if (summaryLines.size && /over the \d+ limit/.test(String((err as Error).message))) return render(false);
      throw err;
    }
  }
}
