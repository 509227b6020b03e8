/**
 * What a client's update would do to the synthesis comments (`Y.Map('comments')` of a workspace
 * document), judged BEFORE it is applied, for the comment guard (authorGuard.ts).
 *
 * A comment is one plain value, replaced whole on every change, by its author: today's client
 * resolves beside it (`commentResolutions`, see resolutionWrites.ts). Tabs still running the
 * client from before that map resolve by rewriting the value with `resolved` flipped. Refusing
 * that would strand them: their later updates wait forever behind the refused one, and their
 * IndexedDB copy sends it again on every reconnect. So during the transition a non-author may
 * still change `resolved` in a comment's value and nothing else (legacyResolves.ts then records
 * the resolve where today's client reads it).
 *
 * Each value the update writes under a key is compared with the value it replaces: the item its
 * Yjs `origin` names. That base is known when it is the comment's current value, or an earlier
 * value written in the same update. It is NOT known when the writer built on an older value that
 * the server has since replaced and garbage-collected (the author edited while the writer was
 * offline): those writes are checked against the current value's fixed fields, and a
 * non-author's copy of the author's older words is put right after it is applied.
 */
import * as Y from 'yjs';
import { LIMITS, WS } from '../../shared/workspace';
import { idKey, type UpdateWrites } from '../sync/updateWrites';
import { legacyMirror, type LegacyResolve } from './legacyResolves';

/** Every field addComment writes (shared/workspace/schema.ts `CommentValue`). */
const FIELDS = new Set(['target', 'text', 'author', 'authorName', 'at', 'replyTo', 'resolved', 'editedAt', 'deleted']);
/**
 * What the author changes: editComment, deleteComment's placeholder, and the legacy `resolved`
 * (today's client never rewrites it; the author's tabs from before may still, on their own comment).
 */
const AUTHOR_EDITS = new Set(['text', 'editedAt', 'deleted', 'resolved']);
/** What anyone else changes: the legacy `resolved`, as clients from before `commentResolutions` resolve. */
const OTHERS_EDITS = new Set(['resolved']);
/** Fields a write built on an older value may carry from that older value (they are not verifiable). */
const CONTENT = ['text', 'editedAt', 'deleted'] as const;
const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** Who writes: their id, and their display name (looked up only when a comment is posted). */
export interface CommentWriter {
  userId: string;
  /** true for a name the writer may sign with (theirs now, or a former one) */
  signsAs: (name: unknown) => boolean;
}

/** The verdict on an update: a reason to refuse it, else what to write once it is applied. */
export interface CommentVerdict {
  refusal: string | null;
  legacyResolves: LegacyResolve[];
}

type Obj = Record<string, unknown>;
type Base = { kind: 'value'; value: unknown } | { kind: 'live' } | { kind: 'stale' } | { kind: 'none' };
/** Where the chain of values an item builds on starts: the key's current item, an older one, or nothing. */
type Root = 'live' | 'stale' | 'none';

/** Whether `v` is a plain object (as Yjs decodes a JSON object). */
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The id of the last of the values an item holds. */
export const lastId = (item: Y.Item) => Y.createID(item.id.client, item.id.clock + item.length - 1);
// Comment values are plain JSON (encoded by Yjs as such), so their JSON text compares them.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Why `v` may not be a new comment under `key` by `writer`, or null. */
function refuseNew(key: string, v: unknown, writer: CommentWriter): string | null {
  if (!ID_RE.test(key)) return `a comment under a key that is not an id (${key.slice(0, 64)})`;
  if (!isObj(v)) return `a comment that is not an object (${key})`;
  for (const f of Object.keys(v)) if (!FIELDS.has(f)) return `an unknown comment field (${f})`;
  for (const f of FIELDS) if (!(f in v)) return `a comment without its ${f} (${key})`;
  if (v.author !== writer.userId) return `a comment written in someone else's name (${key})`;
  if (!writer.signsAs(v.authorName)) return `a comment signed with a name that is not the writer's (${key})`;
  if (!validTarget(v.target)) return `a comment on a target the app does not know (${key})`;
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return `a comment without a valid time (${key})`;
  if (v.replyTo !== null && (typeof v.replyTo !== 'string' || !ID_RE.test(v.replyTo) || v.replyTo === key)) return `a reply to something that is not a comment (${key})`;
  if (typeof v.text === 'string' && !v.deleted && !v.text.trim()) return `an empty comment (${key})`;
  return badEditable(v, AUTHOR_EDITS);
}

