/**
 * What a client's update would do to the record discussions of a workspace document, worked out
 * BEFORE it is applied, so the guards (discussionGuard: blinding; discussionAuthorGuard:
 * authorship) can refuse it whole.
 *
 * Where each item of the update goes is worked out by server/sync/updateWrites.ts (shared with
 * the synthesis comment guard); this module reads what those writes mean for the discussions.
 */
import * as Y from 'yjs';
import { COMMENTS_MAP, LEGACY_THREADS_MAP } from '../../shared/discussions';
import { idKey, oncePerUpdate, updateWritesOnce, type Place, type Placed } from '../sync/updateWrites';

/** A comment entry the update creates, with every value it writes into each field. */
export interface NewComment {
  layout: 'flat' | 'legacy';
  /** the comment id key (flat) or the thread key the array lives under (legacy) */
  key: string;
  fields: Map<string, unknown[]>;
}

/** The update's effect on discussions; `problems` non-empty means it must be refused. */
export interface DiscussionWrites {
  problems: string[];
  newComments: NewComment[];
  /** legacy thread keys the update starts (sets at the root of `discussions`) */
  startedThreads: string[];
  /** existing comments whose fields are written: their current author and the field */
  edits: { author: unknown; field: string }[];
  /** authors of existing comments the update deletes (wholly or a field of) */
  deletes: { author: unknown }[];
}

const mapOf = (item: Y.Item): Y.Map<unknown> | null => (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? item.content.type : null);
const authorOf = (item: Y.Item) => mapOf(item)?.get('authorId');
const inDiscussions = ({ place }: Placed) => place.root === COMMENTS_MAP || place.root === LEGACY_THREADS_MAP;

/** Works out what `update` would do to the discussions of `doc` (the server's current copy). */
export function discussionWrites(doc: Y.Doc, update: Uint8Array): DiscussionWrites {
  const w = updateWritesOnce(doc, update);
  // Problems anywhere in the update count: what the server keeps pending is integrated unchecked.
  const out: DiscussionWrites = { problems: [...w.problems], newComments: [], startedThreads: [], edits: [], deletes: [] };
  const placed = w.written.filter(inDiscussions);
  // Comments first, then their fields: a field may come before its comment in the update.
  const created = new Map<string, NewComment>();
  const note = (problem: string | null) => problem && out.problems.push(problem);
  for (const { item, place } of placed) note(classifyEntry(doc, item, place, created, out));
  for (const { item, place } of placed) note(classifyField(item, place, created, out));
  out.newComments = [...created.values()];
  for (const d of w.deleted.filter(inDiscussions)) classifyDeleted(d, out);
  return out;
}

/** discussionWrites, worked out once per update and document state (both guards ask for it). */
export const discussionWritesOnce = oncePerUpdate(discussionWrites);

/** Records a new entry of a discussion root (a comment, or an old thread) or a comment in an old thread. */
function classifyEntry(doc: Y.Doc, item: Y.Item, place: Place, created: Map<string, NewComment>, out: DiscussionWrites): string | null {
  const { chain } = place;
  const flat = place.root === COMMENTS_MAP;
  const key = chain[chain.length - 1]!.key;
  const gone = item.content instanceof Y.ContentDeleted;
  if (chain.length === 1) {
    if (key === null) return 'a discussion entry without a key';
    // Writing over a live entry replaces it: someone's comment, or a thread with everyone's in it.
    if (doc.getMap(place.root).has(key)) return `a discussion entry written over an existing one (${key})`;
    if (gone) return null;
    if (flat) {
      if (!mapOf(item)) return 'a discussion comment that is not a map';
      created.set(idKey(item.id), { layout: 'flat', key, fields: new Map() });
      return null;
    }
    if (!(item.content instanceof Y.ContentType && item.content.type instanceof Y.Array)) return 'a discussion thread that is not a list';
    out.startedThreads.push(key);
    return null;
  }
  if (flat || chain.length !== 2) return null; // a field: classifyField
  if (key !== null) return 'a keyed entry in a discussion thread';
  if (gone) return null;
  if (!mapOf(item)) return 'a discussion comment that is not a map';
  created.set(idKey(item.id), { layout: 'legacy', key: chain[0]!.key ?? '', fields: new Map() });
  return null;
}

/** Records a field written into a comment: a new one's values, or an edit of an existing one. */
function classifyField(item: Y.Item, place: Place, created: Map<string, NewComment>, out: DiscussionWrites): string | null {
  const { chain } = place;
  const flat = place.root === COMMENTS_MAP;
  const depth = chain.length - 1;
  if (depth < (flat ? 1 : 2)) return null; // an entry: classifyEntry
  const key = chain[depth]!.key;
  // Plain values only, nothing nested below a comment's fields.
  if (depth !== (flat ? 1 : 2) || key === null) return 'a nested value inside a discussion comment';
  const gone = item.content instanceof Y.ContentDeleted;
  if (!(item.content instanceof Y.ContentAny) && !gone) return `a discussion comment field that is not a plain value (${key})`;
  const comment = chain[depth - 1]!.ref;
  if (comment.at === 'doc') {
    out.edits.push({ author: authorOf(comment.item), field: key });
    return null;
  }
  const fresh = created.get(idKey(comment.item.id));
  if (!fresh) return null; // its comment is refused or deleted in this very update
  const values = fresh.fields.get(key) ?? [];
  if (!gone) values.push(...(item.content as Y.ContentAny).arr);
  fresh.fields.set(key, values);
  return null;
}

/** Records the deletion of an existing item of a discussion comment or thread. */
function classifyDeleted({ item, place }: Placed, out: DiscussionWrites): void {
  const { chain } = place;
  if (place.root === COMMENTS_MAP || chain.length > 1) {
    // The comment the item belongs to (or is): its author decides.
    const comment = chain[place.root === COMMENTS_MAP ? 0 : 1]!.ref.item;
    out.deletes.push({ author: authorOf(comment) });
    return;
  }
  // A whole old thread: every comment in it counts.
  const thread = item.content instanceof Y.ContentType ? item.content.type : null;
  if (thread instanceof Y.Array) for (const entry of thread.toArray()) out.deletes.push({ author: entry instanceof Y.Map ? entry.get('authorId') : undefined });
}
