/**
 * Synthesis comments (`comments` map of the workspace document) belong to their writer, whatever
 * a client sends. An update is refused whole when it
 * - posts a comment under someone else's id or name, with unknown or missing fields, on a target
 *   the app does not know, or under a key that is not an id;
 * - changes anything of someone else's comment but `resolved` (resolving and reopening stay open
 *   to every member who may edit the workspace, as in the app);
 * - changes a fixed field of one's own comment (target, author, authorName, at, replyTo) — only
 *   text, editedAt, deleted (the withdrawn placeholder) and resolved change;
 * - deletes someone else's comment, writes over a comment as if it were new, or writes in a shape
 *   the app never sends (see commentWrites.ts and server/sync/updateWrites.ts).
 * The app's own client never sends any of these, so it is never refused (a refused writer's later
 * updates stay pending). The one case that cannot be judged before it is applied — a non-author's
 * write built on an older value of the comment — is repaired right after it is applied.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import { parseDocName } from '../../shared/docnames';
import { WS } from '../../shared/workspace';
import { userDisplayName } from '../auth/users';
import type { DocRegistry, SyncExtension } from '../sync/documents';
import { updateWritesOnce } from '../sync/updateWrites';
import { checkCommentWrites, type CommentRepair } from './commentWrites';

/** Origin of the server's repairs (so they are not mistaken for a client's update). */
export const COMMENT_REPAIR_ORIGIN = Symbol('comment-repair');

/** Repairs due once the update just accepted for a document is applied. */
const due = new WeakMap<Y.Doc, CommentRepair[]>();

/** The sync extension refusing synthesis comments written, changed or deleted in another person's name. */
export function commentAuthorGuard(deps: Pick<Deps, 'db'>, registry: () => DocRegistry): SyncExtension {
  return {
    refuseWrite(name, update, writer) {
      if (parseDocName(name)?.kind !== 'workspace') return null;
      const current = registry().peek(name);
      if (!current) return 'workspace document not loaded';
      let verdict;
      try {
        verdict = checkCommentWrites(current, updateWritesOnce(current, update), {
          userId: writer.userId,
          displayName: () => userDisplayName(deps.db, writer.userId),
        });
      } catch {
        return 'an update whose comment writes cannot be checked';
      }
      // A later guard may still refuse the update: repairs name the items they are for, so ones
      // left behind by a refused update find nothing to do.
      if (verdict.refusal === null) due.set(current, verdict.repairs);
      return verdict.refusal;
    },
    onChange(_name, doc) {
      const repairs = due.get(doc);
      if (!repairs) return;
      due.delete(doc);
      for (const r of repairs) repair(doc, r);
    },
  };
}

/**
 * Gives a comment back its author's content when the write that now holds it came from someone
 * who built on an older value (their resolve stays). Runs inside the update's handlers, so Yjs
 * applies it as the next transaction, before any other client's message is read.
 */
function repair(doc: Y.Doc, r: CommentRepair): void {
  const map = doc.getMap<Record<string, unknown>>(WS.comments);
  const top = map._map.get(r.key);
  if (!top || top.deleted) return;
  const won = r.items.some((i) => i.client === top.id.client && top.id.clock >= i.clock && top.id.clock < i.clock + i.length);
  const value = map.get(r.key);
  if (!won || !value || typeof value !== 'object') return;
  doc.transact(() => map.set(r.key, { ...value, ...r.restore }), COMMENT_REPAIR_ORIGIN);
}
