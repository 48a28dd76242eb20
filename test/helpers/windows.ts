/**
 * The most requests in any sliding window of `windowMs`: every window that starts at one of
 * the request times is counted (a busiest window can always be moved to start at a request),
 * half-open, so requests exactly `windowMs` apart are in different windows.
 */
export function busiestWindow(times: number[], windowMs: number): { count: number; startsAt: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, startsAt: Number.NaN };
  for (let i = 0, end = 0; i < sorted.length; i++) {
    while (end < sorted.length && sorted[end]! < sorted[i]! + windowMs) end++;
    if (end - i > best.count) best = { count: end - i, startsAt: sorted[i]! };
  }
  return best;
}
