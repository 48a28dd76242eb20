import { amsterdamToEpoch, localParts } from '../time/amsterdam.js';

/**
 * When reminders fire, in Europe/Amsterdam wall-clock time. Every occurrence is computed
 * from the local date and time, so a weekly 09:00 stays 09:00 across daylight-saving
 * changes. Pure functions: the reminder runner feeds them the clock and the holidays.
 */

export type Rule =
  | { kind: 'once'; date: string; time: string }
  | { kind: 'weekly'; start: string; time: string; everyWeeks: number }
  | { kind: 'monthly'; start: string; time: string; weekday: number; nth: 1 | 2 | 3 | 4 | -1 };

export interface Holiday {
  name: string;
  /** Inclusive local dates, YYYY-MM-DD. */
  from: string;
  to: string;
}

const DAY = 86_400_000;

function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

function parseTime(time: string): [number, number] {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return [h, m];
}

/** Calendar arithmetic on local dates (UTC noon avoids any DST edge). */
function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d, 12) + days * DAY).toISOString().slice(0, 10);
}

function isoWeekday(date: string): number {
  const [y, m, d] = parseDate(date);
  const w = new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
  return w === 0 ? 7 : w;
}

function at(date: string, time: string): number {
  const [y, m, d] = parseDate(date);
  const [h, min] = parseTime(time);
  return amsterdamToEpoch(y, m, d, h, min);
}

export function localDate(epochMs: number): string {
  const p = localParts(epochMs);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  if (nth === -1) {
    const last = new Date(Date.UTC(year, month, 0, 12)).toISOString().slice(0, 10);
    let d = last;
    while (isoWeekday(d) !== weekday) d = addDays(d, -1);
    return d;
  }
  let d = `${year}-${String(month).padStart(2, '0')}-01`;
  while (isoWeekday(d) !== weekday) d = addDays(d, 1);
  return addDays(d, (nth - 1) * 7);
}

/** The first occurrence strictly after `afterMs`, or undefined when there is none. */
export function nextOccurrence(rule: Rule, afterMs: number): number | undefined {
  if (rule.kind === 'once') {
    const t = at(rule.date, rule.time);
    return t > afterMs ? t : undefined;
  }
  if (rule.kind === 'weekly') {
    const step = 7 * Math.max(1, rule.everyWeeks);
    let date = rule.start;
    // Jump close to `afterMs` in whole periods, then walk.
    const behind = Math.floor((afterMs - at(rule.start, rule.time)) / (step * DAY));
    if (behind > 1) date = addDays(date, (behind - 1) * step);
    for (;;) {
      const t = at(date, rule.time);
      if (t > afterMs) return t;
      date = addDays(date, step);
    }
  }
  const [sy, sm] = parseDate(rule.start);
  const startMs = at(rule.start, rule.time);
  const { year, month } = localParts(Math.max(afterMs, startMs));
  for (let k = 0; k < 24; k++) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const m = ((month - 1 + k) % 12) + 1;
    if (y < sy || (y === sy && m < sm)) continue;
    const t = at(nthWeekdayOfMonth(y, m, rule.weekday, rule.nth), rule.time);
    if (t > afterMs && t >= startMs) return t;
  }
  return undefined;
}

/**
 * After downtime: every slot between `lastRunMs` and `nowMs` was missed. Only the latest is
 * sent (marked late), never one per missed interval; the next slot follows normally.
 */
export function missedSlot(rule: Rule, lastRunMs: number, nowMs: number): number | undefined {
  let t = nextOccurrence(rule, lastRunMs);
  let missed: number | undefined;
  while (t !== undefined && t <= nowMs) {
    missed = t;
    t = nextOccurrence(rule, t);
  }
  return missed;
}

export const WORKDAY_START = { hour: 8, minute: 0 };
export const WORKDAY_END = { hour: 18, minute: 0 };

export function inHoliday(date: string, holidays: Holiday[]): boolean {
  return holidays.some((h) => h.from <= date && date <= h.to);
}

/**
 * A personal nudge to a teacher goes out on a working day between 08:00 and 18:00; if its
 * time falls in the evening, a weekend or a school holiday it moves to the next working
 * morning (08:00).
 */
export function teacherFriendly(epochMs: number, holidays: Holiday[]): number {
  let date = localDate(epochMs);
  const p = localParts(epochMs);
  const minutes = p.hour * 60 + p.minute;
  const workday = (d: string) => isoWeekday(d) <= 5 && !inHoliday(d, holidays);
  if (workday(date) && minutes >= WORKDAY_START.hour * 60 && minutes < WORKDAY_END.hour * 60) return epochMs;
  if (!(workday(date) && minutes < WORKDAY_START.hour * 60)) date = addDays(date, 1);
  while (!workday(date)) date = addDays(date, 1);
  return at(date, `${String(WORKDAY_START.hour).padStart(2, '0')}:${String(WORKDAY_START.minute).padStart(2, '0')}`);
}

/** The slot a recurring reminder will really use from `nextAt` on: holiday slots are skipped. */
export function nextOutsideHolidays(rule: Rule, nextAt: number, holidays: Holiday[]): number {
  if (rule.kind === 'once') return nextAt;
  let t: number | undefined = nextAt;
  // A year of slots at most: a holiday list never covers more than that.
  for (let i = 0; i < 60 && t !== undefined && inHoliday(localDate(t), holidays); i++) t = nextOccurrence(rule, t);
  return t ?? nextAt;
}

/** A deadline nudge that could only go out at or after its deadline is dropped, not sent late. */
export function deadlineNudgeTime(plannedMs: number, deadlineMs: number, holidays: Holiday[]): number | undefined {
  const t = teacherFriendly(plannedMs, holidays);
  return t < deadlineMs ? t : undefined;
}
