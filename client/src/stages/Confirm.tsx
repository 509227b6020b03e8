/**
 * A button that asks before doing something that cannot be undone. The question appears in place,
 * focus moves to it, and Cancel puts focus back on the button.
 */
import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';

/** "Label…" → explanation + "Yes" / "Cancel". */
export function ConfirmButton(props: { id: string; label: string; question: string; yes: string; busy: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = createSignal(false);
  let trigger: HTMLButtonElement | undefined;
  return (
    <Show
      when={asking()}
      fallback={
        <button
          ref={trigger}
          type="button"
          class="btn"
          onClick={() => setAsking(true)}
        >
          {props.label}
        </button>
      }
    >
      <div class="confirm panel" role="group" aria-labelledby={`${props.id}-question`}>
        <p id={`${props.id}-question`}>{props.question}</p>
        <button
          ref={(el) => queueMicrotask(() => el.focus())}
          type="button"
          class="btn danger"
          aria-describedby={`${props.id}-question`}
          disabled={props.busy}
          onClick={() => props.onConfirm()}
        >
          {props.yes}
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => {
            setAsking(false);
            queueMicrotask(() => trigger?.focus());
          }}
        >
          {t('stages.cancel')}
        </button>
      </div>
    </Show>
  );
}
