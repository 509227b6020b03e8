/**
 * Records API: the records list (search, filters, keyset paging in arrival order or by relevance;
 * or a screener's own queue with `stage=`), single records with their duplicate group, the filter
 * facets, and duplicate review.
 */
import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { parseBody, requireUser } from '../http/middleware';
import { requireLead, requireMember } from '../projects/policy';
import { notFound } from '../errors';
import { confirmDuplicatesBody, mergeDuplicateBody, splitDuplicateBody } from '../../shared/api';
import { parseStage, queueFor } from '../screening/service';
import {
  checkFilterTargets, countRecords, duplicatesOf, findListedRecord, matchingIds, noFilters, parseRankCursor, parseRecordFilters,
  parseSort, queryInt, recordFacets, recordsByIds, searchByRelevance, searchRecords,
} from './search';
import { confirmGroup, groupOf, listGroups, mergePreview, mergeRecords, parseGroupQuery, splitRecord } from './duplicates';
import { indexUpToDate } from './fts';

const MAX_LIMIT = 500;
const MAX_GROUPS = 200;

/** Routes for reading records and reviewing duplicates. */
export function recordRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/projects/:pid/records', async (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, user.id);
      const filters = parseRecordFilters((n) => c.req.query(n));
      checkFilterTargets(deps.db, pid, filters);
      const limit = queryInt(c.req.query('limit'), 'limit', 100, 1, MAX_LIMIT);
      const sort = parseSort(c.req.query('sort'));
      // What the search was taken to mean, so a client can say so (e.g. that "(" searched nothing).
      const search = { words: filters.words, clauses: filters.plan.clauses, excluded: filters.plan.excluded, ignored: filters.searchIgnored };
      const stageParam = c.req.query('stage');
      const stage = stageParam ? parseStage(stageParam) : null;
      if (filters.match || filters.exclude) await indexUpToDate(deps.db);
      if (sort === 'relevance' && !stage) {
        // A relevance cursor is "<score>_<seq>" of the last record: keyset paging on (score, seq).
        const page = searchByRelevance(deps.db, pid, filters, parseRankCursor(c.req.query('cursor')), limit);
        // Without words there is nothing to rank by: say that the order is arrival.
        return c.json({ ...page, total: countRecords(deps.db, pid, filters), sort: filters.match ? sort : 'arrival', search });
      }
      const cursor = queryInt(c.req.query('cursor'), 'cursor', 0, 0, Number.MAX_SAFE_INTEGER);
      if (stage) {
        // A stage's records as this person may know them (a screener's own queue; 'ft' only once
        // 'ta' is visible). The cursor is an offset into that queue, which is not in seq order.
        const q = queueFor(deps, user.id, pid, stage);
        let ids = q.screener ? q.recordIds : [];
        if (!noFilters(filters)) {
          const keep = matchingIds(deps.db, pid, filters);
          ids = ids.filter((rid) => keep.has(rid));
        }
        const records = recordsByIds(deps.db, pid, ids.slice(cursor, cursor + limit));
        const next = cursor + limit < ids.length ? String(cursor + limit) : null;
        return c.json({ records, nextCursor: next, total: ids.length, sort: 'queue', search });
      }
      // Keyset paging: the cursor is the last record's arrival number, so pages stay stable while imports add records.
      const page = searchRecords(deps.db, pid, filters, cursor, limit);
      const last = page.records[page.records.length - 1];
      return c.json({ records: page.records, nextCursor: page.more && last ? String(last.seq) : null, total: countRecords(deps.db, pid, filters), sort, search });
    })
    .get('/projects/:pid/records/facets', (c) => {
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, requireUser(c).id);
      return c.json(recordFacets(deps.db, pid));
    })
    .get('/projects/:pid/records/:rid', (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, user.id);
      const record = findListedRecord(deps.db, pid, c.req.param('rid'));
      if (!record) throw notFound('No such record in this project.');
      const duplicates = record.duplicateOf ? [] : duplicatesOf(deps.db, pid, record.id);
      const primary = record.duplicateOf ? findListedRecord(deps.db, pid, record.duplicateOf) : null;
      return c.json({ record, duplicates, primary, group: groupOf(deps, pid, record.duplicateOf ?? record.id) });
    })
    .get('/projects/:pid/duplicates', (c) => {
      const q = parseGroupQuery(c.req.query('status'), c.req.query('reason'));
      const limit = queryInt(c.req.query('limit'), 'limit', 50, 1, MAX_GROUPS);
      const cursor = queryInt(c.req.query('cursor'), 'cursor', 0, 0, Number.MAX_SAFE_INTEGER);
      return c.json(listGroups(deps, requireUser(c).id, c.req.param('pid'), q, cursor, limit));
    })
    .get('/projects/:pid/duplicates/merge-preview', (c) => {
      const primaryId = c.req.query('primaryId') ?? '';
      const duplicateId = c.req.query('duplicateId') ?? '';
      return c.json(mergePreview(deps, requireUser(c).id, c.req.param('pid'), primaryId, duplicateId));
    })
    .post('/projects/:pid/duplicates/confirm', async (c) => {
      const user = requireUser(c);
      requireLead(deps.db, c.req.param('pid'), user.id);
      const body = await parseBody(c, confirmDuplicatesBody);
      return c.json({ group: confirmGroup(deps, user.id, c.req.param('pid'), body.primaryId, body.duplicateIds) });
    })
    .post('/projects/:pid/duplicates/split', async (c) => {
      const user = requireUser(c);
      requireLead(deps.db, c.req.param('pid'), user.id);
      const body = await parseBody(c, splitDuplicateBody);
      return c.json(splitRecord(deps, user.id, c.req.param('pid'), body.recordId, body.primaryId));
    })
    .post('/projects/:pid/duplicates/merge', async (c) => {
      const user = requireUser(c);
      requireLead(deps.db, c.req.param('pid'), user.id);
      const body = await parseBody(c, mergeDuplicateBody);
      return c.json(mergeRecords(deps, user.id, c.req.param('pid'), body.primaryId, body.duplicateId, body.duplicateOf));
    });
}
