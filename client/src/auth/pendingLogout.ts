/**
 * A log-out the server has not heard yet. Logging out offline clears everything this page can
 * clear (open documents, cached API answers) and shows the signed-out state, but it cannot end the
 * session: the session cookie is httpOnly, so script can neither read nor delete it, and only the
 * server can delete the session. Until POST /api/auth/logout reaches the server, the server still
 * holds a live session and this browser still sends its cookie; a plain reload would sign the
 * person back in. So the log-out is remembered in localStorage (it survives closing the tab) and
 * sent before anything else as soon as we are back: on the 'online' event, at the next app start
 * (loadSession), and before a new log-in or sign-up.
 */
import { createSignal } from 'solid-js';

/** The localStorage key; its presence means "a log-out is waiting to reach the server". */
export const PENDING_LOGOUT_KEY = 'coreview.pendingLogout';

/** The stored flag; null when storage is blocked (private mode, policy). */
const stored = (): boolean | null => {
  try {
    return localStorage.getItem(PENDING_LOGOUT_KEY) !== null;
  } catch {
    return null;
  }
};

// A signal too, so the log-in page can say that the server has not been told yet.
const [pending, setPending] = createSignal(stored() ?? false);

/**
 * Storage is the truth when it works: another tab may have sent the log-out and signed in again
 * since, and sending a stale one then would end that new session.
 */
const isPending = (): boolean => stored() ?? pending();

/** Whether a log-out is waiting to reach the server (reactive). */
export const logoutPending = pending;

/** Remembers that the server must still be told about a log-out. */
export function markPendingLogout(): void {
  try {
    localStorage.setItem(PENDING_LOGOUT_KEY, new Date().toISOString());
  } catch {
    // Storage blocked: the flag lives in this page only; the 'online' handler still sends it.
  }
  setPending(true);
}

/** Forgets the pending log-out (sent, or overtaken by a new log-in that replaced the cookie). */
export function clearPendingLogout(): void {
  try {
    localStorage.removeItem(PENDING_LOGOUT_KEY);
  } catch {
    // nothing stored to remove
  }
  setPending(false);
}

let inFlight: Promise<boolean> | null = null;

/**
 * Sends the pending log-out, if any. True when there is none left to send (the server answered
 * 2xx, or nothing was pending); false when it could not be delivered (still offline, server error).
 * Concurrent callers (the 'online' event and a log-in submitted at the same moment) share one request.
 */
export function flushPendingLogout(): Promise<boolean> {
  if (!isPending()) {
    setPending(false);
    return Promise.resolve(true);
  }
  inFlight ??= (async () => {
    try {
      // A plain fetch, not the API wrapper: no 401 handling or error mapping is wanted here. The
      // answer clears the cookie (Set-Cookie) and the server closes the session's sockets (4401).
      const res = await fetch('/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: '{}',
      });
      if (!res.ok) return false;
      clearPendingLogout();
      return true;
    } catch {
      return false; // still offline or the server unreachable: try again on the next chance
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * Sends a pending log-out whenever the browser comes back online, and follows other tabs: a log-out
 * made offline in one tab calls `onLoggedOutElsewhere` in the others. Call once at start-up.
 */
export function watchPendingLogout(onLoggedOutElsewhere: () => void): void {
  window.addEventListener('online', () => void flushPendingLogout());
  window.addEventListener('storage', (e) => {
    if (e.key !== PENDING_LOGOUT_KEY && e.key !== null) return;
    const now = stored() ?? false;
    setPending(now);
    if (now) onLoggedOutElsewhere();
  });
}
