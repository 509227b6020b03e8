/** Starts a real Coreview server on port 0 with a fresh SQLite database in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer as start, type RunningServer } from '../../server/server';
import type { Config } from '../../server/config';
import { LoginThrottle } from '../../server/auth/throttle';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Stops the server and deletes its data. */
  close(): Promise<void>;
  /** Stops the server but keeps the data dir (for restart tests). */
  stop(): Promise<void>;
}

/** A real server on 127.0.0.1:0; pass `dataDir` to reopen an existing database. */
export async function startServer(
  overrides: Partial<Omit<Config, 'sync'>> & { sync?: Partial<Config['sync']> } = {},
  options: Parameters<typeof start>[1] = {},
): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'coreview-test-'));
  const server = await start(
    { ...overrides, dataDir, port: 0, host: '127.0.0.1', sync: overrides.sync as Config['sync'] },
    { throttle: new LoginThrottle({ windowMs: 60_000, maxPerEmail: 5, maxPerIp: 1000 }), ...options },
  );
  return {
    ...server,
    dataDir,
    stop: () => server.close(),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
