import { t } from '../i18n/index.js';
import { escapeMarkdown, firstLine } from '../core/escape.js';
import { RUN_COMMAND } from '../core/router.js';
import type { Services } from '../services.js';
import type { Card } from '../core/types.js';
import { MAX_CARD_BYTES, expandCard, renderCard, utf16Bytes } from '../cards/render.js';
import { formatDateTime, isoDate } from '../time/amsterdam.js';
import { partTitles, studySummary } from '../feasibility/status.js';
import { sectionCounts } from '../agreement/status.js';
import { nextOutsideHolidays, type Rule } from '../calendar/schedule.js';
import { shippedDataRunningOut } from '../calendar/holidays/index.js';
import type { ProgressRepo } from './repo.js';
import { werkgroepKindOf } from '../partnership/roles.js';
import { PROGRESS_ACTIONS as A } from './verbs.js';
import { chartsAsText, groupedBars, verticalBars, type ChartElement } from '../cards/charts.js';

const dayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dutchDay = (iso: string) => dayFormat.format(new Date(`${iso}T12:00:00Z`));

/** Overdue parts listed by name; the rest are counted, so the card stays under 28 KB. */
export const MAX_OVERDUE_LINES = 15;
/** Werkgroepen whose route design voortgang shows in a few lines (the rest show their count line only). */
export const MAX_ROUTE_SUMMARIES = 5;
/** Longest answer text (opleiding, programme parts) in those lines; the study itself has the whole text. */
export const MAX_SUMMARY_TEXT = 60;

