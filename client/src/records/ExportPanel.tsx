/**
 * Export: every record (duplicates flagged) or one stage's records with their final decision, as RIS
 * or CSV. Decisions are only offered where this person may see everyone's decisions; the server
 * decides in the end, and a refusal is shown in words rather than as a broken download.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { useBoardStages } from '../agreement/board';
import { currentUser } from '../auth/session';
import { t, type MessageKey } from '../i18n';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { Checkbox, RadioGroup } from '../ui/fields';
import { downloadExport, exportUrl, type RecordQuery } from './api';

const DECISIONS: [string, MessageKey][] = [
  ['', 'records.export.decision.any'],
  ['include', 'records.export.decision.include'],
  ['exclude', 'records.export.decision.exclude'],
  ['maybe', 'records.export.decision.maybe'],
  ['pending', 'records.export.decision.pending'],
  ['conflict', 'records.export.decision.conflict'],
];

/** The export form. */
export function ExportPanel(props: { pid: string; filters: RecordQuery; filtered: boolean }) {
  const stages = useBoardStages(props.pid, currentUser()!.id);
  const [format, setFormat] = createSignal<'ris' | 'csv'>('csv');
  const [stage, setStage] = createSignal<'' | Stage>('');
  const [decision, setDecision] = createSignal('');
  const [onlyFiltered, setOnlyFiltered] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const [done, setDone] = createSignal('');
  const hidden = () => (stage() ? stages()[stage() as Stage]?.visible === false : false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setDone('');
    try {
      const name = await downloadExport(exportUrl(props.pid, { format: format(), stage: stage(), decision: decision() }, onlyFiltered() && props.filtered ? props.filters : null));
      setDone(t('records.export.done', { name }));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'blinded' ? t('records.export.blinded') : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="export-title" class="panel export-panel">
      <h2 id="export-title">{t('records.export.title')}</h2>
      <p class="hint">{t('records.export.intro')}</p>
      <form onSubmit={submit}>
        <FormAlert message={error()} />
        <RadioGroup id="export-format" legend={t('records.export.format')} value={format()} onValue={(v) => setFormat(v as 'ris' | 'csv')}
          choices={[
            { value: 'csv', label: t('records.export.csv'), hint: t('records.export.csvHint') },
            { value: 'ris', label: t('records.export.ris'), hint: t('records.export.risHint') },
          ]} />
        <div class="filter-row">
          <div class="field">
            <label for="export-stage">{t('records.export.stage')}</label>
            <select id="export-stage" value={stage()} onChange={(e) => setStage(e.currentTarget.value as '' | Stage)}>
              <option value="">{t('records.export.stage.all')}</option>
              <option value="ta">{t('records.export.stage.ta')}</option>
              <option value="ft">{t('records.export.stage.ft')}</option>
            </select>
          </div>
          <Show when={stage()}>
            <div class="field">
              <label for="export-decision">{t('records.export.decision')}</label>
              <select id="export-decision" value={decision()} onChange={(e) => setDecision(e.currentTarget.value)}>
                <For each={DECISIONS}>{([value, key]) => <option value={value}>{t(key)}</option>}</For>
              </select>
            </div>
          </Show>
        </div>
        <Show when={hidden()}>
          <p class="hint">{t('records.export.blindedHint')}</p>
        </Show>
        <Show when={props.filtered}>
          <Checkbox id="export-filtered" label={t('records.export.onlyFiltered')} checked={onlyFiltered()} onChecked={setOnlyFiltered} />
        </Show>
        <p>
          <button type="submit" class="btn primary" disabled={busy()}>{busy() ? t('records.export.preparing') : t('records.export.submit')}</button>
        </p>
        <StatusMessage message={done()} />
      </form>
    </section>
  );
}
