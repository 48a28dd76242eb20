import { shippedHolidays, type Region } from '../../src/calendar/holidays/index.js';
import type { Holiday } from '../../src/calendar/schedule.js';

/**
 * Dates for the browser tests, worked out from the shipped holiday data and today (the bot
 * runs on the system clock, and CI also runs these tests with the clock moved to future
 * dates), so no expectation names a date that expires.
 */

const DAY_MS = 86_400_000;
const amsterdamIso = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const dutchDay = new Intl.DateTimeFormat('nl-NL', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Today's date in Amsterdam, as YYYY-MM-DD. */
export const todayInAmsterdam = (now = Date.now()) => amsterdamIso.format(now);

/** "za 19 december 2026", as the holiday card writes a date. */
export const dutchDate = (iso: string) => dutchDay.format(new Date(`${iso}T12:00:00Z`));

/** The first shipped holiday of the region that has not ended yet: the card lists it first. */
export function nextHoliday(region: Region, today = todayInAmsterdam()): Holiday {
  const next = shippedHolidays(region).find((h) => h.to >= today);
  if (!next) throw new Error(`The shipped holiday data has nothing after ${today} for ${region}: add the next school year's file to src/calendar/holidays.`);
  return next;
}

/**
 * A study day `weeksAhead` weeks from today, moved on to the first working day (Monday to
 * Friday) outside the region's shipped holidays; it must itself lie inside the shipped data.
 */
export function studyDay(region: Region, weeksAhead = 3, today = todayInAmsterdam()): string {
  const holidays = shippedHolidays(region);
  const lastShipped = holidays.at(-1)?.to ?? today;
  for (let t = Date.parse(`${today}T12:00:00Z`) + weeksAhead * 7 * DAY_MS; ; t += DAY_MS) {
    const iso = new Date(t).toISOString().slice(0, 10);
    if (iso > lastShipped) throw new Error(`No working day between ${today} + ${weeksAhead} weeks and the end of the shipped holiday data (${lastShipped}).`);
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.some((h) => h.from <= iso && iso <= h.to)) return iso;
  }
}
