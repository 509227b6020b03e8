/** PRISMA routes: the live flow as JSON and SVG, the records behind a number, and the lead-entered numbers. */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { parseBody, requireUser } from '../http/middleware';
import { badRequest } from '../errors';
import { requireLead } from '../projects/policy';
import { patchPrismaBody } from '../../shared/prisma/report';
import { getManual, parseCountId, prismaRecords, prismaReport, prismaSvgDocument, updateManual } from './service';

const MAX_LIMIT = 1000;

/** A non-negative whole number from the query, or a 400. */
function queryInt(raw: string | undefined, name: string, fallback: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw badRequest(`${name} must be a whole number from 0 to ${max}.`, { [name]: 'out of range' });
  return n;
}

/** Routes under /api/projects/:pid for the PRISMA 2020 flow. */
export function prismaRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects/:pid/prisma.json', (c) => {
      const report = prismaReport(deps, requireUser(c).id, c.req.param('pid'));
      c.header('Cache-Control', 'no-store');
      return c.json(report);
    })
    .get('/projects/:pid/prisma.svg', (c) => {
      const svg = prismaSvgDocument(deps, requireUser(c).id, c.req.param('pid'));
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      c.header('Cache-Control', 'no-store');
      if (c.req.query('download') === '1') c.header('Content-Disposition', 'attachment; filename="prisma-2020-flow.svg"');
      return c.body(svg);
    })
    .get('/projects/:pid/prisma/records', (c) => {
      const user = requireUser(c);
      const count = parseCountId(c.req.query('count'));
      const item = c.req.query('item') || null;
      const cursor = queryInt(c.req.query('cursor'), 'cursor', 0, Number.MAX_SAFE_INTEGER);
      const limit = Math.max(1, queryInt(c.req.query('limit'), 'limit', 100, MAX_LIMIT));
      c.header('Cache-Control', 'no-store');
      return c.json(prismaRecords(deps, user.id, c.req.param('pid'), count, item, cursor, limit));
    })
    .get('/projects/:pid/prisma', (c) => c.json({ manual: getManual(deps, requireUser(c).id, c.req.param('pid')) }))
    .patch('/projects/:pid/prisma', async (c) => {
      const user = requireUser(c);
      requireLead(deps.db, c.req.param('pid'), user.id);
      const body = await parseBody(c, patchPrismaBody);
      return c.json({ manual: updateManual(deps, user.id, c.req.param('pid'), body) });
    });
}
