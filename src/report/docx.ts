import { AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { t } from '../i18n/index.js';
import type { Figures } from '../reflection/stats.js';
import type { PublishedAchtjeCell } from '../reflection/publish.js';
import { businessCaseChart, distributionChart, groupedMeansChart, type PngChart } from './charts.js';
import type { ReportData } from './data.js';

/**
 * The board report as a Word document (docx, as the agreement export). Figures come from the
 * reflection's stored publication only: a figure the gate hid is "te weinig antwoorden" here
 * too, and never drawn in a chart.
 */

const TYPE_LABELS: Record<string, string> = { vo: 'vmbo', mbo: 'mbo', bedrijf: 'bedrijf' };
/** Width of a chart on the page, in Word's pixels (A4 with default margins is about 600). */
const PAGE_PX = 600;

const one = (n: number | null | undefined) => (n === null || n === undefined ? '–' : (Math.round(n * 10) / 10).toFixed(1).replace('.', ','));
const euro = (n: number) => `€ ${Math.round(n).toLocaleString('nl-NL')}`;
const signed = (n: number | null) => (n === null ? '–' : `${n > 0 ? '+' : ''}${one(n)}`);

const h1 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
const h2 = (text: string) => new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });

function cell(text: string, opts: { bold?: boolean; fill?: string } = {}): TableCell {
  return new TableCell({
    ...(opts.fill ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: opts.fill } } : {}),
    children: [new Paragraph({ children: [new TextRun({ text, bold: opts.bold ?? false })] })],
  });
}

function table(header: readonly string[], rows: Array<Array<string | TableCell>>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, { bold: true, fill: 'D9E2F3' })) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => (typeof c === 'string' ? cell(c) : c)) })),
    ],
  });
}

function image(chart: PngChart): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: PAGE_PX, height: Math.round((chart.height * PAGE_PX) / chart.width) } })],
  });
}

const distributionText = (f: Figures) => [...f.distribution.map((n, i) => `${i + 1}: ${n}`), `${t.report.dontKnow}: ${f.dontKnow}`].join(' · ');

/** The achtje's colours (issue 17): good from 3,5, warning 3,0 to 3,4, attention under 3,0, neutral when hidden. */
function achtjeCell(c: PublishedAchtjeCell): TableCell {
  if (c.state === 'suppressed' || c.mean === null) return cell(t.report.tooFew, { fill: 'E7E6E6' });
  const shown = Math.round(c.mean * 10) / 10;
  const [label, fill] = shown >= 3.5 ? [t.report.achtjeGood, 'C6EFCE'] : shown >= 3.0 ? [t.report.achtjeWarning, 'FFEB9C'] : [t.report.achtjeAttention, 'FFC7CE'];
  return cell(`${one(c.mean)} · ${label}`, { fill });
}

function reflectionSection(data: ReportData): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1(t.report.reflectionHeading)];
  const run = data.run;
  if (!run) return [...out, p(t.report.noReflection)];
  const pub = run.publication;
  out.push(p(t.report.runLine(run.seq, run.closedAt, pub.respondents, pub.minGroup)));
  if (!pub.enough) return [...out, p(t.report.tooFewRun(pub.minGroup))];
  const shown = pub.groups.filter((g) => g.figure && g.figure.mean !== null);
  out.push(
    table(
      t.report.resultColumns,
      pub.groups.map((g) => (g.figure && g.figure.mean !== null ? [g.name, String(g.figure.n), one(g.figure.mean), one(g.figure.spread), distributionText(g.figure)] : [g.name, '', '', '', t.report.tooFew])),
    ),
  );
  if (shown.length) {
    out.push(h2(t.report.distributionChart));
    out.push(image(distributionChart(shown.map((g) => ({ name: g.name, distribution: g.figure!.distribution, dontKnow: g.figure!.dontKnow })))));
  }
  // School types side by side, only the cells and figures the gate showed.
  const conditions = pub.groups.filter((g) => g.kind === 'condition');
  const types = pub.byType.filter((c) => c.shown && conditions.some((g) => c.figures[g.id]?.mean != null));
  if (types.length) {
    out.push(h2(t.report.typesChart));
    out.push(image(groupedMeansChart(conditions.map((g) => g.name), types.map((c) => ({ name: TYPE_LABELS[c.key] ?? c.label, values: conditions.map((g) => c.figures[g.id]?.mean ?? null) })))));
  } else out.push(p(t.report.noTypes));
  return out;
}

