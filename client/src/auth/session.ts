/**
 * Who is signed in, as a signal the whole app reads. The session itself is an httpOnly cookie the
 * client never sees; we only learn the user from /api/me and from the auth endpoints' answers.
 */
import { createSignal } from 'solid-js';
import type { User } from '../../../shared/api';
import { api, setUnauthorizedHandler } from '../api/client';
import { closeAllDocs } from '../sync/docs';
import { checkAndClose } from '../sync/leaving';
import { deleteCopies, listCopies } from '../sync/localCopies';
import { clearCachedApiData } from '../offline/cleanup';
import { clearSessionEnded } from '../sync/sessionCheck';
import { askAboutUnsynced } from './UnsyncedDialog';
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
  return startSession(() => api.post<{ user: User }>('/api/auth/signup', body));
}

/** Starts a session for an existing account. */
export async function login(body: { email: string; password: string }): Promise<User> {
  return startSession(() => api.post<{ user: User }>('/api/auth/login', body));
}

/** Log-in and sign-up: a pending log-out is sent first, with the old cookie, while it is still there. */
async function startSession(send: () => Promise<{ user: User }>): Promise<User> {
  await flushPendingLogout();
  const res = await send();
  // The new cookie has replaced the old one: a log-out not delivered by now (server errors only;
  // offline, this request would have failed too) can no longer be sent, and the old session
  // simply runs out at its expiry. Sending it later would end this new session instead.
  clearPendingLogout();
  clearSessionEnded();
  setUser(res.user);
  return res.user;
}

const [leaving, setLeaving] = createSignal(false);
/** True while a log-out is checking this device's documents (the Log out button says so). */
export const loggingOut = leaving;

let logoutInFlight: Promise<boolean> | null = null;

/**
 * Logs out: deletes the person's documents from this device, ends the session and forgets cached
 * data. Resolves true once signed out, false when the person chose to stay signed in because some
 * work has not reached the server yet (then nothing is deleted and every document stays open).
 * Offline (or with the server unreachable) the page still signs out, and the log-out is sent once
 * back online (see pendingLogout.ts: the httpOnly cookie means only the server can end the session).
 */
export function logout(): Promise<boolean> {
  // A second click while the first is still checking joins it rather than asking twice.
  logoutInFlight ??= endSession().finally(() => {
    logoutInFlight = null;
    setLeaving(false);
  });
  return logoutInFlight;
}

/** The log-out itself: local copies first (they need the session to be checked), then the session. */
async function endSession(): Promise<boolean> {
  setLeaving(true);
  const me = user();
  if (me) {
    // Before the server ends the session: checking with the server needs it.
    const check = await checkAndClose(me.id).catch(() => null);
    const count = check ? check.unsynced.length : 1;
    if (!check || count > 0) {
      if ((await askAboutUnsynced(count, check?.unchecked ?? true)) === 'stay') return false;
      closeAllDocs();
      // Everything in this person's name goes, including copies opened since the check.
      await deleteCopies(me.id, (await listCopies(me.id)).map((c) => c.name));
    } else {
      // Only what was confirmed: a copy another tab created meanwhile is left for its own log-out.
      await deleteCopies(me.id, check.safe);
    }
  } else {
    closeAllDocs();
  }
  try {
    await api.post('/api/auth/logout');
  } catch {
    markPendingLogout();
  } finally {
    // After the server ended the session (so nothing new can be stored), or at once when offline.
    await clearCachedApiData();
    setUser(null);
  }
  return true;
}

/** Whether a log-out made offline has yet to reach the server (reactive; the log-in page says so). */
export const serverLogoutPending = logoutPending;

/** Changes the signed-in user's password. */
export async function changePassword(body: { currentPassword: string; newPassword: string }): Promise<void> {
  await api.post('/api/auth/password', body);
}

/**
 * Changes the signed-in user's display name. The new name shows everywhere at once and signs this
 * person's new comments; other tabs are told too, since the server refuses a comment signed with
 * a name that is no longer the writer's.
 */
export async function changeName(name: string): Promise<User> {
  const res = await api.patch<{ user: User }>('/api/me', { name });
  setUser(res.user);
  renames?.postMessage(res.user);
  return res.user;
}

/** Takes the name from a fresher copy of this person (another tab, or the server). */
function adoptName(fresh: User | null | undefined): void {
  const me = user();
  if (me && fresh && me.id === fresh.id && typeof fresh.name === 'string' && fresh.name !== me.name) setUser({ ...me, name: fresh.name });
}

const renames = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('coreview.user');
if (renames) renames.onmessage = (e: MessageEvent<User>) => adoptName(e.data);

// A tab that missed the message (asleep, or opened in another browser or on another device)
// asks the server once it is looked at again. Only the name is taken from the answer: a session
// that ended is for the documents and the route guard to notice, not for this check to act on.
let lastAsked = 0;
const refreshName = () => {
  if (document.visibilityState !== 'visible' || !user() || Date.now() - lastAsked < 2000) return;
  lastAsked = Date.now();
  api.get<{ user: User }>('/api/me').then((res) => adoptName(res.user), () => {});
};
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', refreshName);
  window.addEventListener('focus', refreshName);
}

/**
 * Signed out on this page only: the documents close (their copies stay on this device) and the
 * route guard sends the person to log in. For sessions that already ended at the server.
 */
export function signOutHere(): void {
  closeAllDocs();
  setUser(null);
}

// A 401 from any other endpoint means the session ended elsewhere (expired, logged out in
// another tab): drop to signed-out so the route guard sends the user to log in.
setUnauthorizedHandler(signOutHere);

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
