import { describe, expect, it } from 'vitest';
import { publicHolidays } from '../../src/calendar/publicHolidays.js';
import { teacherFriendly } from '../../src/calendar/schedule.js';

const dates = (list: Array<{ from: string }>) => list.map((h) => h.from);

describe('public holidays from date-holidays (src/calendar/publicHolidays.ts)', () => {
  it('2027: tweede paasdag 29 March, Koningsdag 27 April, Hemelvaart 6 May, tweede pinksterdag 17 May, Christmas 25 and 26 December', async () => {
    const list = await publicHolidays([2027]);
    const byName = Object.fromEntries(list.map((h) => [h.name, h.from]));
    expect(byName['Tweede paasdag']).toBe('2027-03-29');
    expect(byName['Koningsdag']).toBe('2027-04-27');
    expect(byName['Hemelvaartsdag']).toBe('2027-05-06');
    expect(byName['Tweede pinksterdag']).toBe('2027-05-17');
    expect(byName['Kerstmis']).toBe('2027-12-25');
    expect(byName['Tweede kerstdag']).toBe('2027-12-26');
    // Only the public ones: New Year, Easter and Whit Sunday too, nothing else.
    expect(dates(list)).toEqual(['2027-01-01', '2027-03-28', '2027-03-29', '2027-04-27', '2027-05-06', '2027-05-16', '2027-05-17', '2027-12-25', '2027-12-26']);
    for (const h of list) expect(h.to).toBe(h.from);
  });

  it('never lists observances: 4 mei, Prinsjesdag, Moederdag, Sinterklaas, oudejaarsavond', async () => {
    const list = await publicHolidays([2027, 2028], ['goedeVrijdag', 'bevrijdingsdag']);
    for (const day of ['2027-05-04', '2028-05-04', '2027-09-21', '2028-09-19', '2027-05-09', '2027-12-05', '2027-12-31', '2027-12-15']) expect(dates(list)).not.toContain(day);
    expect(list.map((h) => h.name)).not.toContain('Nationale Dodenherdenking');
    expect(list.map((h) => h.name)).not.toContain('Prinsjesdag');
  });

  it('Goede Vrijdag (26 March 2027) and Bevrijdingsdag (5 May) only when switched on', async () => {
    expect(dates(await publicHolidays([2027]))).not.toContain('2027-03-26');
    expect(dates(await publicHolidays([2027]))).not.toContain('2027-05-05');
    expect(dates(await publicHolidays([2027], ['goedeVrijdag']))).toContain('2027-03-26');
    expect(dates(await publicHolidays([2027], ['goedeVrijdag']))).not.toContain('2027-05-05');
    const both = await publicHolidays([2027], ['goedeVrijdag', 'bevrijdingsdag']);
    expect(both.filter((h) => h.from === '2027-03-26' || h.from === '2027-05-05')).toEqual([
      { name: 'Goede Vrijdag', from: '2027-03-26', to: '2027-03-26' },
      { name: 'Bevrijdingsdag', from: '2027-05-05', to: '2027-05-05' },
    ]);
  });

  it('Koningsdag moves to Saturday 26 April when 27 April is a Sunday (2025), and stays on the 27th otherwise (2028)', async () => {
    // 27 April 2025 is a Sunday (checked by hand: 1 January 2025 was a Wednesday, 27 April is day 117).
    expect(new Date(Date.UTC(2025, 3, 27)).getUTCDay()).toBe(0);
    const koningsdag = async (year: number) => (await publicHolidays([year])).find((h) => h.name === 'Koningsdag')?.from;
    expect(await koningsdag(2025)).toBe('2025-04-26');
    expect(await koningsdag(2028)).toBe('2028-04-27');
  });

  it('a teacher nudge planned on Koningsdag 2028 (a Thursday) goes out on Friday 28 April at 08:00', async () => {
    // Thursday 27 April 2028, 10:00 in Amsterdam (CEST: 08:00 UTC).
    expect(new Date(teacherFriendly(Date.UTC(2028, 3, 27, 8, 0), await publicHolidays([2028]))).toISOString()).toBe('2028-04-28T06:00:00.000Z');
  });
});
