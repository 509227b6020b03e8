/**
 * Full texts of records at the full-text stage: who may add and read them, and the audited writes.
 * Which records reached full text is derived from everyone's title/abstract decisions, so anyone
 * still blinded at title/abstract gets one uniform refusal here (DESIGN section 2).
 */
import type { Deps } from '../context';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import { nowIso } from '../ids';
import { appendEvent } from '../audit/events';
import { requireMember } from '../projects/policy';
import { findRecord } from '../records/repo';
import { isScreener, mayKnowStageRecords, stageState } from '../screening/stages';
import type { Role } from '../../shared/roles';
import * as repo from './repo';
import { pdfPath, removePdf, UploadRefused, writePdfAtomically } from './storage';

/** Uploads larger than this are refused with 413. */
export const FULLTEXT_MAX_BYTES = 50 * 1024 * 1024;

const blinded = () =>
  forbidden('Full texts open once title/abstract screening is unblinded: which records reach full text depends on everyone’s decisions.', 'blinded');

/** The member's role, once they may know the full-text stage's records (else 403 blinded; 404 for non-members). */
export function requireFullTextReader(deps: Deps, userId: string, pid: string): Role {
  const role = requireMember(deps.db, pid, userId);
  if (!mayKnowStageRecords(deps.db, pid, 'ft', userId, role)) throw blinded();
  return role;
}

/** Checks that this user may add a full text for this record (a lead or an 'ft' screener; record at 'ft'). */
function requireFullTextWriter(deps: Deps, userId: string, pid: string, rid: string): void {
  const role = requireFullTextReader(deps, userId, pid);
  if (role !== 'lead' && !isScreener(deps.db, pid, 'ft', userId, role)) {
    throw forbidden('Only leads and the screeners of the full-text stage can add full texts.', 'not_screener');
  }
  if (!findRecord(deps.db, pid, rid)) throw notFound('No such record in this project.');
  if (!stageState(deps.db, pid, 'ft').recordIds.includes(rid)) {
    throw new AppError(409, 'not_at_full_text', 'Full texts can be added only for records at the full-text stage.');
  }
}

/** Stores an uploaded PDF for a record (streamed, size-limited, atomically replaced) and audits it. */
export async function uploadFullText(
  deps: Deps,
  userId: string,
  pid: string,
  rid: string,
  body: ReadableStream<Uint8Array> | null,
  maxBytes = FULLTEXT_MAX_BYTES,
) {
  requireFullTextWriter(deps, userId, pid, rid);
  const path = pdfPath(deps.config.dataDir, pid, rid);
  return serialized(path, async () => {
    let written: { size: number; sha256: string };
    try {
      written = await writePdfAtomically(body, path, maxBytes);
    } catch (err) {
      if (!(err instanceof UploadRefused)) throw err;
      if (err.reason === 'too_large') throw new AppError(413, 'too_large', `A full text can be at most ${Math.round(maxBytes / (1024 * 1024))} MB.`);
      throw badRequest('This file is not a PDF. Upload the full text as a PDF file, or link to it instead.', undefined, 'not_pdf');
    }
    const row: repo.FullTextRow = { recordId: rid, kind: 'file', url: null, size: written.size, sha256: written.sha256, byUser: userId, at: nowIso() };
    deps.db.transaction(() => {
      const before = repo.findFullText(deps.db, pid, rid);
      repo.upsertFullText(deps.db, pid, row);
      appendEvent(deps.db, { projectId: pid, actorId: userId, type: 'record.fulltext_uploaded', entity: 'record', entityId: rid, before, after: row });
    })();
    return row;
  });
}

const queues = new Map<string, Promise<unknown>>();

/** Runs writes to one file one after another, so the stored row always describes the file on disk. */
function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(work);
  queues.set(key, next);
  void next.finally(() => {
    if (queues.get(key) === next) queues.delete(key);
  }).catch(() => {});
  return next;
}

/** Links a record's full text to an http(s) address instead of storing a file; audited. */
export async function linkFullText(deps: Deps, userId: string, pid: string, rid: string, url: string) {
  requireFullTextWriter(deps, userId, pid, rid);
  const path = pdfPath(deps.config.dataDir, pid, rid);
  return serialized(path, async () => {
    const row: repo.FullTextRow = { recordId: rid, kind: 'link', url, size: null, sha256: null, byUser: userId, at: nowIso() };
    const before = deps.db.transaction(() => {
      const previous = repo.findFullText(deps.db, pid, rid);
      repo.upsertFullText(deps.db, pid, row);
      appendEvent(deps.db, { projectId: pid, actorId: userId, type: 'record.fulltext_linked', entity: 'record', entityId: rid, before: previous, after: row });
      return previous;
    })();
    // The link replaces an uploaded file; the audit event keeps its digest.
    if (before?.kind === 'file') await removePdf(path);
    return row;
  });
}

/** A record's full text as a reader may see it (403 while blinded, 404 when there is none). */
export function fullTextOf(deps: Deps, userId: string, pid: string, rid: string): repo.FullTextRow {
  requireFullTextReader(deps, userId, pid);
  const row = repo.findFullText(deps.db, pid, rid);
  if (!row) throw notFound('This record has no full text yet.');
  return row;
}

/** Every full text of the project, for readers who may know the full-text stage. */
export function listProjectFullTexts(deps: Deps, userId: string, pid: string): repo.FullTextRow[] {
  requireFullTextReader(deps, userId, pid);
  return repo.listFullTexts(deps.db, pid);
}
