import { FORMER_MEMBER } from '../privacy/types.js';
import { t } from '../i18n/index.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { renderCard } from '../cards/render.js';
import { groupedBars, type ChartColor, type ChartElement } from '../cards/charts.js';
import type { MemberView } from '../partnership/repo.js';
import { formatDateTime } from '../time/amsterdam.js';
import { feasibilityContent, LATEST_CONTENT } from './content/index.js';
import type { FeasibilityContent } from './content/schema.js';
import { legalProblems, problemText } from './legal.js';
import { allAnswered, type FeasibilityFigures } from './facts.js';
import { caseLines, euro, percent } from './caseLines.js';
import { maxLengthOf, pageCount, pageRows, type ConcreteField } from './fields.js';
import type { Decision, PartRow, Proposal, Study } from './repo.js';
import type { PartData, Value } from './validate.js';
import { DUE_INPUTS, FEASIBILITY_ACTIONS as A, OWNER_INPUTS } from './verbs.js';

/**
 * The feasibility study's cards, built from plain data: whoever calls them has read the
 * study, its parts and the people from the store.
 */

export { euro, percent };

/** What changed between the previous version and this one. */
export interface StudyDiff {
  lines: string[];
  before: FeasibilityFigures;
  after: FeasibilityFigures;
}

/** The business case per school and for the partnership, years 1-5, and the workplaces. */
export function figureLines(f: FeasibilityFigures): string[] {
  return caseLines(f);
}

/** The partnership's business case per year, as the chart reads it. */
export function businessCaseYears(f: FeasibilityFigures): Array<{ year: number; cost: number; income: number }> {
  return f.case.partnership.years.map((y) => ({ year: y.year, cost: y.cost, income: y.income }));
}

/** Cost and income per year as grouped bars; the fallback is the text of those years. */
export function businessCaseChart(years: Array<{ year: number; cost: number; income: number }>, fallback: string[]): ChartElement | null {
  if (years.length === 0) return null;
  const series = (legend: string, color: ChartColor, pick: (y: { cost: number; income: number }) => number) => ({ legend, color, values: years.map((y) => ({ x: t.charts.year(y.year), y: Math.round(pick(y)) })) });
  return groupedBars({ title: t.charts.businessCaseTitle, series: [series(t.charts.cost, 'categoricalRed', (y) => y.cost), series(t.charts.income, 'categoricalTeal', (y) => y.income)], fallback });
}

/**
 * The business case section: the inflow and the partnership's heading, the partnership's years
 * as a chart (their text lines as its fallback), then the totals, each school and the workplaces.
 */
function businessCaseSection(f: FeasibilityFigures): { heading: string; lines: string[]; charts: ChartElement[]; notes: string[] } {
  const lines = figureLines(f);
  // caseLines: [inflow, partnership heading, one line per year, ...the rest].
  const years = f.case.partnership.years.length;
  const chart = businessCaseChart(businessCaseYears(f), lines.slice(2, 2 + years));
  return chart ? { heading: t.feasibility.businessCaseTitle, lines: lines.slice(0, 2), charts: [chart], notes: lines.slice(2 + years) } : { heading: t.feasibility.businessCaseTitle, lines, charts: [], notes: [] };
}

function suggestionLines(f: FeasibilityFigures): string[] {
  return [`**${t.feasibility.verdicts[f.suggestion.verdict]}**`, ...f.suggestion.lines, t.feasibility.suggestionOnly];
}

/** Who proposed which verdict and why; the names are user text, so escaped. */
export function proposalLines(p: Proposal, proposer: string): string[] {
  return [t.feasibility.proposedBy(escapeMarkdown(proposer), t.feasibility.verdicts[p.verdict] ?? p.verdict, formatDateTime(Number(p.proposed_at))), escapeMarkdown(p.reasons)];
}

