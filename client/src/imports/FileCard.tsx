/**
 * One file on the Import page: before sending, its source database and (optional) format, and a
 * warning when the very same file was imported before; while sending, a progress bar and Cancel;
 * afterwards, what was read, added and found as duplicates, and any problems (ImportResult).
 */
import { createEffect, For, Match, on, Show, Switch } from 'solid-js';
import { SOURCE_NAME_MAX } from '../../../shared/api';
import { formatDate, t, type MessageKey } from '../i18n';
import { ImportResult } from './ImportResult';
import type { ImportFormatChoice, ImportSummary, RepeatOf, UploadProgress } from './upload';
import { IMPORT_FORMATS } from './upload';

/** A file chosen for import and where it stands. */
export interface FileEntry {
  key: number;
  file: File;
  source: string;
  format: ImportFormatChoice;
  state: 'ready' | 'waiting' | 'sending' | 'done' | 'failed' | 'cancelled';
  progress: UploadProgress | null;
  result: ImportSummary | null;
  error: string | null;
  sourceError: string | null;
  /** what could make a failed file import: other settings, just another try, or nothing */
  retry?: 'settings' | 'again' | null;
  /** stops the upload (or the server's import) under way */
  abort?: (() => void) | null;
  /** the same file's earlier import into this project, found before sending */
  repeatOf?: RepeatOf | null;
  repeatChecking?: boolean;
  repeatConfirmed?: boolean;
  repeatError?: string | null;
  /** the source name the file itself gave, while the field still holds it */
  sourceFromFile?: string | null;
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

/** A file size in decimal units (1 MB = 1,000,000 bytes), as file managers show them. */
export function sizeText(bytes: number): string {
  if (bytes < 1000) return t('imports.size.bytes', { n: bytes });
  if (bytes < 1e6) return t('imports.size.kb', { n: Math.round(bytes / 100) / 10 });
  if (bytes < 1e9) return t('imports.size.mb', { n: Math.round(bytes / 1e5) / 10 });
  return t('imports.size.gb', { n: Math.round(bytes / 1e8) / 10 });
}

/** The words for where an upload is. */
export function progressText(p: UploadProgress | null): string {
  const percent = p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
  if (p?.phase === 'queued') return t('imports.progress.queued');
  if (p?.phase === 'saving') return t('imports.progress.saving', { count: p.records ?? 0 });
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
  onCancel: () => void;
}) {
  const id = () => `file-${props.entry.key}`;
  const e = () => props.entry;
  const saving = () => e().state === 'sending' && e().progress?.phase === 'saving';
  // Each step replaces the card's controls; a focused one goes with them and leaves focus on <body>.
  // Then focus continues here, on what the new step offers. Focus anywhere else is left alone, so a
  // file finishing never pulls a lead away. Looked at once a step's synchronous changes settle (a
  // file goes from waiting to sending in one go).
  const focusTarget = () => {
    const state = e().state;
    if (state === 'ready') return `${id()}-source`;
    if (state === 'failed' || state === 'cancelled') return `${id()}-message`;
    if (state === 'sending' && !saving()) return `${id()}-cancel`;
    return `${id()}-name`;
  };
  createEffect(on(() => [e().state, saving()], () => queueMicrotask(() => {
    if (document.activeElement && document.activeElement !== document.body) return;
    (document.getElementById(focusTarget()) ?? document.getElementById(`${id()}-name`))?.focus();
  }), { defer: true }));
  return (
    <li class="card import-card">
      <h3 id={`${id()}-name`} class="card-title" tabindex="-1">
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
                maxlength={SOURCE_NAME_MAX}
                value={e().source}
                aria-required="true"
                aria-invalid={e().sourceError ? 'true' : undefined}
                aria-describedby={`${id()}-source-hint${e().sourceFromFile ? ` ${id()}-source-from-file` : ''}${e().sourceError ? ` ${id()}-source-error` : ''}`}
                onInput={(ev) => props.onChange({ source: ev.currentTarget.value, sourceError: null, sourceFromFile: null })}
              />
              <Show when={e().sourceFromFile}>
                {(name) => <p id={`${id()}-source-from-file`} class="hint" data-testid="source-from-file">{t('imports.sourceFromFile', { name: name() })}</p>}
              </Show>
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
          <Show when={e().repeatChecking}>
            <p class="meta">{t('imports.repeat.checking')}</p>
          </Show>
          <Show when={e().repeatOf}>
            {(rep) => (
              <div class="field" classList={{ invalid: !!e().repeatError }} data-testid="import-repeat-before">
                <div class="form-alert" id={`${id()}-repeat`}>
                  <p>{t('imports.repeat.before', { date: formatDate(rep().at), name: rep().by, source: rep().source })}</p>
                  <p>{t('imports.repeat.beforeHint')}</p>
                </div>
                <Show when={e().repeatError}>
                  <p id={`${id()}-repeat-error`} class="field-error">{e().repeatError}</p>
                </Show>
                <label>
                  <input type="checkbox" checked={!!e().repeatConfirmed} aria-invalid={e().repeatError ? 'true' : undefined}
                    aria-describedby={`${id()}-repeat${e().repeatError ? ` ${id()}-repeat-error` : ''}`}
                    onChange={(ev) => props.onChange({ repeatConfirmed: ev.currentTarget.checked, repeatError: null })} />
                  {' '}{t('imports.repeat.confirm')}
                </label>
              </div>
            )}
          </Show>
          <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onRemove()}>
            {t('imports.remove')}<span class="visually-hidden"> <bdi>{e().file.name}</bdi></span>
          </button>
        </Match>
        <Match when={e().state === 'waiting'}>
          <p class="meta">{t('imports.waiting', { source: e().source })}</p>
          <CancelButton id={`${id()}-cancel`} name={e().file.name} onCancel={props.onCancel} />
        </Match>
        <Match when={e().state === 'sending'}>
          <label class="progress-label" for={`${id()}-progress`}>{progressText(e().progress)}</label>
          <Show when={e().progress?.phase === 'saving'} fallback={
            <>
              <progress id={`${id()}-progress`} max={e().progress?.total || 1} value={e().progress?.done ?? 0} />
              <CancelButton id={`${id()}-cancel`} name={e().file.name} onCancel={props.onCancel} />
            </>
          }>
            {/* no value: an indeterminate bar, since the save reports no steps */}
            <progress id={`${id()}-progress`} aria-describedby={`${id()}-saving`} />
            <p id={`${id()}-saving`} class="hint">{t('imports.progress.savingHint')}</p>
          </Show>
        </Match>
        <Match when={e().state === 'failed' || e().state === 'cancelled'}>
          <div class="form-alert" id={`${id()}-message`} tabindex="-1">
            <Show when={e().state === 'failed'} fallback={<p>{t('imports.cancelled', { source: e().source })}</p>}>
              <p>{t('imports.failed', { source: e().source })}</p>
              <p><bdi>{e().error}</bdi></p>
            </Show>
          </div>
          <p class="button-row">
            <Show when={e().state === 'cancelled' || e().retry}>
              <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onChange({ state: 'ready', error: null, progress: null, retry: null })}>
                {t(e().state === 'failed' && e().retry === 'settings' ? 'imports.retry' : 'imports.tryAgain')}
              </button>
            </Show>
            <button type="button" class="btn small" disabled={props.busy} onClick={() => props.onRemove()}>
              {t('imports.remove')}<span class="visually-hidden"> <bdi>{e().file.name}</bdi></span>
            </button>
          </p>
        </Match>
        <Match when={e().result}>{(r) => <ImportResult pid={props.pid} result={r()} />}</Match>
      </Switch>
    </li>
  );
}

function CancelButton(props: { id: string; name: string; onCancel: () => void }) {
  return (
    <p>
      <button id={props.id} type="button" class="btn small" onClick={() => props.onCancel()}>
        {t('imports.cancel')}<span class="visually-hidden"> <bdi>{props.name}</bdi></span>
      </button>
    </p>
  );
}
