import { defineConfig } from 'vitest/config';

// Browser tests against the Agents Playground. Each file starts its own bot and Playground on
// ports the OS picks (test/e2e/playground.ts), so nothing is shared; files still run one at a
// time because a bot, a Playground and Chromium per file are too heavy side by side on 2 cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
