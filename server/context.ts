/** What every route and service can reach: the database, configuration and live sync hub. */
import type { DB } from './db/database';
import type { Config } from './config';
import type { LoginThrottle } from './auth/throttle';
import type { User } from '../shared/api';
import type { Session } from './auth/sessions';

/** Hooks the sync server offers to services, so HTTP changes reach open sockets. */
export interface SyncControl {
  /** Closes a user's sockets for a project (membership removed) with close code 4403. */
  revokeMember(projectId: string, userId: string): void;
  /** Closes sockets opened with a session (logout), code 4401. */
  closeSessionSockets(sessionId: string): void;
  /** Closes every socket of a user (password change ends all sessions and tickets), code 4000: reconnect. */
  closeUserSockets(userId: string): void;
  /** Loaded documents whose name starts with `prefix`. */
  loadedDocs(prefix: string): { name: string; doc: import('yjs').Doc }[];
  /** Closes sockets on documents starting with `prefix` with 4409 so clients reopen a fresh view. */
  reconnectViews(prefix: string): void;
}

/** The board document's derived views; services call it after changes the board shows. */
export interface BoardControl {
  /** Recompute the project's board views (debounced). */
  refresh(projectId: string): void;
  /** Who sees what changed (unblinding, screeners, roles): viewers reconnect to their new view. */
  audienceChanged(projectId: string): void;
}

export interface Deps {
  db: DB;
  config: Config;
  throttle: LoginThrottle;
  sync: SyncControl;
  board: BoardControl;
}

export type AppEnv = {
  Variables: {
    user: User | null;
    session: Session | null;
  };
};
