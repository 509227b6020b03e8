/**
 * An editable list of (name, number) rows for the lead's PRISMA numbers: sources with record
 * counts, or reasons with report counts. Every input has its own visible label.
 */
import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { TextField } from '../ui/fields';

/** One row as typed (numbers stay text until the form is checked). */
export interface RowText {
  name: string;
  n: string;
}

/** The row editor; `errors` is keyed `<id>.<index>.name` / `<id>.<index>.n`. */
export function CountRows(props: {
  id: string;
  legend: string;
  hint?: string;
  rows: RowText[];
  setRows: (rows: RowText[]) => void;
  nameLabel: (n: number) => string;
  countLabel: (n: number) => string;
  addLabel: string;
  errors: Record<string, string>;
}) {
  const update = (i: number, patch: Partial<RowText>) => props.setRows(props.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset class="group count-rows" aria-describedby={props.hint ? `${props.id}-hint` : undefined}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}>
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={props.rows.length} fallback={<p class="meta">{t('prisma.form.none')}</p>}>
        <For each={props.rows}>
          {(row, i) => (
            <div class="count-row">
              <TextField
                id={`${props.id}-${i()}-name`}
                label={props.nameLabel(i() + 1)}
                value={row.name}
                onValue={(v) => update(i(), { name: v })}
                error={props.errors[`${props.id}.${i()}.name`]}
                maxLength={200}
              />
              <TextField
                id={`${props.id}-${i()}-n`}
                label={props.countLabel(i() + 1)}
                type="number"
                inputmode="numeric"
                min={0}
                step={1}
                class="short"
                value={row.n}
                onValue={(v) => update(i(), { n: v })}
                error={props.errors[`${props.id}.${i()}.n`]}
              />
              <button type="button" class="btn small danger" onClick={() => props.setRows(props.rows.filter((_, j) => j !== i()))}>
                {t('prisma.form.remove', { n: i() + 1 })}
              </button>
            </div>
          )}
        </For>
      </Show>
      <button type="button" class="btn small" onClick={() => props.setRows([...props.rows, { name: '', n: '0' }])}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}

const WHOLE = /^\d{1,9}$/;

/** Field problems of a list of rows (names required, counts whole numbers ≥ 0), keyed as CountRows reads them. */
export function rowErrors(id: string, rows: RowText[]): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (!r.name.trim()) out[`${id}.${i}.name`] = t('validation.required');
    if (!WHOLE.test(r.n.trim())) out[`${id}.${i}.n`] = t('validation.wholeNumber');
  });
  return out;
}

/** Problems of one whole-number field ('' allowed when optional). */
export function numberError(value: string, optional = false): string | undefined {
  if (optional && value.trim() === '') return undefined;
  return WHOLE.test(value.trim()) ? undefined : t('validation.wholeNumber');
}

/** Rows as stored: trimmed names and numbers. */
export const toCounts = <K extends string>(rows: RowText[], key: K) => rows.map((r) => ({ [key]: r.name.trim(), n: Number(r.n) }) as Record<K, string> & { n: number });
