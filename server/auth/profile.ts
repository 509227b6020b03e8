/** Changing one's display name (e.g. to a pseudonym), and making everything live show the new one. */
import type { Deps } from '../context';
import type { User } from '../../shared/api';
import { appendEvent } from '../audit/events';
import { listProjectsOf } from '../projects/repo';
import { findUserById, updateUserName } from './users';
import { unauthorized } from '../errors';

/**
 * Renames a user and returns them as they now are. Names read from the users table follow at once;
 * the board documents (which hold reviewer names) are rebuilt. Open sockets need nothing: presence
 * and the comment guards read the name at each message, so they sign with the new name straight
 * away (and no longer with the old one).
 */
export function renameUser(deps: Deps, userId: string, name: string): User {
  const { db } = deps;
  const before = findUserById(db, userId);
  if (!before) throw unauthorized();
  if (before.name === name) return before;
  db.transaction(() => {
    updateUserName(db, userId, name);
    // Not tied to a project: the old name (perhaps a real one the person now wants hidden) stays
    // out of every project's audit view, and only the person's own account history holds it.
    appendEvent(db, { projectId: null, actorId: userId, type: 'user.renamed', entity: 'user', entityId: userId, before: { name: before.name }, after: { name } });
  })();
  for (const p of listProjectsOf(db, userId)) deps.board.refresh(p.id);
  return { ...before, name };
}
