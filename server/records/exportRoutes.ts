/**
 * GET /api/projects/:pid/export?format=ris|csv[&stage=ta|ft[&decision=…]] — records streamed back as
 * RIS or CSV. Without a stage: every record, duplicates flagged (CSV columns; an N1 note in RIS).
 * With a stage: that stage's records and the final decision on each, only for people the blinding
 * rule lets see others' decisions there. The list filters of the records page apply too.
 */
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import Papa from 'papaparse';
import type { AppEnv, Deps } from '../context';
import type { Stage } from '../../shared/api';
import type { ParsedRecord } from '../../shared/records';
import { badRequest, forbidden } from '../errors';
import { requireUser } from '../http/middleware';
import { requireMember } from '../projects/policy';
import { findProject } from '../projects/repo';
import { parseStage } from '../screening/service';
import { mayKnowStageRecords, maySeeOthersDecisions, stageState } from '../screening/stages';
import type { Outcome } from '../screening/outcomes';
import { annotatedRisChunks, csvChunks } from './export';
import { SPREADSHEET_SAFE } from '../http/csv';
import { indexUpToDate } from './fts';
import { checkFilterTargets, matchingIds, noFilters, parseRecordFilters, recordsByIds, searchRecords, type ListedRecord, type RecordFilters } from './search';

/** Final-decision categories a stage export can keep. */
export const EXPORT_DECISIONS = ['include', 'exclude', 'maybe', 'pending', 'conflict'] as const;
/** One of EXPORT_DECISIONS. */
export type ExportDecision = (typeof EXPORT_DECISIONS)[number];

const PAGE = 500;
const STAGE_NAME: Record<Stage, string> = { ta: 'title/abstract', ft: 'full text' };
const REASON_NAME: Record<string, string> = { doi: 'same DOI', pmid: 'same PubMed id', fuzzy: 'similar title, authors and year', manual: 'linked by a lead' };

/**
 * Whether an outcome falls in a category: include / exclude are settled decisions (agreed or
 * resolved); pending and conflict are unsettled records; maybe is any unresolved record that a
 * screener marked "maybe" (it counts by the project's maybe rule, so it may also be agreed).
 */
export function inCategory(o: Outcome, category: ExportDecision): boolean {
  if (category === 'include' || category === 'exclude') return o.final === category;
  if (category === 'maybe') return o.status !== 'resolved' && o.decisions.some((d) => d.decision === 'maybe');
  return o.status === category;
}

/** One exported row: the record, and the extra columns (Coreview's) that follow the standard ones. */
interface Row {
  record: ListedRecord;
  extra: string[];
  /** a sentence added to the RIS notes (N1) */
  note: string | null;
}

const asParsed = (r: ListedRecord): ParsedRecord => ({ ...r, line: 0 });

/** Every record (or those matching the filters), in arrival order, a page at a time, duplicates flagged. */
function* allRows(deps: Deps, pid: string, f: RecordFilters): Generator<Row[]> {
  let after = 0;
  for (;;) {
    const page = searchRecords(deps.db, pid, f, after, PAGE);
    const primaries = new Map(recordsByIds(deps.db, pid, [...new Set(page.records.flatMap((r) => (r.duplicateOf ? [r.duplicateOf] : [])))]).map((p) => [p.id, p]));
    yield page.records.map((r) => {
      const p = r.duplicateOf ? primaries.get(r.duplicateOf) : undefined;
      const reason = r.duplicateReason ? (REASON_NAME[r.duplicateReason] ?? r.duplicateReason) : '';
      return {
        record: r,
        extra: [r.id, r.source, r.duplicateOf ?? '', r.duplicateReason ?? '', r.duplicateOf ? (r.duplicateConfirmedAt ? 'yes' : 'no') : ''],
        note: r.duplicateOf ? `Coreview: duplicate of "${p?.title ?? r.duplicateOf}" (${reason}); removed before screening.` : null,
      };
    });
    if (!page.more) return;
    after = page.records[page.records.length - 1]!.seq;
  }
}

