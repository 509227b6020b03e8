import { defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';

// One config for the client build (root: client/) and for vitest (root of the repo).
export default defineConfig({
  root: 'client',
  plugins: [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:3000', '/sync': { target: 'ws://localhost:3000', ws: true } } },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
