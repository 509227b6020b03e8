/**
 * The coded spans of this source, in reading order, each with every code on it: the keyboard and
 * screen-reader route to what the highlights show, with "Select" (to add codes), "Comment" and
 * removal. While the text is folded away as possibly distressing, so are these passages.
 */
import { For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';

/** The list of coded spans in one source. */
export function CodedList(props: {
  annotations: W.AnnotationView[];
  text: string;
  codeName: (id: string) => string;
  canEdit: boolean;
  onSelect: (a: W.AnnotationView) => void;
  onComment: (a: W.AnnotationView) => void;
  /** comments on exactly this passage */
  comments: (a: W.AnnotationView) => number;
  folded: boolean;
  say: (text: string) => void;
}) {
  const { workspace } = useProject();
  const excerpt = (a: W.AnnotationView) => {
    const s = props.text.slice(a.start, a.end);
    return s.length > 160 ? `${s.slice(0, 157)}…` : s;
  };
  const remove = (a: W.AnnotationView, codeId: string) => {
    const doc = workspace()?.doc;
    if (!doc) return;
    W.removeCode(doc, a.id, codeId);
    props.say(t('syn.sel.removed', { code: props.codeName(codeId) }));
  };
  return (
    <section aria-labelledby="coded-h" class="panel">
      <h2 id="coded-h">{t('syn.coded.title', { count: props.annotations.length })}</h2>
      <Show when={props.annotations.length} fallback={<p class="meta">{t('syn.coded.none')}</p>}>
        <ol class="syn-coded-list" data-testid="coded-list">
          <For each={props.annotations}>
            {(a) => (
              <li>
                <p class="syn-excerpt">
                  <Show when={!props.folded} fallback={<span class="meta">{t('syn.coded.hidden')}</span>}>
                    <bdi>{excerpt(a)}</bdi>
                  </Show>
                </p>
                <ul class="syn-tags" aria-label={t('syn.coded.codes')}>
                  <For each={a.codeIds}>
                    {(cid) => (
                      <li>
                        <bdi>{props.codeName(cid)}</bdi>
                        <Show when={props.canEdit && !props.folded}>
                          {' '}
                          <button type="button" class="link-button syn-x" onClick={() => remove(a, cid)} aria-label={t('syn.sel.removeCodeFrom', { code: props.codeName(cid), quote: excerpt(a).slice(0, 40) })}>
                            ×
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={props.comments(a)}>
                  <p class="meta">{t('syn.coded.comments', { count: props.comments(a) })}</p>
                </Show>
                <Show when={props.canEdit && !props.folded}>
                  <div class="syn-adjust">
                    <button type="button" class="btn small" onClick={() => props.onSelect(a)} aria-label={t('syn.coded.selectThis', { quote: excerpt(a).slice(0, 40) })}>
                      {t('syn.coded.select')}
                    </button>
                    <button type="button" class="btn small" onClick={() => props.onComment(a)} aria-label={t('syn.coded.commentThis', { quote: excerpt(a).slice(0, 40) })}>
                      {t('syn.coded.comment')}
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
