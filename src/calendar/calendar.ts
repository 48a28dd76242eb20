import type { Clock } from '../clock.js';
import type { Store } from '../store/db.js';
import type { Holiday } from './schedule.js';
import { SettingsRepo } from './repo.js';
import { holidayKey, holidaySchema, shippedHolidays, type HolidayKind, type Region } from './holidays/index.js';
import { OPTIONAL_HOLIDAYS, publicHolidays, type OptionalHoliday } from './publicHolidays.js';
import { localDate } from './schedule.js';

export interface HolidayView extends Holiday {
  key: string;
  /** Added by the partnership itself, not shipped. */
  own: boolean;
  /** Shipped ones: fixed by the government or an advice date. */
  kind?: HolidayKind;
}

export interface PartnershipSettings {
  region: Region | null;
  removed: string[];
  added: Holiday[];
  digest: boolean;
  /** Goede Vrijdag and Bevrijdingsdag count as days off only when switched on. */
  optional: OptionalHoliday[];
  /** Per mbo school id: the school's own holiday weeks (it sets its own, unlike vo schools). */
  schoolWeeks: Record<string, Holiday[]>;
}

const EMPTY: PartnershipSettings = { region: null, removed: [], added: [], digest: false, optional: [], schoolWeeks: {} };

/** The holidays that apply: the region's shipped ones minus those removed, plus those added. */
export function holidayViewsOf(s: PartnershipSettings): HolidayView[] {
  const shipped = s.region ? shippedHolidays(s.region).filter((h) => !s.removed.includes(holidayKey(h))) : [];
  return [...shipped.map((h) => ({ ...h, key: holidayKey(h), own: false })), ...s.added.map((h) => ({ ...h, key: holidayKey(h), own: true }))].sort((a, b) => a.from.localeCompare(b.from));
}

/** The partnership's school holidays (region and own changes), without the public holidays. */
export function holidaysOf(s: PartnershipSettings): Holiday[] {
  return holidayViewsOf(s).map(({ name, from, to }) => ({ name, from, to }));
}

/**
 * The school holidays of one school: an mbo school that entered its own weeks follows those
 * (plus the days the partnership added for everyone, such as a shared study day); every other
 * school follows the region with the partnership's changes.
 */
export function schoolHolidaysOf(s: PartnershipSettings, schoolId?: string | null): Holiday[] {
  const own = schoolId ? s.schoolWeeks[schoolId] : undefined;
  if (!own?.length) return holidaysOf(s);
  return [...own, ...s.added].map(({ name, from, to }) => ({ name, from, to })).sort((a, b) => a.from.localeCompare(b.from));
}

/** Public holidays are looked up for last year to two years ahead: every date a nudge or slot can have. */
export function holidayYears(nowMs: number): number[] {
  const y = Number(localDate(nowMs).slice(0, 4));
  return [y - 1, y, y + 1, y + 2];
}

const parseList = (json: string): Holiday[] =>
  (JSON.parse(json) as unknown[]).flatMap((h) => {
    const parsed = holidaySchema.safeParse(h);
    return parsed.success ? [parsed.data] : [];
  });

/**
 * The per-partnership settings row: its school-holiday region (shipped data), the shipped
 * holidays it removed and the ones it added, and whether the weekly digest is on.
 */
export class PartnershipCalendar {
  private readonly rows: SettingsRepo;

  constructor(
    store: Store,
    private readonly clock: Clock,
  ) {
    this.rows = new SettingsRepo(store);
  }

  async settings(partnershipId: string): Promise<PartnershipSettings> {
    const row = await this.rows.get(partnershipId);
    if (!row) return EMPTY;
    return {
      region: row.holiday_region,
      removed: JSON.parse(row.holidays_removed) as string[],
      added: parseList(row.holidays_added),
      digest: row.digest === 1,
      optional: (JSON.parse(row.optional_holidays) as unknown[]).filter((o): o is OptionalHoliday => OPTIONAL_HOLIDAYS.includes(o as OptionalHoliday)),
      schoolWeeks: Object.fromEntries(Object.entries(JSON.parse(row.school_holidays) as Record<string, unknown[]>).map(([id, list]) => [id, parseList(JSON.stringify(list))])),
    };
  }

