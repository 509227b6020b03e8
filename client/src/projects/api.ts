/** Typed calls for projects and their settings. */
import type { Project, ProjectListItem, ProjectSettings, ProjectWithRole } from '../../../shared/api';
import type { Role } from '../../../shared/roles';
import { api, seg } from '../api/client';

/** The projects the signed-in user belongs to. */
export const listProjects = () => api.get<{ projects: ProjectListItem[] }>('/api/projects').then((r) => r.projects);

/** Creates a project; the creator becomes its lead. */
export const createProject = (body: { title: string; question?: string }) =>
  api.post<{ project: Project; role: Role }>('/api/projects', body);

/** One project's settings and the user's role in it. */
export const getProject = (pid: string) => api.get<ProjectWithRole>(`/api/projects/${seg(pid)}`);

/** Changes some settings (leads only). */
export const patchProject = (pid: string, patch: Partial<ProjectSettings>) =>
  api.patch<ProjectWithRole>(`/api/projects/${seg(pid)}`, patch);
