import { describe, expect, it } from 'vitest';
import { amsterdamToEpoch, formatDateTime, localParts, parseLocalDateTime } from '../../src/time/amsterdam.js';

describe('Europe/Amsterdam time', () => {
  it('converts winter and summer times (UTC+1 and UTC+2)', () => {
    expect(amsterdamToEpoch(2026, 12, 1, 17, 0)).toBe(Date.UTC(2026, 11, 1, 16, 0));
    expect(amsterdamToEpoch(2026, 6, 15, 9, 30)).toBe(Date.UTC(2026, 5, 15, 7, 30));
  });

  it('handles the DST change days of 2026 (29 March and 25 October)', () => {
    // 29 March 2026: 02:00 -> 03:00. 09:00 local is 07:00 UTC.
    expect(amsterdamToEpoch(2026, 3, 29, 9, 0)).toBe(Date.UTC(2026, 2, 29, 7, 0));
    expect(amsterdamToEpoch(2026, 3, 28, 9, 0)).toBe(Date.UTC(2026, 2, 28, 8, 0));
    // 25 October 2026: 03:00 -> 02:00. 09:00 local is 08:00 UTC.
    expect(amsterdamToEpoch(2026, 10, 25, 9, 0)).toBe(Date.UTC(2026, 9, 25, 8, 0));
    // The ambiguous 02:30 on 25 October takes the first (summer time) occurrence.
    expect(amsterdamToEpoch(2026, 10, 25, 2, 30)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // The skipped 02:30 on 29 March becomes 03:30 summer time (01:30 UTC).
    expect(amsterdamToEpoch(2026, 3, 29, 2, 30)).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('parses card input strings and rejects impossible dates', () => {
    expect(parseLocalDateTime('2026-12-01', '17:00')).toBe(Date.UTC(2026, 11, 1, 16, 0));
    expect(parseLocalDateTime('2026-02-30', '17:00')).toBeUndefined();
    expect(parseLocalDateTime('1-12-2026', '17:00')).toBeUndefined();
    expect(parseLocalDateTime('2026-12-01', '25:00')).toBeUndefined();
  });

  it('formats in Dutch and reads weekdays', () => {
    expect(formatDateTime(Date.UTC(2026, 11, 1, 16, 0))).toBe('di 1 december 2026 om 17:00');
    expect(localParts(Date.UTC(2026, 10, 29, 12, 0)).isoWeekday).toBe(7);
  });
});