/** Why the editable fields of `v` have values the app never writes, or null. */
function badEditable(v: Obj, fields: Set<string>): string | null {
  for (const f of fields) {
    const x = v[f];
    const ok = f === 'text' ? typeof x === 'string' && x.length <= LIMITS.commentChars : f === 'editedAt' ? x === null || (typeof x === 'string' && !Number.isNaN(Date.parse(x))) : typeof x === 'boolean';
    if (!ok) return `a comment field with a value the app never writes (${f})`;
  }
  return null;
}

function validTarget(t: unknown): boolean {
  if (!isObj(t)) return false;
  const keys = Object.keys(t).sort().join();
  const id = (x: unknown) => typeof x === 'string' && ID_RE.test(x);
  const offset = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (t.kind === 'theme') return keys === 'kind,themeId' && id(t.themeId);
  if (t.kind === 'code') return keys === 'codeId,kind' && id(t.codeId);
  if (t.kind === 'span') return keys === 'end,kind,sourceId,start' && id(t.sourceId) && offset(t.start) && offset(t.end) && (t.end as number) >= (t.start as number);
  return false;
}

/**
 * Why `v` may not replace `base` when `writer` writes it, or null. Fields outside `editable` (by
 * default what the writer may change: AUTHOR_EDITS for the author, OTHERS_EDITS for anyone else)
 * must stay exactly as they are (including any a client from before this check left there).
 */
function refuseChange(base: unknown, v: unknown, writer: CommentWriter, editable?: Set<string>): string | null {
  if (!isObj(base)) return 'a change to a comment that is not a plain value';
  if (!isObj(v)) return 'a comment replaced by something that is not an object';
  const mine = base.author === writer.userId;
  const allowed = editable ?? (mine ? AUTHOR_EDITS : OTHERS_EDITS);
  for (const f of new Set([...Object.keys(base), ...Object.keys(v)])) {
    if (allowed.has(f) || same(base[f], v[f])) continue;
    if (!(f in base) && !FIELDS.has(f)) return `an unknown comment field (${f})`;
    return mine ? `a change to a comment's fixed field (${f})` : `a change to someone else's comment (${f})`;
  }
  return badEditable(v, allowed);
}

/** The value a map item holds at `id` (an item may hold several successive values). */
const valueAt = (item: Y.Item, id: Y.ID) => (item.content as Y.ContentAny).arr[id.clock - item.id.clock];

/**
 * What `item` (a plain value under a map key) replaces: the nearest earlier value its origins lead
 * to (through values collected before sending, whose content is gone), and where that chain
 * starts; null when it leads somewhere the server cannot follow. `live` is the key's current item.
 */
export function baseOf(w: UpdateWrites, item: Y.Item, live: Y.Item | null): { base: Base; root: Root } | null {
  let base: Base | null = null;
  let origin = item.origin;
  const seen = new Set<Y.Item>([item]);
  for (;;) {
    if (!origin) return { base: base ?? { kind: 'none' }, root: 'none' };
    const ref = w.lookup(origin);
    if (!ref) return null;
    if (ref.at === 'doc') {
      const root: Root = live && Y.compareIDs(origin, lastId(live)) ? 'live' : 'stale';
      return { base: base ?? { kind: root }, root };
    }
    if (seen.has(ref.item)) return null; // a crafted loop of origins
    seen.add(ref.item);
    if (!base && ref.item.content instanceof Y.ContentAny) base = { kind: 'value', value: valueAt(ref.item, origin) };
    origin = ref.item.origin;
  }
}

/**
 * The item holding the value the update's items under one key end in, when they form one chain
 * (each builds on the one before) ending in a value it keeps; else null.
 */
export function chainTail(w: UpdateWrites, items: Y.Item[]): Y.Item | null {
  const byLast = new Map(items.map((i) => [idKey(lastId(i)), i]));
  const followed = new Set<Y.Item>();
  let heads = 0;
  for (const i of items) {
    const before = i.origin ? byLast.get(idKey(i.origin)) : undefined;
    if (!before) heads++;
    else if (followed.has(before)) return null;
    else followed.add(before);
  }
  const tail = items.filter((i) => !followed.has(i));
  if (heads !== 1 || tail.length !== 1) return null;
  const end = tail[0]!;
  return end.content instanceof Y.ContentAny && !w.deletes(lastId(end)) ? end : null;
}

/** What an update writes and deletes under the keys of a top-level map of plain values. */
export interface KeyedWrites {
  /** the items written under each key, in the update's order */
  written: Map<string, Y.Item[]>;
  /** keys whose values the update deletes */
  deleted: Set<string>;
}

