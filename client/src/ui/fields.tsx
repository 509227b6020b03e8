/**
 * Labelled form controls. Each ties its hint and error to the control with aria-describedby and
 * marks aria-invalid, so a screen reader reads the problem when the field gets focus.
 */
import { For, Show, splitProps, type JSX } from 'solid-js';
import { t } from '../i18n';

interface FieldBase {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Shows "(optional)" after the label; fields are required unless said otherwise. */
  optional?: boolean;
}

const describedBy = (p: { id: string; hint?: string; error?: string }) =>
  [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Label(props: FieldBase) {
  return (
    <label for={props.id}>
      {props.label}
      <Show when={props.optional}>
        {' '}
        <span class="optional">{t('form.optional')}</span>
      </Show>
    </label>
  );
}

function HintAndError(props: FieldBase) {
  return (
    <>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
    </>
  );
}

type InputAttrs = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onInput'>;

/** A labelled single-line input. */
export function TextField(props: FieldBase & InputAttrs & { value: string; onValue: (v: string) => void }) {
  const [base, rest] = splitProps(props, ['id', 'label', 'hint', 'error', 'optional', 'value', 'onValue']);
  return (
    <div class="field" classList={{ invalid: !!base.error }}>
      <Label {...base} />
      <HintAndError {...base} />
      <input
        type="text"
        {...rest}
        id={base.id}
        name={rest.name ?? base.id}
        value={base.value}
        onInput={(e) => base.onValue(e.currentTarget.value)}
        aria-required={base.optional ? undefined : 'true'}
        aria-invalid={base.error ? 'true' : undefined}
        aria-describedby={describedBy(base)}
      />
    </div>
  );
}

type AreaAttrs = Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'value' | 'onInput'>;

/** A labelled multi-line input. */
export function TextArea(props: FieldBase & AreaAttrs & { value: string; onValue: (v: string) => void }) {
  const [base, rest] = splitProps(props, ['id', 'label', 'hint', 'error', 'optional', 'value', 'onValue']);
  return (
    <div class="field" classList={{ invalid: !!base.error }}>
      <Label {...base} />
      <HintAndError {...base} />
      <textarea
        rows={4}
        {...rest}
        id={base.id}
        name={rest.name ?? base.id}
        value={base.value}
        onInput={(e) => base.onValue(e.currentTarget.value)}
        aria-required={base.optional ? undefined : 'true'}
        aria-invalid={base.error ? 'true' : undefined}
        aria-describedby={describedBy(base)}
      />
    </div>
  );
}

/** One choice in a RadioGroup. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A fieldset of radio buttons with a legend; each choice may carry a plain-language hint. */
export function RadioGroup(props: {
  id: string;
  legend: string;
  choices: Choice[];
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <fieldset class="field radio-group" classList={{ invalid: !!props.error }} aria-describedby={describedBy(props)}>
      <legend>{props.legend}</legend>
      <HintAndError id={props.id} label="" hint={props.hint} error={props.error} />
      <For each={props.choices}>
        {(c) => (
          <div class="radio">
            <input
              type="radio"
              id={`${props.id}-${c.value}`}
              name={props.id}
              value={c.value}
              checked={props.value === c.value}
              onChange={() => props.onValue(c.value)}
              aria-describedby={c.hint ? `${props.id}-${c.value}-hint` : undefined}
            />
            <label for={`${props.id}-${c.value}`}>{c.label}</label>
            <Show when={c.hint}>
              <p id={`${props.id}-${c.value}-hint`} class="hint">
                {c.hint}
              </p>
            </Show>
          </div>
        )}
      </For>
    </fieldset>
  );
}

/** A labelled checkbox. */
export function Checkbox(props: { id: string; label: string; checked: boolean; onChecked: (v: boolean) => void }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={props.id} checked={props.checked} onChange={(e) => props.onChecked(e.currentTarget.checked)} />
      <label for={props.id}>{props.label}</label>
    </div>
  );
}
