/**
 * Agreement route: `GET /api/projects/:pid/agreement?stage=ta|ft[&format=json|csv][&batch=n][&scope=stage|pilot]`.
 * Without `batch`, the drift series has batches of 20 records, or larger to keep it to 50 batches.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { requireUser } from '../http/middleware';
import { badRequest } from '../errors';
import { parseStage } from '../screening/service';
import { agreementReport, pilotAgreementReport } from './service';
import { agreementCsv } from './csv';

const MAX_BATCH = 10_000;

/** The drift chart's batch size from the query (null: the report's default), or a 400. */
function parseBatch(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return null;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) {
    throw badRequest(`batch must be a whole number from 1 to ${MAX_BATCH}.`, { batch: 'out of range' }, 'bad_batch');
  }
  return n;
}

/** Routes under /api/projects/:pid for agreement figures. */
export function agreementRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/projects/:pid/agreement', (c) => {
    const user = requireUser(c);
    const format = c.req.query('format') ?? 'json';
    if (format !== 'json' && format !== 'csv') throw badRequest("format must be 'json' or 'csv'.", { format: 'unknown format' }, 'bad_format');
    const scope = c.req.query('scope') ?? 'stage';
    if (scope !== 'stage' && scope !== 'pilot') throw badRequest("scope must be 'stage' or 'pilot'.", { scope: 'unknown scope' }, 'bad_scope');
    const stage = parseStage(c.req.query('stage'));
    const batch = parseBatch(c.req.query('batch'));
    const pid = c.req.param('pid');
    const report = scope === 'pilot' ? pilotAgreementReport(deps, user.id, pid, stage) : agreementReport(deps, user.id, pid, stage, batch);
    // Live, blinding-dependent figures: never cached.
    c.header('Cache-Control', 'no-store');
    if (format === 'json') return c.json(report);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="agreement-${stage}${scope === 'pilot' ? '-pilot' : ''}.csv"`);
    return c.body(agreementCsv(report));
  });
}
