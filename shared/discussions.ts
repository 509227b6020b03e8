/**
 * Discussion threads on disputed records, and the record history shown beside them.
 *
 * Comments live in the project's co-edited workspace document `p/<pid>/workspace` — the same
 * document whose other parts (sources, codes, themes, comments on spans and themes) are defined in
 * `shared/workspace/`; this part is kept here so the two schemas can change independently.
 *
 *   Y.Map('discussionComments')     key: comment id (random, 24 hex characters)
 *     → Y.Map { threadKey: `<stage>:<recordId>`, id, authorId, authorName, text,
 *               mentions: userId[], at, editedAt? }
 *
 * One flat map keyed by comment id, like the synthesis comments: two people starting the same
 * thread at once write different keys, so nothing races and nothing needs repairing.
 *
 * The first layout, still READ (documents stored before the change keep their comments), never
 * written except to edit one's own old comment:
 *
 *   Y.Map('discussions')            key `<stage>:<recordId>`
 *     → Y.Array<Y.Map>              { id, authorId, authorName, text, mentions, at, editedAt? }
 *
 * Two clients starting the same thread there both set the key and Yjs kept one array; the old
 * client put the lost comments back, so an old thread may hold a comment twice (read once).
 *
 * Members write; the sync server drops observers' writes and refuses comments written, changed
 * or deleted in someone else's name (server/conflicts/discussionAuthorGuard.ts). Everything read
 * from the document is still checked, because any member's client can write to it.
 */
import * as Y from 'yjs';
import type { Stage } from './api';

/** The top-level map of comments by id (today's layout). */
export const COMMENTS_MAP = 'discussionComments';
/** The top-level map of per-thread arrays (the first layout: read, and edited by authors only). */
export const LEGACY_THREADS_MAP = 'discussions';
/** Longest comment we accept (characters). */
export const COMMENT_MAX = 5000;
/** The fields a comment's author may change after posting it; everything else is fixed. */
export const EDITABLE_FIELDS: readonly string[] = ['text', 'mentions', 'editedAt'];

/** A thread's key: `<stage>:<recordId>`. */
export const threadKey = (stage: Stage, recordId: string) => `${stage}:${recordId}`;

/** One comment as read from a thread. */
export interface DiscussionComment {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  /** user ids mentioned with @Name */
  mentions: string[];
  at: string;
  editedAt?: string;
}

/** Someone who can be mentioned. */
export interface Mentionable {
  userId: string;
  name: string;
}

type Entry = Y.Map<unknown>;

/** The comments map of a workspace document (today's layout). */
export function commentsMap(doc: Y.Doc): Y.Map<Entry> {
  return doc.getMap<Entry>(COMMENTS_MAP);
}

/** The per-thread arrays of the first layout. */
export function legacyThreadsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(LEGACY_THREADS_MAP);
}

/** Calls `onChange` after any change to either layout; returns a function that stops it. */
export function observeDiscussions(doc: Y.Doc, onChange: () => void): () => void {
  const maps = [commentsMap(doc), legacyThreadsMap(doc)];
  for (const m of maps) m.observeDeep(onChange);
  return () => maps.forEach((m) => m.unobserveDeep(onChange));
}

const str = (v: unknown, max = COMMENT_MAX) => (typeof v === 'string' ? v.slice(0, max) : '');

/** Reads one comment entry defensively; null when it is not a comment. */
function readComment(entry: unknown): DiscussionComment | null {
  if (!(entry instanceof Y.Map)) return null;
  const id = str(entry.get('id'), 100);
  const authorId = str(entry.get('authorId'), 100);
  const at = str(entry.get('at'), 40);
  if (!id || !authorId || !at) return null;
  const rawMentions = entry.get('mentions');
  const mentions = Array.isArray(rawMentions) ? rawMentions.filter((m): m is string => typeof m === 'string').slice(0, 50) : [];
  const editedAt = str(entry.get('editedAt'), 40);
  return { id, authorId, authorName: str(entry.get('authorName'), 200), text: str(entry.get('text')), mentions, at, ...(editedAt ? { editedAt } : {}) };
}

