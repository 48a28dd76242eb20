import { currentLanguage, t } from '../i18n/index.js';
import { MAX_CARD_BYTES, expandCard, renderCard, utf16Bytes } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { spreadLevel, type Figures } from './stats.js';
import type { Publication, PublishedAchtjeCell, PublishedCell } from './publish.js';
import { REFLECTION_ACTIONS } from './verbs.js';
import { DONT_KNOW_COLOR, SCALE_COLORS, gauge, groupedBars, lineChart, seriesColor, stackedBars, type ChartElement } from '../cards/charts.js';

// One decimal, with a decimal comma in Dutch and a point in English.
const one = (n: number) => (currentLanguage() === 'en' ? n.toFixed(1) : n.toFixed(1).replace('.', ','));

function figureLine(name: string, f: Figures | null): string {
  if (!f || f.mean === null || f.spread === null) return `**${name}**: ${t.reflection.tooFew}`;
  return `**${name}**: ${t.reflection.groupLine(one(f.mean), f.n, t.reflection.spreadWords[spreadLevel(f.spread)])}  \n${t.reflection.distribution(f.distribution, f.dontKnow)}`;
}

function partitionLines(cells: PublishedCell[], names: Map<string, string>): string[] {
  const visible = cells.filter((c) => c.shown);
  const lines = [...names.entries()].map(([id, name]) => {
    const parts = visible.map((c) => {
      const m = c.figures[id]?.mean;
      return `${escapeMarkdown(c.label)} ${m == null ? t.reflection.tooFewShort : one(m)}`;
    });
    if (!visible.some((c) => c.figures[id]?.mean != null)) return parts.length ? `${name}: ${t.reflection.tooFew}` : '';
    return `${name}: ${parts.join(' · ')}`;
  });
  const hidden = cells.filter((c) => !c.shown).map((c) => `${escapeMarkdown(c.label)}: ${t.reflection.tooFew}`);
  return [...lines.filter(Boolean), ...hidden];
}

/**
 * What the actieagenda (src/actions/) adds to a summary: a button per point of attention and
 * "Actie toevoegen", and per condition or domain (by id) the line of its actions' status
 * ("2 acties klaar, 1 open"). Action counts are not personal; the figures beside them still
 * come only from the frozen publication.
 */
export interface SummaryActions {
  buttons: Array<{ title: string; action: { verb: string; data: unknown } }>;
  lines: Record<string, string>;
}

/** Given by the actions feature (app.ts wires it); a summary without it has neither. */
export type SummaryActionsSource = (p: { partnershipId: string; runId: string; closedAt: number; attention: Array<{ id: string; name: string }> }) => Promise<SummaryActions>;

/** A block of the summary: a heading, its text, and (when there are figures to draw) a chart that shows the text in clients without charts. */
export interface SummarySection {
  heading: string;
  /** Shown as text only without a chart; with one they are its fallback. */
  lines: string[];
  charts: ChartElement[];
  /** Always shown as text, under the chart. */
  notes: string[];
}

/**
 * A section with text only, or with a chart whose fallback is that text. `chartNotes` explain
 * the chart (which figures have no bar) and show only with it; `notes` show always.
 */
export function section(heading: string, lines: string[], chart?: ((fallback: string[]) => ChartElement | null) | null, notes: { chartNotes?: string[]; notes?: string[] } = {}): SummarySection {
  const drawn = chart && lines.length > 0 ? chart(lines) : null;
  return drawn ? { heading, lines: [], charts: [drawn], notes: [...(notes.chartNotes ?? []), ...(notes.notes ?? [])] } : { heading, lines, charts: [], notes: notes.notes ?? [] };
}

/** The summary's charts, in the order they are given up when a very large partnership's card would not fit. */
const CHART_DROP_ORDER = ['domains', 'trend', 'types', 'conditions', 'gauge'] as const;
type SummaryChart = (typeof CHART_DROP_ORDER)[number];

const scaleLegends = () => t.reflection.scale.map((label, i) => t.charts.scaleLegend(i + 1, label));

/** Distribution per condition or domain as stacked bars: 1 to 5 and "weet ik niet", the same colours everywhere. Hidden figures get no bar. */
function distributionChart(heading: string, groups: Publication['groups']): ((fallback: string[]) => ChartElement | null) {
  return (fallback) => {
    const shown = groups.filter((g) => g.figure && g.figure.mean !== null);
    if (shown.length === 0) return null;
    const legends = scaleLegends();
    return stackedBars({
      title: t.charts.distributionTitle(heading),
      rows: shown.map((g) => ({
        title: t.charts.rowTitle(g.name, one(g.figure!.mean!), g.figure!.n),
        segments: [
          ...g.figure!.distribution.map((value, i) => ({ legend: legends[i]!, value, color: SCALE_COLORS[i]! })),
          { legend: t.reflection.dontKnow, value: g.figure!.dontKnow, color: DONT_KNOW_COLOR },
        ],
      })),
      fallback,
    });
  };
}

