import { describe, expect, it } from 'vitest';
import { deadlineNudgeTime, missedSlot, nextOccurrence, nextOutsideHolidays, teacherFriendly, type Holiday } from '../../src/calendar/schedule.js';

const utc = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h, min);
// Christmas holiday 2026-2027 (all regions), as a partnership would enter or confirm it.
const holidays: Holiday[] = [{ name: 'Kerstvakantie', from: '2026-12-19', to: '2027-01-03' }];

describe('reminder schedule (Europe/Amsterdam)', () => {
  it('a weekly reminder fires at 09:00 local on both sides of the October DST change', () => {
    const rule = { kind: 'weekly' as const, start: '2026-10-16', time: '09:00', everyWeeks: 1 };
    // Friday 16 October 2026 is summer time (UTC+2): 07:00 UTC. Friday 30 October is winter time: 08:00 UTC.
    const first = nextOccurrence(rule, utc(2026, 10, 1, 0))!;
    expect(first).toBe(utc(2026, 10, 16, 7));
    const second = nextOccurrence(rule, first)!;
    expect(second).toBe(utc(2026, 10, 23, 7));
    expect(nextOccurrence(rule, second)).toBe(utc(2026, 10, 30, 8));
  });

  it('and across the March change, every two weeks', () => {
    const rule = { kind: 'weekly' as const, start: '2027-03-15', time: '09:00', everyWeeks: 2 };
    // Monday 15 March 2027 (winter, 08:00 UTC), then 29 March 2027 (summer since 28 March, 07:00 UTC).
    expect(nextOccurrence(rule, utc(2027, 3, 1, 0))).toBe(utc(2027, 3, 15, 8));
    expect(nextOccurrence(rule, utc(2027, 3, 15, 8))).toBe(utc(2027, 3, 29, 7));
  });

  it('monthly on a weekday: the first Tuesday and the last Friday', () => {
    expect(nextOccurrence({ kind: 'monthly', start: '2026-11-01', time: '16:00', weekday: 2, nth: 1 }, utc(2026, 11, 24, 0))).toBe(utc(2026, 12, 1, 15));
    expect(nextOccurrence({ kind: 'monthly', start: '2026-11-01', time: '16:00', weekday: 5, nth: -1 }, utc(2026, 11, 24, 0))).toBe(utc(2026, 11, 27, 15));
  });

  it('a one-off reminder fires once', () => {
    const rule = { kind: 'once' as const, date: '2026-12-01', time: '10:30' };
    expect(nextOccurrence(rule, utc(2026, 11, 24, 0))).toBe(utc(2026, 12, 1, 9, 30));
    expect(nextOccurrence(rule, utc(2026, 12, 1, 9, 30))).toBeUndefined();
  });

  it('after downtime only the latest missed slot is sent, not one per interval', () => {
    const rule = { kind: 'weekly' as const, start: '2026-11-02', time: '09:00', everyWeeks: 1 };
    // Down from 2 November 12:00 to 24 November 12:00: slots 9, 16 and 23 November were missed.
    expect(missedSlot(rule, utc(2026, 11, 2, 11), utc(2026, 11, 24, 11))).toBe(utc(2026, 11, 23, 8));
    expect(missedSlot(rule, utc(2026, 11, 23, 8), utc(2026, 11, 24, 11))).toBeUndefined();
  });

  it('moves teacher nudges out of evenings, weekends and holidays to the next working morning', () => {
    // Tuesday 24 November 2026, 20:00 local -> Wednesday 08:00 local (07:00 UTC).
    expect(teacherFriendly(utc(2026, 11, 24, 19), [])).toBe(utc(2026, 11, 25, 7));
    // Saturday 28 November 11:00 -> Monday 30 November 08:00.
    expect(teacherFriendly(utc(2026, 11, 28, 10), [])).toBe(utc(2026, 11, 30, 7));
    // Tuesday 24 November 06:30 -> the same day 08:00.
    expect(teacherFriendly(utc(2026, 11, 24, 5, 30), [])).toBe(utc(2026, 11, 24, 7));
    // Monday 21 December in the Christmas holiday -> Monday 4 January 2027, 08:00.
    expect(teacherFriendly(utc(2026, 12, 21, 9), holidays)).toBe(utc(2027, 1, 4, 7));
    // A working-day afternoon stays as it is.
    expect(teacherFriendly(utc(2026, 11, 24, 13), [])).toBe(utc(2026, 11, 24, 13));
  });

  it('drops a deadline nudge that could only go out after the deadline', () => {
    // Planned Friday 18 December 19:00, deadline Monday 21 December 12:00; the next working morning is 4 January.
    expect(deadlineNudgeTime(utc(2026, 12, 18, 18), utc(2026, 12, 21, 11), holidays)).toBeUndefined();
    // Planned Thursday 19:00 with a Monday deadline: Friday 08:00 is still in time.
    expect(deadlineNudgeTime(utc(2026, 11, 26, 18), utc(2026, 11, 30, 11), [])).toBe(utc(2026, 11, 27, 7));
  });
  it('shows the first slot outside the holidays as the next one', () => {
    const weekly = { kind: 'weekly' as const, start: '2026-12-14', time: '09:00', everyWeeks: 1 };
    // Monday 21 and 28 December are in the Christmas holiday: next is Monday 4 January 2027, 09:00 (08:00 UTC).
    expect(nextOutsideHolidays(weekly, utc(2026, 12, 21, 8), holidays)).toBe(utc(2027, 1, 4, 8));
    expect(nextOutsideHolidays(weekly, utc(2026, 12, 14, 8), holidays)).toBe(utc(2026, 12, 14, 8));
    // A one-off reminder keeps the date it was given.
    expect(nextOutsideHolidays({ kind: 'once', date: '2026-12-22', time: '10:00' }, utc(2026, 12, 22, 9), holidays)).toBe(utc(2026, 12, 22, 9));
  });
});
