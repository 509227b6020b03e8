/** Starts Coreview: database and migrations, the HTTP app and the WebSocket sync server on one port. */
import { createAdaptorServer } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { loadConfig, type Config } from './config';
import { openDatabase, type DB } from './db/database';
import { startCheckpointer } from './db/checkpointer';
import { runMigrations } from './db/migrate';
import { createApp } from './app';
import { SyncHub } from './sync/hub';
import { LoginThrottle } from './auth/throttle';
import { purgeExpired } from './auth/sessions';
import type { Deps } from './context';
import type { SyncExtension } from './sync/documents';
import { BoardService } from './screening/board';
import { scheduleIndexing } from './records/fts';
import { screeningProjection } from './screening/projection';
import { discussionGuard } from './conflicts/discussionGuard';
import { discussionAuthorGuard } from './conflicts/discussionAuthorGuard';
import { commentAuthorGuard } from './themes/authorGuard';
import { themesExtension } from './themes/projection';

export interface RunningServer {
  url: string;
  port: number;
  config: Config;
  db: DB;
  hub: SyncHub;
  deps: Deps;
  close(): Promise<void>;
}

/** Opens the database, applies migrations, and listens; resolves once the server accepts work. */
export async function startServer(
  overrides: Partial<Config> = {},
  options: { extensions?: (deps: Deps) => SyncExtension[]; throttle?: LoginThrottle } = {},
): Promise<RunningServer> {
  const config = loadConfig(overrides);
  const dbFile = join(config.dataDir, 'coreview.sqlite');
  const db = openDatabase(dbFile);
  runMigrations(db, config.migrationsDir);
  const checkpointer = startCheckpointer(db, dbFile);
  rmSync(join(config.dataDir, 'tmp'), { recursive: true, force: true }); // an upload spooled by an import a restart interrupted
  scheduleIndexing(db); // records imported just before a restart may not be in the search index yet
  // Services and sync extensions reach each other through deps; the hub and board fill it in below.
  const deps = { db, config, throttle: options.throttle ?? new LoginThrottle() } as Deps;
  const board = new BoardService(deps);
  const hub = new SyncHub(db, config.sync, [screeningProjection(deps), board.extension(), discussionGuard(deps, () => hub.registry), discussionAuthorGuard(deps, () => hub.registry), commentAuthorGuard(deps, () => hub.registry), themesExtension(deps), ...(options.extensions?.(deps) ?? [])]);
  deps.sync = hub;
  deps.board = board;
  const app = createApp(deps, hub);
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.sync.maxPayload });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } }) as Server;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    hub.close();
    await checkpointer.stop();
    db.close();
    throw e;
  }
  const purge = setInterval(() => purgeExpired(db), 60 * 60 * 1000);
  purge.unref();
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    config,
    db,
    hub,
    deps,
    async close() {
      clearInterval(purge);
      hub.close();
      for (const ws of wss.clients) ws.terminate();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await checkpointer.stop();
      db.close();
    },
  };
}