/** A stage's records with their final decision, filtered by category and list filters. */
function* stageRows(deps: Deps, pid: string, stage: Stage, category: ExportDecision | null, f: RecordFilters): Generator<Row[]> {
  const state = stageState(deps.db, pid, stage);
  const keep = noFilters(f) ? null : matchingIds(deps.db, pid, f);
  const ids = state.recordIds.filter((id) => (!category || inCategory(state.outcomes.get(id)!, category)) && (!keep || keep.has(id)));
  for (let i = 0; i < ids.length; i += PAGE) {
    yield recordsByIds(deps.db, pid, ids.slice(i, i + PAGE)).map((r) => {
      const o = state.outcomes.get(r.id)!;
      const reasons = [...new Set(o.decisions.filter((d) => d.decision === 'exclude').flatMap((d) => d.reasons))];
      const decision = o.final ?? '';
      return {
        record: r,
        extra: [r.id, r.source, stage, o.status, decision, reasons.join('; ')],
        note: `Coreview ${STAGE_NAME[stage]} screening: ${decision || 'not settled'} (${o.status})${reasons.length ? `; reasons: ${reasons.join(', ')}` : ''}.`,
      };
    });
  }
}

/** CSV: the writer's standard columns, then Coreview's own (named so no importer mistakes them for fields). */
function* csvOut(pages: Iterable<Row[]>, extraHeader: string[]): Generator<string> {
  const header = csvChunks([]).next().value as string;
  yield `\uFEFF${header.replace(/\r\n$/, '')},${Papa.unparse([extraHeader], SPREADSHEET_SAFE)}\r\n`;
  for (const rows of pages) {
    let chunk = '';
    for (const row of rows) {
      const lines = csvChunks([asParsed(row.record)]);
      lines.next(); // the header again
      chunk += `${(lines.next().value as string).replace(/\r\n$/, '')},${Papa.unparse([row.extra], SPREADSHEET_SAFE)}\r\n`;
    }
    yield chunk;
  }
}

function* risOut(pages: Iterable<Row[]>): Generator<string> {
  for (const rows of pages) yield [...annotatedRisChunks(rows.map((r) => ({ record: asParsed(r.record), note: r.note })))].join('');
}

const slug = (s: string) => s.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').toLowerCase().slice(0, 40) || 'records';

function parseCategory(raw: string | undefined, stage: Stage | null): ExportDecision | null {
  if (!raw) return null;
  if (!stage) throw badRequest('Choose a stage (ta or ft) to export records by decision.', { stage: 'required with decision' }, 'stage_required');
  if (!(EXPORT_DECISIONS as readonly string[]).includes(raw)) throw badRequest(`decision must be one of: ${EXPORT_DECISIONS.join(', ')}.`, { decision: 'unknown value' }, 'bad_filter');
  return raw as ExportDecision;
}

function sendStream(c: Context<AppEnv>, chunks: Iterable<string>, contentType: string, filename: string) {
  c.header('Content-Type', contentType);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  return stream(c, async (out) => {
    // Each page is read from SQLite in one go, then written; awaiting the write lets the socket drain.
    for (const chunk of chunks) await out.write(chunk);
  });
}

/** The export route. */
export function exportRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/projects/:pid/export', async (c) => {
    const user = requireUser(c);
    const pid = c.req.param('pid');
    const role = requireMember(deps.db, pid, user.id);
    const format = c.req.query('format');
    if (format !== 'ris' && format !== 'csv') throw badRequest("format must be 'ris' or 'csv'.", { format: 'unknown value' }, 'bad_format');
    const stage = c.req.query('stage') ? parseStage(c.req.query('stage')) : null;
    const category = parseCategory(c.req.query('decision'), stage);
    const filters = parseRecordFilters((n) => c.req.query(n));
    checkFilterTargets(deps.db, pid, filters);
    if (stage && (!mayKnowStageRecords(deps.db, pid, stage, user.id, role) || !maySeeOthersDecisions(deps.db, pid, stage, user.id, role))) {
      throw forbidden('This stage is still blinded: decisions can be exported once a lead unblinds it.', 'blinded');
    }
    if (filters.match || filters.exclude) await indexUpToDate(deps.db);
    const pages = stage ? stageRows(deps, pid, stage, category, filters) : allRows(deps, pid, filters);
    const extraHeader = stage
      ? ['coreview_id', 'database', 'screening_stage', 'screening_status', 'screening_decision', 'screening_reasons']
      : ['coreview_id', 'database', 'duplicate_of', 'duplicate_reason', 'duplicate_confirmed'];
    const name = ['coreview', slug(findProject(deps.db, pid)?.title ?? ''), stage, category, new Date().toISOString().slice(0, 10)].filter(Boolean).join('-');
    return format === 'csv'
      ? sendStream(c, csvOut(pages, extraHeader), 'text/csv; charset=utf-8', `${name}.csv`)
      : sendStream(c, risOut(pages), 'application/x-research-info-systems; charset=utf-8', `${name}.ris`);
  });
}
