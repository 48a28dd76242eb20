import { describe, expect, it } from 'vitest';
import { holidayFiles, minusMonths, REGIONS, shippedDataRunningOut, shippedHolidays, shippedUntil } from '../../src/calendar/holidays/index.js';
import { teacherFriendly } from '../../src/calendar/schedule.js';

describe('shipped school holidays', () => {
  it('hold school year 2026-2027 with the five holidays per region, inside the school year', () => {
    expect(holidayFiles().map((f) => f.schoolYear)).toContain('2026-2027');
    for (const region of REGIONS) {
      const list = shippedHolidays(region).filter((h) => h.from >= '2026-08-01' && h.to <= '2027-09-30');
      expect(list.map((h) => h.name)).toEqual(['Herfstvakantie', 'Kerstvakantie', 'Voorjaarsvakantie', 'Meivakantie', 'Zomervakantie']);
      // Every holiday runs Saturday to Sunday.
      for (const h of list) {
        expect(new Date(`${h.from}T12:00:00Z`).getUTCDay()).toBe(6);
        expect(new Date(`${h.to}T12:00:00Z`).getUTCDay()).toBe(0);
      }
    }
  });

  it('hold school year 2027-2028 as published by the Rijksoverheid, each marked fixed or advice', () => {
    expect(holidayFiles().map((f) => f.schoolYear)).toEqual(['2026-2027', '2027-2028']);
    const year = (region: (typeof REGIONS)[number]) => shippedHolidays(region).filter((h) => h.from >= '2027-08-01' && h.to <= '2028-09-30').map((h) => `${h.name} ${h.from} ${h.to} ${h.kind}`);
    expect(year('noord')).toEqual([
      'Herfstvakantie 2027-10-16 2027-10-24 advies',
      'Kerstvakantie 2027-12-25 2028-01-09 vastgesteld',
      'Voorjaarsvakantie 2028-02-19 2028-02-27 advies',
      'Meivakantie 2028-04-29 2028-05-07 vastgesteld',
      'Zomervakantie 2028-07-15 2028-08-27 vastgesteld',
    ]);
    expect(year('midden')).toEqual([
      'Herfstvakantie 2027-10-16 2027-10-24 advies',
      'Kerstvakantie 2027-12-25 2028-01-09 vastgesteld',
      'Voorjaarsvakantie 2028-02-26 2028-03-05 advies',
      'Meivakantie 2028-04-29 2028-05-07 vastgesteld',
      'Zomervakantie 2028-07-08 2028-08-20 vastgesteld',
    ]);
    expect(year('zuid')).toEqual([
      'Herfstvakantie 2027-10-23 2027-10-31 advies',
      'Kerstvakantie 2027-12-25 2028-01-09 vastgesteld',
      'Voorjaarsvakantie 2028-02-26 2028-03-05 advies',
      'Meivakantie 2028-04-29 2028-05-07 vastgesteld',
      'Zomervakantie 2028-07-22 2028-09-03 vastgesteld',
    ]);
    // Every shipped holiday of every year: herfst and voorjaar are advice dates, the rest fixed.
    for (const region of REGIONS) for (const h of shippedHolidays(region)) expect(h.kind).toBe(['Herfstvakantie', 'Voorjaarsvakantie'].includes(h.name) ? 'advies' : 'vastgesteld');
    for (const f of holidayFiles()) expect(f.source).toContain('rijksoverheid.nl');
  });

  it('end with the last summer holiday; the warning starts three months before', () => {
    expect([shippedUntil('noord'), shippedUntil('midden'), shippedUntil('zuid')]).toEqual(['2028-08-27', '2028-08-20', '2028-09-03']);
    expect(minusMonths('2028-08-27', 3)).toBe('2028-05-27');
    expect(minusMonths('2028-05-31', 3)).toBe('2028-02-29');
    expect(minusMonths('2028-02-15', 3)).toBe('2027-11-15');
    expect(shippedDataRunningOut('noord', '2028-05-26')).toBeUndefined();
    expect(shippedDataRunningOut('noord', '2028-05-27')).toBe('2028-08-27');
    expect(shippedDataRunningOut('zuid', '2028-06-02')).toBeUndefined();
    expect(shippedDataRunningOut('zuid', '2028-06-03')).toBe('2028-09-03');
    // The dates CI runs at (2027-01-05, 2027-04-20) are far from the end.
    for (const region of REGIONS) for (const today of ['2027-01-05', '2027-04-20']) expect(shippedDataRunningOut(region, today)).toBeUndefined();
  });

  it('move a teacher nudge planned in the Christmas holiday to Monday 4 January 2027, 08:00', () => {
    // Tuesday 22 December 2026, 10:00 in Amsterdam (09:00 UTC).
    expect(new Date(teacherFriendly(Date.UTC(2026, 11, 22, 9, 0), shippedHolidays('zuid'))).toISOString()).toBe('2027-01-04T07:00:00.000Z');
  });
});
