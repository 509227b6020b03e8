/**
 * /projects/:pid/import — a lead adds search exports: drag files in (or choose them with the file
 * input, which works from the keyboard), name each file's source database, and import. Files are
 * sent one after another, so each is checked for duplicates against the ones before it. The run
 * lives in the project's ImportSession: leaving for another page does not stop it.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import type { ParseProblem } from '../../../shared/records';
import { canManageProject } from '../../../shared/roles';
import { api, seg } from '../api/client';
import { formatDate, formatNumber, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Page } from '../ui/Page';
import { ScrollBox } from '../ui/ScrollBox';
import { FileCard, formatName, type FileEntry } from './FileCard';
import { importSession } from './importSession';
import { addFiles, cancelFile, patchFile, runImports } from './runImports';
import { problemsCsvUrl } from './upload';
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
  problems: ParseProblem[];
  createdAt: string;
  by: string;
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
  const [past] = createResource(session.runs, () => api.get<{ imports: PastImport[] }>(`/api/projects/${seg(pid)}/imports`).then((r) => r.imports));

  const add = (list: FileList | null | undefined) => addFiles(session, pid, list);
  const patch = (key: number, p: Partial<FileEntry>) => patchFile(session, key, p);
  const ready = () => files.filter((f) => f.state === 'ready');

  const start = async (ev: Event) => {
    ev.preventDefault();
    const invalid = await runImports(session, pid);
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
            <For each={SUGGESTED_SOURCES}>{(s) => <option value={s} />}</For>
          </datalist>
          <Show when={files.length}>
            <h2>{t('imports.files')}</h2>
            <ul class="card-list" data-testid="import-files">
              <For each={files}>
                {(f) => (
                  <FileCard pid={pid} entry={f} busy={busy()} onChange={(p) => patch(f.key, p)} onCancel={() => cancelFile(session, f)}
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
      <Show when={!past.error && past.latest?.length}>
        <section aria-labelledby="past-imports">
          <h2 id="past-imports">{t('imports.past')}</h2>
          <ScrollBox>
            <table class="members">
              <caption class="visually-hidden">{t('imports.past')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.col.source')}</th>
                  <th scope="col">{t('imports.col.file')}</th>
                  <th scope="col">{t('imports.parsed')}</th>
                  <th scope="col">{t('imports.duplicates')}</th>
                  <th scope="col">{t('imports.col.problems')}</th>
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
                      <td>
                        <Show when={i.problems.length} fallback={formatNumber(0)}>
                          <a href={problemsCsvUrl(pid, i.id)} download="">
                            {t('imports.downloadProblems', { count: i.problems.length })}<span class="visually-hidden"> (<bdi>{i.source}</bdi>)</span>
                          </a>
                        </Show>
                      </td>
                      <td>{t('imports.when', { date: formatDate(i.createdAt), name: i.by })}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollBox>
        </section>
      </Show>
    </Page>
  );
}
