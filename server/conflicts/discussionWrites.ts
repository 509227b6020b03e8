/**
 * What a client's update would do to the record discussions of a workspace document, worked out
 * BEFORE it is applied, so the guards (discussionGuard: blinding; discussionAuthorGuard:
 * authorship) can refuse it whole.
 *
 * A decoded update does not always say where an item goes: an item written next to an existing
 * one (a map key overwritten, an array insert) names only its neighbour, and a nested item names
 * its parent by id. So each new item is placed by following those references into the update
 * itself or into the server's copy of the document. An update that cannot be placed — it depends
 * on something the server does not have, so Yjs would keep it pending and integrate it later,
 * unchecked — is reported as a problem; the app's own client never sends one (it sends in order
 * and re-sends everything the server lacks on reconnect).
 */
import * as Y from 'yjs';
import { COMMENTS_MAP, LEGACY_THREADS_MAP } from '../../shared/discussions';

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

type Ref = { at: 'doc'; item: Y.Item } | { at: 'new'; item: Y.Item };
/** Where an item sits: root type name, then the chain of items from the root down to it, with keys. */
interface Place {
  root: string;
  chain: { ref: Ref; key: string | null }[];
}
const DROPPED = 'dropped'; // Yjs discards it (its parent or neighbour was garbage-collected)
const UNKNOWN = 'unknown'; // depends on something the server does not have

const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;
const mapOf = (item: Y.Item): Y.Map<unknown> | null => (item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? item.content.type : null);
const authorOf = (item: Y.Item) => mapOf(item)?.get('authorId');

/** Places items of `update` against `doc`, memoised per item. */
class Placer {
  /** the update's structs the document lacks, per client in clock order */
  private readonly fresh = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly reaches = new Map<number, number>();
  private readonly memo = new Map<Y.Item, Place | typeof DROPPED | typeof UNKNOWN>();

  constructor(
    private readonly doc: Y.Doc,
    structs: (Y.Item | Y.GC | Y.Skip)[],
  ) {
    for (const s of structs) {
      if (s instanceof Y.Skip || !this.isNew(s)) continue;
      const list = this.fresh.get(s.id.client) ?? [];
      list.push(s);
      this.fresh.set(s.id.client, list);
    }
  }

  /** Whether (part of) the struct is not yet in the document. */
  isNew(s: { id: Y.ID; length: number }): boolean {
    return s.id.clock + s.length > Y.getState(this.doc.store, s.id.client);
  }

  /** The clock up to which the document plus the update hold a client's structs without a gap. */
  reach(client: number): number {
    let end = this.reaches.get(client);
    if (end === undefined) {
      end = Y.getState(this.doc.store, client);
      for (const s of this.fresh.get(client) ?? []) if (s.id.clock <= end) end = Math.max(end, s.id.clock + s.length);
      this.reaches.set(client, end);
    }
    return end;
  }

  /** The struct holding `id`, in the document or in the update. */
  lookup(id: Y.ID): Ref | typeof DROPPED | typeof UNKNOWN {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const s = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      return s instanceof Y.Item ? { at: 'doc', item: s } : DROPPED;
    }
    const list = this.fresh.get(id.client) ?? [];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid]!;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s instanceof Y.Item ? { at: 'new', item: s } : DROPPED;
    }
    return UNKNOWN;
  }

  /** Where an item of the document or the update sits. */
  place(ref: Ref): Place | typeof DROPPED | typeof UNKNOWN {
    // Document and update items are distinct objects, so the item itself is the key.
    let p = this.memo.get(ref.item);
    if (p === undefined) this.memo.set(ref.item, (p = ref.at === 'doc' ? this.placeDoc(ref.item) : this.placeNew(ref.item)));
    return p;
  }

  private placeDoc(item: Y.Item): Place | typeof DROPPED {
    const chain: Place['chain'] = [];
    let cur: Y.Item | null = item;
    let type: Y.AbstractType<unknown> | null = null;
    while (cur) {
      chain.unshift({ ref: { at: 'doc', item: cur }, key: cur.parentSub });
      type = cur.parent as Y.AbstractType<unknown> | null;
      if (!type) return DROPPED;
      cur = type._item;
    }
    return { root: Y.findRootTypeKey(type!), chain };
  }

  private placeNew(item: Y.Item): Place | typeof DROPPED | typeof UNKNOWN {
    const self = (key: string | null) => ({ ref: { at: 'new', item } as Ref, key });
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return { root: parent, chain: [self(item.parentSub)] };
    if (parent instanceof Y.ID) {
      const p = this.lookup(parent);
      if (typeof p === 'string') return p;
      if (!(p.item.content instanceof Y.ContentType)) return DROPPED;
      const up = this.place(p);
      return typeof up === 'string' ? up : { root: up.root, chain: [...up.chain, self(item.parentSub)] };
    }
    // Written beside a neighbour: same parent and key as the neighbour (as Yjs integrates it).
    const near = item.origin ?? item.rightOrigin;
    if (!near) return UNKNOWN;
    const n = this.lookup(near);
    if (typeof n === 'string') return n;
    const up = this.place(n);
    if (typeof up === 'string') return up;
    const last = up.chain[up.chain.length - 1]!;
    return { root: up.root, chain: [...up.chain.slice(0, -1), self(last.key)] };
  }

  /** The new items of the update, each with where it goes. */
  *newItems(): Generator<[Y.Item, Place | typeof DROPPED | typeof UNKNOWN]> {
    for (const list of this.fresh.values()) for (const s of list) if (s instanceof Y.Item) yield [s, this.place({ at: 'new', item: s })];
  }
}

