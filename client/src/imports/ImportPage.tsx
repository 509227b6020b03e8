/**
 * /projects/:pid/import — a lead adds search exports: drag files in (or choose them with the file
 * input, which works from the keyboard), name each file's source database, and import. Files are
 * sent one after another, so each is checked for duplicates against the ones before it.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { canManageProject } from '../../../shared/roles';
import { api, seg } from '../api/client';
import { errorMessage } from '../api/errors';
import { formatDate, formatNumber, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Page } from '../ui/Page';
import { FileCard, formatName, type FileEntry } from './FileCard';
import { uploadImport } from './upload';
import '../records/records.css';

/** Source names reviews commonly report; the lead may type any other. */
const SUGGESTED_SOURCES = [
  'MEDLINE via Ovid', 'MEDLINE via PubMed', 'Embase via Ovid', 'Embase.com', 'APA PsycINFO via Ovid', 'CINAHL via EBSCOhost',
  'Web of Science Core Collection', 'Scopus', 'Cochrane CENTRAL', 'ProQuest Dissertations & Theses', 'Google Scholar',
  'Hand searching', 'Citation searching',
];

interface PastImport {
  id: string;
  source: string;
  format: string;
  filename: string | null;
  parsed: number;
  added: number;
  duplicates: number;
  createdAt: string;
  by: string;
}

let nextKey = 1;

/** The Import page. */
export function ImportPage() {
  useLocationInProject('import');
  const { project, role } = useProject();
  const pid = project().id;
  const [files, setFiles] = createStore<FileEntry[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [dragging, setDragging] = createSignal(false);
  const [alert, setAlert] = createSignal<{ message?: string; count?: number }>({});
  const [status, setStatus] = createSignal('');
  const [past, { refetch }] = createResource(() => api.get<{ imports: PastImport[] }>(`/api/projects/${seg(pid)}/imports`).then((r) => r.imports));

  const add = (list: FileList | null | undefined) => {
    if (!list?.length) return;
    const fresh = [...list].map((file): FileEntry => ({ key: nextKey++, file, source: '', format: '', state: 'ready', progress: null, result: null, error: null, sourceError: null }));
    setFiles(produce((fs) => fs.push(...fresh)));
    setStatus(t('imports.added.files', { count: fresh.length }));
  };
  const patch = (key: number, p: Partial<FileEntry>) => setFiles((f) => f.key === key, p);
  const ready = () => files.filter((f) => f.state === 'ready');

  const start = async (ev: Event) => {
    ev.preventDefault();
    const todo = ready();
    let invalid = 0;
    for (const f of todo) {
      if (!f.source.trim()) {
        invalid++;
        patch(f.key, { sourceError: t('imports.sourceRequired') });
      }
    }
    if (invalid) {
      setAlert({ count: invalid });
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    setAlert({});
    setBusy(true);
    for (const f of todo) patch(f.key, { state: 'waiting' });
    let failed = 0;
    for (const f of todo) {
      patch(f.key, { state: 'sending', progress: { phase: 'upload', done: 0, total: f.file.size } });
      setStatus(t('imports.progress.file', { name: f.file.name }));
      try {
        const result = await uploadImport(pid, f.file, f.source.trim(), f.format, (progress) => patch(f.key, { progress })).done;
        patch(f.key, { state: 'done', result });
      } catch (err) {
        failed++;
        patch(f.key, { state: 'failed', error: errorMessage(err) });
      }
    }
    setBusy(false);
    setStatus(failed ? t('imports.finishedWithFailures', { count: failed }) : t('imports.finished', { count: todo.length }));
    void refetch();
  };

  return (
    <Page title={t('imports.title')}>
      <Show when={canManageProject(role())} fallback={<p class="panel">{t('imports.leadOnly')}</p>}>
        <p>{t('imports.intro')}</p>
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
            <For each={SUGGESTED_SOURCES}>{(s) => <option value={s} />}</For>
          </datalist>
          <Show when={files.length}>
            <h2>{t('imports.files')}</h2>
            <ul class="card-list" data-testid="import-files">
              <For each={files}>
                {(f) => (
                  <FileCard pid={pid} entry={f} busy={busy()} onChange={(p) => patch(f.key, p)}
                    onRemove={() => setFiles((fs) => fs.filter((x) => x.key !== f.key))} />
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
        </form>
        <Show when={files.some((f) => f.state === 'done' && (f.result?.duplicates ?? 0) > 0)}>
          <p>
            <A href={`/projects/${encodeURIComponent(pid)}/duplicates`}>{t('imports.reviewDuplicates')}</A>
          </p>
        </Show>
      </Show>
      <Show when={!past.error && past.latest?.length}>
        <section aria-labelledby="past-imports">
          <h2 id="past-imports">{t('imports.past')}</h2>
          <div class="table-wrap">
            <table class="members">
              <caption class="visually-hidden">{t('imports.past')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.col.source')}</th>
                  <th scope="col">{t('imports.col.file')}</th>
                  <th scope="col">{t('imports.parsed')}</th>
                  <th scope="col">{t('imports.duplicates')}</th>
                  <th scope="col">{t('imports.col.when')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={past.latest}>
                  {(i) => (
                    <tr>
                      <th scope="row">
                        <A href={`/projects/${encodeURIComponent(pid)}/records?import=${encodeURIComponent(i.id)}`}><bdi>{i.source}</bdi></A>
                      </th>
                      <td><bdi>{i.filename ?? ''}</bdi> <span class="meta">{formatName(i.format)}</span></td>
                      <td>{formatNumber(i.parsed)}</td>
                      <td>{formatNumber(i.duplicates)}</td>
                      <td>{t('imports.when', { date: formatDate(i.createdAt), name: i.by })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </section>
      </Show>
    </Page>
  );
}
