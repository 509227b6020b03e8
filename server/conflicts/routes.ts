/** Conflict-related routes beyond the screening ones: the lead's final decision, a record's history (audit story). */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { parseBody, requireUser } from '../http/middleware';
import { requireMember } from '../projects/policy';
import { parseStage } from '../screening/service';
import { visibleRecords } from '../screening/stages';
import { recordHistory } from './history';
import { listResolutions } from '../screening/repo';
import { resolveBody, resolveRecord } from './resolve';

/** Routes under /api for disagreements and record histories. */
export function conflictRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/projects/:pid/conflicts/:stage/:rid/resolve', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, resolveBody);
      return c.json(resolveRecord(deps, user.id, c.req.param('pid'), parseStage(c.req.param('stage')), c.req.param('rid'), body));
    })
    .get('/projects/:pid/conflicts/:stage/exclusion-reasons', (c) => {
      const pid = c.req.param('pid');
      const stage = parseStage(c.req.param('stage'));
      const userId = requireUser(c).id;
      requireMember(deps.db, pid, userId);
      // A settlement is others' data at that stage: the blinding rule applies as on the board.
      const visible = visibleRecords(deps.db, pid, stage, userId);
      const all = [...listResolutions(deps.db, pid, stage)].flatMap(([id, r]) => (r.exclusionReason ? [[id, r.exclusionReason] as const] : []));
      return c.json({ reasons: Object.fromEntries(visible === 'all' ? all : all.filter(([id]) => visible.has(id))) });
    })
    .get('/projects/:pid/records/:rid/history', (c) =>
      c.json(recordHistory(deps, requireUser(c).id, c.req.param('pid'), c.req.param('rid'))),
    );
}