function hiddenNote(groups: Publication['groups']): string[] {
  const hidden = groups.filter((g) => !g.figure || g.figure.mean === null).map((g) => g.name);
  return hidden.length ? [t.charts.hiddenRows(hidden.join(', '))] : [];
}

/** Means per condition, one series per shown group (school type); a hidden figure is no bar. */
function meansChart(cells: PublishedCell[], names: Map<string, string>): { chart: (fallback: string[]) => ChartElement | null; missing: boolean } {
  const shown = cells.filter((c) => c.shown && Object.values(c.figures).some((f) => f?.mean != null));
  const series = shown.map((c, i) => ({
    legend: c.label,
    color: seriesColor(i),
    values: [...names.entries()].flatMap(([id, name]) => (c.figures[id]?.mean != null ? [{ x: name, y: c.figures[id]!.mean! }] : [])),
  }));
  const missing = cells.some((c) => !c.shown) || series.some((s) => s.values.length < names.size);
  return { chart: (fallback) => (series.length ? groupedBars({ title: t.charts.typesTitle, yAxisTitle: t.charts.meanAxis, series, fallback }) : null), missing };
}

/** Earlier runs' stored publications, oldest first: the line of the trend. */
export interface RunHistory {
  seq: number;
  summary: Publication;
}

/** Runs on the trend line, this one included. */
export const TREND_RUNS = 6;

function trendChart(history: RunHistory[], current: RunHistory): ((fallback: string[]) => ChartElement | null) {
  return (fallback) => {
    const runs = [...history.filter((h) => h.seq < current.seq && h.summary.enough), current].sort((a, b) => a.seq - b.seq).slice(-TREND_RUNS);
    if (runs.length < 2) return null;
    const series = current.summary.groups
      .map((g, i) => ({
        legend: g.name,
        color: seriesColor(i),
        values: runs.flatMap((r) => {
          const mean = r.summary.groups.find((x) => x.id === g.id)?.figure?.mean;
          return mean != null ? [{ x: t.charts.runLabel(r.seq), y: mean }] : [];
        }),
      }))
      .filter((s) => s.values.length > 0);
    return series.length ? lineChart({ title: t.charts.trendTitle, series, yMin: 1, yMax: 5, fallback }) : null;
  };
}

/** Participation as a gauge: shown whatever the group size, like the sentence above it. */
function responseGauge(respondents: number, invited: number): ChartElement[] {
  if (invited <= 0) return [];
  const percent = Math.round((respondents / invited) * 100);
  return [
    gauge({
      title: t.charts.responseTitle,
      value: respondents,
      max: invited,
      subLabel: t.charts.responseSub,
      segments: [
        { legend: t.charts.answered, size: respondents, color: 'good' },
        { legend: t.charts.notAnswered, size: invited - respondents, color: 'neutral' },
      ],
      fallback: [t.charts.responseLine(respondents, invited, percent)],
    }),
  ];
}

/** The channel summary: figures only, no names, no single answer. Comments follow in their own cards. */
export function summaryCard(p: SummaryInput): Card {
  return summaryCards(p)[0]!;
}

export type SummaryInput = { seq: number; runId: string; invited: number; summary: Publication; changes: Array<{ id?: string; name: string; change: number | null }> | null; history?: RunHistory[]; actions?: SummaryActions };

/**
 * The summary as it goes to the channel: one card with every chart when it fits. When it does
 * not (many schools with long names), the text per school and per layer moves to follow-up
 * cards first; if the charts still do not fit, they give way to their text one by one, the
 * least needed first, so no card is ever larger than the text alone.
 */
export function summaryCards(p: SummaryInput): Card[] {
  const fits = (data: Record<string, unknown>) => utf16Bytes(expandCard('reflection/summary', data)) <= MAX_CARD_BYTES;
  const all = summaryData(p, new Set(CHART_DROP_ORDER), true);
  if (fits(all)) return [renderCard('reflection/summary', all)];
  const moved = movedSections(p);
  for (let dropped = 0; dropped <= CHART_DROP_ORDER.length; dropped++) {
    const data = summaryData(p, new Set(CHART_DROP_ORDER.slice(dropped)), moved.length === 0);
    if (fits(data) || dropped === CHART_DROP_ORDER.length) {
      return [renderCard('reflection/summary', data), ...packedCards((part, parts) => t.charts.summaryMoreTitle(p.seq, part, parts), t.charts.summaryMoreIntro, moved)];
    }
  }
  throw new Error('unreachable');
}

