import { t } from '../i18n/index.js';
import { toCsv } from '../export/csv.js';
import type { Figures } from './stats.js';
import type { Publication, PublishedAchtjeCell, PublishedCell } from './publish.js';

const fmt = (n: number | null) => (n === null ? '' : n.toFixed(2).replace('.', ','));

/**
 * The rows of a run's CSV, from its stored publication only: the same figures as the
 * cards, and a "te weinig antwoorden" row for each hidden one. No names, no comments.
 */
export function publicationRows(p: Publication): string[][] {
  const rows: string[][] = [['groep', 'onderdeel', 'n', 'gemiddelde', 'spreiding', '1', '2', '3', '4', '5', 'weet ik niet']];
  const hidden = (group: string, name: string) => [group, name, t.reflection.tooFew, '', '', '', '', '', '', '', ''];
  const line = (group: string, name: string, f: Figures | null) => (f ? [group, name, String(f.n), fmt(f.mean), fmt(f.spread), ...f.distribution.map(String), String(f.dontKnow)] : hidden(group, name));
  if (!p.enough) return rows;
  for (const g of p.groups) rows.push(line('totaal', g.name, g.figure));
  const names = new Map(p.groups.map((g) => [g.id, g.name]));
  const cells = (prefix: string, list: PublishedCell[] | null) => {
    for (const c of list ?? []) {
      if (!c.shown) {
        rows.push(hidden(`${prefix}: ${c.label}`, ''));
        continue;
      }
      for (const [id, f] of Object.entries(c.figures)) rows.push(line(`${prefix}: ${c.label}`, names.get(id) ?? id, f));
    }
  };
  cells('soort school', p.byType);
  cells('school', p.bySchool);
  cells('laag', p.byLayer);
  const achtjeLine = (group: string, name: string, c: PublishedAchtjeCell) => (c.state === 'suppressed' ? hidden(group, name) : [group, name, String(c.n), fmt(c.mean), '', '', '', '', '', '', '']);
  // A school's own cells show in every pair it is part of; the CSV lists them once.
  const seen = new Set<string>();
  const once = (row: string[]) => {
    const key = `${row[0]}\u0000${row[1]}`;
    if (!seen.has(key)) rows.push(row);
    seen.add(key);
  };
  for (const pair of p.achtje) {
    for (const l of pair.layers) {
      once(achtjeLine(`achtje binnen: ${pair.schoolA}`, l.name, l.ownA));
      once(achtjeLine(`achtje binnen: ${pair.schoolB}`, l.name, l.ownB));
      once(achtjeLine(`achtje tussen: ${pair.schoolA} – ${pair.schoolB}`, l.name, l.between));
    }
  }
  return rows;
}

/** CSV for Dutch spreadsheets (semicolons, decimal commas, CRLF), through the shared writer that neutralises formulas. */
export function publicationToCsv(p: Publication): string {
  return toCsv(publicationRows(p));
}
