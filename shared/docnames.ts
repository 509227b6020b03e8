/**
 * Yjs document names (DESIGN section 3). Authorization is a pure function of (user, role, name),
 * so the name alone must say whose document it is.
 */
import type { Role } from './roles';
import { canEditWorkspace, canRead } from './roles';

export type DocName =
  | { kind: 'private'; projectId: string; userId: string }
  | { kind: 'workspace'; projectId: string }
  | { kind: 'board'; projectId: string };

const ID = '[A-Za-z0-9_-]{1,64}';
const PRIVATE = new RegExp(`^p/(${ID})/u/(${ID})$`);
const SHARED = new RegExp(`^p/(${ID})/(workspace|board)$`);

/** Parses a document name; null when it is not one of the three kinds. */
export function parseDocName(name: string): DocName | null {
  const p = PRIVATE.exec(name);
  if (p) return { kind: 'private', projectId: p[1]!, userId: p[2]! };
  const s = SHARED.exec(name);
  if (s) return { kind: s[2] as 'workspace' | 'board', projectId: s[1]! };
  return null;
}

/** The name of a user's private document in a project. */
export const privateDocName = (projectId: string, userId: string) => `p/${projectId}/u/${userId}`;
/** The name of a project's co-edited workspace document. */
export const workspaceDocName = (projectId: string) => `p/${projectId}/workspace`;
/** The name of a project's server-derived board document. */
export const boardDocName = (projectId: string) => `p/${projectId}/board`;

export type DocAccess = 'none' | 'read' | 'write';

/**
 * What a user with `role` in the document's project may do with it.
 * Private docs: only their owner, read and write. Workspace: members edit, observers read.
 * Board: read-only for every member (only the server writes it).
 */
export function docAccess(userId: string, role: Role | null, doc: DocName): DocAccess {
  if (!canRead(role)) return 'none';
  switch (doc.kind) {
    case 'private':
      return doc.userId === userId ? 'write' : 'none';
    case 'workspace':
      return canEditWorkspace(role) ? 'write' : 'read';
    case 'board':
      return 'read';
  }
}