/** Time order; the id breaks ties so every replica lists the same order. */
const byTime = (a: DiscussionComment, b: DiscussionComment) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A comment of today's layout with its thread, or null (its id must be its key). */
function readFlat(key: string, entry: unknown): { thread: string; comment: DiscussionComment } | null {
  const c = readComment(entry);
  const thread = entry instanceof Y.Map ? str(entry.get('threadKey'), 200) : '';
  return c && thread && c.id === key ? { thread, comment: c } : null;
}

/**
 * Collects comments into threads, one per (author, id): a repaired old thread may hold a copy of
 * a comment, and keying by author too means nobody can hide someone else's comment behind its id.
 */
class Collector {
  readonly threads = new Map<string, Map<string, DiscussionComment>>();
  add(thread: string, c: DiscussionComment): void {
    let t = this.threads.get(thread);
    if (!t) this.threads.set(thread, (t = new Map()));
    const k = `${c.authorId}\u0000${c.id}`;
    if (!t.has(k)) t.set(k, c);
  }
  sorted(thread: string): DiscussionComment[] {
    return [...(this.threads.get(thread)?.values() ?? [])].sort(byTime);
  }
}

function addLegacy(doc: Y.Doc, key: string, into: Collector): void {
  const t = legacyThreadsMap(doc).get(key);
  if (!(t instanceof Y.Array)) return;
  for (const entry of t.toArray()) {
    const c = readComment(entry);
    if (c) into.add(key, c);
  }
}

/** Every thread with at least one comment, each in time order (both layouts, read in one pass). */
export function allThreads(doc: Y.Doc): Map<string, DiscussionComment[]> {
  const into = new Collector();
  for (const key of legacyThreadsMap(doc).keys()) addLegacy(doc, key, into);
  for (const [key, entry] of commentsMap(doc).entries()) {
    const r = readFlat(key, entry);
    if (r) into.add(r.thread, r.comment);
  }
  return new Map([...into.threads.keys()].map((k) => [k, into.sorted(k)]));
}

/** A thread's comments in time order, from both layouts. */
export function listComments(doc: Y.Doc, key: string): DiscussionComment[] {
  const into = new Collector();
  addLegacy(doc, key, into);
  for (const [id, entry] of commentsMap(doc).entries()) {
    const r = readFlat(id, entry);
    if (r?.thread === key) into.add(key, r.comment);
  }
  return into.sorted(key);
}

/** Every thread key that has at least one comment. */
export function threadKeys(doc: Y.Doc): string[] {
  return [...allThreads(doc).keys()];
}

