/**
 * Authorship of record-discussion comments is the server's say, not the client's: an update is
 * refused whole when it
 * - creates a comment (either layout) whose `authorId` is not the writer, or whose `authorName`
 *   is not the writer's display name;
 * - writes any field of someone else's comment, or a field of one's own other than the editable
 *   ones (text, mentions, editedAt) — so author, time and thread stay as posted;
 * - deletes someone else's comment, a field of it, or an old thread holding others' comments;
 * - or writes into the discussions in a shape the app never writes (see discussionWrites.ts).
 * The app's own client writes only its user's comments and edits their text, so it is never refused.
 */
import type { Deps } from '../context';
import { parseDocName } from '../../shared/docnames';
import { EDITABLE_FIELDS } from '../../shared/discussions';
import type { DocRegistry, SyncExtension } from '../sync/documents';
import { signsAs } from '../auth/users';
import { discussionWritesOnce, type DiscussionWrites, type NewComment } from './discussionWrites';

const FIELDS = new Set(['threadKey', 'id', 'authorId', 'authorName', 'text', 'mentions', 'at', 'editedAt']);

/** Why a new comment may not be posted by `userId`, who signs with the names `signs` accepts, or null. */
function refuseNew(c: NewComment, userId: string, signs: (name: unknown) => boolean): string | null {
  const only = (field: string, want: string) => {
    const values = c.fields.get(field) ?? [];
    return values.length > 0 && values.every((v) => v === want);
  };
  for (const field of c.fields.keys()) if (!FIELDS.has(field) || (field === 'threadKey' && c.layout === 'legacy')) return `an unknown comment field (${field})`;
  if (!only('authorId', userId)) return `a comment written in someone else's name (${c.key})`;
  const names = c.fields.get('authorName') ?? [];
  if (names.length === 0 || !names.every(signs)) return `a comment signed with a name that is not the writer's (${c.key})`;
  if (c.layout === 'flat' && !only('id', c.key)) return `a comment whose id is not its key (${c.key})`;
  // Which thread: discussionGuard checks the key against the blinding rule.
  if (c.layout === 'flat' && !(c.fields.get('threadKey') ?? []).some((k) => typeof k === 'string')) return `a comment without its thread (${c.key})`;
  return null;
}

/** The sync extension refusing discussion comments written, changed or deleted in another person's name. */
export function discussionAuthorGuard(deps: Pick<Deps, 'db'>, registry: () => DocRegistry): SyncExtension {
  return {
    refuseWrite(name, update, writer) {
      if (parseDocName(name)?.kind !== 'workspace') return null;
      const current = registry().peek(name);
      if (!current) return 'workspace document not loaded';
      let w: DiscussionWrites;
      try {
        w = discussionWritesOnce(current, update);
      } catch {
        return 'an update whose discussion writes cannot be checked';
      }
      if (w.problems.length > 0) return w.problems[0]!;
      const me = writer.userId;
      for (const e of w.edits) {
        if (e.author !== me) return `a change to someone else's comment (${e.field})`;
        if (!EDITABLE_FIELDS.includes(e.field)) return `a change to a comment's fixed field (${e.field})`;
      }
      if (w.deletes.some((d) => d.author !== me)) return "a deletion of someone else's comment";
      if (w.newComments.length === 0) return null;
      // Looked up only when a comment is posted (display names are not in the update).
      const signs = (name: unknown) => signsAs(deps.db, me, name);
      for (const c of w.newComments) {
        const why = refuseNew(c, me, signs);
        if (why) return why;
      }
      return null;
    },
  };
}
