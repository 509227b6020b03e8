/**
 * Comments as the synthesis pages show them: each thread (one target) as conversations — a
 * top-level comment with its replies — and a feed that announces other people's new comments.
 * Reads never trust the document's shape: any member's client can write anything into it.
 */
import { createEffect, createMemo, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useAuthorNames } from '../members/names';
import { usePeers, useWorkspaceVersion } from './live';

/** A top-level comment and its replies, oldest first. */
export interface Conversation {
  root: W.CommentView;
  replies: W.CommentView[];
}

/** The comments of one span of a source, with the text they quote (null when the span is not in the text). */
export interface SpanThread {
  key: string;
  start: number;
  end: number;
  quote: string | null;
  conversations: Conversation[];
}

/** Resolves a comment's author id (and the name stored with it) to the name to show. */
export type AuthorName = (authorId: unknown, stored: unknown) => string;

/**
 * Authors' current names, live. The members list (members/names.ts) is fetched when a page opens,
 * so a rename made while a synthesis page stays open would not show; the names the server pins on
 * the people connected to the workspace right now (awareness) follow a rename at their next
 * message, so they come first. Then the members list, then the stored name (people who left).
 */
export function useLiveAuthorNames(): AuthorName {
  const members = useAuthorNames();
  const peers = usePeers();
  const live = createMemo(() => new Map(peers().map((p) => [p.userId, p.name])));
  return (authorId, stored) => (typeof authorId === 'string' ? live().get(authorId) : undefined) ?? members(authorId, stored);
}

/**
 * Groups a thread's comments into conversations. A reply to a reply joins its root's
 * conversation; a reply whose root is not in the thread (or a loop of replies) stands alone.
 * Deleted comments are kept only as placeholders for replies that still stand.
 */
export function conversationsOf(list: W.CommentView[]): Conversation[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  const rootOf = (c: W.CommentView) => {
    const seen = new Set<string>();
    let cur = c;
    while (cur.replyTo && byId.has(cur.replyTo) && !seen.has(cur.id)) {
      seen.add(cur.id);
      cur = byId.get(cur.replyTo)!;
    }
    return cur;
  };
  const out = new Map<string, Conversation>();
  for (const c of list) {
    const root = rootOf(c);
    let conv = out.get(root.id);
    if (!conv) out.set(root.id, (conv = { root, replies: [] }));
    if (root.id !== c.id && !c.deleted) conv.replies.push(c);
  }
  return [...out.values()].filter((c) => !c.root.deleted || c.replies.length > 0);
}

const onCurrentText = (text: string, start: unknown, end: unknown) =>
  Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (start as number) < (end as number) && (end as number) <= text.length;

/** Every commented span of one source, in reading order. */
export function spanThreads(doc: Y.Doc, sourceId: string, text: string): SpanThread[] {
  const out: SpanThread[] = [];
  for (const [key, list] of W.threads(doc)) {
    const target = list[0]?.target;
    if (target?.kind !== 'span' || target.sourceId !== sourceId) continue;
    const conversations = conversationsOf(list);
    if (!conversations.length) continue;
    const ok = onCurrentText(text, target.start, target.end);
    out.push({ key, start: Number(target.start), end: Number(target.end), quote: ok ? text.slice(target.start, target.end) : null, conversations });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end || (a.key < b.key ? -1 : 1));
}

/** The conversations about one code, including those left on codes since merged into it. */
export function codeConversations(doc: Y.Doc, codeId: string): Conversation[] {
  const list: W.CommentView[] = [];
  for (const [, thread] of W.threads(doc)) {
    const target = thread[0]?.target;
    if (target?.kind === 'code' && typeof target.codeId === 'string' && W.liveCodeId(doc, target.codeId) === codeId) list.push(...thread);
  }
  return conversationsOf(list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1)));
}

/** How many live (not deleted) comments conversations hold. */
export const commentCount = (convs: Conversation[]) => convs.reduce((n, c) => n + (c.root.deleted ? 0 : 1) + c.replies.length, 0);

/** A comment's text cut to `max` characters, for names of buttons and announcements. */
export const snippet = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Conversations compared by content, so memos only move when something changed. */
export const sameJson = <T,>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Announces comments by other people that arrive while the page is open (not those already there
 * when the document synced). `what` names what a comment is about, or null to stay silent on it.
 */
export function announceNewComments(meId: Accessor<string>, say: (text: string) => void, what: (c: W.CommentView, doc: Y.Doc) => string | null): void {
  const { doc, version, handle } = useWorkspaceVersion();
  const nameOf = useLiveAuthorNames();
  let seen: Set<string> | null = null;
  let seenDoc: Y.Doc | undefined;
  createEffect(() => {
    version();
    const d = doc();
    if (!d || !handle()?.synced()) return;
    const map = d.getMap<W.CommentValue>('comments');
    // The comments already there when the document is first read (or replaced) are not news.
    if (seen === null || d !== seenDoc) {
      seen = new Set(map.keys());
      seenDoc = d;
      return;
    }
    const fresh: string[] = [];
    for (const [id, c] of map) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (!c || typeof c !== 'object' || c.author === meId() || c.deleted) continue;
      const about = what({ ...c, id }, d);
      if (about === null) continue;
      const params = { name: nameOf(c.author, c.authorName), what: about, text: snippet(String(c.text ?? ''), 160) };
      fresh.push(c.replyTo ? t('syn.comments.replyOn', params) : t('syn.comments.newOn', params));
    }
    if (fresh.length === 1) say(fresh[0]!);
    else if (fresh.length > 1) say(t('syn.comments.manyNew', { count: fresh.length }));
  });
}
