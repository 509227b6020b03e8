/**
 * A project's imports as they run, kept outside the Import page: a lead who opens another part of
 * Coreview while files import finds them (running or finished) on coming back, because the uploads
 * carry on in this tab. Only closing or reloading the tab stops them, so the browser asks first.
 */
import { createSignal, type Accessor, type Setter } from 'solid-js';
import { createStore, type SetStoreFunction } from 'solid-js/store';
import { t } from '../i18n';
import type { FileEntry } from './FileCard';

/** What the Import page shows for one project, surviving the page itself. */
export interface ImportSession {
  files: FileEntry[];
  setFiles: SetStoreFunction<FileEntry[]>;
  busy: Accessor<boolean>;
  setBusy: Setter<boolean>;
  /** polite progress and success news */
  status: Accessor<string>;
  setStatus: Setter<string>;
  /** the end-of-run summary when some files were not imported */
  failure: Accessor<string>;
  setFailure: Setter<string>;
  /** bumped when a run ends, so the list of earlier imports is fetched again */
  runs: Accessor<number>;
  setRuns: Setter<number>;
  /** repeat checks under way, by file key: the run waits for them */
  checks: Map<number, Promise<void>>;
}

const sessions = new Map<string, ImportSession>();

/** The import session of a project, created on first use. */
export function importSession(pid: string): ImportSession {
  let s = sessions.get(pid);
  if (!s) {
    const [files, setFiles] = createStore<FileEntry[]>([]);
    const [busy, setBusy] = createSignal(false);
    const [status, setStatus] = createSignal('');
    const [failure, setFailure] = createSignal('');
    const [runs, setRuns] = createSignal(0);
    s = { files, setFiles, busy, setBusy, status, setStatus, failure, setFailure, runs, setRuns, checks: new Map() };
    sessions.set(pid, s);
    warnBeforeUnload();
  }
  return s;
}

let warning = false;

/** Closing or reloading the tab would cut off running uploads: the browser asks first. */
function warnBeforeUnload(): void {
  if (warning || typeof window === 'undefined') return;
  warning = true;
  window.addEventListener('beforeunload', (ev) => {
    if (![...sessions.values()].some((s) => s.busy())) return;
    ev.preventDefault();
    // browsers show their own wording; older ones show this
    ev.returnValue = t('imports.leaveWarning');
  });
}
