/**
 * The documents a person keeps on this device: y-indexeddb databases named
 * `coreview:<userId>:<docName>`, holding decisions, votes and workspace text. Log-out must find
 * all of them, open or not, and delete them: on a shared or borrowed computer the next person
 * could otherwise read them.
 *
 * A small registry in localStorage (one key per person) lists them, with one bit each: whether
 * this device ever changed that document ("dirty"). A clean copy holds only what came from the
 * server, so it can be deleted without asking the server anything (even offline); a dirty one
 * must first be confirmed on the server (confirm.ts). indexedDB.databases() is read too, where
 * the browser has it: it also finds copies made before the registry existed or while storage was
 * blocked, and those count as dirty, since nothing is known about them.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';

const REGISTRY_PREFIX = 'coreview.localCopies:';
/** Reading or deleting a database normally takes milliseconds; log-out must never hang on one. */
const IDB_TIMEOUT_MS = 5000;

/** The y-indexeddb database name of `userId`'s copy of `name`. */
export const copyDbName = (userId: string, name: string): string => `coreview:${userId}:${name}`;

/** Document name → 1 when this device changed it, 0 when it only holds what the server sent. */
type Registry = Record<string, 0 | 1>;

// When localStorage is blocked (private mode, policy) the registry lives in this page only.
const memory = new Map<string, Registry>();

function readRegistry(userId: string): Registry {
  try {
    const raw = localStorage.getItem(REGISTRY_PREFIX + userId);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Registry) : {};
  } catch {
    return { ...memory.get(userId) };
  }
}

function writeRegistry(userId: string, registry: Registry): void {
  memory.set(userId, registry);
  try {
    if (Object.keys(registry).length > 0) localStorage.setItem(REGISTRY_PREFIX + userId, JSON.stringify(registry));
    else localStorage.removeItem(REGISTRY_PREFIX + userId);
  } catch {
    // Blocked: the copy in memory above is all we can keep.
  }
}

/** Records that `userId` keeps a copy of `name` on this device (called when it is opened). */
export function noteCopy(userId: string, name: string): void {
  const registry = readRegistry(userId);
  if (name in registry) return;
  registry[name] = 0;
  writeRegistry(userId, registry);
}

/**
 * Records that this device changed `name`. Called before y-indexeddb stores the change (it writes
 * asynchronously), so a copy holding a local change is never listed as clean.
 */
export function markDirty(userId: string, name: string): void {
  const registry = readRegistry(userId);
  if (registry[name] === 1) return;
  registry[name] = 1;
  writeRegistry(userId, registry);
}

/** One copy `userId` keeps on this device. */
export interface LocalCopy {
  name: string;
  /** May hold changes made here: the server must confirm it has them before the copy goes. */
  dirty: boolean;
}

/** Every copy `userId` keeps on this device: the registry, plus any other database in their name. */
export async function listCopies(userId: string): Promise<LocalCopy[]> {
  const copies = new Map(Object.entries(readRegistry(userId)).map(([name, bit]) => [name, bit !== 0]));
  const prefix = copyDbName(userId, '');
  try {
    // Not in every browser (older Firefox); the registry alone then has to do.
    const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : [];
    for (const db of dbs) {
      const name = db.name?.startsWith(prefix) ? db.name.slice(prefix.length) : '';
      if (name && !copies.has(name)) copies.set(name, true);
    }
  } catch {
    // IndexedDB unavailable: nothing can have been stored in it either.
  }
  return [...copies].map(([name, dirty]) => ({ name, dirty }));
}

/** Rejects after `ms`, so a blocked database cannot hold up a log-out. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer')), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** The stored copy as one update (empty document when there is none). Throws if it cannot be read. */
export async function readCopy(userId: string, name: string): Promise<Uint8Array> {
  const doc = new Y.Doc();
  // Read through y-indexeddb itself rather than its store layout; the page's own persistence of
  // the same document may be open at the same time, which IndexedDB allows.
  const persistence = new IndexeddbPersistence(copyDbName(userId, name), doc);
  try {
    await within(persistence.whenSynced, IDB_TIMEOUT_MS);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    await persistence.destroy().catch(() => {});
    doc.destroy();
  }
}

/**
 * Deletes the copies `names` and forgets them in the registry. Close the documents first
 * (closeAllDocs): an open connection delays the deletion until it closes. Never throws.
 */
export async function deleteCopies(userId: string, names: readonly string[]): Promise<void> {
  const deleted = await Promise.all(
    names.map((name) =>
      within(clearDocument(copyDbName(userId, name)), IDB_TIMEOUT_MS).then(
        () => name,
        () => null, // still there: it stays listed, so the next log-out tries again
      ),
    ),
  );
  const registry = readRegistry(userId);
  for (const name of deleted) if (name !== null) delete registry[name];
  writeRegistry(userId, registry);
}
