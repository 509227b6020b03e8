/**
 * Synthesis comments (`comments` map of the workspace document) belong to their writer, whatever
 * a client sends. An update is refused whole when it
 * - posts a comment under someone else's id or name, with unknown or missing fields, on a target
 *   the app does not know, or under a key that is not an id;
 * - changes anything of someone else's comment but the legacy `resolved` (today's client resolves
 *   in `commentResolutions`; tabs still running the client from before rewrite the value, and are
 *   let through so they are not stranded: see legacyResolves.ts);
 * - changes a fixed field of one's own comment (target, author, authorName, at, replyTo) — only
 *   text, editedAt, deleted (the withdrawn placeholder) and the legacy resolved change;
 * - deletes someone else's comment, writes over a comment as if it were new, or writes in a shape
 *   the app never sends (see commentWrites.ts and server/sync/updateWrites.ts);
 * - writes a `commentResolutions` entry that is not `{resolved, by: <the writer>, at}`, for a
 *   comment the document never held, or removes one (resolutionWrites.ts).
 * The app's own clients, today's and the one from before, never send any of these, so they are
 * never refused (a refused writer's later updates stay pending). What cannot be judged before it is
 * applied — a non-author's write built on an older value of the comment — is repaired right after,
 * and a legacy resolve is then recorded in `commentResolutions` too.
 */
import * as Y from 'yjs';
import type { Deps } from '../context';
import { parseDocName } from '../../shared/docnames';
import { signsAs } from '../auth/users';
import type { DocRegistry, SyncExtension } from '../sync/documents';
import { updateWritesOnce } from '../sync/updateWrites';
import { finishLegacyResolves, type LegacyResolve } from './legacyResolves';
import type { CommentVerdict } from './commentWrites';
import { judgeCommentUpdate } from './resolutionWrites';

/** What the server writes once the update just accepted for a document is applied. */
const due = new WeakMap<Y.Doc, LegacyResolve[]>();

/** The sync extension refusing synthesis comments and resolutions written, changed or deleted in another person's name. */
export function commentAuthorGuard(deps: Pick<Deps, 'db'>, registry: () => DocRegistry): SyncExtension {
  return {
    refuseWrite(name, update, writer) {
      if (parseDocName(name)?.kind !== 'workspace') return null;
      const current = registry().peek(name);
      if (!current) return 'workspace document not loaded';
      due.delete(current);
      let verdict: CommentVerdict;
      try {
        const signs = (name: unknown) => signsAs(deps.db, writer.userId, name);
        verdict = judgeCommentUpdate(current, updateWritesOnce(current, update), { userId: writer.userId, signsAs: signs });
      } catch {
        return 'an update whose comment writes cannot be checked';
      }
      // A later guard may still refuse the update: what is due names the items it is for, and
      // finds nothing to do when they were never applied.
      if (verdict.refusal === null && verdict.legacyResolves.length > 0) due.set(current, verdict.legacyResolves);
      return verdict.refusal;
    },
    onChange(_name, doc) {
      const follow = due.get(doc);
      if (!follow) return;
      due.delete(doc);
      finishLegacyResolves(doc, follow);
    },
  };
}
