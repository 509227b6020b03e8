/**
 * Adding a missed duplicate to a group: the lead searches for the record, picks it, and is told
 * plainly what merging does — it leaves screening, its duplicates move with it, and any screening
 * decisions on it stay with the people who made them but no longer count — before saying yes.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { latest, listRecords, mergePreview, mergeRecords, type DuplicateGroup, type MergePreview, type RecordItem } from './api';
import { ConfirmAction } from './Confirm';
import { citationLine } from './labels';

/** What merging this record will do, in sentences. */
function consequences(p: MergePreview): string[] {
  const out = [p.duplicate.duplicateOf ? t('records.merge.fromOtherGroup') : t('records.merge.leaves')];
  if (p.moving) out.push(t('records.merge.moving', { count: p.moving }));
  const stages = (['ta', 'ft'] as const).map((s) => p.screening[s]).filter((s) => s?.inStage);
  const decisions = stages.reduce((n, s) => n + (s?.decisions ?? 0), 0);
  const hidden = stages.some((s) => s?.othersHidden);
  if (decisions) out.push(t('records.merge.decisions', { count: decisions }));
  else if (hidden || stages.length === 0) out.push(t('records.merge.maybeDecisions'));
  else if (!p.duplicate.duplicateOf) out.push(t('records.merge.noDecisions'));
  if (hidden) out.push(t('records.merge.hidden'));
  return out;
}

/** The merge form for one group. */
export function MergeForm(props: { pid: string; group: DuplicateGroup; onMerged: (g: DuplicateGroup, title: string) => void }) {
  const id = `merge-${props.group.primary.id}`;
  const [q, setQ] = createSignal('');
  const [search, setSearch] = createSignal<string | null>(null);
  const [picked, setPicked] = createSignal<RecordItem | null>(null);
  const [results] = createResource(search, (text) => listRecords(props.pid, { q: text }, null, 10));
  const [preview] = createResource(picked, (r) => mergePreview(props.pid, props.group.primary.id, r.id));
  const candidates = () => (latest(results)?.records ?? []).filter((r) => r.id !== props.group.primary.id && r.duplicateOf !== props.group.primary.id);

  return (
    <div class="merge-form">
      <form onSubmit={(e) => { e.preventDefault(); setPicked(null); setSearch(q().trim() || null); }}>
        <div class="field">
          <label for={`${id}-q`}>{t('records.merge.searchLabel')}</label>
          <p id={`${id}-q-hint`} class="hint">{t('records.merge.searchHint')}</p>
          <div class="inline-form">
            <input id={`${id}-q`} type="search" value={q()} aria-describedby={`${id}-q-hint`} onInput={(e) => setQ(e.currentTarget.value)} />
            <button type="submit" class="btn">{t('records.merge.find')}</button>
          </div>
        </div>
      </form>
      <div role="status" class="status-region">
        <Show when={search() && latest(results)}>
          <p>{t('records.merge.found', { count: candidates().length })}</p>
        </Show>
      </div>
      <Show when={results.error}><p role="alert">{errorMessage(results.error)}</p></Show>
      <Show when={candidates().length}>
        <fieldset class="field">
          <legend>{t('records.merge.pick')}</legend>
          <For each={candidates()}>
            {(r) => (
              <div class="radio">
                <input type="radio" id={`${id}-${r.id}`} name={`${id}-pick`} checked={picked()?.id === r.id} onChange={() => setPicked(r)} aria-describedby={`${id}-${r.id}-meta`} />
                <label for={`${id}-${r.id}`}><bdi>{r.title || t('records.untitled')}</bdi></label>
                <p id={`${id}-${r.id}-meta`} class="hint"><bdi>{[r.source, citationLine(r)].filter(Boolean).join(' · ')}</bdi>{r.duplicateOf ? ` · ${t('records.merge.inOtherGroup')}` : ''}</p>
              </div>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={picked() && latest(preview)?.duplicate.id === picked()?.id ? latest(preview) : null}>
        {(p) => (
          <ConfirmAction
            id={`${id}-confirm`}
            label={t('records.merge.button')}
            question={
              <>
                <p>{t('records.merge.question', { title: p().duplicate.title, primary: props.group.primary.title })}</p>
                <ul class="plain-list"><For each={consequences(p())}>{(s) => <li>{s}</li>}</For></ul>
              </>
            }
            yes={t('records.merge.yes')}
            onConfirm={async () => {
              const res = await mergeRecords(props.pid, props.group.primary.id, p().duplicate.id);
              props.onMerged(res.group, p().duplicate.title);
            }}
          />
        )}
      </Show>
      <Show when={preview.error}><p role="alert">{errorMessage(preview.error)}</p></Show>
    </div>
  );
}
