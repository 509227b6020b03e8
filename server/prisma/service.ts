/**
 * PRISMA service: the live flow (JSON and SVG), the records behind a number, and the lead-entered
 * numbers (audited). The counting rules are in ./counts.ts, the visibility rules in ./policy.ts.
 */
import type { Deps } from '../context';
import type { Project } from '../../shared/api';
import { prismaJson, prismaSvg, type PrismaCountId } from '../../shared/prisma/index';
import {
  RECORD_COUNT_IDS,
  prismaManual,
  prismaRecordsHref,
  type PrismaManual,
  type PrismaRecordsPage,
  type PrismaReport,
  type RecordCountId,
} from '../../shared/prisma/report';
import { badRequest, notFound } from '../errors';
import { nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { findProject } from '../projects/repo';
import { listPrimaryRecordIds } from '../records/repo';
import { requireLead, requireMember } from '../projects/policy';
import { stageState } from '../screening/stages';
import { listResolutions } from '../screening/repo';
import { computePrisma, type PrismaComputation } from './counts';
import { requireCountVisible, requireFlowVisible } from './policy';
import * as repo from './repo';

interface Flow {
  project: Project;
  manual: PrismaManual;
  /** import sources drawn under Databases and under Registers */
  sources: { databases: string[]; registers: string[] };
  comp: PrismaComputation;
}

/** Computes the flow from SQLite (no authorization: callers check it first). */
function computeFlow(deps: Deps, pid: string): Flow {
  const { db } = deps;
  const project = findProject(db, pid);
  if (!project) throw notFound('No such project, or you are not a member of it.');
  const manual = repo.findManual(db, pid);
  const ta = stageState(db, pid, 'ta');
  const ft = stageState(db, pid, 'ft', ta);
  const identified = repo.identifiedBySource(db, pid);
  const registerNames = new Set(manual.registerSources);
  const comp = computePrisma({
    identified,
    duplicates: repo.countDuplicates(db, pid),
    ta: { records: ta.recordIds, outcomes: ta.outcomes },
    ft: { records: ft.recordIds, outcomes: ft.outcomes, resolutions: listResolutions(db, pid, 'ft') },
    reasons: project.exclusionReasons,
    manual,
  });
  const imported = identified.map((s) => s.source);
  return {
    project,
    manual,
    sources: { databases: imported.filter((s) => !registerNames.has(s)), registers: imported.filter((s) => registerNames.has(s)) },
    comp,
  };
}

/** The client route behind a number, or null when Coreview holds no records for it (lead-entered numbers). */
function linkFor(flow: Flow, countId: PrismaCountId, item?: string | null): string | null {
  const pid = flow.project.id;
  if (countId === 'identified' || countId === 'registers') {
    const imported = countId === 'identified' ? flow.sources.databases : flow.sources.registers;
    if (item ? !imported.includes(item) : imported.length === 0) return null;
    return prismaRecordsHref(pid, countId, item);
  }
  if (!(RECORD_COUNT_IDS as readonly string[]).includes(countId)) return null;
  return prismaRecordsHref(pid, countId as RecordCountId, countId === 'excludedReports' ? item : null);
}

/** `GET prisma.json`: the live flow with links, for members who may see both stages. */
export function prismaReport(deps: Deps, userId: string, pid: string): PrismaReport {
  requireFlowVisible(deps, userId, pid);
  const flow = computeFlow(deps, pid);
  const json = prismaJson(flow.comp.counts);
  return {
    ...json,
    projectId: pid,
    generatedAt: nowIso(),
    boxes: json.boxes.map((box) => ({
      ...box,
      lines: box.lines.map((line) => ({ ...line, href: line.countId ? linkFor(flow, line.countId, line.item) : null })),
    })),
    manual: flow.manual,
    notRetrievedReason: flow.comp.notRetrievedReason,
    unsettled: flow.comp.unsettled,
  };
}

/** `GET prisma.svg`: the same flow drawn, every record-backed number linking to its records. */
export function prismaSvgDocument(deps: Deps, userId: string, pid: string): string {
  requireFlowVisible(deps, userId, pid);
  const flow = computeFlow(deps, pid);
  return prismaSvg(flow.comp.counts, {
    title: `PRISMA 2020 flow diagram: ${flow.project.title}`,
    link: (countId, item) => linkFor(flow, countId, item),
  });
}

/** Parses `count=` of the records route, or a 400. */
export function parseCountId(raw: string | undefined): RecordCountId {
  if (raw && (RECORD_COUNT_IDS as readonly string[]).includes(raw)) return raw as RecordCountId;
  throw badRequest(`count must be one of: ${RECORD_COUNT_IDS.join(', ')}.`, { count: 'unknown count' }, 'bad_count');
}

/** `GET prisma/records`: the records behind one number, a page at a time, under the same blinding rule. */
export function prismaRecords(
  deps: Deps,
  userId: string,
  pid: string,
  count: RecordCountId,
  item: string | null,
  cursor: number,
  limit: number,
): PrismaRecordsPage {
  requireCountVisible(deps, userId, pid, count);
  const { db } = deps;
  // Identification lists come from imports alone; compute the decision-derived sets only when asked.
  let page: repo.RecordPage;
  if (count === 'identified' || count === 'registers') {
    const registerNames = new Set(repo.findManual(db, pid).registerSources);
    const imported = repo.identifiedBySource(db, pid).map((s) => s.source);
    const group = imported.filter((s) => registerNames.has(s) === (count === 'registers'));
    page = repo.recordsFromSources(db, pid, item ? group.filter((s) => s === item) : group, cursor, limit);
  } else if (count === 'duplicates') {
    page = repo.duplicateRecords(db, pid, cursor, limit);
  } else {
    const { sets } = computeFlow(deps, pid).comp;
    const ids =
      count === 'excludedReports'
        ? item
          ? (sets.excludedReports.get(item) ?? [])
          : [...sets.excludedReports.values()].flat()
        : sets[count === 'includedReports' ? 'included' : count];
    // In arrival order (the reasons' lists are each in that order, not their concatenation).
    const keep = new Set(ids);
    const ordered = listPrimaryRecordIds(db, pid).filter((id) => keep.has(id));
    page = { total: ordered.length, records: repo.recordsByIds(db, pid, ordered.slice(cursor, cursor + limit)) };
  }
  const next = cursor + limit < page.total ? String(cursor + limit) : null;
  return { count, item: count === 'identified' || count === 'registers' || count === 'excludedReports' ? item : null, total: page.total, records: page.records, nextCursor: next };
}

/** `GET prisma`: the lead-entered numbers (any member; they are not derived from decisions). */
export function getManual(deps: Deps, userId: string, pid: string): PrismaManual {
  requireMember(deps.db, pid, userId);
  return repo.findManual(deps.db, pid);
}

/** `PATCH prisma`: lead only, audited; returns the numbers now stored. */
export function updateManual(deps: Deps, userId: string, pid: string, patch: Partial<PrismaManual>): PrismaManual {
  const { db } = deps;
  requireLead(db, pid, userId);
  const project = findProject(db, pid)!;
  if (patch.notRetrievedReason && !project.exclusionReasons.includes(patch.notRetrievedReason)) {
    throw badRequest('notRetrievedReason must be one of the project’s exclusion reasons.', { notRetrievedReason: 'unknown reason' }, 'unknown_reason');
  }
  return db.transaction(() => {
    const before = repo.findManual(db, pid);
    const after = prismaManual.parse({ ...before, ...patch });
    repo.saveManual(db, pid, after, userId, nowIso());
    appendEvent(db, { projectId: pid, actorId: userId, type: 'prisma.updated', entity: 'project', entityId: pid, before, after });
    return after;
  })();
}