/**
 * The writes of `w` under the keys of the map `root`, whose values are plain and replaced whole;
 * or why they are not such writes. `noun` names the map's values in refusals (`whole` for the
 * value as a thing with an inside, `one` for one of them).
 */
export function keyedWrites(w: UpdateWrites, root: string, noun: { whole: string; one: string }): KeyedWrites | string {
  const written = new Map<string, Y.Item[]>();
  const deleted = new Set<string>();
  for (const { item, place } of w.written) {
    if (place.root !== root) continue;
    const key = place.chain[0]!.key;
    if (place.chain.length !== 1 || key === null) return `a value nested inside a ${noun.whole}`;
    if (!(item.content instanceof Y.ContentAny || item.content instanceof Y.ContentDeleted)) return `a ${noun.one} that is not a plain value (${key})`;
    // Setting a map key never names a right neighbour; such an item could slide in before others.
    if (item.rightOrigin) return `a ${noun.one} written before another (${key})`;
    written.set(key, [...(written.get(key) ?? []), item]);
  }
  for (const { place } of w.deleted) {
    if (place.root !== root) continue;
    if (place.chain.length !== 1) return `a change inside a ${noun.whole}`;
    deleted.add(place.chain[0]!.key!);
  }
  return { written, deleted };
}

/** Judges what the update `w` does to the synthesis comments of `doc` (the server's current copy). */
export function checkCommentWrites(doc: Y.Doc, w: UpdateWrites, writer: CommentWriter): CommentVerdict {
  const refuse = (refusal: string): CommentVerdict => ({ refusal, legacyResolves: [] });
  // Problems anywhere in the update count: what the server keeps pending is integrated unchecked.
  if (w.problems.length > 0) return refuse(w.problems[0]!);
  const writes = keyedWrites(w, WS.comments, { whole: 'synthesis comment', one: 'comment' });
  if (typeof writes === 'string') return refuse(writes);
  const { written, deleted } = writes;
  const map = doc.getMap(WS.comments);
  const legacyResolves: LegacyResolve[] = [];
  for (const key of new Set([...written.keys(), ...deleted])) {
    const items = written.get(key) ?? [];
    const top = map._map.get(key);
    const live = top && !top.deleted ? top : null;
    const current = live?.content instanceof Y.ContentAny ? valueAt(live, lastId(live)) : live ? undefined : null;
    let repair = false;
    let rootedInLive = false;
    for (const item of items) {
      const where = baseOf(w, item, live);
      if (!where) return refuse(`a comment built on something the server cannot find (${key})`);
      if (where.root === 'none' && top) return refuse(`a comment written over an existing one (${key})`);
      rootedInLive ||= where.root === 'live';
      if (!(item.content instanceof Y.ContentAny)) continue; // collected before sending: deleted on arrival, nothing to check
      let base = where.base;
      for (const value of item.content.arr) {
        let why: string | null;
        if (base.kind === 'value') why = refuseChange(base.value, value, writer);
        else if (base.kind === 'live') why = refuseChange(current, value, writer);
        else if (base.kind === 'none' || current === null) why = refuseNew(key, value, writer);
        else {
          // Built on a value the server no longer has: fixed fields must match the current one,
          // and a non-author's copy of the author's older words is put right after it is applied.
          why = refuseChange(current, value, writer, AUTHOR_EDITS);
          if (!why && isObj(current) && isObj(value) && current.author !== writer.userId) repair ||= CONTENT.some((f) => !same(current[f], value[f]));
        }
        if (why) return refuse(why);
        base = { kind: 'value', value };
      }
    }
    const tail = chainTail(w, items);
    if (live && !(isObj(current) && current.author === writer.userId)) {
      // Someone else's comment must keep a value: one chain of writes ending in a kept value, and
      // removing the current value only by writing over it (a stale write never saw it to delete it).
      if (!tail || (deleted.has(key) && !rootedInLive)) return refuse(`a deletion of someone else's comment (${key})`);
    }
    if (!live || !isObj(current)) continue;
    const end = tail ? valueAt(tail, lastId(tail)) : undefined;
    const mirror = legacyMirror(doc, key, current, end, rootedInLive, writer.userId);
    if (repair || mirror) {
      const restore = repair ? Object.fromEntries(CONTENT.map((f) => [f, current[f]])) : null;
      legacyResolves.push({ key, items: items.map((i) => ({ client: i.id.client, clock: i.id.clock, length: i.length })), restore, mirror });
    }
  }
  return { refusal: null, legacyResolves };
}
