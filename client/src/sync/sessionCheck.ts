/**
 * Whether the session behind this page's live documents is over. A socket closed with 4000 or 4401,
 * or a reconnect refused at the upgrade (the browser only sees a failed socket, never the 401),
 * looks just like a lost network to the provider; asking GET /api/me tells the two apart. Once it
 * answers 401 (or names someone else) the documents stop reconnecting and say so, instead of
 * promising to share the work "when you are back online" — it would never get there.
 */
import { createSignal } from 'solid-js';
import type { User } from '../../../shared/api';
import { api, ApiError } from '../api/client';

/** live: the server still knows this person here; ended: it does not; unknown: could not ask. */
export type SessionState = 'live' | 'ended' | 'unknown';

// The id of the person whose session this page found ended (null while none has).
const [endedFor, setEndedFor] = createSignal<string | null>(null);
/** The user whose session ended on this page, reactive; null while it is live (as far as we know). */
export const sessionEndedFor = endedFor;

// A server that is down fails every reconnect: one question at a time, and not more often than this.
const MIN_GAP_MS = 3000;
let inFlight: Promise<SessionState> | null = null;
let last: { at: number; userId: string; state: SessionState } | null = null;

/** Asks the server whether `userId` is still signed in on this browser. */
export function checkSession(userId: string): Promise<SessionState> {
  if (endedFor() === userId) return Promise.resolve('ended');
  if (inFlight) return inFlight;
  if (last && last.userId === userId && Date.now() - last.at < MIN_GAP_MS) return Promise.resolve(last.state);
  // api.get on /api/me does not trigger the app-wide "signed out" handler: the page stays, and says why.
  inFlight = api
    .get<{ user: User }>('/api/me')
    .then(
      (res): SessionState => (res.user.id === userId ? 'live' : 'ended'),
      (err): SessionState => (err instanceof ApiError && err.status === 401 ? 'ended' : 'unknown'),
    )
    .then((state) => {
      inFlight = null;
      last = { at: Date.now(), userId, state };
      if (state === 'ended') setEndedFor(userId);
      return state;
    });
  return inFlight;
}

/** A new session started (log-in): documents opened from now on connect again. */
export function clearSessionEnded(): void {
  setEndedFor(null);
  last = null;
}
