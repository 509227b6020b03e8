/**
 * Who is signed in, as a signal the whole app reads. The session itself is an httpOnly cookie the
 * client never sees; we only learn the user from /api/me and from the auth endpoints' answers.
 */
import { createSignal } from 'solid-js';
import type { User } from '../../../shared/api';
import { api, setUnauthorizedHandler } from '../api/client';
import { closeAllDocs } from '../sync/docs';
import { clearCachedApiData } from '../offline/cleanup';

// undefined: not known yet (first /api/me in flight); null: signed out.
const [user, setUser] = createSignal<User | null | undefined>(undefined);

/** The signed-in user, null when signed out, undefined while still checking. */
export const currentUser = user;

/** Asks the server who we are; call once at start-up. */
export async function loadSession(): Promise<void> {
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
  const res = await api.post<{ user: User }>('/api/auth/signup', body);
  setUser(res.user);
  return res.user;
}

/** Starts a session for an existing account. */
export async function login(body: { email: string; password: string }): Promise<User> {
  const res = await api.post<{ user: User }>('/api/auth/login', body);
  setUser(res.user);
  return res.user;
}

/** Ends the session and closes every live document. */
export async function logout(): Promise<void> {
  closeAllDocs();
  try {
    await api.post('/api/auth/logout');
  } finally {
    // After the server ended the session (so nothing new can be stored), even when offline.
    await clearCachedApiData();
    setUser(null);
  }
}

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

/**
 * A safe place to go after signing in: only same-site paths, never `//host` (open redirect).
 */
export function safeNext(next: string | null | undefined, fallback = '/projects'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
