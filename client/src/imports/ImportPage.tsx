/**
 * /projects/:pid/import — a lead adds search exports: drag files in (or choose them with the file
 * input, which works from the keyboard), name each file's source database, and import. Files are
 * sent one after another, so each is checked for duplicates against the ones before it. The run
 * lives in the project's ImportSession: leaving for another page does not stop it. Earlier imports
 * are listed below (PastImports), where a lead can rename a source or remove a mistaken import.
 */
import { A } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { canManageProject } from '../../../shared/roles';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Page } from '../ui/Page';
import { FileCard, type FileEntry } from './FileCard';
import { importSession } from './importSession';
import { addFiles, cancelFile, patchFile, runImports } from './runImports';
import { listImports, type PastImport } from './adminApi';
import { PastImports } from './PastImports';
import '../records/records.css';

/** Source names reviews commonly report; the lead may type any other. */
const SUGGESTED_SOURCES = [
  'MEDLINE via Ovid', 'MEDLINE via PubMed', 'Embase via Ovid', 'Embase.com', 'APA PsycINFO via Ovid', 'CINAHL via EBSCOhost',
  'Web of Science Core Collection', 'Scopus', 'Cochrane CENTRAL', 'ProQuest Dissertations & Theses', 'Google Scholar',
  'Hand searching', 'Citation searching',
];


/**
 * The fresh list, reusing the rows already shown where an import did not change: the table then
 * keeps their elements, and the focus of a lead who is in it when a run ends.
 */
function sameWhereUnchanged(before: PastImport[] | undefined, after: PastImport[]): PastImport[] {
  const old = new Map((before ?? []).map((i) => [i.id, i]));
  return after.map((i) => {
    const was = old.get(i.id);
    return was && JSON.stringify(was) === JSON.stringify(i) ? was : i;
  });
}

/** The Import page. */
export function ImportPage() {
  useLocationInProject('import');
  const { project, role } = useProject();
  const pid = project().id;
  const session = importSession(pid);
  const { files, setFiles, busy, status, failure } = session;
  const [dragging, setDragging] = createSignal(false);
  const [alert, setAlert] = createSignal<{ message?: string; count?: number }>({});
  // fetched again whenever a run ends, even one that ended while the lead was on another page
  let shown: PastImport[] | undefined;
  const [past, { mutate }] = createResource(session.runs, async () => sameWhereUnchanged(shown, await listImports(pid)));
  createEffect(() => (shown = past.latest));
  const [pastStatus, setPastStatus] = createSignal('');

  // sources this project already has come first: one database, one spelling, one PRISMA row
  const knownSources = () => [...new Set((past.latest ?? []).map((i) => i.source))];
  const suggestions = () => {
    const known = knownSources();
    const taken = new Set(known.map((k) => k.toLowerCase()));
    return [...known, ...SUGGESTED_SOURCES.filter((s) => !taken.has(s.toLowerCase()))];
  };
  const add = (list: FileList | null | undefined) => addFiles(session, pid, list, knownSources());
  const patch = (key: number, p: Partial<FileEntry>) => patchFile(session, key, p);
  const ready = () => files.filter((f) => f.state === 'ready');
  const remove = (key: number) => {
    const at = files.findIndex((f) => f.key === key);
    if (at < 0) return;
    const name = files[at]!.file.name;
    setFiles((fs) => fs.filter((f) => f.key !== key));
    session.setStatus(t('imports.removed', { name }));
    // the card and its button are gone: the next card (now in its place), else the file chooser
    const next = files[at];
    queueMicrotask(() => document.getElementById(next ? `file-${next.key}-name` : 'import-files')?.focus());
  };

  const start = async (ev: Event) => {
    ev.preventDefault();
    // the button and every field it sent are gone now: go on from the first file's card
    const invalid = await runImports(session, pid, (first) =>
      queueMicrotask(() => document.getElementById(`file-${first.key}-name`)?.focus()));
    setAlert(invalid ? { count: invalid } : {});
    if (invalid) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  return (
    <Page title={t('imports.title')}>
      <Show when={canManageProject(role())} fallback={<p class="panel">{t('imports.leadOnly')}</p>}>
        <p>{t('imports.intro')}</p>
        <p class="hint">{t('imports.background')}</p>
        <form onSubmit={start} novalidate>
          <FormAlert {...alert()} />
          <div
            class="dropzone"
            classList={{ dragging: dragging() }}
            onDragEnter={(e) => { e.preventDefault(); setDragging(true); }}
            onDragOver={(e) => { e.preventDefault(); if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'; }}
            onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
            onDrop={(e) => { e.preventDefault(); setDragging(false); add(e.dataTransfer?.files); }}
          >
            <p class="dropzone-text">{t('imports.drop')}</p>
            <div class="field">
              <label for="import-files">{t('imports.choose')}</label>
              <p id="import-files-hint" class="hint">{t('imports.chooseHint')}</p>
              <input id="import-files" type="file" multiple aria-describedby="import-files-hint" disabled={busy()}
                accept=".ris,.txt,.nbib,.bib,.csv,.tsv,.xml,.ciw,.enw"
                onChange={(e) => { add(e.currentTarget.files); e.currentTarget.value = ''; }} />
            </div>
          </div>
          <datalist id="import-source-suggestions">
            <For each={suggestions()}>{(s) => <option value={s} />}</For>
          </datalist>
          <Show when={files.length}>
            <h2>{t('imports.files')}</h2>
            <ul class="card-list" data-testid="import-files">
              <For each={files}>
                {(f) => (
                  <FileCard pid={pid} entry={f} busy={busy()} onChange={(p) => patch(f.key, p)} onCancel={() => cancelFile(session, f)}
                    onRemove={() => remove(f.key)} />
                )}
              </For>
            </ul>
            <Show when={ready().length}>
              <p>
                <button type="submit" class="btn primary" disabled={busy()}>{t('imports.start', { count: ready().length })}</button>
              </p>
            </Show>
          </Show>
          <StatusMessage message={status()} />
          {/* files that were not imported: an error summary, not news of success */}
          <div role="alert" class="alert-region">
            <Show when={failure()}>
              <div class="form-alert" data-testid="import-failure-summary"><p>{failure()}</p></div>
            </Show>
          </div>
        </form>
        <Show when={files.some((f) => f.state === 'done' && (f.result?.duplicates ?? 0) > 0)}>
          <p>
            <A href={`/projects/${encodeURIComponent(pid)}/duplicates`}>{t('imports.reviewDuplicates')}</A>
          </p>
        </Show>
      </Show>
      {/* outside the table's section: it still says what happened when the last import was removed */}
      <StatusMessage message={pastStatus()} id="past-imports-status" />
      <Show when={!past.error && past.latest?.length}>
        <PastImports pid={pid} lead={canManageProject(role())} imports={past.latest!}
          onChange={(next, message) => { mutate(next); setPastStatus(message); }} />
      </Show>
    </Page>
  );
}
