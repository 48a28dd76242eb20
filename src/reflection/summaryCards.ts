import { currentLanguage, t } from '../i18n/index.js';
import { MAX_CARD_BYTES, renderCard, utf16Bytes } from '../cards/render.js';
import { escapeMarkdown } from '../core/escape.js';
import type { Card } from '../core/types.js';
import { spreadLevel, type Figures } from './stats.js';
import type { Publication, PublishedCell } from './publish.js';
import { REFLECTION_ACTIONS } from './verbs.js';

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

/** The channel summary: figures only, no names, no single answer. Comments follow in their own cards. */
export function summaryCard(p: { seq: number; runId: string; invited: number; summary: Publication; changes: Array<{ name: string; change: number | null }> | null }): Card {
  const s = p.summary;
  const intro = [t.reflection.summaryIntro(s.respondents, p.invited), s.enough ? t.reflection.minGroupNote(s.minGroup) : t.reflection.tooFewRespondents(s.minGroup)].join(' ');
  if (!s.enough) {
    return renderCard('reflection/summary', {
      fallback: t.reflection.summaryTitle(p.seq),
      title: t.reflection.summaryTitle(p.seq),
      intro,
      sections: [],
      buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: p.runId }) },
      showCsv: false,
      labels: { csv: t.reflection.csvButton },
    });
  }
  const conditionNames = new Map(s.groups.filter((g) => g.kind === 'condition').map((g) => [g.id, g.name]));
  const sections: Array<{ heading: string; lines: string[] }> = [
    { heading: t.reflection.conditionsHeading, lines: s.groups.filter((g) => g.kind === 'condition').map((g) => figureLine(g.name, g.figure)) },
    { heading: t.reflection.domainsHeading, lines: s.groups.filter((g) => g.kind === 'domain').map((g) => figureLine(g.name, g.figure)) },
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
  if (p.changes) {
    sections.push({
      heading: t.reflection.changeHeading,
      lines: p.changes.map((c) => t.reflection.changeLine(c.name, c.change === null ? '–' : `${c.change > 0 ? '+' : ''}${one(c.change)}`)),
    });
  }
  return renderCard('reflection/summary', {
    fallback: t.reflection.summaryTitle(p.seq),
    title: t.reflection.summaryTitle(p.seq),
    intro,
    sections: sections.filter((x) => x.lines.length > 0),
    buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: p.runId }) },
    showCsv: true,
    labels: { csv: t.reflection.csvButton },
  });
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
      sections: chunk,
      buttons: { csv: REFLECTION_ACTIONS.csv.button({ runId: '' }) },
      showCsv: false,
      labels: { csv: '' },
    }),
  );
}

/** The achtje per school pair, in its own card(s): with many schools there are many pairs. */
export function achtjeCards(seq: number, s: Publication): Card[] {
  const sections: Array<{ heading: string; lines: string[] }> = [];
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
  return packedCards((part, parts) => t.reflection.achtjeTitle(seq, part, parts), t.reflection.achtjeIntro, sections);
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
