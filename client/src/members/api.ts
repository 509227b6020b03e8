/** Typed calls for members and invitations. */
import type { InvitationPreview, Member } from '../../../shared/api';
import type { Role } from '../../../shared/roles';
import { api, seg } from '../api/client';

/** Everyone in a project. */
export const listMembers = (pid: string) =>
  api.get<{ members: Member[] }>(`/api/projects/${seg(pid)}/members`).then((r) => r.members);

/** Gives a member another role (leads only). */
export const changeMemberRole = (pid: string, uid: string, role: Role) =>
  api.patch<{ member: Member }>(`/api/projects/${seg(pid)}/members/${seg(uid)}`, { role }).then((r) => r.member);

/** Takes someone out of a project (leads only). */
export const removeMember = (pid: string, uid: string) =>
  api.delete<{ ok: true }>(`/api/projects/${seg(pid)}/members/${seg(uid)}`);

/** An invitation as created: `url` is a path such as /invite/<token>. */
export interface CreatedInvitation {
  token: string;
  url: string;
  expiresAt: string;
}

/** Creates an invitation link for a role (leads only). */
export const createInvitation = (pid: string, body: { role: Role; email?: string }) =>
  api.post<CreatedInvitation>(`/api/projects/${seg(pid)}/invitations`, body);

/** What an invitation is for; works signed out. */
export const previewInvitation = (token: string) => api.get<InvitationPreview>(`/api/invitations/${seg(token)}`);

/** Joins the project an invitation is for (needs a session). */
export const acceptInvitation = (token: string) =>
  api.post<{ projectId: string; role: Role }>(`/api/invitations/${seg(token)}/accept`);