export function overviewCard(d: { study: Study; werkgroepName: string; parts: PartRow[]; members: MemberView[]; decision: Decision | undefined; proposal?: Proposal; figures: FeasibilityFigures; diff?: StudyDiff }): Card {
  const { study, parts, figures, decision } = d;
  const name = (id: string | null) => (id === FORMER_MEMBER ? t.privacy.formerMember : id ? escapeMarkdown(d.members.find((m) => m.id === id)?.name ?? '?') : t.feasibility.nobody);
  const content = feasibilityContent(study.content_version);
  const answered = allAnswered(parts);
  const values = (partId: string) => parts.find((p) => p.part_id === partId)?.values;
  // A change under Ambitie can make the saved route design unlawful: that part needs a new answer.
  const problems = legalProblems(content, { ambitie: values('ambitie'), juridisch: values('juridisch') });
  const sections: Array<{ heading: string; lines: string[]; charts?: ChartElement[]; notes?: string[] }> = [];
  if (study.content_version < LATEST_CONTENT) {
    const latest = feasibilityContent(LATEST_CONTENT);
    sections.push({ heading: t.feasibility.legal.whatsNewTitle(LATEST_CONTENT), lines: [...(latest.whatsNew ?? []), t.feasibility.legal.moveHint] });
  }
  if (parts.some((p) => p.part_id === 'businesscase' && p.status !== 'open')) sections.push(businessCaseSection(figures));
  if (d.diff) {
    const { lines, before, after } = d.diff;
    sections.push({
      heading: t.feasibility.diffTitle(study.version - 1, study.version),
      lines: [
        ...(lines.length ? lines.map(escapeMarkdown) : [t.feasibility.noDiff]),
        t.feasibility.diffLine(t.feasibility.diffPupils, String(before.pupils), String(after.pupils)),
        t.feasibility.diffLine(t.feasibility.diffCoverage, percent(before.case.partnership.total.coverage), percent(after.case.partnership.total.coverage)),
        t.feasibility.diffLine(t.feasibility.diffGap, euro(before.case.gap), euro(after.case.gap)),
      ],
    });
  }
  if (decision) sections.push({ heading: t.feasibility.decisionLabel, lines: [`**${t.feasibility.verdicts[decision.verdict]}**`, escapeMarkdown(decision.reasons)] });
  else if (answered && !problems.length) sections.push({ heading: t.feasibility.suggestionTitle, lines: suggestionLines(figures) });
  if (!decision && d.proposal) sections.push({ heading: t.feasibility.proposalTitle, lines: proposalLines(d.proposal, d.members.find((m) => m.id === d.proposal!.proposed_by)?.name ?? '?') });
  return renderCard('feasibility/overview', {
    fallback: t.feasibility.overviewIntro,
    title: t.feasibility.overviewTitle(escapeMarkdown(d.werkgroepName), study.version),
    intro: t.feasibility.overviewIntro,
    parts: content.parts.map((p) => {
      const row = parts.find((x) => x.part_id === p.id)!;
      const invalid = p.id === 'juridisch' && problems.length > 0;
      return {
        id: p.id,
        line: t.feasibility.partLine(p.title, invalid ? t.feasibility.legal.partNeedsNewAnswer : (t.feasibility.status[row.status] ?? row.status), name(row.owner_member_id), row.due_date ?? t.feasibility.noDate),
        warnings: invalid ? problems.map((x) => t.feasibility.legal.overviewProblem(problemText(content, x))) : [],
        lastChange: row.updated_at ? t.feasibility.lastChange(name(row.updated_by), formatDateTime(Number(row.updated_at))) : '',
        button: t.feasibility.open(p.title),
        action: A.open.button({ studyId: study.id, part: p.id }),
      };
    }),
    sections: sections.map((x) => ({ charts: [], notes: [], ...x })),
    canDecide: answered && !decision && !problems.length,
    buttons: {
      decideCard: A.decideCard.button({ studyId: study.id }),
      assignCard: A.assignCard.button({ studyId: study.id }),
      newVersion: A.newVersion.button({ studyId: study.id }),
    },
    labels: { decide: t.feasibility.decide, assign: t.feasibility.assign, newVersion: t.feasibility.newVersion },
  });
}

