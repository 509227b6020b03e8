/**
 * Full text beside the decision form (full-text stage): the PDF in the page when one was uploaded,
 * or a link; and a way to attach a PDF or a link for records that have none yet.
 */
import { createSignal, Match, Show, Switch } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { TextField } from '../ui/fields';
import { fullTextUrl, linkFullText, uploadFullText, type FullText } from './api';

/** The full text of the current record, and the forms to add one. */
export function FullTextPanel(props: {
  pid: string;
  recordId: string;
  title: string;
  fulltext: FullText | undefined;
  onChange: (f: FullText) => void;
}) {
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [url, setUrl] = createSignal('');
  let file!: HTMLInputElement;
  // The PDF address changes with each upload, so the frame shows the new file.
  const src = () => `${fullTextUrl(props.pid, props.recordId)}?v=${encodeURIComponent(props.fulltext?.at ?? '')}`;

  const run = async (work: () => Promise<FullText>, ok: string) => {
    if (busy()) return;
    setError(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      props.onChange(await work());
      setDone(ok);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onUpload = (e: SubmitEvent) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) {
      setError(t('fulltext.chooseFile'));
      return;
    }
    void run(() => uploadFullText(props.pid, props.recordId, f), t('fulltext.uploaded'));
  };
  const onLink = (e: SubmitEvent) => {
    e.preventDefault();
    if (!url().trim()) {
      setError(t('fulltext.enterLink'));
      return;
    }
    void run(() => linkFullText(props.pid, props.recordId, url().trim()), t('fulltext.linked'));
  };

  return (
    <section class="fulltext" aria-labelledby="fulltext-heading">
      <h2 id="fulltext-heading">{t('fulltext.heading')}</h2>
      <Switch fallback={<p class="meta">{t('fulltext.none')}</p>}>
        <Match when={props.fulltext?.kind === 'file'}>
          <iframe class="pdf-frame" src={src()} title={t('fulltext.frameTitle', { title: props.title })} />
          <p>
            <a href={src()} target="_blank" rel="noopener">
              {t('fulltext.openPdf')}
            </a>
          </p>
        </Match>
        <Match when={props.fulltext?.kind === 'link'}>
          <p>
            <a href={props.fulltext!.url!} target="_blank" rel="noopener noreferrer">
              {t('fulltext.openLink')}
            </a>
          </p>
        </Match>
      </Switch>
      <details class="fulltext-add">
        <summary>{props.fulltext ? t('fulltext.replace') : t('fulltext.add')}</summary>
        <FormAlert message={error()} />
        <StatusMessage message={done()} />
        <form class="stack" onSubmit={onUpload}>
          <div class="field">
            <label for="fulltext-file">{t('fulltext.file')}</label>
            <p id="fulltext-file-hint" class="hint">
              {t('fulltext.fileHint')}
            </p>
            <input ref={file} id="fulltext-file" type="file" accept="application/pdf,.pdf" aria-describedby="fulltext-file-hint" />
          </div>
          <button type="submit" class="btn" disabled={busy()}>
            {t('fulltext.upload')}
          </button>
        </form>
        <form class="stack" onSubmit={onLink}>
          <TextField id="fulltext-url" type="url" label={t('fulltext.link')} hint={t('fulltext.linkHint')} value={url()} onValue={setUrl} autocomplete="url" />
          <button type="submit" class="btn" disabled={busy()}>
            {t('fulltext.saveLink')}
          </button>
        </form>
      </details>
      <Show when={busy()}>
        <p class="meta">{t('form.saving')}</p>
      </Show>
    </section>
  );
}