function changeSection(data: ReportData): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1(t.report.changeHeading)];
  if (!data.changes || !data.previous || !data.run) return [...out, p(t.report.noChange)];
  out.push(p(t.report.changeLine(data.previous.seq, data.run.seq)));
  out.push(table(t.report.changeColumns(data.previous.seq, data.run.seq), data.changes.map((c) => [c.name, one(c.before), one(c.now), signed(c.change)])));
  const both = data.changes.filter((c) => c.before !== null || c.now !== null);
  if (both.length) {
    out.push(
      image(
        groupedMeansChart(
          both.map((c) => c.name),
          [
            { name: t.report.runName(data.previous.seq), values: both.map((c) => c.before) },
            { name: t.report.runName(data.run.seq), values: both.map((c) => c.now) },
          ],
        ),
      ),
    );
  }
  return out;
}

function achtjeSection(data: ReportData): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1(t.report.achtjeHeading)];
  const pairs = data.run?.publication.enough ? data.run.publication.achtje : [];
  if (!pairs.length) return [...out, p(t.report.noAchtje)];
  out.push(p(t.report.achtjeLegend));
  for (const pair of pairs) {
    out.push(h2(t.report.achtjePair(pair.schoolA, pair.schoolB)));
    out.push(table([t.report.layer, t.report.within(pair.schoolA), t.report.within(pair.schoolB), t.report.between], pair.layers.map((l) => [l.name, achtjeCell(l.ownA), achtjeCell(l.ownB), achtjeCell(l.between)])));
  }
  return out;
}

function feasibilitySection(data: ReportData): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1(t.report.feasibilityHeading)];
  const f = data.feasibility;
  if (!f) return [...out, p(t.report.noFeasibility)];
  out.push(p(f.verdict ? t.report.verdict(t.feasibility.verdicts[f.verdict] ?? f.verdict) : t.report.suggested(t.feasibility.verdicts[f.suggested] ?? f.suggested)));
  out.push(p(t.report.coverage(f.coverage === null ? '–' : `${one(f.coverage)}%`, euro(f.gap))));
  out.push(h2(f.perSchool ? t.report.casePerSchool : t.report.casePerYear));
  out.push(table([f.perSchool ? t.report.school : t.report.year, t.report.cost, t.report.income, t.report.coverageColumn], f.rows.map((r) => [r.label, euro(r.cost), euro(r.income), r.coverage === null ? '–' : `${one(r.coverage)}%`])));
  if (f.rows.length) out.push(image(businessCaseChart(f.rows.map((r) => r.label), f.rows.map((r) => r.cost), f.rows.map((r) => r.income))));
  return out;
}

function agreementSection(data: ReportData): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [h1(t.report.agreementHeading)];
  const a = data.agreement;
  if (!a) return [...out, p(t.report.noAgreement)];
  out.push(table([t.report.sectionStatus, t.report.sections], Object.entries(a.counts).map(([k, n]) => [t.agreement.status[k] ?? k, String(n)])));
  out.push(p(a.duo ? t.report.duo(a.duo) : t.report.noDuo));
  out.push(h2(t.report.missingHeading));
  if (!a.missing.length) out.push(p(t.report.nothingMissing));
  for (const m of a.missing) out.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(m)] }));
  return out;
}

export async function reportDocx(data: ReportData): Promise<Buffer> {
  const doc = new Document({
    creator: 'Leerlab',
    title: t.report.title(data.partnership),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t.report.title(data.partnership))] }),
          p(t.report.intro(data.date)),
          h1(t.report.schoolsHeading),
          data.schools.length ? table([t.report.school, t.report.schoolType], data.schools.map((s) => [s.name, TYPE_LABELS[s.type] ?? s.type])) : p(t.report.noSchools),
          ...reflectionSection(data),
          ...changeSection(data),
          ...achtjeSection(data),
          h1(t.report.actionsHeading),
          data.actions.length ? table(t.report.actionColumns, data.actions.map((x) => [x.what, x.owner, x.due, x.status])) : p(t.report.noActions),
          ...feasibilitySection(data),
          ...agreementSection(data),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
