/** Sign-up, log-in, log-out and password change: the auth service functions routes call. */
import type { Deps } from '../context';
import type { User } from '../../shared/api';
import { AppError, conflict, unauthorized } from '../errors';
import { newId, nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { hashPassword, verifyDummy, verifyPassword } from './password';
import { createSession, invalidateSession, invalidateUserSessions } from './sessions';
import { findPasswordHash, findUserByEmail, insertUser, updatePasswordHash } from './users';

/** Creates a user and their first session. */
export async function signup(
  deps: Deps,
  input: { email: string; password: string; name: string },
): Promise<{ user: User; token: string }> {
  if (findUserByEmail(deps.db, input.email)) {
    throw conflict('An account with this email already exists. Log in instead.', 'email_taken');
  }
  const passwordHash = await hashPassword(input.password);
  const user: User = { id: newId(), email: input.email, name: input.name };
  const { db } = deps;
  try {
    const token = db.transaction(() => {
      insertUser(db, { ...user, passwordHash, createdAt: nowIso() });
      appendEvent(db, { projectId: null, actorId: user.id, type: 'user.signup', entity: 'user', entityId: user.id });
      return createSession(db, user.id).token;
    })();
    return { user, token };
  } catch (e) {
    // Two sign-ups with one email racing past the check above: the UNIQUE constraint decides.
    if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw conflict('An account with this email already exists. Log in instead.', 'email_taken');
    }
    throw e;
  }
}

/** Checks credentials under the login throttle; returns the user and a new session token. */
export async function login(
  deps: Deps,
  input: { email: string; password: string },
  ip: string,
): Promise<{ user: User; token: string }> {
  const wait = deps.throttle.retryAfter(input.email, ip);
  if (wait > 0) {
    throw new AppError(429, 'rate_limited', `Too many failed attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`);
  }
  const found = findUserByEmail(deps.db, input.email);
  const ok = found ? await verifyPassword(found.passwordHash, input.password) : (await verifyDummy(input.password), false);
  if (!found || !ok) {
    deps.throttle.fail(input.email, ip);
    throw new AppError(401, 'invalid_credentials', 'That email and password do not match an account.');
  }
  deps.throttle.succeed(input.email);
  const { token } = createSession(deps.db, found.id);
  return { user: { id: found.id, email: found.email, name: found.name }, token };
}

/** Ends the current session. */
export function logout(deps: Deps, sessionId: string): void {
  invalidateSession(deps.db, sessionId);
  deps.sync.closeSessionSockets(sessionId);
}

/** Changes the password and ends every session of the user, returning a fresh one for this browser. */
export async function changePassword(
  deps: Deps,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<{ token: string }> {
  const stored = findPasswordHash(deps.db, userId);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
    throw unauthorized('Your current password is not correct.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const { db } = deps;
  const result = db.transaction(() => {
    updatePasswordHash(db, userId, passwordHash);
    invalidateUserSessions(db, userId);
    db.prepare('DELETE FROM sync_tickets WHERE user_id = ?').run(userId);
    appendEvent(db, { projectId: null, actorId: userId, type: 'user.password_changed', entity: 'user', entityId: userId });
    return { token: createSession(db, userId).token };
  })();
  deps.sync.closeUserSockets(userId);
  return result;
}
