/**
 * Removes the names of the partnership's people from an open answer (rule 5 of
 * shared/privacy-model.md): full names in any case; and first or last names of three
 * letters or more as whole words written with a capital, so "Ben" is a name and "ik ben"
 * is not; a last name with its tussenvoegsel ("de Jong") goes as one. Accents are ignored
 * when matching ("Jose" finds "José"), the rest of the text stays as written.
 */

export const NAME_MARK = '[naam]';

const TUSSENVOEGSELS = new Set(['van', 'de', 'der', 'den', 'het', "'t", 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'di', 'del', 'el', 'von', 'vander', "'s", 'aan', 'bij', 'onder', 'uit', 'voor', 'over', 'tot']);
const MIN_PART = 3;

/** Lower case without accents, one output character per input character where possible. */
function fold(text: string): { folded: string; lower: string; origin: number[] | null } {
  // Plain ASCII has no accents to drop and lowercases char by char: the same result, at once.
  if (/^[\x00-\x7f]*$/.test(text)) return { folded: text, lower: text.toLowerCase(), origin: null }; // null: every position is its own origin
  let folded = '';
  let lower = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(/\p{M}/gu, '') || ch;
    for (let j = 0; j < f.length; j++) {
      const c = f[j]!;
      const l = c.toLowerCase();
      folded += c;
      lower += l.length === 1 ? l : c;
      origin.push(i);
    }
    i += ch.length;
  }
  origin.push(i);
  return { folded, lower, origin };
}

const foldWord = (s: string) => fold(s).lower;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface NameParts {
  full: string[];
  /** Last names with their tussenvoegsels: "de jong". */
  withTussenvoegsel: string[];
  /** Single first or last names of MIN_PART letters or more. */
  single: string[];
}

/** "Jan de Jong" and "Jong, Jan de" (the administrative order) give the same parts. */
function partsOf(displayName: string): NameParts {
  const cleaned = displayName.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  let words = cleaned.split(' ').filter(Boolean);
  const comma = cleaned.indexOf(',');
  if (comma > 0) {
    const last = cleaned.slice(0, comma).trim().split(' ').filter(Boolean);
    const rest = cleaned.slice(comma + 1).trim().split(' ').filter(Boolean);
    const firstNames = rest.filter((w) => !TUSSENVOEGSELS.has(w.toLowerCase()));
    const tussen = rest.filter((w) => TUSSENVOEGSELS.has(w.toLowerCase()));
    words = [...firstNames, ...tussen, ...last];
  }
  words = words.map((w) => w.replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, '')).filter(Boolean);
  const isTussen = (w: string) => TUSSENVOEGSELS.has(w.toLowerCase());
  const full = words.length > 1 ? [words.join(' ')] : [];
  const withTussenvoegsel: string[] = [];
  const firstTussen = words.findIndex((w, i) => i > 0 && isTussen(w));
  if (firstTussen > 0) withTussenvoegsel.push(words.slice(firstTussen).join(' '));
  const single = words.filter((w) => !isTussen(w) && [...w].length >= MIN_PART && !/^\p{L}\.?$/u.test(w));
  return { full, withTussenvoegsel, single };
}

interface Needle {
  pattern: RegExp;
  first: string;
  needsCapital: boolean;
}

/** The names' search patterns, made once per list of names (a run's comments all use the same list). */
const needleCache = new WeakMap<readonly string[], Map<string, Needle[]>>();
/** Needles are found by the first characters of their first word (up to this many). */
const KEY = 3;

/** The last list's needles by its content: each summary reads the names afresh, mostly the same ones. */
let lastList: { key: string; index: Map<string, Needle[]> } | undefined;

function needlesOf(names: readonly string[]): Map<string, Needle[]> {
  let index = needleCache.get(names);
  if (index) return index;
  const key = JSON.stringify(names);
  if (lastList?.key === key) {
    needleCache.set(names, lastList.index);
    return lastList.index;
  }
  const needles: Needle[] = [];
  const add = (needle: string, needsCapital: boolean) => {
    const n = foldWord(needle);
    if (!n) return;
    const words = n.split(' ');
    needles.push({ pattern: new RegExp(words.map(escapeRegExp).join('\\s+'), 'g'), first: words[0]!, needsCapital });
  };
  const all = names.map(partsOf);
  for (const p of all) for (const f of p.full) add(f, false);
  for (const p of all) for (const w of p.withTussenvoegsel) add(w, true);
  for (const p of all) for (const s of p.single) add(s, true);
  index = new Map();
  for (const n of needles) {
    const key = n.first.slice(0, KEY);
    const list = index.get(key);
    if (list) list.push(n);
    else index.set(key, [n]);
  }
  needleCache.set(names, index);
  lastList = { key, index };
  return index;
}

/** A letter or digit at `i` (ASCII decided without a regular expression: most text is). */
function isWordChar(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return /[\p{L}\p{N}]/u.test(s[i]!);
}

/**
 * The needles that could match in `lower`: a match that counts starts where the character
 * before is no letter or digit, and begins with the needle's first word; so only needles keyed
 * by the first 1 to KEY characters at such a place need their pattern run.
 */
function candidates(lower: string, index: Map<string, Needle[]>): Set<Needle> {
  const out = new Set<Needle>();
  for (let i = 0; i < lower.length; i++) {
    if (i > 0 && isWordChar(lower, i - 1)) continue;
    for (let k = 1; k <= KEY && i + k <= lower.length; k++) for (const n of index.get(lower.slice(i, i + k)) ?? []) out.add(n);
  }
  return out;
}

/** No letter or digit just before `start` and at `end`: the match is whole words. */
function boundary(s: string, start: number, end: number): boolean {
  return (start === 0 || !isWordChar(s, start - 1)) && (end >= s.length || !isWordChar(s, end));
}

export function scrubNames(text: string, names: readonly string[]): string {
  if (!text) return text;
  const { folded, lower, origin } = fold(text);
  const ranges: Array<[number, number]> = [];
  for (const needle of candidates(lower, needlesOf(names))) {
    for (const m of lower.matchAll(needle.pattern)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!boundary(lower, start, end)) continue;
      if (needle.needsCapital) {
        // The name itself (after its tussenvoegsels) must start with a capital in the text.
        const lastWordStart = start + m[0].search(/\S+$/);
        const first = folded[lastWordStart]!;
        if (first === first.toLowerCase()) continue;
      }
      ranges.push([start, end]);
    }
  }
  if (ranges.length === 0) return text;
  // Longest first, then keep the ranges that do not overlap one already taken.
  ranges.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
  const taken: Array<[number, number]> = [];
  for (const r of ranges) if (!taken.some((t) => r[0] < t[1] && t[0] < r[1])) taken.push(r);
  taken.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of taken) {
    out += text.slice(at, origin ? origin[s] : s) + NAME_MARK;
    at = origin ? origin[e]! : e;
  }
  return out + text.slice(at);
}
