/** Invitations: a lead creates a single-use link for a role; the invited person accepts it once. */
import type { Deps } from '../context';
import type { InvitationPreview } from '../../shared/api';
import type { Role } from '../../shared/roles';
import { AppError, forbidden, notFound } from '../errors';
import { newToken, nowIso, sha256Hex } from '../ids';
import { appendEvent } from '../audit/events';
import { requireLead } from './policy';
import * as repo from './repo';

const LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

interface InvitationRow {
  project_id: string;
  role: Role;
  email: string | null;
  expires_at: number;
  accepted_by: string | null;
  title: string;
  inviter: string;
}

function findInvitation(deps: Deps, token: string): InvitationRow {
  const row = deps.db
    .prepare(
      `SELECT i.project_id, i.role, i.email, i.expires_at, i.accepted_by, p.title, u.name AS inviter
       FROM invitations i JOIN projects p ON p.id = i.project_id JOIN users u ON u.id = i.created_by
       WHERE i.token_hash = ?`,
    )
    .get(sha256Hex(token)) as InvitationRow | undefined;
  if (!row) throw notFound('This invitation link is not valid. Ask your project lead for a new one.');
  if (row.accepted_by) throw new AppError(410, 'invitation_used', 'This invitation has already been used.');
  if (row.expires_at <= Date.now()) throw new AppError(410, 'invitation_expired', 'This invitation has expired. Ask your project lead for a new one.');
  return row;
}

/** Creates an invitation (lead only); only its hash is stored, the token goes in the link. */
export function createInvitation(
  deps: Deps,
  actorId: string,
  projectId: string,
  input: { role: Role; email?: string },
): { token: string; url: string; expiresAt: string } {
  const { db } = deps;
  requireLead(db, projectId, actorId);
  const token = newToken();
  const expiresAt = Date.now() + LIFETIME_MS;
  db.transaction(() => {
    db.prepare(
      'INSERT INTO invitations (token_hash, project_id, role, email, created_by, created_at, expires_at) VALUES (?,?,?,?,?,?,?)',
    ).run(sha256Hex(token), projectId, input.role, input.email ?? null, actorId, nowIso(), expiresAt);
    appendEvent(db, { projectId, actorId, type: 'invitation.created', entity: 'invitation', after: { role: input.role, email: input.email ?? null } });
  })();
  return { token, url: `/invite/${token}`, expiresAt: new Date(expiresAt).toISOString() };
}

/** What an invitation is for, shown before accepting (no session needed: the token is the secret). */
export function previewInvitation(deps: Deps, token: string): InvitationPreview {
  const row = findInvitation(deps, token);
  return {
    projectId: row.project_id,
    projectTitle: row.title,
    role: row.role,
    invitedBy: row.inviter,
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}

/** Accepts an invitation for the signed-in user; an existing member keeps their current role. */
export function acceptInvitation(
  deps: Deps,
  user: { id: string; email: string },
  token: string,
): { projectId: string; role: Role } {
  const { db } = deps;
  return db.transaction(() => {
    const row = findInvitation(deps, token);
    if (row.email && row.email.toLowerCase() !== user.email.toLowerCase()) {
      throw forbidden('This invitation was sent to a different email address.', 'wrong_email');
    }
    db.prepare('UPDATE invitations SET accepted_by = ?, accepted_at = ? WHERE token_hash = ?').run(user.id, nowIso(), sha256Hex(token));
    const existing = repo.findRole(db, row.project_id, user.id);
    if (existing) return { projectId: row.project_id, role: existing };
    repo.upsertMember(db, row.project_id, user.id, row.role, nowIso());
    appendEvent(db, { projectId: row.project_id, actorId: user.id, type: 'member.joined', entity: 'member', entityId: user.id, after: { role: row.role } });
    return { projectId: row.project_id, role: row.role };
  })();
}
