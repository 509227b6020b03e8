/**
 * The transition for tabs still running the client from before `Y.Map('commentResolutions')`
 * (left open across a server upgrade, or the service worker's cached client reloaded offline).
 * They resolve a comment by rewriting its value with `resolved` flipped, and never read the map.
 * commentWrites.ts accepts such a write (only `resolved` may differ), and this file has the server
 * finish it right after it is applied, in one write of its own:
 * - a write built on an older value gets the author's newer content back (its resolve stays);
 * - the resolve is recorded in `commentResolutions` as the writer's, since today's clients read
 *   that entry first (`isCommentResolved`) and would otherwise not see it.
 * The server's write is a document update like any other: persisted, then relayed to every client.
 */
import * as Y from 'yjs';
import { WS, isCommentResolved, type CommentResolution } from '../../shared/workspace';

/** Origin of the server's own writes finishing a legacy resolve (never mistaken for a client's update). */
export const LEGACY_RESOLVE_ORIGIN = Symbol('legacy-resolve');

/** What the server writes once an update holding a legacy resolve (or an older value's copy) is applied. */
export interface LegacyResolve {
  key: string;
  /** The writer's items under `key` in the update: nothing is written unless they were applied. */
  items: { client: number; clock: number; length: number }[];
  /** The author's content (text, editedAt, deleted) to give back if one of `items` now holds the key, or null. */
  restore: Record<string, unknown> | null;
  /** The state to record in `commentResolutions` in the writer's name, or null when it does not change. */
  mirror: { resolved: boolean; by: string } | null;
}

/**
 * The resolution a write to comment `key` records, or null. `current` is the comment's value
 * before the update, `end` the value the writer's chain of writes ends in (undefined when the
 * writes are not one chain), `rootedInLive` whether that chain starts at `current`.
 */
export function legacyMirror(doc: Y.Doc, key: string, current: Record<string, unknown>, end: unknown, rootedInLive: boolean, writerId: string): LegacyResolve['mirror'] {
  if (typeof end !== 'object' || end === null || typeof (end as { resolved?: unknown }).resolved !== 'boolean') return null;
  const resolved = (end as { resolved: boolean }).resolved;
  // Did the writer flip `resolved`? On the current value it shows. On an older value the server no
  // longer has, only someone else's write is surely a resolve: the author's own edit made there
  // (today's client) carries that older value's `resolved`, which is no decision of hers.
  const flipped = rootedInLive ? resolved !== current.resolved : current.author !== writerId;
  if (!flipped || resolved === isCommentResolved(doc, key)) return null;
  return { resolved, by: writerId };
}

/** Whether all of `items` are in `doc` (an update a later guard refused was never applied). */
const applied = (doc: Y.Doc, items: LegacyResolve['items']) => items.every((i) => Y.getState(doc.store, i.client) >= i.clock + i.length);

/**
 * Makes the writes `resolves` ask for, as the server. Called from the update's handlers, so Yjs
 * applies them as the next transaction, before any other client's message is read.
 */
export function finishLegacyResolves(doc: Y.Doc, resolves: LegacyResolve[]): void {
  const due = resolves.filter((r) => applied(doc, r.items));
  if (due.length === 0) return;
  const comments = doc.getMap<Record<string, unknown>>(WS.comments);
  const resolutions = doc.getMap<CommentResolution>(WS.commentResolutions);
  doc.transact(() => {
    for (const r of due) {
      if (r.restore && won(comments, r)) comments.set(r.key, { ...comments.get(r.key), ...r.restore });
      // Recorded even when Yjs kept the author's concurrent value over the writer's: the resolve was made.
      if (r.mirror) resolutions.set(r.key, { ...r.mirror, at: new Date().toISOString() });
    }
  }, LEGACY_RESOLVE_ORIGIN);
}

/** Whether the value `r.key` now holds is one the writer's update wrote. */
function won(comments: Y.Map<Record<string, unknown>>, r: LegacyResolve): boolean {
  const top = comments._map.get(r.key);
  const value = comments.get(r.key);
  if (!top || top.deleted || typeof value !== 'object' || value === null) return false;
  return r.items.some((i) => i.client === top.id.client && top.id.clock >= i.clock && top.id.clock < i.clock + i.length);
}