/** Works out what `update` would do to the discussions of `doc` (the server's current copy). */
export function discussionWrites(doc: Y.Doc, update: Uint8Array): DiscussionWrites {
  const out: DiscussionWrites = { problems: [], newComments: [], startedThreads: [], edits: [], deletes: [] };
  const { structs, ds } = Y.decodeUpdate(update);
  const placer = new Placer(doc, structs);
  // A gap before a client's structs leaves them pending on the server, to be integrated unchecked.
  if (structs.some((s) => !(s instanceof Y.Skip) && s.id.clock > placer.reach(s.id.client))) out.problems.push('an update with a gap the server cannot fill');
  const placed: [Y.Item, Place][] = [];
  for (const [item, place] of placer.newItems()) {
    if (place === UNKNOWN) out.problems.push(`an item the server cannot place (${idKey(item.id)})`);
    if (typeof place !== 'string' && (place.root === COMMENTS_MAP || place.root === LEGACY_THREADS_MAP)) placed.push([item, place]);
  }
  // Comments first, then their fields: a field may come before its comment in the update.
  const created = new Map<string, NewComment>();
  const note = (problem: string | null) => problem && out.problems.push(problem);
  for (const [item, place] of placed) note(classifyEntry(doc, item, place, created, out));
  for (const [item, place] of placed) note(classifyField(item, place, created, out));
  out.newComments = [...created.values()];
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      // Deleting what the server does not have would wait and strike whatever later takes that id.
      if (clock + len > placer.reach(client)) out.problems.push('a deletion of something the server does not have');
      if (clock >= state) continue;
      const structsOf = doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structsOf, clock); i < structsOf.length && structsOf[i]!.id.clock < clock + len; i++) {
        const s = structsOf[i]!;
        if (s instanceof Y.Item && !s.deleted) classifyDeleted(placer, s, out);
      }
    }
  }
  return out;
}

/** Transactions applied to each document so far, to tell a remembered analysis from a stale one. */
const transactions = new WeakMap<Y.Doc, { n: number }>();
const remembered = new WeakMap<Uint8Array, { doc: Y.Doc; n: number; writes: DiscussionWrites }>();

/** discussionWrites, worked out once per update and document state (both guards ask for it). */
export function discussionWritesOnce(doc: Y.Doc, update: Uint8Array): DiscussionWrites {
  let count = transactions.get(doc);
  if (!count) {
    const c = { n: 0 };
    doc.on('afterTransaction', () => c.n++);
    transactions.set(doc, (count = c));
  }
  const hit = remembered.get(update);
  if (hit && hit.doc === doc && hit.n === count.n) return hit.writes;
  const writes = discussionWrites(doc, update);
  remembered.set(update, { doc, n: count.n, writes });
  return writes;
}

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

/** Records the deletion of an existing item if it belongs to a discussion comment or thread. */
function classifyDeleted(placer: Placer, item: Y.Item, out: DiscussionWrites): void {
  const place = placer.place({ at: 'doc', item });
  if (typeof place === 'string' || (place.root !== COMMENTS_MAP && place.root !== LEGACY_THREADS_MAP)) return;
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