  private async save(partnershipId: string, s: PartnershipSettings): Promise<void> {
    const values = {
      holiday_region: s.region,
      holidays_removed: JSON.stringify(s.removed),
      holidays_added: JSON.stringify(s.added),
      digest: s.digest ? 1 : 0,
      optional_holidays: JSON.stringify(s.optional),
      school_holidays: JSON.stringify(Object.fromEntries(Object.entries(s.schoolWeeks).filter(([, list]) => list.length))),
      updated_at: this.clock.now(),
    };
    await this.rows.put(partnershipId, values);
  }

  private async change(partnershipId: string, fn: (s: PartnershipSettings) => PartnershipSettings): Promise<void> {
    await this.save(partnershipId, fn(await this.settings(partnershipId)));
  }

  /**
   * Every day off that nudges and recurring reminders skip: the school holidays (the region
   * with the partnership's changes, or, for `schoolId` an mbo school with its own weeks, that
   * school's weeks) plus the public holidays (with Goede Vrijdag and Bevrijdingsdag when on).
   */
  async holidays(partnershipId: string, schoolId?: string | null): Promise<Holiday[]> {
    return this.daysOff(await this.settings(partnershipId), schoolId);
  }

  /** As holidays(), for settings already read. */
  async daysOff(s: PartnershipSettings, schoolId?: string | null): Promise<Holiday[]> {
    const feestdagen = await publicHolidays(holidayYears(this.clock.now()), s.optional);
    return [...schoolHolidaysOf(s, schoolId), ...feestdagen].sort((a, b) => a.from.localeCompare(b.from));
  }

  /** The school holidays only (region and own changes), without the public holidays. */
  async schoolHolidays(partnershipId: string): Promise<Holiday[]> {
    return holidaysOf(await this.settings(partnershipId));
  }

  setOptional(partnershipId: string, optional: OptionalHoliday[]): Promise<void> {
    return this.change(partnershipId, (s) => ({ ...s, optional: OPTIONAL_HOLIDAYS.filter((o) => optional.includes(o)) }));
  }

  /** Adds an own week of an mbo school (the caller checks that it is one of the partnership's mbo schools). */
  addSchoolHoliday(partnershipId: string, schoolId: string, h: Holiday): Promise<void> {
    return this.change(partnershipId, (s) => ({ ...s, schoolWeeks: { ...s.schoolWeeks, [schoolId]: [...(s.schoolWeeks[schoolId] ?? []).filter((x) => holidayKey(x) !== holidayKey(h)), h].sort((a, b) => a.from.localeCompare(b.from)) } }));
  }

  /** False when that school has no own holiday with that key. */
  async removeSchoolHoliday(partnershipId: string, schoolId: string, key: string): Promise<boolean> {
    const s = await this.settings(partnershipId);
    const list = s.schoolWeeks[schoolId] ?? [];
    if (!list.some((h) => holidayKey(h) === key)) return false;
    await this.save(partnershipId, { ...s, schoolWeeks: { ...s.schoolWeeks, [schoolId]: list.filter((h) => holidayKey(h) !== key) } });
    return true;
  }

  setRegion(partnershipId: string, region: Region | null): Promise<void> {
    // A new region starts from its own shipped list; added days stay.
    return this.change(partnershipId, (s) => ({ ...s, region, removed: [] }));
  }

  addHoliday(partnershipId: string, h: Holiday): Promise<void> {
    return this.change(partnershipId, (s) => ({ ...s, added: [...s.added.filter((x) => holidayKey(x) !== holidayKey(h)), h] }));
  }

  /** False when no holiday with that key applies to this partnership. */
  async removeHoliday(partnershipId: string, key: string): Promise<boolean> {
    const found = holidayViewsOf(await this.settings(partnershipId)).find((v) => v.key === key);
    if (!found) return false;
    await this.change(partnershipId, (s) => (found.own ? { ...s, added: s.added.filter((x) => holidayKey(x) !== key) } : { ...s, removed: [...s.removed, key] }));
    return true;
  }

  setDigest(partnershipId: string, on: boolean): Promise<void> {
    return this.change(partnershipId, (s) => ({ ...s, digest: on }));
  }

  digestPartnerships(): Promise<string[]> {
    return this.rows.withDigest();
  }
}
