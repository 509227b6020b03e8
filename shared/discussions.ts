/**
 * Discussion threads on disputed records, and the record history shown beside them.
 *
 * Threads live in the project's co-edited workspace document `p/<pid>/workspace` — the same
 * document whose other parts (sources, codes, themes, comments on spans and themes) are defined in
 * `shared/workspace/`; this part is kept here so the two schemas can change independently.
 *
 *   Y.Map('discussions')            key `<stage>:<recordId>`
 *     → Y.Array<Y.Map>              one comment per entry, kept in time order
 *         { id, authorId, authorName, text, mentions: userId[], at, editedAt? }
 *
 * Members write; the sync server drops observers' writes. Authorship is what the author's client
 * (which knows its server-verified user) wrote; clients only ever edit their own comments.
 * Everything read from the document is checked, because any member's client can write to it.
 */
import * as Y from 'yjs';
import type { Stage } from './api';

/** The top-level map of threads in the workspace document. */
export const DISCUSSIONS_MAP = 'discussions';
/** Longest comment we accept (characters). */
export const COMMENT_MAX = 5000;

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

type Thread = Y.Array<Y.Map<unknown>>;

/** The discussions map of a workspace document. */
export function discussionsMap(doc: Y.Doc): Y.Map<Thread> {
  return doc.getMap<Thread>(DISCUSSIONS_MAP);
}

/** A thread, created when `create` is set and it does not exist yet. */
function thread(doc: Y.Doc, key: string, create: boolean): Thread | undefined {
  const map = discussionsMap(doc);
  const existing = map.get(key);
  if (existing instanceof Y.Array) return existing;
  if (!create) return undefined;
  const fresh: Thread = new Y.Array();
  map.set(key, fresh);
  return fresh;
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

/**
 * A thread's comments in time order. Concurrent inserts can land out of order, and a repaired
 * thread (see keepThreadsWhole) can hold a comment twice, so we sort and keep one per id.
 */
export function listComments(doc: Y.Doc, key: string): DiscussionComment[] {
  const seen = new Map<string, DiscussionComment>();
  for (const entry of thread(doc, key, false)?.toArray() ?? []) {
    const c = readComment(entry);
    if (c && !seen.has(c.id)) seen.set(c.id, c);
  }
  return [...seen.values()].sort(byTime);
}

/** Every thread key that has at least one entry. */
export function threadKeys(doc: Y.Doc): string[] {
  return [...discussionsMap(doc).entries()].filter(([, v]) => v instanceof Y.Array && v.length > 0).map(([k]) => k);
}

function toYMap(c: DiscussionComment): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(c)) if (v !== undefined) m.set(k, v);
  return m;
}

/** Inserts at the position its time says, so the array itself reads in order on every replica. */
function insertInOrder(t: Thread, c: DiscussionComment): void {
  const entries = t.toArray();
  let i = entries.length;
  while (i > 0) {
    const prev = readComment(entries[i - 1]);
    if (!prev || byTime(prev, c) <= 0) break;
    i--;
  }
  t.insert(i, [toYMap(c)]);
}

/** A random id that is unique enough across replicas. */
function newCommentId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds a comment by `author` to a thread; mentions are found among `members`. Returns it. */
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
  doc.transact(() => insertInOrder(thread(doc, key, true)!, comment));
  return comment;
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
  const targets = (thread(doc, key, false)?.toArray() ?? []).filter((e) => {
    const c = readComment(e);
    return c?.id === commentId && c.authorId === userId;
  });
  if (targets.length === 0) return false;
  doc.transact(() => {
    // A repaired thread may hold a copy; both are edited so they stay the same.
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

/**
 * Keeps threads whole when two people start the same thread at the same moment. Yjs resolves two
 * concurrent `set`s of one map key by keeping one value, so the other person's new thread — and
 * the first comment in it — would silently disappear. We remember each thread's comments and,
 * when a thread is replaced, put back the ones the surviving thread lacks (listComments drops
 * doubles). Call once per open workspace document; returns a function that stops it.
 */
export function keepThreadsWhole(doc: Y.Doc): () => void {
  const map = discussionsMap(doc);
  const known = new Map<string, DiscussionComment[]>();
  const remember = (key: string) => known.set(key, listComments(doc, key));
  for (const key of map.keys()) remember(key);

  const onChange = (events: Y.YEvent<any>[]) => {
    const touched = new Set<string>();
    const replaced: [string, DiscussionComment[]][] = [];
    for (const e of events) {
      if (e.target === map) {
        for (const [key, change] of e.changes.keys) {
          touched.add(key);
          if (change.action === 'update') replaced.push([key, known.get(key) ?? []]);
        }
      } else if (typeof e.path[0] === 'string') touched.add(e.path[0]);
    }
    for (const key of touched) remember(key);
    const missing = replaced
      .map(([key, before]) => {
        const now = new Set(listComments(doc, key).map((c) => c.id));
        return [key, before.filter((c) => !now.has(c.id))] as const;
      })
      .filter(([, lost]) => lost.length > 0);
    if (missing.length === 0) return;
    // Inside an observer this opens a new transaction that Yjs runs right after the current one.
    doc.transact(() => {
      for (const [key, lost] of missing) {
        const t = thread(doc, key, true)!;
        for (const c of lost) insertInOrder(t, c);
      }
    });
  };
  map.observeDeep(onChange);
  return () => map.unobserveDeep(onChange);
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
export type RecordHistoryEvent =
  | { kind: 'imported'; at: string; by: HistoryActor | null; source: string; filename: string | null }
  | { kind: 'duplicate_of'; at: string; otherId: string; otherTitle: string; reason: string; score: number | null }
  | { kind: 'duplicate_found'; at: string; otherId: string; otherTitle: string; source: string; reason: string; score: number | null }
  | { kind: 'duplicate_review'; at: string; by: HistoryActor | null; action: 'confirmed' | 'split' | 'merged' }
  | { kind: 'decision'; at: string; stage: Stage; by: HistoryActor; before: HistoryDecision | null; after: HistoryDecision | null }
  | { kind: 'vote'; at: string; stage: Stage; by: HistoryActor; before: { vote: 'include' | 'exclude'; comment: string } | null; after: { vote: 'include' | 'exclude'; comment: string } | null }
  | { kind: 'resolved'; at: string; stage: Stage; by: HistoryActor | null; source: 'lead' | 'quorum'; decision: 'include' | 'exclude'; reason: string }
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