/** The sections that move to follow-up cards when the summary does not fit in one. */
function movedSections(p: SummaryInput): Array<{ heading: string; lines: string[] }> {
  const s = p.summary;
  if (!s.enough) return [];
  const conditionNames = new Map(s.groups.filter((g) => g.kind === 'condition').map((g) => [g.id, g.name]));
  return [
    ...(s.bySchool ? [{ heading: t.reflection.schoolsHeading, lines: partitionLines(s.bySchool, conditionNames) }] : []),
    { heading: t.reflection.layersHeading, lines: partitionLines(s.byLayer, conditionNames) },
  ].filter((x) => x.lines.length > 0);
}

function summaryData(p: SummaryInput, charts: Set<SummaryChart>, withBreakdown: boolean): Record<string, unknown> {
  const s = p.summary;
  const intro = [t.reflection.summaryIntro(s.respondents, p.invited), s.enough ? t.reflection.minGroupNote(s.minGroup) : t.reflection.tooFewRespondents(s.minGroup)].join(' ');
  const gauges = charts.has('gauge') ? responseGauge(s.respondents, p.invited) : [];
  const card = {
    fallback: t.reflection.summaryTitle(p.seq),
    title: t.reflection.summaryTitle(p.seq),
    intro,
    gauges,
    buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: p.runId }) },
    labels: { csv: t.reflection.csvButton },
    // Too few took part: the count and nothing else, no figures to act on either.
    actionButtons: s.enough ? (p.actions?.buttons ?? []) : [],
  };
  if (!s.enough) return { ...card, sections: [], showCsv: false };
  const when = <T,>(kind: SummaryChart, chart: T): T | null => (charts.has(kind) ? chart : null);
  const conditionNames = new Map(s.groups.filter((g) => g.kind === 'condition').map((g) => [g.id, g.name]));
  const conditions = s.groups.filter((g) => g.kind === 'condition');
  const domains = s.groups.filter((g) => g.kind === 'domain');
  const types = meansChart(s.byType, conditionNames);
  const sections: SummarySection[] = [
    section(t.reflection.conditionsHeading, conditions.map((g) => figureLine(g.name, g.figure)), when('conditions', distributionChart(t.reflection.conditionsHeading, conditions)), { chartNotes: hiddenNote(conditions) }),
    section(t.reflection.domainsHeading, domains.map((g) => figureLine(g.name, g.figure)), when('domains', distributionChart(t.reflection.domainsHeading, domains)), { chartNotes: hiddenNote(domains) }),
    section(t.reflection.strengthsHeading, s.strengths.map((h) => `**${h.name}** (${one(h.mean)})  \n${t.reflection.questionPrefix} ${h.question}`)),
    section(t.reflection.attentionHeading, s.attention.map((h) => `**${h.name}** (${one(h.mean)})  \n${t.reflection.questionPrefix} ${h.question}`)),
    section(t.reflection.typesHeading, partitionLines(s.byType, conditionNames), when('types', types.chart), {
      chartNotes: types.missing ? [t.charts.noBar] : [],
      notes: s.typeDifferences.map((d) => t.reflection.differenceMarked(conditionNames.get(d.id) ?? d.id, typeName(d.a), typeName(d.b), one(Math.abs(d.difference)))),
    }),
  ];
  if (withBreakdown) {
    if (s.bySchool) sections.push(section(t.reflection.schoolsHeading, partitionLines(s.bySchool, conditionNames)));
    sections.push(section(t.reflection.layersHeading, partitionLines(s.byLayer, conditionNames)));
  }
  const actionLines = p.actions?.lines ?? {};
  if (p.changes) {
    sections.push(
      section(
        t.reflection.changeHeading,
        p.changes.map((c) => {
          const change = c.change === null ? '–' : `${c.change > 0 ? '+' : ''}${one(c.change)}`;
          const linked = c.id ? actionLines[c.id] : undefined;
          return linked ? t.actions.changeWithActions(c.name, change, linked) : t.reflection.changeLine(c.name, change);
        }),
        when('trend', trendChart(p.history ?? [], { seq: p.seq, summary: s })),
      ),
    );
  } else if (Object.keys(actionLines).length) {
    sections.push(section(t.actions.summaryHeading, s.groups.filter((g) => actionLines[g.id]).map((g) => t.actions.actionsOnly(g.name, actionLines[g.id]!))));
  }
  return { ...card, sections: sections.filter((x) => x.lines.length > 0 || x.charts.length > 0 || x.notes.length > 0), showCsv: true };
}

function typeName(key: string): string {
  return key === 'vo' ? 'vmbo' : key;
}

/**
 * Packs sections of lines into as many cards as needed, each under the card limit (and so
 * each message under the message limit). Lines are never split; a section continues on the
 * next card under the same heading.
 */
