/** Sign-up, log-in, log-out and password change: the auth service functions routes call. */
import type { Deps } from '../context';
import type { User } from '../../shared/api';
import { AppError, conflict } from '../errors';
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

/**
 * A refused password under the throttle. Besides code and message its body says what the person
 * needs to pace themselves: how many wrong tries are left before the pause (`triesLeft`), and when
 * the pause or the current counting window ends (`until`, ISO); a 429 also sends Retry-After.
 */
function passwordRefusal(status: 401 | 403 | 429, code: string, message: string, until: number, triesLeft: number, fields?: Record<string, string>): AppError {
  const headers = status === 429 ? { 'Retry-After': String(Math.max(1, Math.ceil((until - Date.now()) / 1000))) } : undefined;
  return new AppError(status, code, message, fields, { triesLeft, until: new Date(until).toISOString() }, headers);
}

function minutes(until: number): number {
  return Math.max(1, Math.ceil((until - Date.now()) / 60_000));
}

/** 429 while the email (or IP) is paused: the same for every email string, known or not. */
function refuseWhileLocked(deps: Deps, email: string, ip: string, fields?: (msg: string) => Record<string, string>): void {
  const until = deps.throttle.lockedUntil(email, ip);
  if (!until) return;
  const message = `Too many failed attempts. Try again in ${minutes(until)} minute(s).`;
  throw passwordRefusal(429, 'rate_limited', message, until, 0, fields?.(message));
}

/** Checks credentials under the login throttle; returns the user and a new session token. */
export async function login(
  deps: Deps,
  input: { email: string; password: string },
  ip: string,
): Promise<{ user: User; token: string }> {
  refuseWhileLocked(deps, input.email, ip);
  const found = findUserByEmail(deps.db, input.email);
  const ok = found ? await verifyPassword(found.passwordHash, input.password) : (await verifyDummy(input.password), false);
  if (!found || !ok) {
    const { triesLeft, resetAt } = deps.throttle.fail(input.email, ip);
    throw passwordRefusal(401, 'invalid_credentials', 'That email and password do not match an account.', resetAt, triesLeft);
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

/**
 * Changes the password and ends every session of the user, returning a fresh one for this browser.
 * A wrong current password is 403, not 401: the person is still signed in. It counts against the
 * same throttle as log-ins, so a stolen session cannot be used to guess the password here.
 */
export async function changePassword(
  deps: Deps,
  user: User,
  input: { currentPassword: string; newPassword: string },
  ip: string,
): Promise<{ token: string }> {
  const userId = user.id;
  refuseWhileLocked(deps, user.email, ip, (message) => ({ currentPassword: message }));
  const stored = findPasswordHash(deps.db, userId);
  if (!stored || !(await verifyPassword(stored, input.currentPassword))) {
    const { triesLeft, resetAt } = deps.throttle.fail(user.email, ip);
    const message = 'Your current password is not correct.';
    throw passwordRefusal(403, 'wrong_password', message, resetAt, triesLeft, { currentPassword: message });
  }
  deps.throttle.succeed(user.email);
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
