/**
 * Who is signed in, as a signal the whole app reads. The session itself is an httpOnly cookie the
 * client never sees; we only learn the user from /api/me and from the auth endpoints' answers.
 */
import { createSignal } from 'solid-js';
import type { User } from '../../../shared/api';
import { api, setUnauthorizedHandler } from '../api/client';
import { closeAllDocs } from '../sync/docs';
import { clearCachedApiData } from '../offline/cleanup';
import { clearPendingLogout, flushPendingLogout, logoutPending, markPendingLogout, watchPendingLogout } from './pendingLogout';

// undefined: not known yet (first /api/me in flight); null: signed out.
const [user, setUser] = createSignal<User | null | undefined>(undefined);

/** The signed-in user, null when signed out, undefined while still checking. */
export const currentUser = user;

/** Asks the server who we are; call once at start-up. */
export async function loadSession(): Promise<void> {
  // A log-out made offline goes first, before /api/me could sign the old session back in. If it
  // still cannot reach the server, the person stays signed out here all the same.
  if (!(await flushPendingLogout())) return void setUser(null);
  try {
    const res = await api.get<{ user: User }>('/api/me');
    setUser(res.user);
  } catch {
    // 401 means signed out; any other failure also leaves us unable to act as anyone.
    setUser(null);
  }
}

/** Creates an account and starts its session. */
export async function signup(body: { email: string; password: string; name: string }): Promise<User> {
  return startSession('/api/auth/signup', body);
}

/** Starts a session for an existing account. */
export async function login(body: { email: string; password: string }): Promise<User> {
  return startSession('/api/auth/login', body);
}

/** Log-in and sign-up: a pending log-out is sent first, with the old cookie, while it is still there. */
async function startSession(path: string, body: unknown): Promise<User> {
  await flushPendingLogout();
  const res = await api.post<{ user: User }>(path, body);
  // The new cookie has replaced the old one: a log-out not delivered by now (server errors only;
  // offline, this request would have failed too) can no longer be sent, and the old session
  // simply runs out at its expiry. Sending it later would end this new session instead.
  clearPendingLogout();
  setUser(res.user);
  return res.user;
}

/**
 * Ends the session and closes every live document. Offline (or with the server unreachable) the
 * page still signs out and forgets its cached data, and the log-out is sent once back online (see
 * pendingLogout.ts: the httpOnly cookie means only the server can end the session).
 */
export async function logout(): Promise<void> {
  closeAllDocs();
  try {
    await api.post('/api/auth/logout');
  } catch {
    markPendingLogout();
  } finally {
    // After the server ended the session (so nothing new can be stored), or at once when offline.
    await clearCachedApiData();
    setUser(null);
  }
}

/** Whether a log-out made offline has yet to reach the server (reactive; the log-in page says so). */
export const serverLogoutPending = logoutPending;

/** Changes the signed-in user's password. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  await api.post('/api/auth/password', body);
}

// A 401 from any other endpoint means the session ended elsewhere (expired, logged out in
// another tab): drop to signed-out so the route guard sends the user to log in.
setUnauthorizedHandler(() => {
  closeAllDocs();
  setUser(null);
});

// Back online: the pending log-out goes out at once. Another tab's offline log-out signs this one out too.
watchPendingLogout(() => {
  closeAllDocs();
  setUser(null);
});

/**
 * A safe place to go after signing in: only same-site paths, never `//host` (open redirect).
 */
export function safeNext(next: string | null | undefined, fallback = '/projects'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
