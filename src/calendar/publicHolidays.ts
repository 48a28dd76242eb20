import type { Holiday } from './schedule.js';

/**
 * Dutch public holidays (feestdagen), from the date-holidays library (`new Holidays('NL')`).
 *
 * Why a library and why this one module: Easter, Hemelvaart and Pinksteren move every year and
 * Koningsdag moves to 26 April when 27 April is a Sunday; a list typed by hand runs out and gets
 * these wrong. date-holidays is kept up to date by its maintainers. It also lists observances
 * (4 mei, Moederdag, Prinsjesdag, Sinterklaas) and bank days (oudejaarsavond) that are working
 * days: only its type 'public' is kept here, plus Goede Vrijdag and Bevrijdingsdag, which it
 * types 'school' and which a partnership switches on (on the vakanties card), since schools
 * differ in whether they are free. The rest of the code never sees the library.
 *
 * The library holds the data of every country (about 30 MB in memory), so it is loaded on the
 * first lookup, not when the bot starts; a year's list is computed once and kept.
 */

export const OPTIONAL_HOLIDAYS = ['goedeVrijdag', 'bevrijdingsdag'] as const;
export type OptionalHoliday = (typeof OPTIONAL_HOLIDAYS)[number];

/** How the library names its rule for each optional day (its names could be translated). */
const OPTIONAL_RULES: Record<string, OptionalHoliday> = { 'easter -2': 'goedeVrijdag', '05-05': 'bevrijdingsdag' };

interface Entry {
  name: string;
  date: string;
  /** Set for the two days a partnership switches on; unset for the public holidays. */
  optional?: OptionalHoliday;
}

interface LibraryHoliday {
  date: string;
  name: string;
  type: string;
  rule?: string;
}

let library: Promise<{ getHolidays(year: number): LibraryHoliday[] }> | undefined;
const years = new Map<number, Entry[]>();

function load() {
  library ??= import('date-holidays').then(({ default: Holidays }) => new Holidays('NL', { languages: ['nl'] }) as unknown as { getHolidays(year: number): LibraryHoliday[] });
  return library;
}

async function entriesOf(year: number): Promise<Entry[]> {
  const known = years.get(year);
  if (known) return known;
  const lib = await load();
  const entries = lib.getHolidays(year).flatMap((h): Entry[] => {
    const date = h.date.slice(0, 10);
    if (h.type === 'public') return [{ name: h.name, date }];
    const optional = h.type === 'school' && h.rule ? OPTIONAL_RULES[h.rule] : undefined;
    return optional ? [{ name: h.name, date, optional }] : [];
  });
  years.set(year, entries);
  return entries;
}

/**
 * The public holidays of the given years as one-day holidays, in date order: always the public
 * ones (Nieuwjaar, Pasen, tweede paasdag, Koningsdag, Hemelvaartsdag, Pinksteren, tweede
 * pinksterdag, Kerstmis, tweede kerstdag), and Goede Vrijdag or Bevrijdingsdag only when listed
 * in `optional`. Never observances such as 4 mei or Prinsjesdag.
 */
export async function publicHolidays(yearList: readonly number[], optional: readonly OptionalHoliday[] = []): Promise<Holiday[]> {
  const out: Holiday[] = [];
  for (const year of yearList) {
    for (const e of await entriesOf(year)) {
      if (e.optional && !optional.includes(e.optional)) continue;
      out.push({ name: e.name, from: e.date, to: e.date });
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from));
}
