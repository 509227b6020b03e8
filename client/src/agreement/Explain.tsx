/** Plain-language explanations of each statistic on the agreement page, for lay readers too. */
import { For } from 'solid-js';
import { t, type MessageKey } from '../i18n';

const TERMS: [MessageKey, MessageKey][] = [
  ['agreement.row.percent', 'agreement.explain.percent'],
  ['agreement.row.kappa', 'agreement.explain.kappa'],
  ['agreement.row.ci', 'agreement.explain.ci'],
  ['agreement.row.pabak', 'agreement.explain.pabak'],
  ['agreement.row.ac1', 'agreement.explain.ac1'],
  ['agreement.row.pi', 'agreement.explain.pi'],
  ['agreement.multi.fleiss', 'agreement.explain.fleiss'],
  ['agreement.multi.alpha', 'agreement.explain.alpha'],
];

/** The "What the figures mean" section; `maybeAs` is the project's rule for 'maybe'. */
export function Explain(props: { maybeAs: 'include' | 'exclude' }) {
  return (
    <section class="explain" aria-labelledby="explain-h">
      <h2 id="explain-h">{t('agreement.explain.heading')}</h2>
      <p class="panel note">{t('agreement.explain.lowKappa')}</p>
      <dl class="terms">
        <For each={TERMS}>
          {([term, text]) => (
            <>
              <dt>{t(term)}</dt>
              <dd>{t(text)}</dd>
            </>
          )}
        </For>
      </dl>
      <p>{t('agreement.explain.when')}</p>
      <p>{t('agreement.explain.categories', { maybeAs: t(`agreement.maybeAs.${props.maybeAs}`) })}</p>
    </section>
  );
}
