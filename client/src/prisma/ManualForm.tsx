/**
 * The lead's form for the PRISMA numbers Coreview cannot know (PATCH /api/projects/:pid/prisma):
 * removals before screening, studies included, the "not retrieved" reason, registers, records never
 * imported, and the other-methods column. Checked here first, then by the server's own schema.
 */
import { createSignal, For, Show } from 'solid-js';
import type { PrismaManual } from '../../../shared/prisma/report';
import { t } from '../i18n';
import { FormAlert, focusFirstInvalid, StatusMessage, showServerError } from '../ui/alerts';
import { Checkbox, TextField } from '../ui/fields';
import { patchPrismaManual } from './api';
import { CountRows, numberError, rowErrors, toCounts, type RowText } from './Rows';

const rowsOf = (list: { n: number }[], key: 'source' | 'reason'): RowText[] =>
  list.map((x) => ({ name: (x as Record<string, unknown>)[key] as string, n: String(x.n) }));

/** The form; `sources` are the import sources, `reasons` the project's exclusion reasons. */
export function ManualForm(props: { pid: string; manual: PrismaManual; sources: string[]; reasons: string[]; onSaved: () => void }) {
  const m = props.manual;
  const o = m.otherMethods;
  const [automation, setAutomation] = createSignal(String(m.automation));
  const [removedOther, setRemovedOther] = createSignal(String(m.removedOther));
  const [studies, setStudies] = createSignal(m.includedStudies === null ? '' : String(m.includedStudies));
  const [reason, setReason] = createSignal(m.notRetrievedReason ?? '');
  const [registerSources, setRegisterSources] = createSignal<string[]>([...m.registerSources]);
  const [registers, setRegisters] = createSignal(rowsOf(m.registers, 'source'));
  const [notImported, setNotImported] = createSignal(rowsOf(m.notImported, 'source'));
  const [useOther, setUseOther] = createSignal(o !== null);
  const [otherIdentified, setOtherIdentified] = createSignal(rowsOf(o?.identified ?? [], 'source'));
  const [otherSought, setOtherSought] = createSignal(String(o?.sought ?? 0));
  const [otherNotRetrieved, setOtherNotRetrieved] = createSignal(String(o?.notRetrieved ?? 0));
  const [otherAssessed, setOtherAssessed] = createSignal(String(o?.assessed ?? 0));
  const [otherExcluded, setOtherExcluded] = createSignal(rowsOf(o?.excludedReports ?? [], 'reason'));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal<string>();
  const [saved, setSaved] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form!: HTMLFormElement;

  const check = (): Record<string, string> => {
    const e: Record<string, string> = {
      ...rowErrors('registers', registers()),
      ...rowErrors('notImported', notImported()),
      ...(useOther() ? { ...rowErrors('otherIdentified', otherIdentified()), ...rowErrors('otherExcluded', otherExcluded()) } : {}),
    };
    const fields: [string, string, boolean][] = [['automation', automation(), false], ['removedOther', removedOther(), false], ['includedStudies', studies(), true]];
    if (useOther()) fields.push(['otherSought', otherSought(), false], ['otherNotRetrieved', otherNotRetrieved(), false], ['otherAssessed', otherAssessed(), false]);
    for (const [name, value, optional] of fields) {
      const problem = numberError(value, optional);
      if (problem) e[name] = problem;
    }
    return e;
  };

  const onSubmit = async (ev: SubmitEvent) => {
    ev.preventDefault();
    if (busy()) return;
    setSaved(undefined);
    setFormError(undefined);
    const e = check();
    setErrors(e);
    if (Object.keys(e).length) return focusFirstInvalid(form);
    const body: PrismaManual = {
      automation: Number(automation()),
      removedOther: Number(removedOther()),
      includedStudies: studies().trim() === '' ? null : Number(studies()),
      notRetrievedReason: reason() || null,
      registerSources: registerSources(),
      registers: toCounts(registers(), 'source'),
      notImported: toCounts(notImported(), 'source'),
      otherMethods: useOther()
        ? {
            identified: toCounts(otherIdentified(), 'source'),
            sought: Number(otherSought()),
            notRetrieved: Number(otherNotRetrieved()),
            assessed: Number(otherAssessed()),
            excludedReports: toCounts(otherExcluded(), 'reason'),
          }
        : null,
    };
    setBusy(true);
    try {
      await patchPrismaManual(props.pid, body);
      setSaved(t('prisma.form.saved'));
      props.onSaved();
    } catch (err) {
      showServerError(err, ['automation', 'removedOther', 'includedStudies', 'notRetrievedReason'], form, { setErrors, setFormError });
    } finally {
      setBusy(false);
    }
  };

  const num = (id: string, label: string, value: () => string, set: (v: string) => void, extra: { hint?: string; optional?: boolean } = {}) => (
    <TextField id={`prisma-${id}`} name={id} label={label} type="number" inputmode="numeric" min={0} step={1} class="short"
      value={value()} onValue={set} error={errors()[id]} hint={extra.hint} optional={extra.optional} />
  );
  const sourceLabel = (n: number) => t('prisma.form.source', { n });
  const recordsLabel = (n: number) => t('prisma.form.records', { n });

  return (
    <section class="manual" aria-labelledby="manual-h">
      <h2 id="manual-h">{t('prisma.form.heading')}</h2>
      <p>{t('prisma.form.intro')}</p>
      <form ref={form} class="stack" onSubmit={onSubmit} novalidate>
        <FormAlert message={formError()} count={formError() ? undefined : Object.keys(errors()).length || undefined} />
        {num('automation', t('prisma.form.automation'), automation, setAutomation)}
        {num('removedOther', t('prisma.form.removedOther'), removedOther, setRemovedOther)}
        {num('includedStudies', t('prisma.form.includedStudies'), studies, setStudies, { hint: t('prisma.form.includedStudiesHint'), optional: true })}
        <div class="field">
          <label for="prisma-notRetrievedReason">{t('prisma.form.notRetrievedReason')}</label>
          <select id="prisma-notRetrievedReason" value={reason()} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">{t('prisma.form.notRetrievedAuto')}</option>
            <For each={props.reasons}>{(r) => <option value={r}>{r}</option>}</For>
          </select>
        </div>
        <fieldset class="group" aria-describedby="prisma-registerSources-hint">
          <legend>{t('prisma.form.registerSources')}</legend>
          <p id="prisma-registerSources-hint" class="hint">{t('prisma.form.registerSourcesHint')}</p>
          <Show when={props.sources.length} fallback={<p class="meta">{t('prisma.form.noSources')}</p>}>
            <For each={props.sources}>
              {(s, i) => (
                <Checkbox id={`prisma-register-${i()}`} label={s} checked={registerSources().includes(s)}
                  onChecked={(on) => setRegisterSources(on ? [...registerSources(), s] : registerSources().filter((x) => x !== s))} />
              )}
            </For>
          </Show>
        </fieldset>
        <CountRows id="registers" legend={t('prisma.form.registers')} rows={registers()} setRows={setRegisters}
          nameLabel={sourceLabel} countLabel={recordsLabel} addLabel={t('prisma.form.addSource')} errors={errors()} />
        <CountRows id="notImported" legend={t('prisma.form.notImported')} hint={t('prisma.form.notImportedHint')} rows={notImported()}
          setRows={setNotImported} nameLabel={sourceLabel} countLabel={recordsLabel} addLabel={t('prisma.form.addSource')} errors={errors()} />
        <Checkbox id="prisma-useOther" label={t('prisma.form.useOther')} checked={useOther()} onChecked={setUseOther} />
        <Show when={useOther()}>
          <fieldset class="group">
            <legend>{t('prisma.form.other')}</legend>
            <CountRows id="otherIdentified" legend={t('prisma.form.otherIdentified')} rows={otherIdentified()} setRows={setOtherIdentified}
              nameLabel={sourceLabel} countLabel={recordsLabel} addLabel={t('prisma.form.addSource')} errors={errors()} />
            {num('otherSought', t('prisma.form.otherSought'), otherSought, setOtherSought)}
            {num('otherNotRetrieved', t('prisma.form.otherNotRetrieved'), otherNotRetrieved, setOtherNotRetrieved)}
            {num('otherAssessed', t('prisma.form.otherAssessed'), otherAssessed, setOtherAssessed)}
            <CountRows id="otherExcluded" legend={t('prisma.form.otherExcluded')} rows={otherExcluded()} setRows={setOtherExcluded}
              nameLabel={(n) => t('prisma.form.reason', { n })} countLabel={(n) => t('prisma.form.reports', { n })}
              addLabel={t('prisma.form.addReason')} errors={errors()} />
          </fieldset>
        </Show>
        <StatusMessage message={saved()} />
        <button type="submit" class="btn primary" disabled={busy()}>
          {busy() ? t('form.saving') : t('prisma.form.save')}
        </button>
      </form>
    </section>
  );
}
