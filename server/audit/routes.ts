/**
 * GET /api/projects/:pid/audit — the project's audit log (lead only), a page at a time, oldest
 * first by default (`after`, for tools) or newest first (`order=desc&before=`), by `kind`.
 * GET /api/projects/:pid/audit.csv — the whole log (or one kind) as CSV, for archiving.
 */
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import Papa from 'papaparse';
import type { AppEnv, Deps } from '../context';
import { AUDIT_KINDS, auditQuery, type AuditEvent, type AuditQuery } from '../../shared/audit';
import { badRequest } from '../errors';
import { SPREADSHEET_SAFE } from '../http/csv';
import { requireUser } from '../http/middleware';
import { requireLead } from '../projects/policy';
import { allAuditEvents, auditPage } from './feed';

const HEADER = ['time', 'actor', 'actor id', 'type', 'kind', 'entity', 'entity id', 'subject', 'before', 'after'];

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
const csvRow = (e: AuditEvent) => [e.at, e.actorName ?? '', e.actorId ?? '', e.type, e.kind, e.entity, e.entityId ?? '', e.subject ?? '', json(e.before), json(e.after)];

/** Reads and checks the query; 400 `bad_query` naming the first wrong parameter. */
export function parseAuditQuery(raw: Record<string, string>): AuditQuery {
  const r = auditQuery.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0] ?? 'query');
  const message =
    field === 'kind' ? `kind must be one of: ${AUDIT_KINDS.join(', ')}.`
    : field === 'order' ? "order must be 'asc' or 'desc'."
    : field === 'limit' ? 'limit must be a whole number from 1 to 500.'
    : `${field} must be an event id (a whole number, 0 or more).`;
  throw badRequest(message, { [field]: issue.message }, 'bad_query');
}

/** The audit routes. */
export function auditRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects/:pid/audit', (c) => {
      const pid = c.req.param('pid');
      const user = requireUser(c);
      requireLead(deps.db, pid, user.id);
      return c.json(auditPage(deps.db, pid, user.id, parseAuditQuery(c.req.query())));
    })
    .get('/projects/:pid/audit.csv', (c) => {
      const pid = c.req.param('pid');
      const user = requireUser(c);
      requireLead(deps.db, pid, user.id);
      const { kind } = parseAuditQuery(c.req.query());
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="activity${kind ? `-${kind}` : ''}.csv"`);
      c.header('Cache-Control', 'no-store');
      c.header('X-Content-Type-Options', 'nosniff');
      const pages = allAuditEvents(deps.db, pid, user.id, kind);
      return stream(c, async (out) => {
        // A byte-order mark, so spreadsheet programs read the names as UTF-8.
        await out.write(`\uFEFF${Papa.unparse([HEADER], SPREADSHEET_SAFE)}\r\n`);
        for (const page of pages) await out.write(`${Papa.unparse(page.map(csvRow), SPREADSHEET_SAFE)}\r\n`);
      });
    });
}
