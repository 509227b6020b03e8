/**
 * Authorship of synthesis comments is the writer's, not the client's say: an update that adds a
 * comment (`comments` map in the workspace document) under someone else's name is refused whole.
 * Changing an existing comment keeps its author (resolving someone's comment is allowed; the
 * helpers only let authors edit or delete their own text).
 */
import * as Y from 'yjs';
import { parseDocName } from '../../shared/docnames';
import type { SyncExtension } from '../sync/documents';
import type { DocRegistry } from '../sync/documents';

/** The sync extension refusing comments written in another person's name. */
export function commentAuthorGuard(registry: () => DocRegistry): SyncExtension {
  return {
    refuseWrite(name, update, writer) {
      if (parseDocName(name)?.kind !== 'workspace') return null;
      const current = registry().peek(name)?.getMap<{ author?: unknown }>('comments');
      for (const s of Y.decodeUpdate(update).structs) {
        // An item directly under a root type names that type as a string in a decoded update.
        if (!(s instanceof Y.Item) || (s as { parent?: unknown }).parent !== 'comments' || typeof s.parentSub !== 'string') continue;
        if (!(s.content instanceof Y.ContentAny)) continue;
        const value = s.content.arr[0] as { author?: unknown } | undefined;
        const author = value && typeof value === 'object' ? value.author : undefined;
        if (author === writer.userId) continue;
        if (author !== undefined && current?.get(s.parentSub)?.author === author) continue;
        return `a comment written in someone else's name (${s.parentSub})`;
      }
      return null;
    },
  };
}
