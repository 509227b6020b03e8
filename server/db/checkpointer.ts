/**
 * Runs SQLite's WAL checkpoints on a worker thread with its own connection. By default the
 * connection that commits a write also copies the WAL back into the database file as soon as the
 * WAL passes 1,000 pages, and better-sqlite3 is synchronous, so the server's thread waits: about
 * 0.6 s after a 100,000-record import, a few ms now and then during screening. A PASSIVE checkpoint
 * from another connection never blocks writers or readers, so the server only appends to the WAL.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { DB } from './database';

// Plain CommonJS run with `eval`: the worker needs no TypeScript loader to start.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // busy or locked: the next tick tries again
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  process.exit(0);
});
`;

/** A running checkpointer; stop it before closing the server's own connection. */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** Turns off checkpoints on `db` (the server's connection to `file`) and runs them every `everyMs` on a worker thread. */
export function startCheckpointer(db: DB, file: string, everyMs = 1000): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, everyMs, sqlite } });
  worker.unref();
  // should the worker fail, the server's connection checkpoints again as SQLite does by default
  worker.on('error', (e) => {
    console.error(`WAL checkpointer stopped: ${e.message}; checkpoints run on the server thread again`);
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.ref(); // an unref'd worker's exit would not keep the event loop alive to be awaited
      worker.postMessage('stop');
      await exited;
    },
  };
}
