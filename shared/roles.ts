/** Project roles and the permission table of DESIGN section 1, as pure functions used by server and client. */

export const ROLES = ['lead', 'reviewer', 'co_researcher', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** True when the role may change settings, members, invitations, unblinding and final decisions. */
export function canManageProject(role: Role | null): boolean {
  return role === 'lead';
}

/** True when the role may edit the co-edited workspace (codes, themes, comments). */
export function canEditWorkspace(role: Role | null): boolean {
  return role === 'lead' || role === 'reviewer' || role === 'co_researcher';
}

/** True when the role may vote on conflicts and give sense-check feedback. */
export function canVote(role: Role | null): boolean {
  return canEditWorkspace(role);
}

/** True when the role may read the project at all. */
export function canRead(role: Role | null): boolean {
  return role !== null;
}

/** Who screens by default: every reviewer; leads and co-researchers only when added to a stage. */
export function screensByDefault(role: Role | null): boolean {
  return role === 'reviewer';
}
