import { describe, expect, it } from 'vitest';
import { holidayFiles, REGIONS, shippedHolidays } from '../../src/calendar/holidays/index.js';
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

  it('move a teacher nudge planned in the Christmas holiday to Monday 4 January 2027, 08:00', () => {
    // Tuesday 22 December 2026, 10:00 in Amsterdam (09:00 UTC).
    expect(new Date(teacherFriendly(Date.UTC(2026, 11, 22, 9, 0), shippedHolidays('zuid'))).toISOString()).toBe('2027-01-04T07:00:00.000Z');
  });
});
