/**
 * Live regions. They stay in the page and only their text changes, because screen readers
 * announce changes to an existing live region far more reliably than a newly inserted one.
 */
import { Show } from 'solid-js';
import { splitServerError } from '../api/errors';
import { t } from '../i18n';

/** A form's error summary (role=alert): announced at once when a submission fails. */
export function FormAlert(props: { message?: string; count?: number }) {
  return (
    <div role="alert" class="alert-region">
      <Show when={props.message || props.count}>
        <div class="form-alert">
          <Show when={props.count}>
            <p>{t('form.errorSummary', { count: props.count ?? 0 })}</p>
          </Show>
          <Show when={props.message}>
            <p>{props.message}</p>
          </Show>
        </div>
      </Show>
    </div>
  );
}

/** A polite status message (role=status), e.g. "Saved". */
export function StatusMessage(props: { message?: string; id?: string }) {
  return (
    <div role="status" class="status-region" id={props.id}>
      <Show when={props.message}>
        <p class="status-message">{props.message}</p>
      </Show>
    </div>
  );
}

/** A form's error signals, for showServerError. */
export interface FormErrorSetters {
  setErrors: (errors: Record<string, string>) => void;
  setFormError: (message: string | undefined) => void;
}

/**
 * Shows a server's refusal on a form: each problem next to its field (one of `known`), the rest
 * above the form, then focus on the first field with a problem.
 */
export function showServerError(err: unknown, known: readonly string[], form: HTMLElement | undefined, set: FormErrorSetters): void {
  const split = splitServerError(err, known);
  set.setErrors(split.fields);
  set.setFormError(split.message);
  focusFirstInvalid(form);
}

/** Moves focus to the first invalid control in `form`, so the user starts where the problem is. */
export function focusFirstInvalid(form: HTMLElement | undefined): void {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}
