/**
 * A button that asks before changing duplicate links. The question appears in place with focus on
 * "Yes"; Cancel (or Escape) returns focus to the button; a refusal from the server is shown in words.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';

/** "Label" → question + "Yes, …" / "Cancel"; `danger` styles "Yes" as a warning, for changes that take something away. */
export function ConfirmAction(props: { id: string; label: string; a11yLabel?: string; question: JSX.Element; yes: string; onConfirm: () => Promise<unknown>; small?: boolean; danger?: boolean }) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  let trigger: HTMLButtonElement | undefined;
  const cancel = () => {
    setAsking(false);
    setError('');
    queueMicrotask(() => trigger?.focus());
  };
  const yes = async () => {
    setBusy(true);
    setError('');
    try {
      await props.onConfirm();
      setAsking(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show
      when={asking()}
      fallback={
        <button ref={trigger} type="button" class="btn" classList={{ small: props.small }} aria-label={props.a11yLabel} onClick={() => setAsking(true)}>
          {props.label}
        </button>
      }
    >
      <div class="confirm panel" role="group" aria-labelledby={`${props.id}-q`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
        <div id={`${props.id}-q`} class="confirm-question">{props.question}</div>
        <Show when={error()}>
          <p role="alert" class="field-error">{error()}</p>
        </Show>
        <button ref={(el) => queueMicrotask(() => el.focus())} type="button" class="btn" classList={{ danger: !!props.danger, primary: !props.danger }} disabled={busy()} onClick={yes}>
          {props.yes}
        </button>
        <button type="button" class="btn" onClick={cancel}>{t('records.cancel')}</button>
      </div>
    </Show>
  );
}
