import { describe, expect, it } from 'vitest';
import { nl } from '../../src/i18n/nl.js';
import { en } from '../../src/i18n/en.js';
import { catalogueOf, currentLanguage, t, withLanguage } from '../../src/i18n/index.js';

/**
 * The English catalogue has every key of the Dutch one, in the same order and nesting (so the
 * lead can add English for a new Dutch key at the same place), and no text left in Dutch.
 */

type Node = unknown;

/** Every leaf as [path, value], in the catalogue's own order. */
function leaves(node: Node, path = ''): Array<[string, Node]> {
  if (typeof node === 'string' || typeof node === 'function') return [[path, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  return Object.entries(node as Record<string, Node>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

/** Sample arguments for a text function: a function's parameters are strings, numbers or lists. */
function sampleCall(fn: (...args: unknown[]) => unknown, path: string): unknown {
  const source = String(fn);
  const params = (source.match(/^\(([^)]*)\)/)?.[1] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const args = params.map((p, i) => {
    if (/^(d)$/.test(p)) return [1, 2, 3, 4, 5];
    if (/^(names|lines|rows)$/.test(p)) return ['Alpha', 'Beta'];
    if (p === 'fit') return [4, 5];
    if (p === 'counts') return [[2, 'klaar'], [1, 'open']];
    if (/^(moved)$/.test(p)) return 'teacher';
    if (/^(own)$/.test(p)) return true;
    if (/^(who)$/.test(p) && path.startsWith('reminders.unreachable')) return 'Sanne';
    if (p === 'schools') return path === 'privacy.schoolLeaveText' ? 'Alpha, Beta' : i + 2;
    if (/^(n|k|seq|min|max|current|page|pages|part|parts|version|revision|year|pupils|minGroup|given|sum|answered|invited|respondents|total|from|to|shown|members|werkgroepen|every|pct|rows|dontKnow|paused|open|days)$/.test(p)) return i + 2;
    return `X${i}`;
  });
  return fn(...args);
}

/** Texts that are the same in both languages on purpose: names, numbers, file types, commands. */
const SAME_ON_PURPOSE = new Set([
  'install.buttonHelp', // "Help" is English and Dutch
  'reflection.changeLine',
  'feasibility.diffLine',
  'feasibility.status.open',
  'agreement.commentLine',
  'agreement.prefill.costs',
  'agreement.prefill.companies',
  'progress.reminderLine',
  'audit.actions.download',
  'ending.unnamedWord', // the word to type, a command in Dutch in either language
  'privacy.labels.school',
  'privacy.labels.download',
  'downloads.title',
  'reflection.schoolsHeading',
  'setup.schoolFieldLabel', // "School"
  'feasibility.open', // "Open: …"
  'progress.werkgroepKind', // "name – kind"
  'report.scale[0]', // the report's scale is the numbers 1 to 5
  'report.scale[1]',
  'report.scale[2]',
  'report.scale[3]',
  'report.scale[4]',
  'actions.status.open', // "open" is English and Dutch
  'actions.werkgroepButton', // the werkgroep's own name
  'actions.actionsOnly', // "name: counts"
  'charts.scaleLegend', // "value label"
  'charts.responseBySchoolLine', // "school: n%"
]);

describe('English catalogue', () => {
  const nlLeaves = leaves(nl);
  const enLeaves = leaves(en);

  it('has every key of the Dutch one, in the same order and nesting', () => {
    expect(enLeaves.map(([p]) => p)).toEqual(nlLeaves.map(([p]) => p));
    expect(nlLeaves.length).toBeGreaterThan(500);
  });

  it('has a text of the same kind for every key (a text, or a function of as many arguments)', () => {
    const enMap = new Map(enLeaves);
    for (const [path, value] of nlLeaves) {
      const other = enMap.get(path);
      expect(typeof other, path).toBe(typeof value);
      if (typeof value === 'function') expect((other as (...a: unknown[]) => unknown).length, path).toBe((value as (...a: unknown[]) => unknown).length);
    }
  });

  it('leaves no text in Dutch: every English value differs, apart from a short list of names and numbers', () => {
    const enMap = new Map(enLeaves);
    const same: string[] = [];
    for (const [path, value] of nlLeaves) {
      const other = enMap.get(path);
      const a = typeof value === 'function' ? sampleCall(value as (...a: unknown[]) => unknown, path) : value;
      const b = typeof other === 'function' ? sampleCall(other as (...a: unknown[]) => unknown, path) : other;
      if (a === b && !SAME_ON_PURPOSE.has(path)) same.push(`${path}: ${String(a)}`);
    }
    expect(same).toEqual([]);
    // The list stays short: a text on it that now differs is taken off.
    expect(SAME_ON_PURPOSE.size).toBeLessThan(40);
  });

  it('the whitelist names only texts that really are the same', () => {
    const enMap = new Map(enLeaves);
    const differ = [...SAME_ON_PURPOSE].filter((path) => {
      const a = nlLeaves.find(([p]) => p === path)?.[1];
      const b = enMap.get(path);
      if (a === undefined) return true;
      const x = typeof a === 'function' ? sampleCall(a as (...a: unknown[]) => unknown, path) : a;
      const y = typeof b === 'function' ? sampleCall(b as (...a: unknown[]) => unknown, path) : b;
      return x !== y;
    });
    expect(differ).toEqual([]);
  });

  it('t reads the catalogue of the language in force, Dutch outside any', async () => {
    expect(currentLanguage()).toBe('nl');
    expect(t.help.title).toBe('Wat kan ik voor je doen?');
    const inside = await withLanguage('en', async () => {
      await Promise.resolve();
      return [t.help.title, currentLanguage()];
    });
    expect(inside).toEqual(['What can I do for you?', 'en']);
    expect(t.help.title).toBe(catalogueOf('nl').help.title);
    // An unknown stored value falls back to Dutch.
    expect(withLanguage('fr' as never, () => t.help.title)).toBe('Wat kan ik voor je doen?');
    // A part of t kept in a variable still follows the language.
    const help = t.help;
    expect(withLanguage('en', () => help.title)).toBe('Wat kan ik voor je doen?');
  });
});
