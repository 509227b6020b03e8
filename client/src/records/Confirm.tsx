/**
 * A button that asks before changing duplicate links (or removing an import). The question appears
 * in place with focus on "Yes"; Cancel (or Escape) returns focus to the button; a refusal from the
 * server is shown in words. When the question depends on the server (what would change), `prepare`
 * fetches it first; `blocked` then offers no "Yes", only the reasons and a way back.
 */
import { createSignal, Show, type JSX } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';

/** "Label" → question + "Yes, …" / "Cancel"; `danger` styles "Yes" as a warning, for changes that take something away. */
export function ConfirmAction(props: {
  id: string; label: string; a11yLabel?: string; question: JSX.Element; yes: string; onConfirm: () => Promise<unknown>; small?: boolean; danger?: boolean;
  prepare?: () => Promise<unknown>; blocked?: boolean;
}) {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  let trigger: HTMLButtonElement | undefined;
  const cancel = () => {
    setAsking(false);
    setError('');
    queueMicrotask(() => trigger?.focus());
  };
  const run = async (step: () => Promise<unknown>, then: () => void) => {
    setBusy(true);
    setError('');
    try {
      await step();
      then();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const ask = () => {
    if (busy()) return;
    if (props.prepare) void run(props.prepare, () => setAsking(true));
    else setAsking(true);
  };
  const yes = () => run(props.onConfirm, () => setAsking(false));
  const focusNow = (el: HTMLElement) => queueMicrotask(() => el.focus());
  return (
    <Show
      when={asking()}
      fallback={
        <>
          {/* aria-disabled, not disabled, while it fetches: a disabled button would drop keyboard focus */}
          <button ref={trigger} type="button" class="btn" classList={{ small: props.small }} aria-label={props.a11yLabel}
            aria-disabled={busy() ? 'true' : undefined} onClick={ask}>
            {busy() ? t('app.loading') : props.label}
          </button>
          <Show when={error()}>
            <p role="alert" class="field-error">{error()}</p>
          </Show>
        </>
      }
    >
      <div class="confirm panel" role="group" aria-labelledby={`${props.id}-q`} onKeyDown={(e) => e.key === 'Escape' && cancel()}>
        <div id={`${props.id}-q`} class="confirm-question">{props.question}</div>
        <Show when={error()}>
          <p role="alert" class="field-error">{error()}</p>
        </Show>
        <Show when={!props.blocked}>
          <button ref={focusNow} type="button" class="btn" classList={{ danger: !!props.danger, primary: !props.danger }} disabled={busy()} onClick={yes}>
            {props.yes}
          </button>
        </Show>
        <button ref={(el) => props.blocked && focusNow(el)} type="button" class="btn" onClick={cancel}>{t('records.cancel')}</button>
      </div>
    </Show>
  );
}