/** A random id that is unique enough across replicas. */
function newCommentId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds a comment by `author` to a thread (today's layout); mentions are found among `members`. Returns it. */
export function addComment(
  doc: Y.Doc,
  key: string,
  author: { id: string; name: string },
  text: string,
  members: Mentionable[] = [],
  at: string = new Date().toISOString(),
): DiscussionComment {
  const body = text.trim().slice(0, COMMENT_MAX);
  if (!body) throw new Error('A comment needs some text.');
  const comment: DiscussionComment = {
    id: newCommentId(),
    authorId: author.id,
    authorName: author.name,
    text: body,
    mentions: parseMentions(body, members),
    at,
  };
  const entry = new Y.Map<unknown>();
  // Set before insertion, so the comment and all its fields travel in one update.
  entry.set('threadKey', key);
  for (const [k, v] of Object.entries(comment)) if (v !== undefined) entry.set(k, v);
  commentsMap(doc).set(comment.id, entry);
  return comment;
}

/** The entries holding one's own comment `commentId` in thread `key`, in either layout. */
function ownEntries(doc: Y.Doc, key: string, commentId: string, userId: string): Entry[] {
  const mine = (e: unknown): e is Entry => {
    const c = readComment(e);
    return c?.id === commentId && c.authorId === userId;
  };
  const flat = commentsMap(doc).get(commentId);
  const legacy = legacyThreadsMap(doc).get(key);
  return [
    ...(mine(flat) && readFlat(commentId, flat)?.thread === key ? [flat] : []),
    ...(legacy instanceof Y.Array ? legacy.toArray().filter(mine) : []),
  ];
}

/** Changes the text of one's own comment; false when it is not there or not one's own. */
export function editOwnComment(
  doc: Y.Doc,
  key: string,
  commentId: string,
  userId: string,
  text: string,
  members: Mentionable[] = [],
  at: string = new Date().toISOString(),
): boolean {
  const body = text.trim().slice(0, COMMENT_MAX);
  if (!body) return false;
  const targets = ownEntries(doc, key, commentId, userId);
  if (targets.length === 0) return false;
  doc.transact(() => {
    // An old repaired thread may hold a copy; every copy is edited so they stay the same.
    for (const m of targets) {
      m.set('text', body);
      m.set('mentions', parseMentions(body, members));
      m.set('editedAt', at);
    }
  });
  return true;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The members mentioned as `@Name` in `text`, in order of first mention. Names may contain spaces,
 * so at each `@` the longest matching member name wins ("@Ana Maria" over "@Ana").
 */
export function parseMentions(text: string, members: Mentionable[]): string[] {
  const byLength = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const lower = text.toLocaleLowerCase();
  const found: string[] = [];
  for (let i = lower.indexOf('@'); i !== -1; i = lower.indexOf('@', i + 1)) {
    if (i > 0 && WORD.test(text[i - 1]!)) continue; // an email address, not a mention
    const rest = lower.slice(i + 1);
    const hit = byLength.find((m) => {
      const name = m.name.trim().toLocaleLowerCase();
      return rest.startsWith(name) && !WORD.test(rest.charAt(name.length));
    });
    if (hit && !found.includes(hit.userId)) found.push(hit.userId);
  }
  return found;
}

/** Who did something in a record's history. */
export interface HistoryActor {
  id: string;
  name: string;
}

/** A decision as history shows it (without the client's clock). */
export interface HistoryDecision {
  decision: 'include' | 'exclude' | 'maybe';
  reasons: string[];
  note: string;
}

/**
 * One entry of `GET /api/projects/:pid/records/:rid/history` — the record's story, oldest first,
 * as far as the blinding rule lets the asker see it (DESIGN section 2).
 */
/** A record named in a history entry. */
export interface HistoryRecordRef {
  id: string;
  title: string;
}

export type RecordHistoryEvent =
  | { kind: 'imported'; at: string; by: HistoryActor | null; source: string; filename: string | null }
  | { kind: 'duplicate_of'; at: string; otherId: string; otherTitle: string; reason: string; score: number | null }
  | { kind: 'duplicate_found'; at: string; otherId: string; otherTitle: string; source: string; reason: string; score: number | null }
  | {
      kind: 'duplicate_review';
      at: string;
      by: HistoryActor | null;
      /** moved_in: the record followed `via` into a group; moved_back: it followed `other` out of one */
      action: 'confirmed' | 'split' | 'merged' | 'moved_in' | 'moved_back';
      /** the group's primary the change was about (the record it went back to for moved_back); absent in old answers */
      other?: HistoryRecordRef;
      via?: HistoryRecordRef;
    }
  /** a record joined this primary's group after import: merged in by a lead, or moved in with `via` */
  | { kind: 'duplicate_joined'; at: string; by: HistoryActor | null; other: HistoryRecordRef; via: HistoryRecordRef | null }
  | { kind: 'decision'; at: string; stage: Stage; by: HistoryActor; before: HistoryDecision | null; after: HistoryDecision | null }
  | { kind: 'vote'; at: string; stage: Stage; by: HistoryActor; before: { vote: 'include' | 'exclude'; comment: string } | null; after: { vote: 'include' | 'exclude'; comment: string } | null }
  | { kind: 'resolved'; at: string; stage: Stage; by: HistoryActor | null; source: 'lead' | 'quorum'; decision: 'include' | 'exclude'; reason: string; exclusionReason?: string | null }
  | { kind: 'resolution_withdrawn'; at: string; stage: Stage }
  | { kind: 'unblinded'; at: string; stage: Stage; scope: 'stage' | 'pilot'; by: HistoryActor | null };

/** The history answer: events oldest first; `hiddenStages` says where others' entries were left out. */
export interface RecordHistory {
  recordId: string;
  title: string;
  events: RecordHistoryEvent[];
  /** stages at which the asker sees only their own entries (blinded for them) */
  hiddenStages: Stage[];
}
