import { defineConfig } from 'vitest/config';

// Tests run in Node against real servers; the client is exercised only through its built bundle in Chromium.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
