/** Time source. Injected everywhere so tests can move time by hand. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Elapsed time and waiting, for pacing and retries: a monotonic timer (never jumps when the
 * wall clock is set, or frozen by a test's fake Clock) and a sleep. Real in production; a test
 * can pass one it controls.
 */
export interface Timer {
  /** Milliseconds on a monotonic scale; only differences mean something. */
  elapsed(): number;
  /**
   * The machine's real wall clock, for deadlines several processes compare through the
   * database (the tenant's pacing turns). Never a test's fake Clock: those turns wait real time.
   */
  wallNow(): number;
  sleep(ms: number): Promise<void>;
}

export const systemTimer: Timer = {
  elapsed: () => performance.now(),
  wallNow: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
