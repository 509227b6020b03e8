/**
 * What log-out does with the documents a person keeps on this device: every copy is checked
 * (localCopies.ts lists them, confirm.ts asks the server about those changed here), and when none
 * would lose work the documents are closed, so the copies can be deleted.
 */
import * as Y from 'yjs';
import { closeAllDocs, openCopies } from './docs';
import { confirmOnServer, type Confirmation } from './confirm';
import { listCopies, readCopy, type LocalCopy } from './localCopies';

/** What the check found. */
export interface CopiesCheck {
  /** Copies holding nothing the server lacks: safe to delete. */
  safe: string[];
  /** Copies holding (or possibly holding) work the server has not got. */
  unsynced: string[];
  /** Whether some of `unsynced` could not be checked at all (offline, server unreachable). */
  unchecked: boolean;
}

/** A document with nothing in it: no items, no deletions. */
function isEmpty(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

/** Checks one copy: the stored copy and, if open, the live document (it may be ahead of IndexedDB). */
async function checkCopy(userId: string, copy: LocalCopy, live: Uint8Array | undefined): Promise<Confirmation> {
  // Only what came from the server (see localCopies.ts): nothing to lose, no need to ask.
  if (!copy.dirty) return 'synced';
  let local: Uint8Array;
  try {
    const stored = await readCopy(userId, copy.name);
    local = live ? Y.mergeUpdates([stored, live]) : stored;
  } catch {
    return 'unchecked'; // the copy cannot be read, so nothing can be said about it
  }
  if (isEmpty(local)) return 'synced';
  // Offline, the socket would fail anyway; say so at once instead of after a timeout.
  if (!navigator.onLine) return 'unchecked';
  return confirmOnServer(copy.name, local);
}

/** One round: every copy checked, with the open documents' edit counts as they were when read. */
async function checkRound(userId: string): Promise<CopiesCheck & { edits: Map<string, number> }> {
  // The open documents are read first, in this same turn, so that `edits` matches what was checked.
  const open = openCopies(userId);
  const edits = new Map(open.map((c) => [c.name, c.edits]));
  const states = new Map(open.map((c) => [c.name, c.state()]));
  const listed = await listCopies(userId);
  const names = new Set(listed.map((c) => c.name));
  // An open document missing from the list (site data cleared meanwhile) is checked as changed.
  for (const c of open) if (!names.has(c.name)) listed.push({ name: c.name, dirty: true });
  const results = await Promise.all(listed.map((c) => checkCopy(userId, c, states.get(c.name))));
  const check = { safe: [] as string[], unsynced: [] as string[], unchecked: false, edits };
  listed.forEach((c, i) => {
    const r = results[i]!;
    if (r === 'synced') check.safe.push(c.name);
    else check.unsynced.push(c.name);
    if (r === 'unchecked') check.unchecked = true;
  });
  return check;
}

/** Open documents changed (or opened) since `edits` was taken. */
function changedSince(userId: string, edits: Map<string, number>): string[] {
  return openCopies(userId)
    .filter((c) => edits.get(c.name) !== c.edits)
    .map((c) => c.name);
}

/** How often a check is repeated when the person keeps working while it runs. */
const MAX_ROUNDS = 3;

/**
 * Checks every copy `userId` keeps on this device. When none would lose work, every document is
 * closed in the same turn as the final look at their edit counts, so nothing typed meanwhile can
 * slip past the check. When some would, the documents stay open (the person may stay signed in).
 */
export async function checkAndClose(userId: string): Promise<CopiesCheck> {
  for (let round = 1; ; round++) {
    const { edits, ...check } = await checkRound(userId);
    if (check.unsynced.length > 0) return check;
    const changed = changedSince(userId, edits);
    if (changed.length === 0) {
      closeAllDocs();
      return check;
    }
    // Still changing after several rounds: treat those as not confirmed rather than loop for ever.
    if (round >= MAX_ROUNDS) {
      return { safe: check.safe.filter((n) => !changed.includes(n)), unsynced: changed, unchecked: false };
    }
  }
}
