import { defineConfig } from 'vitest/config';

// Browser tests against the Agents Playground: one at a time, they share ports 3978/56150.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
