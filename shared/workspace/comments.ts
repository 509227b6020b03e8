/**
 * Comments anchored to spans of sources, to themes and to codes. One flat map keyed by random id:
 * two people starting the same thread at once both keep their comment (a map of per-thread arrays
 * would drop one of them). Record discussions are shared/discussions.ts.
 *
 * A comment's value is its author's; whether it is resolved lives beside it, in
 * `commentResolutions`, because anyone may resolve: in the same value, a resolve and the author's
 * edit made at once would keep only one of the two. (Clients from before that map still resolve in
 * the value; the server lets that through and records it in the map: server/themes/legacyResolves.ts.)
 */
import type * as Y from 'yjs';
import { LIMITS, WS, WorkspaceError, type CommentResolution, type CommentTarget, type CommentValue, type CommentView } from './schema';
import { nowIso, pickId } from './util';

/** The key every comment of the same thread shares. */
export function threadKey(t: CommentTarget): string {
  switch (t.kind) {
    case 'span':
      return `span:${t.sourceId}:${t.start}-${t.end}`;
    case 'theme':
      return `theme:${t.themeId}`;
    case 'code':
      return `code:${t.codeId}`;
    default:
      throw new WorkspaceError('bad_target', 'Unknown comment target.');
  }
}

/** Adds a comment (or a reply); returns its id. */
export function addComment(
  doc: Y.Doc,
  target: CommentTarget,
  text: string,
  author: { id: string; name: string },
  opts: { replyTo?: string; id?: string } = {},
): string {
  const body = text.trim();
  if (!body) throw new WorkspaceError('empty_comment', 'Write something first.');
  if (body.length > LIMITS.commentChars) throw new WorkspaceError('too_long', `A comment has at most ${LIMITS.commentChars} characters.`);
  threadKey(target); // throws on a target of unknown kind, before anything is written
  const id = pickId(opts.id);
  const value: CommentValue = {
    target,
    text: body,
    author: author.id,
    authorName: author.name,
    at: nowIso(),
    replyTo: opts.replyTo ?? null,
    resolved: false, // the legacy field, never rewritten: the server demands every field, as clients from before send them
    editedAt: null,
    deleted: false,
  };
  doc.getMap<CommentValue>(WS.comments).set(id, value);
  return id;
}

/** Edits one's own comment. */
export function editComment(doc: Y.Doc, id: string, text: string, byUserId: string): void {
  const c = own(doc, id, byUserId);
  const body = text.trim();
  if (!body || body.length > LIMITS.commentChars) throw new WorkspaceError('bad_comment', `A comment has 1 to ${LIMITS.commentChars} characters.`);
  doc.getMap<CommentValue>(WS.comments).set(id, { ...c, text: body, editedAt: nowIso() });
}

/** Marks a thread's comment resolved (or open again) as `byUserId`, without touching the comment itself. */
export function setCommentResolved(doc: Y.Doc, id: string, resolved: boolean, byUserId: string): void {
  if (!doc.getMap<CommentValue>(WS.comments).get(id)) throw new WorkspaceError('not_found', 'No such comment.');
  const entry: CommentResolution = { resolved, by: byUserId, at: nowIso() };
  doc.getMap<CommentResolution>(WS.commentResolutions).set(id, entry);
}

/**
 * Whether a comment is resolved: its `commentResolutions` entry, else the `resolved` field its
 * value carried in documents from before that map (so they keep their state). Every reader uses this.
 */
export function isCommentResolved(doc: Y.Doc, id: string): boolean {
  const entry = doc.getMap(WS.commentResolutions).get(id) as Partial<CommentResolution> | undefined;
  if (entry && typeof entry === 'object' && typeof entry.resolved === 'boolean') return entry.resolved;
  const value = doc.getMap(WS.comments).get(id) as Partial<CommentValue> | undefined;
  return !!value && typeof value === 'object' && value.resolved === true;
}

/** Withdraws one's own comment; it stays as a placeholder so replies keep their place. */
export function deleteComment(doc: Y.Doc, id: string, byUserId: string): void {
  const c = own(doc, id, byUserId);
  doc.getMap<CommentValue>(WS.comments).set(id, { ...c, text: '', deleted: true, editedAt: nowIso() });
}

/** The comments of one thread, oldest first. */
export function thread(doc: Y.Doc, target: CommentTarget): CommentView[] {
  return threads(doc).get(threadKey(target)) ?? [];
}

/** Every thread by key, each oldest first. */
export function threads(doc: Y.Doc): Map<string, CommentView[]> {
  const out = new Map<string, CommentView[]>();
  for (const [id, v] of doc.getMap<CommentValue>(WS.comments)) {
    if (!isComment(v)) continue;
    let key: string;
    try {
      key = threadKey(v.target);
    } catch {
      continue;
    }
    const list = out.get(key);
    const view = { ...v, id, resolved: isCommentResolved(doc, id) };
    if (list) list.push(view);
    else out.set(key, [view]);
  }
  for (const list of out.values()) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return out;
}

function own(doc: Y.Doc, id: string, userId: string): CommentValue {
  const c = doc.getMap<CommentValue>(WS.comments).get(id);
  if (!c) throw new WorkspaceError('not_found', 'No such comment.');
  if (c.author !== userId) throw new WorkspaceError('not_author', 'Only its author can change a comment.');
  return c;
}

function isComment(v: unknown): v is CommentValue {
  const c = v as CommentValue;
  return !!c && typeof c === 'object' && typeof c.text === 'string' && typeof c.author === 'string' && !!c.target && typeof c.target === 'object';
}
