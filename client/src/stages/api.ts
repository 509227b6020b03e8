/** Typed calls for the lead's stage page: screeners and unblinding. */
import type { Stage } from '../../../shared/api';
import type { Role } from '../../../shared/roles';
import { api, seg } from '../api/client';
import { send } from '../screening/api';

/** A person screening a stage. */
export interface Screener {
  userId: string;
  name: string;
  role: Role;
}

const base = (pid: string, stage: Stage) => `/api/projects/${seg(pid)}/stages/${stage}`;

/** Who screens a stage (leads only). */
export const getScreeners = (pid: string, stage: Stage) => api.get<{ screeners: Screener[] }>(`${base(pid, stage)}/screeners`).then((r) => r.screeners);

/** Sets the leads and co-researchers who screen a stage (reviewers always do). */
export const setScreeners = (pid: string, stage: Stage, userIds: string[]) =>
  send<{ screeners: Screener[] }>('PUT', `${base(pid, stage)}/screeners`, JSON.stringify({ userIds }), 'application/json').then((r) => r.screeners);

/** Unblinds a stage, or only its pilot round (leads only; cannot be undone). */
export const unblindStage = (pid: string, stage: Stage, scope: 'stage' | 'pilot') =>
  api.post<{ stage: Stage; scope: string; at: string }>(`${base(pid, stage)}/unblind${scope === 'pilot' ? '?scope=pilot' : ''}`);
