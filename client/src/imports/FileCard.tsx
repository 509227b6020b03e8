/**
 * One file on the Import page: before sending, its source database and (optional) format; while
 * sending, a progress bar; afterwards, what was read, added and found as duplicates, and any problems
 * with their line numbers.
 */
import { A } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { formatNumber, t, type MessageKey } from '../i18n';
import type { ImportFormatChoice, ImportSummary, UploadProgress } from './upload';
import { IMPORT_FORMATS } from './upload';

/** A file chosen for import and where it stands. */
export interface FileEntry {
  key: number;
  file: File;
  source: string;
  format: ImportFormatChoice;
  state: 'ready' | 'waiting' | 'sending' | 'done' | 'failed';
  progress: UploadProgress | null;
  result: ImportSummary | null;
  error: string | null;
  sourceError: string | null;
}

const FORMAT_NAME: Record<string, MessageKey> = {
  '': 'imports.format.auto',
  ris: 'imports.format.ris',
  nbib: 'imports.format.nbib',
  bibtex: 'imports.format.bibtex',
  csv: 'imports.format.csv',
  'endnote-xml': 'imports.format.endnote-xml',
  wos: 'imports.format.wos',
  refer: 'imports.format.refer',
};

/** A format's name for people. */
export const formatName = (f: string) => (FORMAT_NAME[f] ? t(FORMAT_NAME[f]!) : f);

const MAX_PROBLEMS = 20;

function sizeText(bytes: number): string {
  if (bytes < 1024) return t('imports.size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('imports.size.kb', { n: Math.round(bytes / 102.4) / 10 });
  return t('imports.size.mb', { n: Math.round(bytes / 104857.6) / 10 });
}

function progressText(p: UploadProgress | null): string {
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  if (p?.phase === 'queued') return t('imports.progress.queued');
  if (p?.phase === 'parse') return t(p.reread ? 'imports.progress.rereading' : 'imports.progress.reading', { percent });
  return t('imports.progress.sending', { percent });
}

/** The card for one file. */
export function FileCard(props: {
  pid: string;
  entry: FileEntry;
  busy: boolean;
  onChange: (patch: Partial<FileEntry>) => void;
  onRemove: () => void;
}) {
  const id = () => `file-${props.entry.key}`;
  const e = () => props.entry;
  return (
    <li class="card import-card">
      <h3 id={`${id()}-name`} class="card-title">
        <bdi>{e().file.name}</bdi> <span class="meta">({sizeText(e().file.size)})</span>
      </h3>
      <Switch>
        <Match when={e().state === 'ready'}>
          <div class="import-fields">
            <div class="field" classList={{ invalid: !!e().sourceError }}>
              <label for={`${id()}-source`}>{t('imports.source')}</label>
              <p id={`${id()}-source-hint`} class="hint">{t('imports.sourceHint')}</p>
              <Show when={e().sourceError}>
                <p id={`${id()}-source-error`} class="field-error">{e().sourceError}</p>
              </Show>
              <input
                type="text"
                id={`${id()}-source`}
                list="import-source-suggestions"
                autocomplete="off"
                value={e().source}
                aria-required="true"
                aria-invalid={e().sourceError ? 'true' : undefined}
                aria-describedby={`${id()}-source-hint${e().sourceError ? ` ${id()}-source-error` : ''}`}
                onInput={(ev) => props.onChange({ source: ev.currentTarget.value, sourceError: null })}
              />
            </div>
            <div class="field">
              <label for={`${id()}-format`}>{t('imports.format')}</label>
              <p id={`${id()}-format-hint`} class="hint">{t('imports.formatHint')}</p>
              <select id={`${id()}-format`} aria-describedby={`${id()}-format-hint`} value={e().format}
                onChange={(ev) => props.onChange({ format: ev.currentTarget.value as ImportFormatChoice })}>
                <For each={[...IMPORT_FORMATS]}>{(f) => <option value={f}>{formatName(f)}</option>}</For>
              </select>
            </div>
          </div>
          <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onRemove()}>
            {t('imports.remove')}<span class="visually-hidden"> <bdi>{e().file.name}</bdi></span>
          </button>
        </Match>
        <Match when={e().state === 'waiting'}>
          <p class="meta">{t('imports.waiting', { source: e().source })}</p>
        </Match>
        <Match when={e().state === 'sending'}>
          <label class="progress-label" for={`${id()}-progress`}>{progressText(e().progress)}</label>
          <progress id={`${id()}-progress`} max={e().progress?.total || 1} value={e().progress?.done ?? 0} />
        </Match>
        <Match when={e().state === 'failed'}>
          <div class="form-alert">
            <p>{t('imports.failed', { source: e().source })}</p>
            <p><bdi>{e().error}</bdi></p>
          </div>
          <p class="button-row">
            <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onChange({ state: 'ready', error: null, progress: null })}>{t('imports.retry')}</button>
            <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onRemove()}>
              {t('imports.remove')}<span class="visually-hidden"> <bdi>{e().file.name}</bdi></span>
            </button>
          </p>
        </Match>
        <Match when={e().result}>
          {(r) => (
            <div data-testid="import-summary">
              <p class="status-message">{t('imports.done', { source: r().source, format: formatName(r().format) })}</p>
              <dl class="summary-list">
                <div><dt>{t('imports.parsed')}</dt><dd>{formatNumber(r().parsed)}</dd></div>
                <div><dt>{t('imports.added')}</dt><dd>{formatNumber(r().added)}</dd></div>
                <div><dt>{t('imports.duplicates')}</dt><dd>{formatNumber(r().duplicates)}</dd></div>
                <div><dt>{t('imports.problems')}</dt><dd>{formatNumber(r().errors.length)}</dd></div>
              </dl>
              <Show when={r().errors.length}>
                <h4>{t('imports.problemsTitle')}</h4>
                <p class="hint">{t('imports.problemsHint')}</p>
                <ul class="plain-list">
                  <For each={r().errors.slice(0, MAX_PROBLEMS)}>
                    {(p) => <li>{t('imports.problemLine', { line: p.line })} <bdi>{p.message}</bdi></li>}
                  </For>
                </ul>
                <Show when={r().errors.length > MAX_PROBLEMS}>
                  <p class="meta">{t('imports.moreProblems', { count: r().errors.length - MAX_PROBLEMS })}</p>
                </Show>
              </Show>
              <p>
                <A href={`/projects/${encodeURIComponent(props.pid)}/records?import=${encodeURIComponent(r().importId)}`}>{t('imports.seeRecords')}</A>
              </p>
            </div>
          )}
        </Match>
      </Switch>
    </li>
  );
}
