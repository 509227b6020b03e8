/** Projects and members repository: the only place that touches their tables. */
import { stmt } from '../db/statements';
import type { DB } from '../db/database';
import { DEFAULT_PROJECT_SETTINGS, type Member, type Project, type ProjectListItem, type ProjectSettings } from '../../shared/api';
import type { Role } from '../../shared/roles';

interface ProjectRow {
  id: string;
  title: string;
  settings: string;
  created_at: string;
}

// Defaults first: a setting added after a project was created reads as its default.
const toProject = (r: ProjectRow): Project => ({
  ...DEFAULT_PROJECT_SETTINGS,
  ...(JSON.parse(r.settings) as Omit<ProjectSettings, 'title'>),
  title: r.title,
  id: r.id,
  createdAt: r.created_at,
});

/** Inserts a project row. */
export function insertProject(db: DB, p: Project, createdBy: string): void {
  const { id, title, createdAt, ...settings } = p;
  stmt(db, 'INSERT INTO projects (id, title, settings, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?)').run(
    id,
    title,
    JSON.stringify(settings),
    createdBy,
    createdAt,
    createdAt,
  );
}

/** Replaces a project's title and settings. */
export function updateProject(db: DB, p: Project, updatedAt: string): void {
  const { id, title, createdAt: _c, ...settings } = p;
  stmt(db, 'UPDATE projects SET title = ?, settings = ?, updated_at = ? WHERE id = ?').run(
    title,
    JSON.stringify(settings),
    updatedAt,
    id,
  );
}

/** A project by id, or null. */
export function findProject(db: DB, id: string): Project | null {
  const r = stmt(db, 'SELECT id, title, settings, created_at FROM projects WHERE id = ?').get(id) as
    | ProjectRow
    | undefined;
  return r ? toProject(r) : null;
}

/** The projects a user belongs to, newest first, with their role. */
export function listProjectsOf(db: DB, userId: string): ProjectListItem[] {
  const rows = stmt(db, 
      `SELECT p.id, p.title, p.settings, p.created_at, m.role FROM projects p
       JOIN project_members m ON m.project_id = p.id WHERE m.user_id = ? ORDER BY p.created_at DESC, p.id`,
    )
    .all(userId) as (ProjectRow & { role: Role })[];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    question: (JSON.parse(r.settings) as ProjectSettings).question,
    role: r.role,
    createdAt: r.created_at,
  }));
}

/** A user's role in a project, or null when not a member. */
export function findRole(db: DB, projectId: string, userId: string): Role | null {
  const r = stmt(db, 'SELECT role FROM project_members WHERE project_id = ? AND user_id = ?').get(projectId, userId) as
    | { role: Role }
    | undefined;
  return r?.role ?? null;
}

/** Adds a member (or changes the role of an existing one). */
export function upsertMember(db: DB, projectId: string, userId: string, role: Role, joinedAt: string): void {
  stmt(db, 
    `INSERT INTO project_members (project_id, user_id, role, joined_at) VALUES (?,?,?,?)
     ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role`,
  ).run(projectId, userId, role, joinedAt);
}

/** Removes a member. */
export function deleteMember(db: DB, projectId: string, userId: string): void {
  stmt(db, 'DELETE FROM project_members WHERE project_id = ? AND user_id = ?').run(projectId, userId);
}

/** Members of a project with names, leads first. */
export function listMembers(db: DB, projectId: string): Member[] {
  return stmt(db, 
      `SELECT m.user_id AS userId, u.name, u.email, m.role, m.joined_at AS joinedAt
       FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.project_id = ?
       ORDER BY CASE m.role WHEN 'lead' THEN 0 WHEN 'reviewer' THEN 1 WHEN 'co_researcher' THEN 2 ELSE 3 END, u.name`,
    )
    .all(projectId) as Member[];
}

/** How many leads a project has (a project must keep at least one). */
export function countLeads(db: DB, projectId: string): number {
  return (
    stmt(db, `SELECT COUNT(*) AS n FROM project_members WHERE project_id = ? AND role = 'lead'`).get(projectId) as {
      n: number;
    }
  ).n;
}
