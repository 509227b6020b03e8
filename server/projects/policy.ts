/** Authorization for project routes: small functions that HTTP and sync both call. */
import type { DB } from '../db/database';
import type { Role } from '../../shared/roles';
import { canEditWorkspace, canManageProject } from '../../shared/roles';
import { forbidden, notFound } from '../errors';
import { findRole } from './repo';

/** The user's role in the project; a 404 for non-members so a project's existence is not revealed. */
export function requireMember(db: DB, projectId: string, userId: string): Role {
  const role = findRole(db, projectId, userId);
  if (!role) throw notFound('No such project, or you are not a member of it.');
  return role;
}

/** The user's role when it is `lead`; 403 for other members. */
export function requireLead(db: DB, projectId: string, userId: string): Role {
  const role = requireMember(db, projectId, userId);
  if (!canManageProject(role)) throw forbidden('Only a lead of this project can do that.', 'lead_only');
  return role;
}

/** The user's role when it may edit the workspace; 403 for observers. */
export function requireEditor(db: DB, projectId: string, userId: string): Role {
  const role = requireMember(db, projectId, userId);
  if (!canEditWorkspace(role)) throw forbidden('Observers can read but not change this project.', 'read_only');
  return role;
}
