/**
 * The records page's search form: words in title or abstract (with their order, best match first
 * or import order, once there are words), then source, import, duplicate status and prior label.
 * The choices live in the page address, so results can be shared and the back button works; the
 * form only writes them there when submitted.
 */
import { createEffect, createSignal, For, Show } from 'solid-js';
import { formatDate, t } from '../i18n';
import type { Facets, RecordQuery } from './api';
import { labelOption } from './labels';

/** The search and filter form. */
export function Filters(props: { facets: Facets | undefined; query: RecordQuery; onSearch: (q: RecordQuery) => void }) {
  const [q, setQ] = createSignal('');
  const [source, setSource] = createSignal('');
  const [imp, setImp] = createSignal('');
  const [dup, setDup] = createSignal<RecordQuery['duplicates']>('');
  const [label, setLabel] = createSignal('');
  const [sort, setSort] = createSignal<'relevance' | 'arrival'>('relevance');
  // Follow the address (back button, links from the Import page) into the form.
  createEffect(() => {
    setQ(props.query.q ?? '');
    setSource(props.query.source ?? '');
    setImp(props.query.import ?? '');
    setDup(props.query.duplicates ?? '');
    setLabel(props.query.label ?? '');
    setSort(props.query.sort === 'arrival' ? 'arrival' : 'relevance');
  });
  const submit = (e: Event) => {
    e.preventDefault();
    props.onSearch({ q: q().trim(), source: source(), import: imp(), duplicates: dup(), label: label(), sort: sort() });
  };
  const clear = () => props.onSearch({});
  return (
    <form role="search" aria-label={t('records.search.region')} class="panel records-filters" onSubmit={submit}>
      <div class="field search-field">
        <label for="records-q">{t('records.search.label')}</label>
        <p id="records-q-hint" class="hint">{t('records.search.hint')}</p>
        <input id="records-q" type="search" value={q()} onInput={(e) => setQ(e.currentTarget.value)} aria-describedby="records-q-hint" maxLength={500} />
      </div>
      <div class="filter-row">
        {/* Ordering only means something once there are words to rank by. */}
        <Show when={q().trim()}>
          <div class="field">
            <label for="records-sort">{t('records.sort.label')}</label>
            <select id="records-sort" value={sort()} onChange={(e) => setSort(e.currentTarget.value === 'arrival' ? 'arrival' : 'relevance')}>
              <option value="relevance">{t('records.sort.relevance')}</option>
              <option value="arrival">{t('records.sort.arrival')}</option>
            </select>
          </div>
        </Show>
        <div class="field">
          <label for="records-source">{t('records.filter.source')}</label>
          <select id="records-source" value={source()} onChange={(e) => setSource(e.currentTarget.value)}>
            <option value="">{t('records.filter.anySource')}</option>
            <For each={props.facets?.sources ?? []}>{(s) => <option value={s.source}>{t('records.filter.sourceOption', { source: s.source, n: s.n })}</option>}</For>
          </select>
        </div>
        <Show when={(props.facets?.imports.length ?? 0) > 1 || imp()}>
          <div class="field">
            <label for="records-import">{t('records.filter.import')}</label>
            <select id="records-import" value={imp()} onChange={(e) => setImp(e.currentTarget.value)}>
              <option value="">{t('records.filter.anyImport')}</option>
              <For each={props.facets?.imports ?? []}>
                {(i) => <option value={i.id}>{t('records.filter.importOption', { source: i.source, file: i.filename ?? '', date: formatDate(i.createdAt), n: i.parsed })}</option>}
              </For>
            </select>
          </div>
        </Show>
        <div class="field">
          <label for="records-dup">{t('records.filter.duplicates')}</label>
          <select id="records-dup" value={dup()} onChange={(e) => setDup(e.currentTarget.value as RecordQuery['duplicates'])}>
            <option value="">{t('records.filter.dupAll')}</option>
            <option value="exclude">{t('records.filter.dupExclude')}</option>
            <option value="only">{t('records.filter.dupOnly', { n: props.facets?.duplicates ?? 0 })}</option>
          </select>
        </div>
        <Show when={props.facets?.labels.length}>
          <div class="field">
            <label for="records-label">{t('records.filter.label')}</label>
            <select id="records-label" value={label()} onChange={(e) => setLabel(e.currentTarget.value)}>
              <option value="">{t('records.filter.anyLabel')}</option>
              <For each={props.facets?.labels ?? []}>{(l) => <option value={`${l.tool}:${l.label}`}>{labelOption(l.tool, l.label, l.n)}</option>}</For>
            </select>
          </div>
        </Show>
      </div>
      <div class="button-row">
        <button type="submit" class="btn primary">{t('records.search.submit')}</button>
        <button type="button" class="btn" onClick={clear}>{t('records.search.clear')}</button>
      </div>
    </form>
  );
}
