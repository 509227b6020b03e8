/**
 * The box for writing a comment, a reply, or a change to one's comment: a labelled text area, its
 * error (announced), the button, and Cancel where there is something to go back to. Ctrl+Enter
 * sends too, since people who type a lot expect it.
 */
import { createSignal, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';

/** `onSend` returns an error sentence, or nothing when the text was saved. */
export function CommentForm(props: {
  id: string;
  label: string;
  describedBy?: string;
  initial?: string;
  send: string;
  onSend: (text: string) => string | undefined;
  onCancel?: () => void;
  ref?: (el: HTMLTextAreaElement) => void;
}) {
  const [text, setText] = createSignal(props.initial ?? '');
  const [error, setError] = createSignal('');
  const submit = (e?: Event) => {
    e?.preventDefault();
    const problem = text().trim() ? props.onSend(text()) : t('syn.error.empty_comment');
    setError(problem || '');
    if (!problem) setText('');
  };
  const describedBy = () => [props.describedBy, error() ? `${props.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <form class="stack syn-comment-form" onSubmit={submit} novalidate>
      <div class="field" classList={{ invalid: !!error() }}>
        <label for={props.id}>{props.label}</label>
        <div role="alert" class="alert-region">
          <Show when={error()}>
            <p id={`${props.id}-error`} class="field-error">{error()}</p>
          </Show>
        </div>
        <textarea
          id={props.id}
          ref={props.ref}
          rows={2}
          value={text()}
          maxLength={W.LIMITS.commentChars}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={describedBy()}
          onInput={(e) => {
            setText(e.currentTarget.value);
            if (error()) setError('');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
            else if (e.key === 'Escape' && props.onCancel) {
              e.preventDefault();
              props.onCancel();
            }
          }}
        />
      </div>
      <div class="inline-form">
        <button type="submit" class="btn small primary">{props.send}</button>
        <Show when={props.onCancel}>
          <button type="button" class="btn small" onClick={() => props.onCancel!()}>
            {t('syn.comments.cancel')}
          </button>
        </Show>
      </div>
    </form>
  );
}
