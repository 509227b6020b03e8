/**
 * Importing a search export: parse (streamed from the spooled file), de-duplicate against the
 * project's records and within the file, then insert everything in one transaction — a file that
 * cannot be read adds nothing.
 */
import type { Deps } from '../context';
import type { ParsedRecord, ParseProblem } from '../../shared/records';
import { badRequest } from '../errors';
import { newId } from '../ids';
import { requireLead } from '../projects/policy';
import { ImportParseError, parseFile, type SourceFormat } from './formats';
import { DedupIndex } from './dedup';
import { scheduleIndexing } from './fts';
import { commitStaged, discardStaged, stageRecords, type StagedRecord } from './store';
import { ImportCancelled, unreadableFile } from './importErrors';
import { findRepeat, type RepeatOf } from './importHistory';
import { SOURCE_NAME_MAX, tidySourceName } from '../../shared/api';

const STAGE_BATCH = 2000;

export const IMPORT_FORMATS: SourceFormat[] = ['ris', 'bibtex', 'nbib', 'csv', 'endnote-xml', 'wos', 'refer'];

export interface ImportResult {
  importId: string;
  source: string;
  format: SourceFormat;
  encoding: string;
  parsed: number;
  added: number;
  duplicates: number;
  errors: ParseProblem[];
  /** SHA-256 of the file as uploaded */
  sha256: string;
  /** The first earlier import of the very same file into this project, if any (its records are now duplicates). */
  repeatOf?: RepeatOf;
}

/** Parses the declared format name; 400 for an unknown one. */
export function parseFormat(raw: string | undefined): SourceFormat | undefined {
  if (!raw) return undefined;
  if ((IMPORT_FORMATS as string[]).includes(raw)) return raw as SourceFormat;
  throw badRequest(`Unknown format "${raw}". Use one of: ${IMPORT_FORMATS.join(', ')}.`, { format: 'unknown' }, 'bad_format');
}

/** A de-duplication index of a project's primary records (new records link to primaries only). */
export function projectDedupIndex(deps: Pick<Deps, 'db'>, pid: string): DedupIndex<string> {
  const index = new DedupIndex<string>();
  const rows = deps.db
    .prepare('SELECT id, title, authors, year, pages, volume, doi, pmid, journal FROM records WHERE project_id = ? AND duplicate_of IS NULL ORDER BY seq')
    .all(pid) as { id: string; title: string; authors: string; year: number | null; pages: string; volume: string; doi: string | null; pmid: string | null; journal: string }[];
  for (const r of rows) index.add(r.id, { ...r, authors: JSON.parse(r.authors) });
  return index;
}

/** The import under way per project: the next one waits for it (see importFile). */
const importsUnderWay = new Map<string, Promise<unknown>>();

/**
 * Runs a project's imports one after another. Each import de-duplicates against the records
 * committed before it starts; two files uploaded at once (a lead dropping several) would
 * otherwise each miss the other's records. Removing an import waits its turn here too: an import
 * under way may link its new records to the very records being removed.
 */
export async function oneImportAtATime<T>(pid: string, run: () => Promise<T>): Promise<T> {
  const before = importsUnderWay.get(pid);
  const mine = (before ? before.catch(() => undefined) : Promise.resolve()).then(run);
  importsUnderWay.set(pid, mine);
  try {
    return await mine;
  } finally {
    if (importsUnderWay.get(pid) === mine) importsUnderWay.delete(pid);
  }
}

/** True while an import into the project runs: another one would wait for it. */
export function importUnderWay(pid: string): boolean {
  return importsUnderWay.has(pid);
}

/** A spooled upload to import, and the database it came from. */
export interface ImportUpload {
  path: string;
  filename: string | null;
  source: string;
  format?: SourceFormat;
}

/** What an import tells its caller while it runs. */
export interface ImportWatch {
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The file turned out not to be UTF-8 part way through: it is read again from the start as cp1252. */
  onReread?: (encoding: 'windows-1252') => void;
  /** Every record is read and de-duplicated; the final save of `records` records starts once this settles. */
  onSaving?: (records: number) => Promise<void> | void;
  /** Aborted when the client goes away: the import stops and adds nothing, unless its save already began. */
  signal?: AbortSignal;
}

