/**
 * Teams' own chart elements for Adaptive Cards (Chart.HorizontalBar.Stacked,
 * Chart.VerticalBar.Grouped, Chart.VerticalBar, Chart.Line, Chart.Gauge), built as plain
 * JSON by pure functions. Every chart carries a `fallback`: the text the card showed before
 * charts, so a client without charts (Teams on an older version, the official adaptivecards
 * renderer, Outlook) shows that text instead. The properties used are the ones in
 * cards/common/charts.schema.json (derived from Microsoft's "Charts in Adaptive Cards" and
 * checked against what the Agents Playground 0.2.28 parses); tests validate every chart the
 * cards produce against it.
 *
 * Callers decide what may be shown: a chart gets only figures the gate published, and a
 * hidden figure is simply not in the data (never a bar of 0).
 */

/** Colour names Teams knows for charts (the "well-known" chart colours). */
export type ChartColor =
  | 'good'
  | 'warning'
  | 'attention'
  | 'neutral'
  | 'categoricalRed'
  | 'categoricalPurple'
  | 'categoricalLavender'
  | 'categoricalBlue'
  | 'categoricalLightBlue'
  | 'categoricalTeal'
  | 'categoricalGreen'
  | 'categoricalLime'
  | 'categoricalMarigold'
  | 'divergingBlue'
  | 'divergingLightBlue'
  | 'divergingYellow'
  | 'divergingPeach'
  | 'divergingRed'
  | 'divergingGray';

/** Answers 1 to 5 and "weet ik niet": the same colours in every chart and every card. */
export const SCALE_COLORS: readonly [ChartColor, ChartColor, ChartColor, ChartColor, ChartColor] = ['divergingRed', 'divergingPeach', 'divergingYellow', 'divergingLightBlue', 'divergingBlue'];
export const DONT_KNOW_COLOR: ChartColor = 'divergingGray';
/** Series colours in a fixed order (school types, conditions, cost and income). */
export const SERIES_COLORS: readonly ChartColor[] = ['categoricalBlue', 'categoricalMarigold', 'categoricalTeal', 'categoricalPurple', 'categoricalRed', 'categoricalGreen', 'categoricalLavender', 'categoricalLime', 'categoricalLightBlue'];
export const seriesColor = (i: number): ChartColor => SERIES_COLORS[i % SERIES_COLORS.length]!;

export type CardElement = Record<string, unknown> & { type: string };
export type ChartElement = CardElement & { type: `Chart.${string}`; fallback: CardElement };

/** The text a chart replaces, as one Container of wrapped lines: the chart's fallback. */
export function textFallback(lines: readonly string[]): CardElement {
  return { type: 'Container', items: lines.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'Small' })) };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export interface StackedRow {
  title: string;
  segments: Array<{ legend: string; value: number; color: ChartColor }>;
}

/** One bar per row, its parts stacked; parts of 0 are left out. */
export function stackedBars(p: { title: string; rows: StackedRow[]; fallback: readonly string[] }): ChartElement {
  return {
    type: 'Chart.HorizontalBar.Stacked',
    title: p.title,
    data: p.rows.map((r) => ({ title: r.title, data: r.segments.filter((s) => s.value > 0).map((s) => ({ legend: s.legend, value: s.value, color: s.color })) })),
    fallback: textFallback(p.fallback),
  };
}

export interface Series {
  legend: string;
  color: ChartColor;
  values: Array<{ x: string; y: number }>;
}

/** Bars side by side per x value, one colour per series. A missing value is no bar. */
export function groupedBars(p: { title: string; series: Series[]; yAxisTitle?: string; fallback: readonly string[] }): ChartElement {
  return {
    type: 'Chart.VerticalBar.Grouped',
    title: p.title,
    ...(p.yAxisTitle ? { yAxisTitle: p.yAxisTitle } : {}),
    showBarValues: true,
    data: p.series.map((s) => ({ legend: s.legend, color: s.color, values: s.values.map((v) => ({ x: v.x, y: round1(v.y) })) })),
    fallback: textFallback(p.fallback),
  };
}

/** A line per series over the x values (runs, years). */
export function lineChart(p: { title: string; series: Series[]; yMin?: number; yMax?: number; fallback: readonly string[] }): ChartElement {
  return {
    type: 'Chart.Line',
    title: p.title,
    ...(p.yMin !== undefined ? { yMin: p.yMin } : {}),
    ...(p.yMax !== undefined ? { yMax: p.yMax } : {}),
    data: p.series.map((s) => ({ legend: s.legend, color: s.color, values: s.values.map((v) => ({ x: v.x, y: round1(v.y) })) })),
    fallback: textFallback(p.fallback),
  };
}

/** Single bars (one value per x). */
export function verticalBars(p: { title: string; data: Array<{ x: string; y: number; color?: ChartColor }>; yAxisTitle?: string; fallback: readonly string[] }): ChartElement {
  return {
    type: 'Chart.VerticalBar',
    title: p.title,
    ...(p.yAxisTitle ? { yAxisTitle: p.yAxisTitle } : {}),
    showBarValues: true,
    data: p.data.map((d) => ({ x: d.x, y: d.y, ...(d.color ? { color: d.color } : {}) })),
    fallback: textFallback(p.fallback),
  };
}

/** A part of a whole: `value` of `max`, shown as a fraction ("12/18"). */
export function gauge(p: { title: string; value: number; max: number; subLabel: string; segments: Array<{ legend: string; size: number; color: ChartColor }>; fallback: readonly string[] }): ChartElement {
  return {
    type: 'Chart.Gauge',
    title: p.title,
    min: 0,
    max: p.max,
    value: p.value,
    valueFormat: 'Fraction',
    subLabel: p.subLabel,
    segments: p.segments.filter((s) => s.size > 0),
    fallback: textFallback(p.fallback),
  };
}

/** The text lines a chart stands for: the TextBlocks of its fallback. */
export function fallbackLines(chart: ChartElement): string[] {
  const items = (chart.fallback as { items?: Array<{ text?: unknown }> }).items ?? [];
  return items.flatMap((i) => (typeof i.text === 'string' ? [i.text] : []));
}

/** A card section with its charts replaced by their text, for a card that would not fit with them. */
export function chartsAsText<S extends { lines: string[]; charts?: ChartElement[] }>(section: S): S {
  if (!section.charts?.length) return section;
  return { ...section, lines: [...section.lines, ...section.charts.flatMap(fallbackLines)], charts: [] };
}
