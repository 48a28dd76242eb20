import { t } from '../i18n/index.js';
import { MAX_CARD_BYTES, renderCard, utf16Bytes } from '../cards/render.js';
import { escapeMarkdown } from '../bot/escape.js';
import type { Card } from '../bot/types.js';
import type { Figures, PartitionCell, ReflectionSummary } from './stats.js';
import { REFLECTION_VERBS } from './verbs.js';

const one = (n: number) => n.toFixed(1).replace('.', ',');

function figureLine(name: string, f: Figures): string {
  if (f.mean === null || f.spread === null) return `**${name}**: ${t.reflection.noAnswers}`;
  return `**${name}**: ${t.reflection.groupLine(one(f.mean), one(f.spread), f.n)}  \n${t.reflection.distribution(f.distribution, f.dontKnow)}`;
}

function partitionLines(cells: PartitionCell[], names: Map<string, string>): string[] {
  const visible = cells.filter((c) => !c.suppressed);
  const lines = [...names.entries()].map(([id, name]) => {
    const parts = visible.map((c) => {
      const m = c.figures[id]?.mean;
      return `${escapeMarkdown(c.label)} ${m == null ? '–' : one(m)}`;
    });
    return parts.length ? `${name}: ${parts.join(' · ')}` : '';
  });
  const hidden = cells.filter((c) => c.suppressed).map((c) => `${escapeMarkdown(c.label)}: ${t.reflection.tooFew}`);
  return [...lines.filter(Boolean), ...hidden];
}

/** The channel summary: figures only, no names, no single answer. Comments follow in their own cards. */
export function summaryCard(p: { seq: number; runId: string; invited: number; summary: ReflectionSummary; changes: Array<{ name: string; change: number | null }> | null }): Card {
  const s = p.summary;
  const conditionNames = new Map(s.groups.filter((g) => g.kind === 'condition').map((g) => [g.id, g.name]));
  const sections: Array<{ heading: string; lines: string[] }> = [
    { heading: t.reflection.conditionsHeading, lines: s.groups.filter((g) => g.kind === 'condition').map((g) => figureLine(g.name, g)) },
    { heading: t.reflection.domainsHeading, lines: s.groups.filter((g) => g.kind === 'domain').map((g) => figureLine(g.name, g)) },
    { heading: t.reflection.strengthsHeading, lines: s.strengths.map((h) => `**${h.name}** (${one(h.mean)})  \n${t.reflection.questionPrefix} ${h.question}`) },
    { heading: t.reflection.attentionHeading, lines: s.attention.map((h) => `**${h.name}** (${one(h.mean)})  \n${t.reflection.questionPrefix} ${h.question}`) },
    {
      heading: t.reflection.typesHeading,
      lines: [
        ...partitionLines(s.byType, conditionNames),
        ...s.typeDifferences.map((d) => t.reflection.differenceMarked(conditionNames.get(d.id) ?? d.id, typeName(d.a), typeName(d.b), one(Math.abs(d.difference)))),
      ],
    },
  ];
  if (s.bySchool) sections.push({ heading: t.reflection.schoolsHeading, lines: partitionLines(s.bySchool, conditionNames) });
  sections.push({ heading: t.reflection.layersHeading, lines: partitionLines(s.byLayer, conditionNames) });
  for (const pair of s.achtje) {
    const cell = (c: { mean: number | null; state: keyof typeof t.reflection.achtjeCell }) => `${t.reflection.achtjeCell[c.state]}${c.mean !== null && c.state !== 'suppressed' ? ` (${one(c.mean)})` : ''}`;
    sections.push({
      heading: t.reflection.achtjeHeading(escapeMarkdown(pair.schoolA), escapeMarkdown(pair.schoolB)),
      lines: pair.layers.map(
        (l) =>
          `**${l.name}**: ${t.reflection.achtjeColumns.within(escapeMarkdown(pair.schoolA))} ${cell(l.ownA)} · ${t.reflection.achtjeColumns.within(escapeMarkdown(pair.schoolB))} ${cell(l.ownB)} · ${t.reflection.achtjeColumns.between} ${cell(l.between)}`,
      ),
    });
  }
  if (p.changes) {
    sections.push({
      heading: t.reflection.changeHeading,
      lines: p.changes.map((c) => t.reflection.changeLine(c.name, c.change === null ? '–' : `${c.change > 0 ? '+' : ''}${one(c.change)}`)),
    });
  }
  return renderCard('reflection/summary', {
    fallback: t.reflection.summaryTitle(p.seq),
    title: t.reflection.summaryTitle(p.seq),
    intro: t.reflection.summaryIntro(s.respondents, p.invited),
    sections: sections.filter((x) => x.lines.length > 0),
    verb: REFLECTION_VERBS.csv,
    runId: p.runId,
    showCsv: true,
    labels: { csv: t.reflection.csvButton },
  });
}

function typeName(key: string): string {
  return key === 'vo' ? 'vmbo' : key;
}

/** Comments in as many cards as needed, each under the card limit. */
export function commentCards(seq: number, summary: ReflectionSummary): Card[] {
  const lines: string[] = [];
  for (const c of summary.comments) {
    for (const text of c.good) lines.push(`**${c.name}**, ${t.reflection.goes.toLowerCase()}: ${escapeMarkdown(text)}`);
    for (const text of c.change) lines.push(`**${c.name}**, ${t.reflection.toChange.toLowerCase()}: ${escapeMarkdown(text)}`);
  }
  if (lines.length === 0) return [];
  // Fill cards greedily, leaving room for the template around the lines.
  const budget = MAX_CARD_BYTES - 2_000;
  const chunks: string[][] = [[]];
  let size = 0;
  for (const line of lines) {
    const cost = utf16Bytes(line) + 200;
    if (size + cost > budget && chunks.at(-1)!.length > 0) {
      chunks.push([]);
      size = 0;
    }
    chunks.at(-1)!.push(line);
    size += cost;
  }
  return chunks.map((chunk, i) =>
    renderCard('reflection/summary', {
      fallback: t.reflection.commentsTitle(seq, i + 1, chunks.length),
      title: t.reflection.commentsTitle(seq, i + 1, chunks.length),
      intro: t.reflection.commentsIntro,
      sections: [{ heading: '', lines: chunk }],
      verb: REFLECTION_VERBS.csv,
      runId: '',
      showCsv: false,
      labels: { csv: '' },
    }),
  );
}