/** Open and overdue actions per werkgroep (an owner in two werkgroepen counts in both), then those of owners without one. */
function actionLines(actions: Array<{ owner_member_id: string | null; due_date: string }>, members: Array<{ id: string; werkgroepIds: string[] }>, werkgroepen: Array<{ id: string; name: string }>, today: string): string[] {
  if (!actions.length) return [t.actions.progressNone];
  const owner = new Map(members.map((m) => [m.id, m]));
  const groups = [...werkgroepen.map((w) => ({ name: w.name, has: (ids: string[]) => ids.includes(w.id) })), { name: t.actions.noWerkgroepOwner, has: (ids: string[]) => ids.length === 0 }];
  const lines: string[] = [];
  for (const g of groups) {
    const mine = actions.filter((a) => g.has((a.owner_member_id && owner.get(a.owner_member_id)?.werkgroepIds) || []));
    if (mine.length) lines.push(t.actions.progressLine(escapeMarkdown(g.name), mine.length, mine.filter((a) => a.due_date < today).length));
  }
  return lines;
}

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
    const sections: ProgressSection[] = [];

    // Reflection: the latest runs with response per school; the newest as bars (its lines as their fallback).
    sections.push(reflectionSection(data.runs, (run) => (run.werkgroep_id ? (werkgroepen.find((w) => w.id === run.werkgroep_id)?.name ?? '?') : t.reflection.wholePartnership), (id) => (id ? (schoolName.get(id) ?? '?') : t.reflection.noSchool)));

    // Feasibility: the latest version per werkgroep, parts answered, overdue parts, decision.
    const latest = new Map(data.studies.map((s) => [s.werkgroep_id, s]));
    const { parts, decisions } = data;
    const today = isoDate(clock.now());
    const partTitle = partTitles();
    const feasibilityLines: string[] = [];
    let overdueShown = 0;
    let overdueHidden = 0;
    // Each werkgroep with its kind (issue 16): "Zorg (docentwerkgroep)".
    const named = (w: (typeof werkgroepen)[number]) => t.progress.werkgroepKind(escapeMarkdown(w.name), t.setup.werkgroepKinds[werkgroepKindOf(w.kind)].toLowerCase());
    let summaries = 0;
    /** Which of the lines are route summaries: left out when the card would not fit with them. */
    const summaryLines = new Set<number>();
    for (const w of werkgroepen) {
      const study = latest.get(w.id);
      if (!study) {
        feasibilityLines.push(t.progress.noFeasibility(named(w)));
        continue;
      }
      const mine = parts.filter((p) => p.study_id === study.id);
      const decision = decisions.find((d) => d.study_id === study.id);
      feasibilityLines.push(
        t.progress.feasibilityLine(named(w), study.version, mine.filter((p) => p.status === 'beantwoord').length, mine.length, decision ? (t.feasibility.verdicts[decision.verdict] ?? '') : ''),
      );
      // The route's design (content v2 on): route, exam plan, teambevoegdheid, and the case per school when it is there.
      if (summaries++ < MAX_ROUTE_SUMMARIES) {
        for (const line of studySummary(study.content_version, mine, (x) => escapeMarkdown(x.length > MAX_SUMMARY_TEXT ? `${x.slice(0, MAX_SUMMARY_TEXT - 1)}…` : x), schools)) {
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
    // Actions (issue 16): open and overdue per werkgroep of their owner.
    sections.push({ heading: t.actions.progressHeading, lines: actionLines(data.actions, members, werkgroepen, today) });

    // The next planned reminders.
    const upcoming = data.reminders;
    const settings = await this.services.calendar.settings(partnershipId);
    const holidays = await this.services.calendar.daysOff(settings);
    sections.push({
      heading: t.progress.remindersHeading,
      lines: upcoming.length ? upcoming.map((r) => t.progress.reminderLine(formatDateTime(nextOutsideHolidays(JSON.parse(r.rule) as Rule, Number(r.next_at), holidays)), escapeMarkdown(firstLine(r.text, 80)), t.reminders.targets[r.target] ?? '')) : [t.progress.noReminders],
    });
    const digestOn = settings.digest;
    // The shipped school holidays end: say so three months ahead, so they cannot run out unseen.
    const runsOut = settings.region ? shippedDataRunningOut(settings.region, today) : undefined;
    if (runsOut) sections.push({ heading: t.progress.holidayDataHeading, lines: [runsOut < today ? t.progress.holidayDataEnded(dutchDay(runsOut)) : t.progress.holidayDataEnds(dutchDay(runsOut))] });

    const cardData = (withCharts: boolean, withSummaries: boolean) => ({
      fallback: t.progress.title(partnership?.name ?? ''),
      title: t.progress.title(escapeMarkdown(partnership?.name ?? '')),
      asOf: `${t.progress.asOf(formatDateTime(clock.now()))} ${digestOn ? t.progress.digestOn : t.progress.digestOff}`,
      sections: (withSummaries ? sections : sections.map((x) => (x === feasibilitySection ? { ...x, lines: x.lines.filter((_, i) => !summaryLines.has(i)) } : x))).map((x) => ({ charts: [], notes: [], ...(withCharts ? x : chartsAsText(x)) })),
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
    // A very large partnership's card that would pass 28 KB leaves out the route summaries
    // first (the studies have them), then gives the bars way to their text.
    const fits = (data: Record<string, unknown>) => utf16Bytes(expandCard('progress/progress', data)) <= MAX_CARD_BYTES;
    const options = [cardData(true, true), cardData(true, false), cardData(false, false)];
    return renderCard('progress/progress', options.find(fits) ?? options.at(-1)!);
  }
}

/** A section of the voortgang card: text, and optionally a chart (its fallback the text it replaces) and lines after it. */
export interface ProgressSection {
  heading: string;
  lines: string[];
  charts?: ChartElement[];
  notes?: string[];
}

interface RunProgress {
  seq: number;
  werkgroep_id: string | null;
  status: string;
  answered: number;
  invited: number;
  perSchool: Array<{ schoolId: string | null; answered: number; invited: number }>;
}

const rate = (answered: number, invited: number) => (invited ? Math.round((answered / invited) * 100) : 0);

/** The response rate per school of one run as bars (percent), its text lines as the fallback. */
export function responseBySchoolChart(perSchool: Array<{ name: string; answered: number; invited: number }>, fallback: string[]): ChartElement | null {
  const shown = perSchool.filter((s) => s.invited > 0);
  if (shown.length === 0 || fallback.length === 0) return null;
  return verticalBars({ title: t.charts.responseBySchoolTitle, data: shown.map((s) => ({ x: s.name, y: rate(s.answered, s.invited), color: 'categoricalBlue' })), fallback });
}

/** The reflection section: each run's line and its response per school; the newest run's schools as bars. */
export function reflectionSection(runs: RunProgress[], scopeOf: (run: RunProgress) => string, schoolOf: (id: string | null) => string): ProgressSection {
  if (runs.length === 0) return { heading: t.progress.reflectionHeading, lines: [t.progress.noReflection] };
  const runLine = (run: RunProgress) => t.progress.reflectionLine(run.seq, escapeMarkdown(scopeOf(run)), t.progress.runStatus[run.status] ?? run.status, run.answered, run.invited);
  const schoolLines = (run: RunProgress) => run.perSchool.map((s) => `  ${t.progress.schoolRate(escapeMarkdown(schoolOf(s.schoolId)), s.answered, s.invited, rate(s.answered, s.invited))}`);
  const [newest, ...older] = runs;
  const rest = older.flatMap((run) => [runLine(run), ...schoolLines(run)]);
  const chart = responseBySchoolChart(newest!.perSchool.map((s) => ({ name: schoolOf(s.schoolId), answered: s.answered, invited: s.invited })), schoolLines(newest!));
  if (!chart) return { heading: t.progress.reflectionHeading, lines: [runLine(newest!), ...schoolLines(newest!), ...rest] };
  return { heading: t.progress.reflectionHeading, lines: [runLine(newest!)], charts: [chart], notes: rest };
}

/** What the actions of a werkgroep stand at: open, and of those past their date. */
export interface WerkgroepActions {
  werkgroep: string;
  open: number;
  overdue: number;
}

/** Open actions per werkgroep as grouped bars (open and overdue), with their lines as the fallback; null when there are none. */
export function openActionsChart(list: WerkgroepActions[]): ChartElement | null {
  const shown = list.filter((w) => w.open > 0);
  if (shown.length === 0) return null;
  return groupedBars({
    title: t.charts.actionsTitle,
    series: [
      { legend: t.charts.actionsOpen, color: 'categoricalBlue', values: shown.map((w) => ({ x: w.werkgroep, y: w.open })) },
      { legend: t.charts.actionsOverdue, color: 'categoricalRed', values: shown.map((w) => ({ x: w.werkgroep, y: w.overdue })) },
    ],
    fallback: shown.map((w) => t.charts.actionsLine(escapeMarkdown(w.werkgroep), w.open, w.overdue)),
  });
}

/** The open-actions section for the voortgang card, for when actions are read (issue 17: fed by the actions feature). */
export function openActionsSection(list: WerkgroepActions[]): ProgressSection | null {
  const chart = openActionsChart(list);
  return chart ? { heading: t.charts.actionsTitle, lines: [], charts: [chart] } : null;
}
