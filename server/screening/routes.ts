/** Screening routes: queues, screeners, unblinding, conflicts, resolutions and decisions. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Deps } from '../context';
import { parseBody, requireUser } from '../http/middleware';
import { requireLead } from '../projects/policy';
import { findRole } from '../projects/repo';
import { badRequest } from '../errors';
import { appendEvent } from '../audit/events';
import * as repo from './repo';
import { screenersOf } from './stages';
import { decisionsView, listConflicts, parseStage, queueFor, reassignScreener, unblind } from './service';

const reassignBody = z.object({ from: z.string().max(64), to: z.string().max(64) });
const screenersBody = z.object({ userIds: z.array(z.string().max(64)).max(500) });

/** Routes under /api/projects/:pid for screening. */
export function screeningRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects/:pid/stages/:stage/queue', (c) =>
      c.json(queueFor(deps, requireUser(c).id, c.req.param('pid'), parseStage(c.req.param('stage')))),
    )
    .get('/projects/:pid/stages/:stage/screeners', (c) => {
      const pid = c.req.param('pid');
      requireLead(deps.db, pid, requireUser(c).id);
      return c.json({ screeners: screenersOf(deps.db, pid, parseStage(c.req.param('stage'))) });
    })
    .put('/projects/:pid/stages/:stage/screeners', async (c) => {
      // Leads and co-researchers a lead adds as screeners (reviewers always screen).
      const user = requireUser(c);
      const pid = c.req.param('pid');
      const stage = parseStage(c.req.param('stage'));
      requireLead(deps.db, pid, user.id);
      const { userIds } = await parseBody(c, screenersBody);
      for (const id of userIds) {
        const role = findRole(deps.db, pid, id);
        if (role !== 'lead' && role !== 'co_researcher') throw badRequest('Only leads and co-researchers can be added as screeners; reviewers screen already.', { userIds: id });
      }
      deps.db.transaction(() => {
        const before = repo.listExtraScreeners(deps.db, pid, stage);
        for (const id of before) repo.setExtraScreener(deps.db, pid, stage, id, false);
        for (const id of userIds) repo.setExtraScreener(deps.db, pid, stage, id, true);
        appendEvent(deps.db, { projectId: pid, actorId: user.id, type: 'stage.screeners_changed', entity: 'stage', entityId: stage, before, after: userIds });
      })();
      deps.board.audienceChanged(pid);
      return c.json({ screeners: screenersOf(deps.db, pid, stage) });
    })
    .post('/projects/:pid/stages/:stage/reassign', async (c) => {
      const user = requireUser(c);
      const { from, to } = await parseBody(c, reassignBody);
      return c.json(reassignScreener(deps, user.id, c.req.param('pid'), parseStage(c.req.param('stage')), from, to));
    })
    .post('/projects/:pid/stages/:stage/unblind', (c) => {
      const scope = c.req.query('scope') === 'pilot' ? 'pilot' : 'stage';
      return c.json(unblind(deps, requireUser(c).id, c.req.param('pid'), parseStage(c.req.param('stage')), scope));
    })
    .get('/projects/:pid/conflicts', (c) =>
      c.json({ conflicts: listConflicts(deps, requireUser(c).id, c.req.param('pid'), parseStage(c.req.query('stage'))) }),
    )
    .get('/projects/:pid/decisions', (c) =>
      c.json(decisionsView(deps, requireUser(c).id, c.req.param('pid'), parseStage(c.req.query('stage')))),
    );
}
