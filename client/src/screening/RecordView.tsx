/** The record being screened: title, bibliographic details and abstract, with highlighted terms. */
import { authorList } from '../records/labels';
import { For, Show } from 'solid-js';
import { t } from '../i18n';
import { errorMessage } from '../api/errors';
import { highlight } from './highlight';
import type { ScreenRecord } from './api';

/** Text with inclusion and exclusion terms marked (styles differ by more than colour; see the legend). */
export function Highlighted(props: { text: string; include: string[]; exclude: string[] }) {
  const segments = () => highlight(props.text, props.include, props.exclude);
  return (
    <For each={segments()}>
      {(s) => (s.kind ? <mark class={`hl hl-${s.kind}`}>{s.text}</mark> : s.text)}
    </For>
  );
}

/** The record article; `ref` receives the element so the page can move focus to it. */
export function RecordView(props: {
  record: ScreenRecord | undefined;
  position: number;
  total: number;
  include: string[];
  exclude: string[];
  /** why the record could not be loaded (e.g. offline and never fetched on this device) */
  loadError?: unknown;
  ref: (el: HTMLElement) => void;
}) {
  const details = () => {
    const r = props.record;
    if (!r) return '';
    return [authorList(r.authors, 'short'), r.year ? String(r.year) : '', r.journal]
      .filter(Boolean)
      .join(' · ');
  };
  return (
    <article ref={props.ref} class="record" tabindex="-1" aria-labelledby="record-title" data-testid="record">
      <p class="meta record-position">{t('screen.recordOf', { n: props.position, total: props.total })}</p>
      <Show
        when={props.record}
        fallback={
          <Show when={props.loadError} fallback={<h2 id="record-title">{t('screen.loadingRecord')}</h2>}>
            <h2 id="record-title">{t('screen.recordUnavailable')}</h2>
            <p role="alert">{errorMessage(props.loadError)}</p>
          </Show>
        }
      >
        {(r) => (
          <>
            <h2 id="record-title" class="record-title" dir="auto">
              <Highlighted text={r().title || t('screen.untitled')} include={props.include} exclude={props.exclude} />
            </h2>
            <Show when={details()}>
              <p class="meta" dir="auto">
                {details()}
              </p>
            </Show>
            <Show when={r().abstract} fallback={<p class="meta">{t('screen.noAbstract')}</p>}>
              <p class="abstract" dir="auto">
                <Highlighted text={r().abstract} include={props.include} exclude={props.exclude} />
              </p>
            </Show>
            <Show when={r().keywords.length}>
              <p class="meta" dir="auto">
                {t('screen.keywords', { keywords: r().keywords.join(', ') })}
              </p>
            </Show>
            <Show when={r().doi}>
              <p class="meta">
                <a href={`https://doi.org/${r().doi}`} target="_blank" rel="noopener noreferrer">
                  {t('screen.doiLink', { doi: r().doi! })}
                </a>
              </p>
            </Show>
          </>
        )}
      </Show>
    </article>
  );
}
