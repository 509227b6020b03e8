/** Runtime configuration from the environment, with the defaults DESIGN section 6 names. */
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Folder of the built client (vite build output), served with SPA fallback. */
  clientDir: string;
  migrationsDir: string;
  /** Extra origins allowed on state-changing requests besides the server's own (e.g. a Vite dev server). */
  allowedOrigins: string[];
  /** Sync tuning; tests shorten these. */
  sync: {
    maxPayload: number;
    idleUnloadMs: number;
    pingIntervalMs: number;
    compactAfterUpdates: number;
    messagesPerSecond: number;
    maxBufferedBytes: number;
    /** How often open sockets are checked against their sessions' stored expiry (closed with 4401 once past). */
    sessionCheckMs: number;
  };
  /** Uploads larger than this are refused with 413. */
  maxUploadBytes: number;
}

const root = resolve(import.meta.dirname, '..');

/** Builds the configuration; `overrides` win over the environment (tests use them). */
export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const base: Config = {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    clientDir: join(root, 'dist', 'client'),
    migrationsDir: join(root, 'migrations'),
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    sync: {
      maxPayload: 2 * 1024 * 1024,
      idleUnloadMs: 30_000,
      pingIntervalMs: 30_000,
      compactAfterUpdates: 200,
      messagesPerSecond: 200,
      maxBufferedBytes: 16 * 1024 * 1024,
      // A socket may outlive its session by at most this long; one indexed query per sweep.
      sessionCheckMs: 60_000,
    },
    maxUploadBytes: uploadLimit(env.MAX_UPLOAD_MB) * 1024 * 1024,
  };
  return { ...base, ...overrides, sync: { ...base.sync, ...overrides.sync } };
}

/**
 * The upload limit in MB: 200 unless MAX_UPLOAD_MB says otherwise. Single exports from the search
 * databases stay well under it (PubMed, Scopus and WoS cap records per file); a whole EndNote
 * library of 100,000 records with long author lists can pass it (the import benchmark's file is 258 MB).
 */
function uploadLimit(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 200;
  const mb = Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 4096) throw new Error(`MAX_UPLOAD_MB must be a whole number of megabytes from 1 to 4096, not "${raw}".`);
  return mb;
}
