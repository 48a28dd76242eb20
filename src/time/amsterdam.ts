/**
 * Wall-clock time in Europe/Amsterdam, where every partnership lives. Uses Intl (full ICU
 * ships with Node), so daylight-saving changes come from the tz database, not from us.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(epochMs: number): LocalParts {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(epochMs)).map((x) => [x.type, x.value]));
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    isoWeekday: WEEKDAYS[p.weekday ?? 'Mon'] ?? 1,
  };
}

/** Offset of Amsterdam from UTC at that instant, in milliseconds (3600000 or 7200000). */
export function offsetAt(epochMs: number): number {
  const p = localParts(epochMs);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which Amsterdam clocks show this date and time. A time that does not
 * exist (the hour skipped in March) moves forward by the gap; an ambiguous one (October)
 * takes the first occurrence.
 */
export function amsterdamToEpoch(year: number, month: number, day: number, hour = 0, minute = 0): number {
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const first = naive - offsetAt(naive - 2 * 3600_000);
  const p = localParts(first);
  if (p.hour === hour && p.minute === minute && p.day === day) return first;
  const second = naive - offsetAt(naive + 2 * 3600_000);
  const q = localParts(second);
  if (q.hour === hour && q.minute === minute && q.day === day) return second;
  // Skipped hour: the wall clock jumped over it; using the offset from before the jump
  // lands the same distance past the jump (02:30 becomes 03:30).
  return first;
}

/** "YYYY-MM-DD" and "HH:MM" (as Input.Date and Input.Time send them) to an instant. */
export function parseLocalDateTime(date: string, time = '00:00'): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::\d{2})?$/.exec(time);
  if (!d || !t) return undefined;
  const [y, m, day, h, min] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (m < 1 || m > 12 || day < 1 || day > 31 || h > 23 || min > 59) return undefined;
  const check = new Date(Date.UTC(y, m - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  return amsterdamToEpoch(y, m, day, h, min);
}

const display = new Intl.DateTimeFormat('nl-NL', {
  timeZone: TIME_ZONE,
  weekday: 'short',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "di 1 december 2026 om 17:00" */
export function formatDateTime(epochMs: number): string {
  const text = display.format(new Date(epochMs));
  return /\bom \d{2}:\d{2}$/.test(text) ? text : text.replace(/,? (\d{2}:\d{2})$/, ' om $1');
}

export function isoDate(epochMs: number): string {
  const p = localParts(epochMs);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
