/**
 * What the Import page does with its files: add them (and look up whether each was imported
 * before), send the ready ones one after another, cancel one. The state lives in the project's
 * ImportSession, so a run goes on while the lead is on another page.
 */
import { produce } from 'solid-js/store';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import type { FileEntry } from './FileCard';
import type { ImportSession } from './importSession';
import { fileSha256, findRepeat, uploadImport } from './upload';
import { sourceHint } from '../../../shared/sourceHint';
import { SOURCE_NAME_MAX, tidySourceName } from '../../../shared/api';

/** Enough of a file to see its header and the first records' database tags. */
const HINT_BYTES = 64 * 1024;

/** Fills in a file's source from what the file says, unless the lead has typed one already. */
async function fillSourceFromFile(s: ImportSession, f: FileEntry, known: readonly string[]): Promise<void> {
  let name: string | null = null;
  try {
    name = sourceHint(await f.file.slice(0, HINT_BYTES).text());
  } catch {
    return; // an unreadable file is reported when it is sent
  }
  if (!name) return;
  // the project's own spelling of the same source, so PRISMA counts it once
  const spelled = known.find((k) => k.toLowerCase() === name!.toLowerCase()) ?? name;
  s.setFiles((x) => x.key === f.key && x.state === 'ready' && !x.source.trim(), { source: spelled, sourceFromFile: spelled, sourceError: null });
}

let nextKey = 1;

/** Changes one file's entry. */
export const patchFile = (s: ImportSession, key: number, p: Partial<FileEntry>) => s.setFiles((f) => f.key === key, p);

/** Adds chosen files to the list and starts checking each against earlier imports. */
export function addFiles(s: ImportSession, pid: string, list: FileList | null | undefined, knownSources: readonly string[] = []): void {
  if (!list?.length) return;
  const fresh = [...list].map((file): FileEntry => ({
    key: nextKey++, file, source: '', format: '', state: 'ready', progress: null, result: null, error: null, sourceError: null,
    retry: null, abort: null, repeatOf: null, repeatChecking: true, repeatConfirmed: false, repeatError: null,
  }));
  s.setFiles(produce((fs) => fs.push(...fresh)));
  s.setStatus(t('imports.added.files', { count: fresh.length }));
  for (const f of fresh) {
    void fillSourceFromFile(s, f, knownSources);
    const check = (async () => {
      const sha = await fileSha256(f.file);
      const repeatOf = sha ? await findRepeat(pid, sha) : null;
      patchFile(s, f.key, { repeatOf, repeatChecking: false });
    })();
    s.checks.set(f.key, check);
    void check.finally(() => s.checks.delete(f.key));
  }
}

/**
 * Why a (tidied) source name would be refused, by the server's rules: the field's maxlength does
 * not stop a name filled in from the file, so the server would refuse it only after the upload.
 */
function sourceProblem(source: string): string | null {
  if (!source) return t('imports.sourceRequired');
  if (source.length > SOURCE_NAME_MAX) return t('validation.tooLong', { max: SOURCE_NAME_MAX, count: SOURCE_NAME_MAX });
  return null;
}

/** Whether another try could go better: other settings (a format field from the server), the same again, or neither. */
function retryKind(err: unknown): FileEntry['retry'] {
  if (!(err instanceof ApiError)) return 'again';
  if (err.fields.format || err.fields.source) return 'settings';
  if (err.status === 0 || err.status >= 500 || err.status === 429) return 'again';
  return null;
}

/** Cancels a file that waits or is being sent; nothing from it is added. */
export function cancelFile(s: ImportSession, f: FileEntry): void {
  if (f.state === 'waiting') patchFile(s, f.key, { state: 'cancelled' });
  else f.abort?.();
}

/**
 * Sends the ready files one after another, calling `onStart` with the first once they are under
 * way. Returns the number of files that need fixing first (no source or one too long, or a repeated
 * file not confirmed); then nothing is sent.
 */
export async function runImports(s: ImportSession, pid: string, onStart?: (first: FileEntry) => void): Promise<number> {
  const todo = s.files.filter((f) => f.state === 'ready');
  await Promise.all(todo.map((f) => s.checks.get(f.key)));
  let invalid = 0;
  for (const f of todo) {
    // what is sent, checked and shown while it imports is the name the server will keep
    const source = tidySourceName(f.source);
    if (source !== f.source) patchFile(s, f.key, { source });
    const sourceError = sourceProblem(source);
    if (sourceError) patchFile(s, f.key, { sourceError });
    if (f.repeatOf && !f.repeatConfirmed) patchFile(s, f.key, { repeatError: t('imports.repeat.required') });
    if (sourceError || (f.repeatOf && !f.repeatConfirmed)) invalid++;
  }
  if (invalid) return invalid;
  s.setBusy(true);
  s.setFailure('');
  for (const f of todo) patchFile(s, f.key, { state: 'waiting' });
  if (todo[0]) onStart?.(todo[0]);
  let ok = 0;
  for (const f of todo) {
    if (f.state !== 'waiting') continue; // cancelled while it waited
    s.setStatus(t('imports.progress.file', { name: f.file.name }));
    const job = uploadImport(pid, f.file, f.source, f.format, (progress) => {
      patchFile(s, f.key, { progress });
      // announced once, politely: the bar itself no longer moves
      if (progress.phase === 'saving') s.setStatus(t('imports.progress.saving', { count: progress.records ?? 0 }));
    });
    patchFile(s, f.key, { state: 'sending', progress: { phase: 'upload', done: 0, total: f.file.size }, abort: job.abort });
    try {
      const result = await job.done;
      patchFile(s, f.key, { state: 'done', result, abort: null });
      ok++;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'aborted') patchFile(s, f.key, { state: 'cancelled', abort: null });
      else {
        const hint = err instanceof ApiError ? err.fields.format : undefined;
        patchFile(s, f.key, { state: 'failed', error: hint ? `${errorMessage(err)} ${hint}` : errorMessage(err), retry: retryKind(err), abort: null });
      }
    }
  }
  s.setBusy(false);
  const notImported = todo.length - ok;
  if (!notImported) s.setStatus(t('imports.finished', { count: todo.length }));
  else {
    s.setStatus('');
    s.setFailure(ok ? t('imports.finishedSome', { ok, count: todo.length, failed: notImported }) : t('imports.finishedNone', { count: todo.length }));
  }
  s.setRuns((n) => n + 1);
  return 0;
}
