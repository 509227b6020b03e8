/**
 * What a client's update would do to `Y.Map('commentResolutions')` of a workspace document (who
 * resolved or reopened which synthesis comment, shared/workspace/comments.ts), judged BEFORE it is
 * applied, for the comment guard (authorGuard.ts).
 *
 * Any member who may edit the workspace resolves any comment (observers' writes never get this
 * far: the sync server drops them). So an entry may be written over by anyone, even on an older
 * entry (resolved offline: last writer wins, nothing of anyone's words is at stake), but it must be
 * `{resolved, by, at}` signed by its writer, under the id of a comment, and never be removed.
 */
import * as Y from 'yjs';
import { WS } from '../../shared/workspace';
import type { UpdateWrites } from '../sync/updateWrites';
import { baseOf, chainTail, checkCommentWrites, isObj, keyedWrites, type CommentVerdict, type CommentWriter } from './commentWrites';

const FIELDS = ['at', 'by', 'resolved'];

/** Why `v` may not be the resolution `userId` writes under `key`, or null. */
function refuseValue(key: string, v: unknown, userId: string): string | null {
  if (!isObj(v)) return `a comment resolution that is not an object (${key})`;
  if (Object.keys(v).sort().join() !== FIELDS.join()) return `a comment resolution with other fields than resolved, by and at (${key})`;
  if (typeof v.resolved !== 'boolean') return `a comment resolution that is neither resolved nor open (${key})`;
  if (v.by !== userId) return `a comment resolved in someone else's name (${key})`;
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return `a comment resolution without a valid time (${key})`;
  return null;
}

/** Why the update `w` may not be applied to the comment resolutions of `doc` (the server's current copy) by `userId`, or null. */
export function checkResolutionWrites(doc: Y.Doc, w: UpdateWrites, userId: string): string | null {
  if (w.problems.length > 0) return w.problems[0]!;
  const writes = keyedWrites(w, WS.commentResolutions, { whole: 'comment resolution', one: 'comment resolution' });
  if (typeof writes === 'string') return writes;
  const { written, deleted } = writes;
  const posted = new Set<string>();
  for (const { place } of w.written) {
    const key = place.chain[0]!.key;
    if (place.root === WS.comments && key !== null) posted.add(key);
  }
  const comments = doc.getMap(WS.comments)._map;
  const map = doc.getMap(WS.commentResolutions);
  for (const key of new Set([...written.keys(), ...deleted])) {
    const items = written.get(key) ?? [];
    // A comment the document has held (its author may have removed it meanwhile: a resolve made at
    // the same time must still go through), or one this update posts.
    if (!comments.has(key) && !posted.has(key)) return `a resolution of a comment that does not exist (${key.slice(0, 64)})`;
    const top = map._map.get(key);
    const live = top && !top.deleted ? top : null;
    let rootedInLive = false;
    for (const item of items) {
      const where = baseOf(w, item, live);
      if (!where) return `a comment resolution built on something the server cannot find (${key})`;
      // Built on no entry although there is one is fine, unlike for comments: two people resolving
      // a comment at once, each the first; Yjs keeps one of the two.
      rootedInLive ||= where.root === 'live';
      if (!(item.content instanceof Y.ContentAny)) continue; // collected before sending: deleted on arrival
      for (const value of item.content.arr) {
        const why = refuseValue(key, value, userId);
        if (why) return why;
      }
    }
    // An entry keeps a value: one chain of writes ending in a kept value, and the current value is
    // removed only by writing over it (a write on an older entry never saw it, so cannot delete it).
    if (!chainTail(w, items) || (deleted.has(key) && !rootedInLive)) return `a deletion of a comment resolution (${key})`;
  }
  return null;
}

/** The verdict on an update's synthesis comment writes: the comments first, then their resolutions. */
export function judgeCommentUpdate(doc: Y.Doc, w: UpdateWrites, writer: CommentWriter): CommentVerdict {
  const verdict = checkCommentWrites(doc, w, writer);
  return { ...verdict, refusal: verdict.refusal ?? checkResolutionWrites(doc, w, writer.userId) };
}
