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
}

export interface Deps {
  db: DB;
  config: Config;
  throttle: LoginThrottle;
  sync: SyncControl;
}

export type AppEnv = {
  Variables: {
    user: User | null;
    session: Session | null;
  };
};