/** A part's form. With `theirs` and `mine` it shows, per field, both sides of a concurrent edit. */
export function partCard(p: { study: Study; partId: string; fields: ConcreteField[]; row: PartRow; values?: PartData; notice?: string; theirs?: PartData; who?: string; mine?: PartData; history?: string; page?: number; content?: FeasibilityContent }): Card {
  // The study's own content version (v1 studies keep v1).
  const part = (p.content ?? feasibilityContent(p.study.content_version)).parts.find((x) => x.id === p.partId)!;
  // A paged part (companies, five to a card): page is 0-based in the data, 1-based on the card.
  const pages = pageCount(part.fields);
  const page = pages > 1 ? Math.min(p.page ?? 0, pages - 1) : undefined;
  const paged = part.fields.find((f) => f.type === 'workplaces');
  const rows = paged && page !== undefined ? pageRows(paged, page) : undefined;
  const saveData = (next?: number) => A.save.button({ studyId: p.study.id, part: p.partId, rev: p.row.revision, ...(page !== undefined ? { page } : {}), ...(next !== undefined ? { next } : {}) });
  const shown = p.values ?? p.row.values;
  const show = (v: Value | undefined) => (v === null || v === undefined || v === '' ? t.feasibility.empty : String(v));
  return renderCard('feasibility/part', {
    fallback: part.title,
    title:
      t.feasibility.partTitle(part.title, p.study.version) +
      (rows ? ` · ${t.feasibility.pageRows(rows.first, rows.last, paged!.rows ?? rows.last)}` : page !== undefined ? ` · ${t.feasibility.pageOf(page + 1, pages)}` : ''),
    intro: part.intro,
    page: (page ?? 0) + 1,
    pages,
    history: p.history ?? '',
    notice: p.notice ?? '',
    buttons: {
      save: saveData(),
      prev: saveData(Math.max(0, (page ?? 0) - 1)),
      next: saveData(Math.min(pages - 1, (page ?? 0) + 1)),
      back: A.overview.button({ studyId: p.study.id }),
    },
    fields: p.fields.map((f) => {
      const value = shown[f.key];
      const conflict =
        p.theirs && p.mine && show(p.theirs[f.key]) !== show(p.mine[f.key])
          ? `${t.feasibility.conflictTheirs(escapeMarkdown(p.who ?? '?'), escapeMarkdown(show(p.theirs[f.key])))} · ${t.feasibility.conflictMine(escapeMarkdown(show(p.mine[f.key])))}`
          : '';
      return {
        input: f.input,
        label: f.label + (f.required ? ' *' : ''),
        kind: f.type === 'choice' ? 'choice' : f.type === 'date' ? 'date' : f.type === 'text' && (f.max ?? 0) > 100 ? 'multiline' : 'line',
        value: value === null || value === undefined ? '' : f.type === 'money' || f.type === 'decimal' ? String(value).replace('.', ',') : String(value),
        maxLength: maxLengthOf(f),
        required: false,
        options: f.options ?? [],
        conflict,
      };
    }),
    labels: { save: t.feasibility.save, back: t.feasibility.back, previous: paged ? t.feasibility.savePrevious : t.feasibility.savePreviousCard, next: paged ? t.feasibility.saveNext : t.feasibility.saveNextCard },
  });
}

/**
 * Owners and dates per part. Members are offered as `m0`, `m1`… in the order of `ids`, so
 * the card carries no member ids as choices and a changed werkgroep makes it stale.
 */
