/** Conflict-related routes beyond the screening ones: a record's history (audit story). */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { requireUser } from '../http/middleware';
import { recordHistory } from './history';

/** Routes under /api for disagreements and record histories. */
export function conflictRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/projects/:pid/records/:rid/history', (c) =>
    c.json(recordHistory(deps, requireUser(c).id, c.req.param('pid'), c.req.param('rid'))),
  );
}
