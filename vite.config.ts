import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The client build: client/ → dist/client. Tests use vitest.config.ts (Node, no Solid plugin).
export default defineConfig({
  root: 'client',
  plugins: [solid()],
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022' },
  server: { proxy: { '/api': 'http://localhost:3000', '/sync': { target: 'ws://localhost:3000', ws: true } } },
});
