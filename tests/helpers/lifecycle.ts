/** Test lifecycles: a real server per test (or per file) and the sync clients a test opened, closed after it. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import * as Y from 'yjs';
import { DocStore } from '../../server/sync/store';
import type { Client } from './http';
import { startServer, type TestServer } from './server';
import { connectDoc, synced, type SyncClient } from './sync';

export interface ServerEnv {
  /** the running server (reassign after a restart) */
  server: TestServer;
  /** Remembers a sync client so it is destroyed after the test; returns it. */
  track(c: SyncClient): SyncClient;
}

/** A fresh server (temp SQLite) for each test, or for the whole file with `perFile`. */
export function useTestServer(overrides: Parameters<typeof startServer>[0] = {}, opts: { perFile?: boolean } = {}): ServerEnv {
  const open: SyncClient[] = [];
  const env: ServerEnv = {
    server: undefined as unknown as TestServer,
    track: (c) => (open.push(c), c),
  };
  const [before, after] = opts.perFile ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    env.server = await startServer(overrides);
  });
  after(async () => {
    for (const c of open.splice(0)) c.destroy();
    await env.server?.close();
  });
  return env;
}

/** One document seen three ways: synced as a person (closed after the test), as SQLite stores it (what a restart would load), and the server's live copy. */
export function docViews(env: ServerEnv, name: string) {
  return {
    open: async (who: Client): Promise<SyncClient> => {
      const c = env.track(await connectDoc(who, name));
      await synced(c);
      return c;
    },
    stored: (): Y.Doc => {
      const d = new Y.Doc();
      new DocStore(env.server.db).loadInto(name, d);
      return d;
    },
    live: (): Y.Doc => env.server.hub.registry.peek(name)!,
  };
}
