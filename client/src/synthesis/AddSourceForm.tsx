/**
 * Adding a source: pick the study (full-text inclusions first), paste the findings or read them
 * from a .docx (the text comes back into the box to check before adding), and say whether the
 * text may be distressing, with a content note so others can choose whether to read it.
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { Checkbox, TextArea, TextField } from '../ui/fields';
import { FormAlert, focusFirstInvalid, StatusMessage } from '../ui/alerts';
import { extractDocx, listStudies } from './api';
import { workspaceErrorText } from './errors';

type Field = 'study' | 'title' | 'text' | 'note';

/** The "Add a source" form. */
export function AddSourceForm(props: { pid: string; userId: string }) {
  const { workspace } = useProject();
  const [studies] = createResource(() => props.pid, listStudies);
  const [study, setStudy] = createSignal('');
  const [title, setTitle] = createSignal('');
  const [text, setText] = createSignal('');
  const [sensitive, setSensitive] = createSignal(false);
  const [note, setNote] = createSignal('');
  const [errors, setErrors] = createSignal<Partial<Record<Field, string>>>({});
  const [alert, setAlert] = createSignal<string>();
  const [status, setStatus] = createSignal<string>();
  const [reading, setReading] = createSignal(false);
  const [added, setAdded] = createSignal<{ id: string; title: string }>();
  let form!: HTMLFormElement;
  let fileInput!: HTMLInputElement;

  // An errored resource throws when read, so it is only read once ready.
  const loaded = () => (studies.state === 'ready' ? studies() : undefined);
  const titleOf = (id: string) => loaded()?.studies.find((s) => s.id === id)?.title ?? '';
  const chooseStudy = (id: string) => {
    // Suggest the study's title unless the person already wrote their own.
    if (!title() || title() === titleOf(study())) setTitle(titleOf(id));
    setStudy(id);
  };

  const readDocx = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    setAlert(undefined);
    setStatus(t('syn.add.reading', { file: file.name }));
    try {
      const r = await extractDocx(props.pid, file);
      setText(r.text);
      setStatus([t('syn.add.read', { file: file.name, characters: r.characters }), ...r.warnings].join(' '));
    } catch (err) {
      setStatus(undefined);
      setAlert(t('syn.add.readFailed', { file: file.name, message: errorMessage(err) }));
      // The input would otherwise go on naming the file that failed, as if it had been read.
      fileInput.value = '';
    } finally {
      setReading(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    setAdded(undefined);
    const errs: Partial<Record<Field, string>> = {};
    if (!study()) errs.study = t('syn.add.needStudy');
    if (!title().trim()) errs.title = t('validation.required');
    if (!text().trim()) errs.text = t('syn.add.needText');
    if (sensitive() && !note().trim()) errs.note = t('syn.add.needNote');
    setErrors(errs);
    const count = Object.keys(errs).length;
    const doc = workspace()?.doc;
    if (count || !doc) {
      setAlert(undefined);
      return queueMicrotask(() => focusFirstInvalid(form));
    }
    try {
      const id = W.addSource(doc, { recordId: study(), title: title(), text: text(), sensitive: sensitive(), contentNote: sensitive() ? note().trim() : '' }, props.userId);
      setAdded({ id, title: title().trim() });
      setStatus(t('syn.add.done', { title: title().trim() }));
      setAlert(undefined);
      setStudy('');
      setTitle('');
      setText('');
      setSensitive(false);
      setNote('');
      fileInput.value = '';
    } catch (err) {
      setAlert(workspaceErrorText(err));
    }
  };

  return (
    <section aria-labelledby="add-source-h" class="panel">
      <h2 id="add-source-h">{t('syn.add.title')}</h2>
      <form ref={form} class="stack" onSubmit={submit} novalidate>
        <FormAlert message={alert()} count={Object.keys(errors()).length} />
        <div class="field" classList={{ invalid: !!errors().study }}>
          <label for="src-study">{t('syn.add.study')}</label>
          <p id="src-study-hint" class="hint">
            {studies.error ? t('syn.add.studiesFailed', { message: errorMessage(studies.error) }) : !loaded() ? t('app.loading') : loaded()!.included ? t('syn.add.studyIncluded') : t('syn.add.studyAll')}
          </p>
          <Show when={errors().study}>
            <p id="src-study-error" class="field-error">{errors().study}</p>
          </Show>
          <select
            id="src-study"
            value={study()}
            onChange={(e) => chooseStudy(e.currentTarget.value)}
            aria-describedby={errors().study ? 'src-study-hint src-study-error' : 'src-study-hint'}
            aria-invalid={errors().study ? 'true' : undefined}
            aria-required="true"
          >
            <option value="">{t('syn.add.chooseStudy')}</option>
            <For each={loaded()?.studies ?? []}>
              {(s) => <option value={s.id}>{s.year ? `${s.title} (${s.year})` : s.title}</option>}
            </For>
          </select>
        </div>
        <TextField id="src-title" label={t('syn.add.sourceTitle')} hint={t('syn.add.sourceTitleHint')} value={title()} onValue={setTitle} error={errors().title} maxLength={W.LIMITS.titleChars} />
        <div class="field">
          <label for="src-file">{t('syn.add.file')}</label>
          <p id="src-file-hint" class="hint">{t('syn.add.fileHint')}</p>
          <input
            ref={fileInput}
            id="src-file"
            type="file"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            aria-describedby="src-file-hint"
            disabled={reading()}
            onChange={(e) => void readDocx(e.currentTarget.files?.[0])}
          />
        </div>
        <TextArea id="src-text" label={t('syn.add.text')} hint={t('syn.add.textHint')} value={text()} onValue={setText} error={errors().text} rows={10} maxLength={W.LIMITS.sourceChars} />
        <Checkbox id="src-sensitive" label={t('syn.add.sensitive')} checked={sensitive()} onChecked={setSensitive} />
        <p class="hint">{t('syn.add.sensitiveHint')}</p>
        <Show when={sensitive()}>
          <TextField id="src-note" label={t('syn.add.note')} hint={t('syn.add.noteHint')} value={note()} onValue={setNote} error={errors().note} maxLength={W.LIMITS.contentNoteChars} />
        </Show>
        <button type="submit" class="btn primary" disabled={reading()}>
          {t('syn.add.submit')}
        </button>
        <StatusMessage message={status()} />
        <Show when={added()}>
          {(a) => (
            <p>
              <A href={`/projects/${encodeURIComponent(props.pid)}/synthesis/code/${encodeURIComponent(a().id)}`}>{t('syn.add.codeIt', { title: a().title })}</A>
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
