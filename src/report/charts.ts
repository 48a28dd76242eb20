import { createRequire } from 'node:module';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { t } from '../i18n/index.js';

/**
 * Charts for the Word report, drawn on the server without a browser: ECharts' server-side
 * SVG rendering, then @resvg/resvg-js to PNG. The font is a file shipped in an npm package
 * (dejavu-fonts-ttf) passed to the renderer, with system fonts off: the same labels on every
 * machine, and never silently missing ones. Pure: figures in, PNG bytes out.
 */

const FONT_FAMILY = 'DejaVu Sans';
const FONT_FILE = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
/** Pixel width of every chart: sharp when Word shows it at the page's width. */
export const CHART_WIDTH = 1200;

/** 1 to 5 and "weet ik niet", the same colours in every chart. */
export const SCALE_COLOURS = ['#c0392b', '#e67e22', '#f1c40f', '#7dba4a', '#1e8449', '#95a5a6'];
const SERIES_COLOURS = ['#1f5fa8', '#e07b00', '#6a3d9a', '#2a9d8f', '#b5179e'];

export interface PngChart {
  png: Buffer;
  width: number;
  height: number;
}

function render(option: Record<string, unknown>, height: number): PngChart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY, fontSize: 16 }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, { font: { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY }, fitTo: { mode: 'width', value: CHART_WIDTH } }).render().asPng();
    return { png, width: CHART_WIDTH, height };
  } finally {
    chart.dispose();
  }
}

const legend = { bottom: 0, textStyle: { fontFamily: FONT_FAMILY, fontSize: 15 } };
const one = (n: number) => Math.round(n * 10) / 10;

/** Per condition and domain, how the answers spread over 1 to 5 and "weet ik niet" (stacked bars). */
export function distributionChart(rows: Array<{ name: string; distribution: number[]; dontKnow: number }>): PngChart {
  const height = 140 + rows.length * 46;
  const names = rows.map((r) => r.name);
  const labels = [...t.report.scale, t.report.dontKnow];
  return render(
    {
      color: SCALE_COLOURS,
      legend: { ...legend, data: labels },
      grid: { left: 60, right: 30, top: 20, bottom: 60, containLabel: true },
      xAxis: { type: 'value', name: t.report.answers, nameLocation: 'middle', nameGap: 28, minInterval: 1 },
      yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 420, overflow: 'truncate' } },
      series: labels.map((label, i) => ({ name: label, type: 'bar', stack: 'total', barWidth: 26, data: rows.map((r) => (i < 5 ? r.distribution[i]! : r.dontKnow)) })),
    },
    height,
  );
}

/** Means per condition for a few groups side by side (school types, or the previous run and this one). */
export function groupedMeansChart(categories: string[], series: Array<{ name: string; values: Array<number | null> }>): PngChart {
  return render(
    {
      color: SERIES_COLOURS,
      legend: { ...legend, data: series.map((s) => s.name) },
      grid: { left: 20, right: 30, top: 30, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, width: Math.floor((CHART_WIDTH - 120) / Math.max(1, categories.length)), overflow: 'break' } },
      yAxis: { type: 'value', min: 1, max: 5, interval: 1, name: t.report.mean, nameTextStyle: { align: 'left' } },
      series: series.map((s) => ({ name: s.name, type: 'bar', barGap: '10%', data: s.values.map((v) => (v === null ? '-' : one(v))), label: { show: true, position: 'top', fontSize: 13, formatter: (p: { value: number }) => String(p.value).replace('.', ',') } })),
    },
    560,
  );
}

/** The business case: cost against income per year or per school, in euros. */
export function businessCaseChart(categories: string[], cost: number[], income: number[]): PngChart {
  return render(
    {
      color: ['#c0392b', '#1e8449'],
      legend: { ...legend, data: [t.report.cost, t.report.income] },
      grid: { left: 20, right: 30, top: 30, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: categories },
      yAxis: { type: 'value', name: '€', axisLabel: { formatter: (v: number) => v.toLocaleString('nl-NL') } },
      series: [
        { name: t.report.cost, type: 'bar', data: cost },
        { name: t.report.income, type: 'bar', data: income },
      ],
    },
    480,
  );
}