/**
 * The spelling this project already uses for a source named the same but for case ("scopus" after
 * "Scopus"): PRISMA counts records per source name, and one database should be one row there.
 */
function projectSpelling(deps: Pick<Deps, 'db'>, pid: string, source: string): string {
  const key = source.toLocaleLowerCase('en');
  const names = deps.db.prepare('SELECT source FROM imports WHERE project_id = ? GROUP BY source ORDER BY MIN(rowid)').pluck().all(pid) as string[];
  return names.find((n) => n.toLocaleLowerCase('en') === key) ?? source;
}

/** Imports a spooled file into a project (lead only); a project's imports run one at a time. */
export async function importFile(deps: Deps, userId: string, pid: string, input: ImportUpload, watch: ImportWatch = {}): Promise<ImportResult> {
  requireLead(deps.db, pid, userId);
  const source = tidySourceName(input.source);
  if (!source) throw badRequest('Name the database or source these records came from (e.g. "MEDLINE via Ovid").', { source: 'required' }, 'source_required');
  if (source.length > SOURCE_NAME_MAX) throw badRequest(`The source name is too long (${SOURCE_NAME_MAX} characters at most).`, { source: 'too long' });
  return oneImportAtATime(pid, () => importNow(deps, userId, pid, { ...input, source }, watch));
}

async function importNow(deps: Deps, userId: string, pid: string, input: ImportUpload, watch: ImportWatch): Promise<ImportResult> {
  // the lead may have been removed while an earlier import ran
  requireLead(deps.db, pid, userId);
  const { signal } = watch;
  // cancelled while it waited for another import
  if (signal?.aborted) throw new ImportCancelled();
  const source = projectSpelling(deps, pid, input.source);
  // Records stream from the parser into SQLite staging in batches, so a 100,000-record file never
  // sits in memory as text plus objects; de-duplication keeps only compact match features.
  // Within-file duplicates matter too (one database can export a record twice), so each new
  // primary joins the index as soon as it is seen.
  const { db } = deps;
  let index = projectDedupIndex(deps, pid);
  const importId = newId();
  let batch: StagedRecord[] = [];
  let staged = 0;
  const flush = () => {
    stageRecords(db, importId, staged, batch);
    staged += batch.length;
    batch = [];
  };
  const onRecord = (record: ParsedRecord) => {
    // throwing here ends the parse: the catch below drops what was staged
    if (signal?.aborted) throw new ImportCancelled();
    const id = newId();
    const match = index.findMatch(record);
    if (match) batch.push({ record, id, duplicate: { of: match.id, reason: match.reason, score: match.score } });
    else {
      index.add(id, record);
      batch.push({ record, id, duplicate: null });
    }
    if (batch.length >= STAGE_BATCH) flush();
  };
  // the file turned out not to be UTF-8 after records were staged: they all come again as cp1252
  const onRestart = () => {
    discardStaged(db, importId);
    index = projectDedupIndex(deps, pid);
    batch = [];
    staged = 0;
    watch.onReread?.('windows-1252');
  };
  let parsed;
  try {
    parsed = await parseFile(input.path, { format: input.format, filename: input.filename ?? undefined, onProgress: watch.onProgress, fingerprint: true, onRecord, onRestart });
    flush();
    await watch.onSaving?.(staged);
    // the answer was possibly cut off while the saving line was written
    if (signal?.aborted) throw new ImportCancelled();
  } catch (e) {
    discardStaged(db, importId);
    if (e instanceof ImportParseError) throw unreadableFile(e, input.format);
    throw e;
  }
  // the parse fingerprints the file on its own read
  const sha256 = parsed.sha256!;
  const repeatOf = findRepeat(db, pid, sha256);
  const result = commitStaged(db, importId, {
    projectId: pid,
    userId,
    source,
    format: parsed.format,
    filename: input.filename,
    encoding: parsed.encoding,
    problems: parsed.problems,
    sha256,
  });
  scheduleIndexing(db);
  deps.board.refresh(pid);
  return {
    importId: result.importId,
    source,
    format: parsed.format,
    encoding: parsed.encoding,
    parsed: result.parsed,
    added: result.added,
    duplicates: result.duplicates,
    errors: parsed.problems,
    sha256,
    ...(repeatOf ? { repeatOf } : {}),
  };
}
