/**
 * Adding a missed duplicate to a group: the lead searches for the record (best matches first, the
 * group's own records left out, more on request), picks it, and is told plainly what merging does —
 * it leaves screening, its duplicates move with it, and any screening decisions on it stay with the
 * people who made them but no longer count — and whether the two look like different reports,
 * before saying yes.
 */
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { errorMessage } from '../api/errors';
import { t, type MessageKey } from '../i18n';
import { isGroupChanged, latest, listRecords, mergePreview, mergeRecords, type DuplicateGroup, type MergeDifference, type MergePreview, type MergeResult, type RecordItem } from './api';
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

const FIELD: Record<MergeDifference['field'], MessageKey> = {
  doi: 'records.field.doi',
  pmid: 'records.field.pmid',
  year: 'records.field.year',
  firstAuthor: 'records.merge.diff.firstAuthor',
};

/** The warning shown before "Yes" when the two records disagree on facts that identify a report. */
function DifferenceWarning(props: { differences: MergeDifference[] }) {
  // Different identifiers are strong evidence of different reports; a differing year or first author may be a preprint or erratum.
  const strong = () => props.differences.some((d) => d.field === 'doi' || d.field === 'pmid');
  return (
    <div class="form-alert" data-testid="merge-differences">
      <p>{t('records.merge.diff.intro')}</p>
      <ul>
        <For each={props.differences}>
          {(d) => <li>{t('records.merge.diff.item', { field: t(FIELD[d.field] ?? 'records.merge.diff.other'), primary: d.primary || '—', duplicate: d.duplicate || '—' })}</li>}
        </For>
      </ul>
      <p>{strong() ? t('records.merge.diff.strong') : t('records.merge.diff.weak')}</p>
    </div>
  );
}

/** Results asked for at a time: enough to see the best matches, few enough to read. */
const PAGE = 10;

/** The merge form for one group; `onGroupChanged` reloads what the page shows when either record's group changed meanwhile. */
export function MergeForm(props: {
  pid: string; group: DuplicateGroup; onMerged: (res: MergeResult, title: string) => void; onGroupChanged: (duplicateId: string) => Promise<void>;
}) {
  const id = `merge-${props.group.primary.id}`;
  const [q, setQ] = createSignal('');
  const [search, setSearch] = createSignal<string | null>(null);
  const [picked, setPicked] = createSignal<RecordItem | null>(null);
  // Ranked, and without the group's own records (server-side, so the total counts only candidates).
  const query = (text: string) => ({ q: text, sort: 'relevance' as const, notInGroup: props.group.primary.id });
  const [results] = createResource(search, (text) => listRecords(props.pid, query(text), null, PAGE));
  const [extra, setExtra] = createSignal<RecordItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [moreError, setMoreError] = createSignal('');
  const [loadingMore, setLoadingMore] = createSignal(false);
  createEffect(on(() => latest(results), (r) => { setExtra([]); setCursor(r?.nextCursor ?? null); setMoreError(''); }));
  const [preview] = createResource(picked, (r) => mergePreview(props.pid, props.group.primary.id, r.id));
  const ignored = () => !!latest(results)?.search?.ignored;
  const candidates = () => (ignored() ? [] : [...(latest(results)?.records ?? []), ...extra()]);
  const total = () => latest(results)?.total ?? 0;
  const showMore = async () => {
    const text = search();
    if (!text) return;
    setLoadingMore(true);
    const at = candidates().length;
    try {
      const page = await listRecords(props.pid, query(text), cursor(), PAGE);
      setExtra([...extra(), ...page.records]);
      setCursor(page.nextCursor);
      // Continue from the first new result rather than the top of the list.
      queueMicrotask(() => document.querySelectorAll<HTMLInputElement>(`input[name="${id}-pick"]`)[at]?.focus());
    } catch (err) {
      setMoreError(errorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  };

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
        <Show when={search() && latest(results) && !results.loading}>
          <p>
            {ignored()
              ? t('records.merge.ignored')
              : candidates().length < total()
                ? `${t('records.merge.found', { count: total() })} ${t('records.merge.showing', { count: candidates().length })}`
                : t('records.merge.found', { count: total() })}
          </p>
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
        <Show when={moreError()}><p role="alert">{moreError()}</p></Show>
        <Show when={cursor() && !ignored()}>
          <p>
            <button type="button" class="btn" disabled={loadingMore() || results.loading} onClick={showMore}>
              {loadingMore() ? t('app.loading') : t('records.merge.more', { count: Math.min(PAGE, total() - candidates().length) })}
            </button>
          </p>
        </Show>
      </Show>
      <Show when={picked() && latest(preview)?.duplicate.id === picked()?.id ? latest(preview) : null}>
        {(p) => (
          <ConfirmAction
            id={`${id}-confirm`}
            label={t('records.merge.button')}
            question={
              <>
                <p>{t('records.merge.question', { title: p().duplicate.title, primary: props.group.primary.title })}</p>
                <Show when={p().differences?.length}><DifferenceWarning differences={p().differences!} /></Show>
                <ul class="plain-list"><For each={consequences(p())}>{(s) => <li>{s}</li>}</For></ul>
              </>
            }
            yes={t('records.merge.yes')}
            danger
            onConfirm={async () => {
              const d = p().duplicate;
              // Its link as the preview showed it: what the lead was told the merge would move it out of.
              const res = await mergeRecords(props.pid, props.group.primary.id, d.id, d.duplicateOf).catch((err: unknown) => {
                if (isGroupChanged(err)) return null;
                throw err;
              });
              if (res) props.onMerged(res, d.title);
              else await props.onGroupChanged(d.id);
            }}
          />
        )}
      </Show>
      <Show when={preview.error}><p role="alert">{errorMessage(preview.error)}</p></Show>
    </div>
  );
}
