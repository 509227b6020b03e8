/**
 * Where a client's update would write in a document, worked out BEFORE it is applied, so sync
 * guards (record discussions, synthesis comments) can refuse it whole.
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

/** An item of the server's document (`doc`) or of the update (`new`). */
export type Ref = { at: 'doc' | 'new'; item: Y.Item };
/** Where an item sits: root type name, then the chain of items from the root down to it, with keys. */
export interface Place {
  root: string;
  chain: { ref: Ref; key: string | null }[];
}
/** An item with where it sits. */
export interface Placed {
  item: Y.Item;
  place: Place;
}

/** What an update writes; `problems` non-empty means it could leave work pending on the server. */
export interface UpdateWrites {
  problems: string[];
  /** the update's new items that Yjs would integrate, with where they go */
  written: Placed[];
  /** live items of the document that the update deletes, with where they are */
  deleted: Placed[];
  /** The item holding `id`, in the document or the update; null when neither has it (or it was collected). */
  lookup(id: Y.ID): Ref | null;
  /** Whether the update's own delete set covers `id`. */
  deletes(id: Y.ID): boolean;
}

const DROPPED = 'dropped'; // Yjs discards it (its parent or neighbour was garbage-collected)
const UNKNOWN = 'unknown'; // depends on something the server does not have
type Placement = Place | typeof DROPPED | typeof UNKNOWN;

/** `client:clock`, for messages and map keys. */
export const idKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/** Places items of an update against a document, memoised per item. */
class Placer {
  /** the update's structs the document lacks, per client in clock order */
  private readonly fresh = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly reaches = new Map<number, number>();
  private readonly memo = new Map<Y.Item, Placement>();

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
  place(ref: Ref): Placement {
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

  private placeNew(item: Y.Item): Placement {
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
  *newItems(): Generator<[Y.Item, Placement]> {
    for (const list of this.fresh.values()) for (const s of list) if (s instanceof Y.Item) yield [s, this.place({ at: 'new', item: s })];
  }
}

/** Works out where `update` would write in `doc` (the server's current copy). */
export function updateWrites(doc: Y.Doc, update: Uint8Array): UpdateWrites {
  const { structs, ds } = Y.decodeUpdate(update);
  const placer = new Placer(doc, structs);
  const problems: string[] = [];
  const written: Placed[] = [];
  const deleted: Placed[] = [];
  // A gap before a client's structs leaves them pending on the server, to be integrated unchecked.
  if (structs.some((s) => !(s instanceof Y.Skip) && s.id.clock > placer.reach(s.id.client))) problems.push('an update with a gap the server cannot fill');
  for (const [item, place] of placer.newItems()) {
    if (place === UNKNOWN) problems.push(`an item the server cannot place (${idKey(item.id)})`);
    else if (place !== DROPPED) written.push({ item, place });
  }
  for (const [client, ranges] of ds.clients) {
    const state = Y.getState(doc.store, client);
    for (const { clock, len } of ranges) {
      // Deleting what the server does not have would wait and strike whatever later takes that id.
      if (clock + len > placer.reach(client)) problems.push('a deletion of something the server does not have');
      if (clock >= state) continue;
      const structsOf = doc.store.clients.get(client)!;
      for (let i = Y.findIndexSS(structsOf, clock); i < structsOf.length && structsOf[i]!.id.clock < clock + len; i++) {
        const s = structsOf[i]!;
        if (!(s instanceof Y.Item) || s.deleted) continue;
        const place = placer.place({ at: 'doc', item: s });
        if (typeof place !== 'string') deleted.push({ item: s, place });
      }
    }
  }
  return {
    problems,
    written,
    deleted,
    lookup(id) {
      const r = placer.lookup(id);
      return typeof r === 'string' ? null : r;
    },
    // A linear scan: a crafted delete set need not be sorted, and Y.isDeleted assumes it is.
    deletes: (id) => (ds.clients.get(id.client) ?? []).some((r) => id.clock >= r.clock && id.clock < r.clock + r.len),
  };
}

/** Transactions applied to each document so far, to tell a remembered analysis from a stale one. */
const transactions = new WeakMap<Y.Doc, { n: number }>();

/**
 * `analyse(doc, update)` remembered per update and document state: every guard of a document is
 * asked about the same update object before it is applied, and the analysis walks the whole update.
 */
export function oncePerUpdate<T>(analyse: (doc: Y.Doc, update: Uint8Array) => T): (doc: Y.Doc, update: Uint8Array) => T {
  const remembered = new WeakMap<Uint8Array, { doc: Y.Doc; n: number; result: T }>();
  return (doc, update) => {
    let count = transactions.get(doc);
    if (!count) {
      const c = { n: 0 };
      doc.on('afterTransaction', () => c.n++);
      transactions.set(doc, (count = c));
    }
    const hit = remembered.get(update);
    if (hit && hit.doc === doc && hit.n === count.n) return hit.result;
    const result = analyse(doc, update);
    remembered.set(update, { doc, n: count.n, result });
    return result;
  };
}

/** updateWrites, worked out once per update and document state. */
export const updateWritesOnce = oncePerUpdate(updateWrites);
