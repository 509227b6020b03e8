/**
 * Changing a source after it was added: its title, and whether it may be distressing with the
 * content note people read before choosing to see it. The text itself never changes (coded
 * passages point into it). Everyone sees the change at once.
 */
import { createSignal, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { FormAlert, focusFirstInvalid } from '../ui/alerts';
import { Checkbox, TextField } from '../ui/fields';
import { workspaceErrorText } from './errors';
import { idPart } from './live';
import './comments.css';

/** The form for one source's details; `onDone(saved)` closes it. */
export function EditSourceForm(props: { source: { id: string; title: string; sensitive: boolean; contentNote: string }; onDone: (saved: string | null) => void }) {
  const { workspace } = useProject();
  const base = `edit-${idPart(props.source.id)}`;
  const [title, setTitle] = createSignal(props.source.title);
  const [sensitive, setSensitive] = createSignal(props.source.sensitive);
  const [note, setNote] = createSignal(props.source.contentNote);
  const [errors, setErrors] = createSignal<{ title?: string; note?: string }>({});
  const [alert, setAlert] = createSignal<string>();
  let form!: HTMLFormElement;

  const submit = (e: Event) => {
    e.preventDefault();
    const errs: { title?: string; note?: string } = {};
    if (!title().trim()) errs.title = t('validation.required');
    if (sensitive() && !note().trim()) errs.note = t('syn.add.needNote');
    setErrors(errs);
    const doc = workspace()?.doc;
    if (Object.keys(errs).length || !doc) return queueMicrotask(() => focusFirstInvalid(form));
    try {
      // A note without the flag would be shown nowhere, so it goes with the flag.
      W.updateSource(doc, props.source.id, { title: title(), sensitive: sensitive(), contentNote: sensitive() ? note().trim() : '' });
    } catch (err) {
      setAlert(workspaceErrorText(err));
      return;
    }
    props.onDone(title().trim());
  };

  return (
    <form ref={form} class="stack syn-edit-source" onSubmit={submit} novalidate aria-labelledby={`${base}-h`}>
      <h4 id={`${base}-h`}>{t('syn.sources.editTitle', { title: props.source.title })}</h4>
      <FormAlert message={alert()} count={Object.keys(errors()).length} />
      <TextField id={`${base}-title`} label={t('syn.add.sourceTitle')} value={title()} onValue={setTitle} error={errors().title} maxLength={W.LIMITS.titleChars} />
      <Checkbox id={`${base}-sensitive`} label={t('syn.add.sensitive')} checked={sensitive()} onChecked={setSensitive} />
      <p class="hint">{t('syn.add.sensitiveHint')}</p>
      <Show when={sensitive()}>
        <TextField id={`${base}-note`} label={t('syn.add.note')} hint={t('syn.add.noteHint')} value={note()} onValue={setNote} error={errors().note} maxLength={W.LIMITS.contentNoteChars} />
      </Show>
      <p class="hint">{t('syn.sources.everyoneSees')}</p>
      <div class="inline-form">
        <button type="submit" class="btn small primary">{t('syn.sources.saveDetails')}</button>
        <button type="button" class="btn small" onClick={() => props.onDone(null)}>
          {t('syn.comments.cancel')}
        </button>
      </div>
    </form>
  );
}