function packedCards(title: (part: number, parts: number) => string, intro: string, sections: Array<{ heading: string; lines: string[] }>): Card[] {
  const budget = MAX_CARD_BYTES - 3_000; // room for the template around the lines
  const cards: Array<Array<{ heading: string; lines: string[] }>> = [[]];
  let size = 0;
  for (const section of sections) {
    for (const line of section.lines) {
      const cost = utf16Bytes(line) + 120;
      if (size + cost > budget && size > 0) {
        cards.push([]);
        size = 0;
      }
      const current = cards.at(-1)!;
      let target = current.at(-1);
      if (!target || target.heading !== section.heading) {
        target = { heading: section.heading, lines: [] };
        current.push(target);
        size += utf16Bytes(section.heading) + 200;
      }
      target.lines.push(line);
      size += cost;
    }
  }
  const filled = cards.filter((c) => c.length > 0);
  return filled.map((chunk, i) =>
    renderCard('reflection/summary', {
      fallback: title(i + 1, filled.length),
      title: title(i + 1, filled.length),
      intro,
      gauges: [],
      sections: chunk.map((c) => ({ ...c, charts: [], notes: [] })),
      buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: '' }) },
      showCsv: false,
      labels: { csv: '' },
      actionButtons: [],
    }),
  );
}

/** The colour of an achtje cell, from the number as shown (one decimal): good from 3,5, warning 3,0 to 3,4, attention under 3,0, neutral when hidden. */
export function achtjeStyle(c: PublishedAchtjeCell): 'good' | 'warning' | 'attention' | 'default' {
  if (c.state === 'suppressed' || c.mean === null) return 'default';
  const shown = Math.round(c.mean * 10) / 10;
  return shown >= 3.5 ? 'good' : shown >= 3.0 ? 'warning' : 'attention';
}

function achtjeCellView(c: PublishedAchtjeCell) {
  const hidden = c.state === 'suppressed' || c.mean === null;
  return { style: achtjeStyle(c), value: hidden ? t.charts.achtjeTooFew : one(c.mean!), n: hidden || c.n === null ? '' : t.charts.achtjeN(c.n) };
}

/**
 * The achtje as a 3 × 3 grid per school pair (layers × within school A, within school B,
 * between the schools), coloured cells with the number in each, from the stored publication:
 * a hidden cell is grey with "te weinig antwoorden". With many schools there are many pairs,
 * so the pairs go into as many cards as needed, each under the card limit.
 */
export function achtjeCards(seq: number, s: Publication): Card[] {
  const pairs = s.achtje.map((pair) => {
    const a = escapeMarkdown(pair.schoolA);
    const b = escapeMarkdown(pair.schoolB);
    return {
      heading: t.charts.achtjeHeading(a, b),
      header: [t.charts.achtjeLayer, t.charts.achtjeWithin(a), t.charts.achtjeWithin(b), t.charts.achtjeBetween],
      rows: pair.layers.map((l) => ({ layer: l.name, cells: [achtjeCellView(l.ownA), achtjeCellView(l.ownB), achtjeCellView(l.between)] })),
    };
  });
  if (pairs.length === 0) return [];
  const legend: Array<{ style: string; text: string }> = [
    { style: 'good', text: t.charts.achtjeLegend.good },
    { style: 'warning', text: t.charts.achtjeLegend.warning },
    { style: 'attention', text: t.charts.achtjeLegend.attention },
    { style: 'default', text: t.charts.achtjeLegend.neutral },
  ];
  const data = (chunk: typeof pairs, part: number, parts: number) => ({
    fallback: t.charts.achtjeTitle(seq, part, parts),
    title: t.charts.achtjeTitle(seq, part, parts),
    intro: t.charts.achtjeIntro,
    legend,
    pairs: chunk,
  });
  // Fill each card while the expanded card stays under the limit, with room for a longer title.
  const budget = MAX_CARD_BYTES - 400;
  const chunks: Array<typeof pairs> = [[]];
  for (const pair of pairs) {
    const current = chunks.at(-1)!;
    if (current.length > 0 && utf16Bytes(expandCard('reflection/achtje', data([...current, pair], 1, 1))) > budget) chunks.push([pair]);
    else current.push(pair);
  }
  return chunks.map((chunk, i) => renderCard('reflection/achtje', data(chunk, i + 1, chunks.length)));
}

/** Comments in as many cards as needed, each under the card limit. */
export function commentCards(seq: number, summary: Publication): Card[] {
  const sections = summary.comments.map((c) => ({
    heading: c.name,
    lines: [
      ...c.good.map((text) => `${t.reflection.goes}: ${escapeMarkdown(text)}`),
      ...c.change.map((text) => `${t.reflection.toChange}: ${escapeMarkdown(text)}`),
    ],
  }));
  return packedCards((part, parts) => t.reflection.commentsTitle(seq, part, parts), t.reflection.commentsIntro, sections);
}
