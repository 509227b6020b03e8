/** Project and membership service: the one write path for HTTP routes and anything else. */
import type { Deps } from '../context';
import { DEFAULT_PROJECT_SETTINGS, type Member, type Project, type ProjectSettings, type ProjectWithRole } from '../../shared/api';
import type { Role } from '../../shared/roles';
import { conflict, notFound } from '../errors';
import { newId, nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { requireLead, requireMember } from './policy';
import * as repo from './repo';


/** Creates a project with its creator as lead. */
export function createProject(deps: Deps, userId: string, input: Partial<ProjectSettings> & { title: string }): ProjectWithRole {
  const project: Project = { ...DEFAULT_PROJECT_SETTINGS, ...input, id: newId(), createdAt: nowIso() };
  const { db } = deps;
  db.transaction(() => {
    repo.insertProject(db, project, userId);
    repo.upsertMember(db, project.id, userId, 'lead', project.createdAt);
    appendEvent(db, { projectId: project.id, actorId: userId, type: 'project.created', entity: 'project', entityId: project.id, after: project });
  })();
  return { project, role: 'lead' };
}

/** A project as a member sees it. */
export function getProject(deps: Deps, userId: string, projectId: string): ProjectWithRole {
  const role = requireMember(deps.db, projectId, userId);
  const project = repo.findProject(deps.db, projectId);
  if (!project) throw notFound();
  return { project, role };
}

/** Changes settings (lead only); the before/after goes in the audit log. */
export function updateProjectSettings(
  deps: Deps,
  userId: string,
  projectId: string,
  patch: Partial<ProjectSettings>,
): ProjectWithRole {
  const { db } = deps;
  const role = requireLead(db, projectId, userId);
  const changed = db.transaction(() => {
    const before = repo.findProject(db, projectId);
    if (!before) throw notFound();
    const after: Project = { ...before, ...patch };
    repo.updateProject(db, after, nowIso());
    appendEvent(db, { projectId, actorId: userId, type: 'project.settings_changed', entity: 'project', entityId: projectId, before, after });
    return { project: after, role };
  })();
  // settings such as the screening stages change what each board view holds
  deps.board.audienceChanged(projectId);
  return changed;
}

/** Members of a project (any member may see who is in it). */
export function listMembers(deps: Deps, userId: string, projectId: string): Member[] {
  requireMember(deps.db, projectId, userId);
  return repo.listMembers(deps.db, projectId);
}

/** Changes a member's role (lead only); a project always keeps at least one lead. */
export function changeMemberRole(deps: Deps, actorId: string, projectId: string, memberId: string, role: Role): Member {
  const { db } = deps;
  requireLead(db, projectId, actorId);
  const member = db.transaction(() => {
    const before = repo.findRole(db, projectId, memberId);
    if (!before) throw notFound('That person is not a member of this project.');
    if (before === 'lead' && role !== 'lead' && repo.countLeads(db, projectId) === 1) {
      throw conflict('A project needs at least one lead. Make someone else a lead first.', 'last_lead');
    }
    repo.upsertMember(db, projectId, memberId, role, nowIso());
    appendEvent(db, { projectId, actorId, type: 'member.role_changed', entity: 'member', entityId: memberId, before: { role: before }, after: { role } });
    return repo.listMembers(db, projectId).find((m) => m.userId === memberId)!;
  })();
  // A board view is cut to its viewer's role at connection (blinding): an open one would keep
  // showing what the old role saw, so every view reconnects and is cut afresh.
  deps.board.audienceChanged(projectId);
  return member;
}

/** Removes a member (a lead, or the member themself) and closes their open sockets for the project. */
export function removeMember(deps: Deps, actorId: string, projectId: string, memberId: string): void {
  const { db } = deps;
  if (actorId === memberId) requireMember(db, projectId, actorId);
  else requireLead(db, projectId, actorId);
  db.transaction(() => {
    const before = repo.findRole(db, projectId, memberId);
    if (!before) throw notFound('That person is not a member of this project.');
    if (before === 'lead' && repo.countLeads(db, projectId) === 1) {
      throw conflict('A project needs at least one lead. Make someone else a lead first.', 'last_lead');
    }
    repo.deleteMember(db, projectId, memberId);
    appendEvent(db, { projectId, actorId, type: 'member.removed', entity: 'member', entityId: memberId, before: { role: before } });
  })();
  deps.sync.revokeMember(projectId, memberId);
  // the board's counts (and who screens what) no longer include them
  deps.board.audienceChanged(projectId);
}