export function assignCard(p: { study: Study; members: MemberView[]; parts: PartRow[] }): Card {
  const { study, members, parts } = p;
  return renderCard('feasibility/assign', {
    fallback: t.feasibility.assignTitle,
    title: t.feasibility.assignTitle,
    inputs: A.assign.inputs,
    buttons: { save: A.assign.button({ studyId: study.id, ids: members.map((m) => m.id).join(',') }) },
    members: members.map((m, i) => ({ title: m.name, value: `m${i}` })),
    parts: feasibilityContent(study.content_version).parts.map((x) => {
      const row = parts.find((r) => r.part_id === x.id)!;
      const i = members.findIndex((m) => m.id === row.owner_member_id);
      return { ids: { owner: OWNER_INPUTS.id(x.id), due: DUE_INPUTS.id(x.id) }, ownerLabel: t.feasibility.ownerLabel(x.title), dueLabel: t.feasibility.dueLabel(x.title), owner: i >= 0 ? `m${i}` : '', due: row.due_date ?? '' };
    }),
    nudges: study.nudges ? 'true' : 'false',
    labels: { save: t.feasibility.save, nudges: t.feasibility.nudgesLabel },
  });
}

/**
 * The form to record a decision, with the business case and the suggested verdict. For the
 * regiegroep and the projectleider it records the decision (prefilled from a werkgroep
 * member's proposal, which it shows); for a werkgroep member it sends a proposal.
 */
export function decisionFormCard(study: Study, f: FeasibilityFigures, p: { mayDecide: boolean; proposal?: { row: Proposal; by: string } }): Card {
  const proposal = p.proposal?.row;
  const action = p.mayDecide ? A.decide : A.propose;
  return renderCard('feasibility/decision', {
    fallback: p.mayDecide ? t.feasibility.decide : t.feasibility.propose,
    title: p.mayDecide ? t.feasibility.decide : t.feasibility.propose,
    intro: p.mayDecide ? '' : t.feasibility.proposeIntro,
    sections: [
      { heading: t.feasibility.businessCaseTitle, lines: figureLines(f) },
      { heading: t.feasibility.suggestionTitle, lines: suggestionLines(f) },
      ...(p.proposal ? [{ heading: t.feasibility.proposalTitle, lines: proposalLines(p.proposal.row, p.proposal.by) }] : []),
    ],
    form: true,
    suggested: proposal?.verdict ?? f.suggestion.verdict,
    verdicts: Object.entries(t.feasibility.verdicts).map(([value, title]) => ({ value, title })),
    reasons: proposal?.reasons ?? '',
    conditions: proposal?.conditions ?? f.conditions.join('\n'),
    // Decide and propose share their inputs (one definition), so the form is the same card.
    inputs: action.inputs,
    limits: action.limits,
    buttons: { record: action.button({ studyId: study.id }) },
    labels: { decision: t.feasibility.decisionLabel, reasons: t.feasibility.reasonsLabel, conditions: t.feasibility.conditionsLabel, record: p.mayDecide ? t.feasibility.record : t.feasibility.propose },
  });
}

/** The recorded decision, as posted to the werkgroep and the regiegroep: who proposed, who decided. */
export function decisionCard(d: { study: Study; decision: Decision; werkgroepName: string; decidedBy: string; proposal?: { row: Proposal; by: string }; figures: FeasibilityFigures }): Card {
  const { decision } = d;
  const proposed = d.proposal ? [proposalLines(d.proposal.row, d.proposal.by)[0]!] : [];
  return renderCard('feasibility/decision', {
    fallback: t.feasibility.decisionTitle(d.werkgroepName),
    title: t.feasibility.decisionTitle(escapeMarkdown(d.werkgroepName)),
    intro: '',
    sections: [
      { heading: t.feasibility.verdicts[decision.verdict]!, lines: [escapeMarkdown(decision.reasons), ...proposed, t.feasibility.decisionBy(escapeMarkdown(d.decidedBy), formatDateTime(Number(decision.decided_at)))] },
      ...(decision.conditions ? [{ heading: t.feasibility.conditionsLabel, lines: decision.conditions.split('\n').map((c) => `- ${escapeMarkdown(c)}`) }] : []),
      { heading: t.feasibility.businessCaseTitle, lines: figureLines(d.figures) },
    ],
    form: false,
    buttons: { record: A.decide.button({ studyId: d.study.id }) },
    labels: {},
  });
}
