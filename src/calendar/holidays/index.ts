import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Holiday } from '../schedule.js';

/**
 * School holidays per region, shipped as one data file per school year
 * (schoolvakanties-YYYY-YYYY.json). A new year is a new file; old files stay valid.
 * Each shipped holiday says whether the government fixed it ('vastgesteld': Christmas, the May
 * week, summer) or only advises it ('advies': herfst, voorjaar; schools may differ).
 */
export const REGIONS = ['noord', 'midden', 'zuid'] as const;
export type Region = (typeof REGIONS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const holidaySchema = z
  .object({ name: z.string().min(1).max(80), from: isoDate, to: isoDate })
  .strict()
  .refine((h) => h.from <= h.to, 'from after to');
export const HOLIDAY_KINDS = ['vastgesteld', 'advies'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export interface ShippedHoliday extends Holiday {
  kind: HolidayKind;
}
const shippedSchema = z
  .object({ name: z.string().min(1).max(80), kind: z.enum(HOLIDAY_KINDS), from: isoDate, to: isoDate })
  .strict()
  .refine((h) => h.from <= h.to, 'from after to');
const fileSchema = z
  .object({
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
    source: z.string().min(1),
    regions: z.object({ noord: z.array(shippedSchema), midden: z.array(shippedSchema), zuid: z.array(shippedSchema) }).strict(),
  })
  .strict();
export type HolidayFile = z.infer<typeof fileSchema>;

const DIR = path.dirname(fileURLToPath(import.meta.url));
let cache: HolidayFile[] | undefined;

export function holidayFiles(): HolidayFile[] {
  cache ??= fs
    .readdirSync(DIR)
    .filter((f) => /^schoolvakanties-\d{4}-\d{4}\.json$/.test(f))
    .sort()
    .map((f) => fileSchema.parse(JSON.parse(fs.readFileSync(path.join(DIR, f), 'utf8'))));
  return cache;
}

/** Every shipped holiday of a region, all school years, in date order. */
export function shippedHolidays(region: Region): ShippedHoliday[] {
  return holidayFiles()
    .flatMap((f) => f.regions[region])
    .sort((a, b) => a.from.localeCompare(b.from));
}

export const holidayKey = (h: Holiday) => `${h.from}|${h.to}`;

/** The last day the shipped data covers for a region (the end of its last summer holiday). */
export function shippedUntil(region: Region): string | undefined {
  return shippedHolidays(region).reduce<string | undefined>((last, h) => (last === undefined || h.to > last ? h.to : last), undefined);
}

/** How long before the shipped data ends the voortgang card warns the projectleider. */
export const WARN_MONTHS_BEFORE_END = 3;

/** `date` (YYYY-MM-DD) minus whole months, the day clamped to the month's last day. */
export function minusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The last shipped day of the region when that lies within three months of `today` (or has
 * passed), so the data cannot silently run out; undefined while there is more than that left.
 */
export function shippedDataRunningOut(region: Region, today: string): string | undefined {
  const until = shippedUntil(region);
  if (until === undefined) return undefined;
  return today >= minusMonths(until, WARN_MONTHS_BEFORE_END) ? until : undefined;
}
