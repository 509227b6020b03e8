/**
 * One supporting quote. A quote from a source marked sensitive can stay folded behind its content
 * note until the reader chooses "Show" — their choice, never a surprise.
 */
import { createSignal, Show } from 'solid-js';
import { t } from '../i18n';

/** A quote with the study it comes from; `fold` keeps a sensitive one folded until asked. */
export function Quote(props: { text: string; source: string; sensitive: boolean; contentNote: string; fold: boolean; codes?: string }) {
  const [shown, setShown] = createSignal(false);
  const folded = () => props.sensitive && props.fold && !shown();
  return (
    <figure class="syn-quote" classList={{ sensitive: props.sensitive }}>
      <Show
        when={!folded()}
        fallback={
          <div class="syn-folded">
            <p>
              <strong>{t('syn.quote.folded')}</strong> <bdi>{props.contentNote || t('syn.quote.noNote')}</bdi>
            </p>
            <button type="button" class="btn small" onClick={() => setShown(true)}>
              {t('syn.quote.show')}
            </button>
          </div>
        }
      >
        <blockquote>
          <p class="prose">
            <bdi>{props.text}</bdi>
          </p>
        </blockquote>
        <Show when={props.sensitive}>
          <p class="meta">
            {t('syn.quote.sensitiveNote', { note: props.contentNote || t('syn.quote.noNote') })}{' '}
            <Show when={props.fold}>
              <button type="button" class="link-button" onClick={() => setShown(false)}>
                {t('syn.quote.hide')}
              </button>
            </Show>
          </p>
        </Show>
      </Show>
      <figcaption class="meta">
        {t('syn.quote.from', { source: props.source })}
        <Show when={props.codes}>{' · '}{t('syn.quote.codes', { codes: props.codes! })}</Show>
      </figcaption>
    </figure>
  );
}
