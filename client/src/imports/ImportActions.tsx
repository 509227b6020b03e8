/**
 * A lead's corrections to an earlier import, in its row of the Earlier imports table: rename its
 * source (a typo would otherwise stay in every PRISMA count by source), and remove the import
 * after being told exactly what leaves, what stays and what takes its place — or why it can no
 * longer be removed.
 */
import { createSignal, For, Show } from 'solid-js';
import { renameImportBody } from '../../../shared/api';
import type { ImportBlocker, ImportRemovalPreview } from '../../../shared/records';
import { t, type MessageKey } from '../i18n';
import { ConfirmAction } from '../records/Confirm';
import { FormAlert, showServerError } from '../ui/alerts';
import { TextField } from '../ui/fields';
import { validate } from '../ui/validate';
import { removalPreview, removeImport, renameImport, type PastImport } from './adminApi';

/** The name a row's controls go by: its file, else its source. */
const fileOf = (i: PastImport) => i.filename ?? i.source;

/** "Rename source" → an inline form with the current name; Escape or Cancel closes it. */
export function RenameSource(props: { pid: string; item: PastImport; onRenamed: (next: PastImport, before: string) => void }) {
  const id = `rename-${props.item.id}`;
  const [open, setOpen] = createSignal(false);
  const [value, setValue] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [formError, setFormError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  const input = () => document.getElementById(`${id}-source`);
  const start = () => {
    setValue(props.item.source);
    setError();
    setFormError();
    setOpen(true);
    queueMicrotask(() => input()?.focus());
  };
  const close = () => {
    setOpen(false);
    queueMicrotask(() => document.getElementById(`${id}-button`)?.focus());
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const checked = validate(renameImportBody, { source: value() }, ['source']);
    if (!checked.ok) {
      setError(checked.errors.source);
      input()?.focus();
      return;
    }
    setBusy(true);
    setFormError();
    try {
      const before = props.item.source;
      const next = await renameImport(props.pid, props.item.id, checked.data.source);
      setOpen(false);
      props.onRenamed(next, before);
    } catch (err) {
      showServerError(err, ['source'], form, { setErrors: (errs) => setError(errs.source), setFormError });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show
      when={open()}
      fallback={
        <button id={`${id}-button`} type="button" class="btn small" aria-label={t('imports.rename.a11y', { file: fileOf(props.item) })} onClick={start}>
          {t('imports.rename')}
        </button>
      }
    >
      <form ref={form} class="rename-form" novalidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <FormAlert message={formError()} />
        <TextField id={`${id}-source`} label={t('imports.rename.label', { file: fileOf(props.item) })} hint={t('imports.rename.hint')}
          error={error()} value={value()} onValue={setValue} list="import-source-suggestions" autocomplete="off" />
        <div class="inline-form">
          <button type="submit" class="btn primary small" disabled={busy()}>{t('imports.rename.save')}</button>
          <button type="button" class="btn small" onClick={close}>{t('imports.cancel')}</button>
        </div>
      </form>
    </Show>
  );
}

/** How many promoted records the question names; the rest are counted. */
const NAMED = 5;

/** A blocker in the reader's language (the server's English sentence for codes this client does not know). */
function blockerText(b: ImportBlocker): string {
  const key = `imports.blocker.${b.code}` as MessageKey;
  return b.count === null ? t(key) : t(key, { count: b.count });
}

/** What removing does, from the server's preview, or why it cannot be done. */
function RemovalQuestion(props: { p: ImportRemovalPreview; item: PastImport }) {
  const p = () => props.p;
  const consequences = () => {
    const out = [t('imports.removal.leave', { count: p().records })];
    if (p().staying) out.push(t('imports.removal.staying', { count: p().staying }));
    if (p().promoted.length === 1) out.push(t('imports.removal.promotedOne', { title: p().promoted[0]!.title }));
    return out.join(' ');
  };
  return (
    <>
      <p>{t('imports.removal.question', { file: fileOf(props.item), source: props.item.source })}</p>
      <Show
        when={p().blockers.length}
        fallback={
          <>
            <p data-testid="removal-consequences">{consequences()}</p>
            <Show when={p().promoted.length > 1}>
              <p>{t('imports.removal.promotedMany', { count: p().promoted.length })}</p>
              <ul>
                <For each={p().promoted.slice(0, NAMED)}>{(r) => <li><bdi>{r.title}</bdi></li>}</For>
                <Show when={p().promoted.length > NAMED}><li>{t('imports.removal.promotedMore', { count: p().promoted.length - NAMED })}</li></Show>
              </ul>
            </Show>
            <p>{t('imports.removal.prisma', { source: props.item.source, count: props.item.parsed })} {t('imports.removal.audit')}</p>
          </>
        }
      >
        <p>{t('imports.removal.blocked')}</p>
        <ul data-testid="removal-blockers"><For each={p().blockers}>{(b) => <li>{blockerText(b)}</li>}</For></ul>
        <p>{t('imports.removal.blockedHint')}</p>
      </Show>
    </>
  );
}

/** "Remove this import" → what it would do (fetched now, so it is current) → "Yes" or the reasons it cannot. */
export function RemoveImport(props: { pid: string; item: PastImport; onRemoved: (records: number, item: PastImport) => void }) {
  const [preview, setPreview] = createSignal<ImportRemovalPreview | null>(null);
  return (
    <ConfirmAction
      id={`remove-${props.item.id}`}
      small
      danger
      label={t('imports.removeImport')}
      a11yLabel={t('imports.removeImport.a11y', { file: fileOf(props.item), source: props.item.source })}
      prepare={async () => setPreview(await removalPreview(props.pid, props.item.id))}
      blocked={(preview()?.blockers.length ?? 0) > 0}
      question={<Show when={preview()}>{(p) => <RemovalQuestion p={p()} item={props.item} />}</Show>}
      yes={t('imports.removal.yes')}
      onConfirm={async () => {
        const removed = await removeImport(props.pid, props.item.id);
        props.onRemoved(removed.records, props.item);
      }}
    />
  );
}
