import type { Clock } from '../clock.js';
import type { Store } from '../store/db.js';
import type { Holiday } from './schedule.js';
import { SettingsRepo } from './repo.js';
import { holidayKey, holidaySchema, shippedHolidays, type Region } from './holidays/index.js';

export interface HolidayView extends Holiday {
  key: string;
  /** Added by the partnership itself, not shipped. */
  own: boolean;
}

export interface PartnershipSettings {
  region: Region | null;
  removed: string[];
  added: Holiday[];
  digest: boolean;
}

const EMPTY: PartnershipSettings = { region: null, removed: [], added: [], digest: false };

/** The holidays that apply: the region's shipped ones minus those removed, plus those added. */
export function holidayViewsOf(s: PartnershipSettings): HolidayView[] {
  const shipped = s.region ? shippedHolidays(s.region).filter((h) => !s.removed.includes(holidayKey(h))) : [];
  return [...shipped.map((h) => ({ ...h, key: holidayKey(h), own: false })), ...s.added.map((h) => ({ ...h, key: holidayKey(h), own: true }))].sort((a, b) => a.from.localeCompare(b.from));
}

export function holidaysOf(s: PartnershipSettings): Holiday[] {
  return holidayViewsOf(s).map(({ name, from, to }) => ({ name, from, to }));
}

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
      added: (JSON.parse(row.holidays_added) as unknown[]).flatMap((h) => {
        const parsed = holidaySchema.safeParse(h);
        return parsed.success ? [parsed.data] : [];
      }),
      digest: row.digest === 1,
    };
  }

  private async save(partnershipId: string, s: PartnershipSettings): Promise<void> {
    const values = { holiday_region: s.region, holidays_removed: JSON.stringify(s.removed), holidays_added: JSON.stringify(s.added), digest: s.digest ? 1 : 0, updated_at: this.clock.now() };
    await this.rows.put(partnershipId, values);
  }

  private async change(partnershipId: string, fn: (s: PartnershipSettings) => PartnershipSettings): Promise<void> {
    await this.save(partnershipId, fn(await this.settings(partnershipId)));
  }

  async holidays(partnershipId: string): Promise<Holiday[]> {
    return holidaysOf(await this.settings(partnershipId));
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
