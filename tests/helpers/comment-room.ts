/**
 * A server's copy of a workspace document and one client per person, for the unit tests of the
 * comment guard (server/themes/commentWrites.ts, resolutionWrites.ts, legacyResolves.ts): updates
 * are judged as authorGuard.ts judges them, and applied as the sync server applies them.
 */
import * as Y from 'yjs';
import * as W from '../../shared/workspace';
import { updateWrites } from '../../server/sync/updateWrites';
import type { CommentVerdict, CommentWriter } from '../../server/themes/commentWrites';
import { finishLegacyResolves } from '../../server/themes/legacyResolves';
import { judgeCommentUpdate } from '../../server/themes/resolutionWrites';

export type Person = { id: string; name: string };
export const ana: Person = { id: 'u-ana', name: 'Ana' };
export const ben: Person = { id: 'u-ben', name: 'Ben' };
export const TARGET: W.CommentTarget = { kind: 'theme', themeId: 't1' };
export const comments = (d: Y.Doc) => d.getMap<Record<string, unknown>>('comments');
export const resolutions = (d: Y.Doc) => d.getMap<unknown>('commentResolutions');
const as = (who: Person): CommentWriter => ({ userId: who.id, signsAs: (name) => name === who.name });

/** The server's copy and one client per person, each starting in sync; `change` returns a client's update. */
export function room() {
  const server = new Y.Doc();
  const docs = new Map<string, Y.Doc>();
  const client = (who: Person) => docs.get(who.id) ?? (docs.set(who.id, new Y.Doc()), docs.get(who.id)!);
  const pull = (d: Y.Doc) => Y.applyUpdate(d, Y.encodeStateAsUpdate(server, Y.encodeStateVector(d)));
  /** The update `who` sends for `f`; `offline` skips catching up with the server first. */
  const change = (who: Person, f: (d: Y.Doc) => void, offline = false) => {
    const d = client(who);
    if (!offline) pull(d);
    f(d);
    return Y.encodeStateAsUpdate(d, Y.encodeStateVector(server));
  };
  /** The guard's verdict on `who`'s update (comments first, then resolutions, as authorGuard.ts). */
  const judge = (who: Person, u: Uint8Array): CommentVerdict => judgeCommentUpdate(server, updateWrites(server, u), as(who));
  /** The guard's reason to refuse `who`'s update, or null. */
  const check = (who: Person, u: Uint8Array) => judge(who, u).refusal;
  const accept = (u: Uint8Array) => Y.applyUpdate(server, u);
  /** Judges `who`'s update and, when accepted, applies it and then makes the server's own writes it asks for. */
  const serve = (who: Person, u: Uint8Array) => {
    const verdict = judge(who, u);
    if (verdict.refusal === null) {
      accept(u);
      finishLegacyResolves(server, verdict.legacyResolves);
    }
    return verdict;
  };
  const post = (who: Person, text = 'Is this analytical?') => {
    let id = '';
    accept(change(who, (d) => (id = W.addComment(d, TARGET, text, who))));
    return id;
  };
  /** A fresh client for `who` (a refused change stays in the old one, as in a real client). */
  const forget = (who: Person) => void docs.delete(who.id);
  return { server, client, pull, change, judge, check, accept, serve, post, forget };
}
