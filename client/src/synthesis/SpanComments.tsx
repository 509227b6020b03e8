/**
 * The comments on passages of this source, beside the text: the box for a comment on the passage
 * someone chose, then every commented passage in reading order — its quote, a button that selects
 * it in the text (and moves the keyboard there), and its conversations. While the text is folded
 * away as possibly distressing, the quotes are folded too.
 */
import { createMemo, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { CommentForm } from './CommentForm';
import { commentCount, snippet, type SpanThread } from './comments';
import { CommentThread } from './CommentThread';
import { workspaceErrorText } from './errors';
import { idPart, type Me } from './live';
import type { Range } from './text';

/** The id of the box to write a comment on a passage (the page focuses it). */
export const SPAN_COMMENT_BOX = 'span-comment';

/** The panel of passage comments for one source. */
export function SpanComments(props: {
  sourceId: string;
  text: string;
  threads: SpanThread[];
  me: Me;
  say: (text: string) => void;
  folded: boolean;
  /** the passage being commented on, if the box is open */
  pending: Range | null;
  onClose: () => void;
  /** after a comment on `r` was posted (the box closes) */
  onPosted: (r: Range) => void;
  onJump: (r: Range) => void;
}) {
  const { workspace } = useProject();
  const byKey = createMemo(() => new Map(props.threads.map((x) => [x.key, x])));
  const keys = createMemo(() => props.threads.map((x) => x.key), [], { equals: (a, b) => a.join() === b.join() });
  const total = () => props.threads.reduce((n, x) => n + commentCount(x.conversations), 0);
  const quoteOf = (r: Range) => snippet(props.text.slice(r.start, r.end), 300);
  const focusHeading = () => document.getElementById('span-comments-h')?.focus();

  const post = (text: string) => {
    const doc = workspace()?.doc;
    const r = props.pending;
    if (!doc || !r) return undefined;
    let id: string;
    try {
      id = W.addComment(doc, { kind: 'span', sourceId: props.sourceId, start: r.start, end: r.end }, text, { id: props.me.id, name: props.me.name });
    } catch (err) {
      return workspaceErrorText(err);
    }
    props.onPosted(r);
    props.say(t('syn.comments.posted'));
    // Focus follows the comment to its place in the list.
    queueMicrotask(() => (document.getElementById(`sc-c-${idPart(id)}-text`) ?? document.getElementById('span-comments-h'))?.focus());
    return undefined;
  };

  return (
    <section aria-labelledby="span-comments-h" class="panel syn-span-comments" data-testid="span-comments">
      <h2 id="span-comments-h" tabindex="-1">
        {t('syn.spanComments.title', { count: total() })}
      </h2>
      <Show when={props.me.canEdit}>
        <Show when={props.pending} fallback={<p class="hint">{t('syn.spanComments.how')}</p>}>
          {(r) => (
            <div class="syn-composer">
              <p class="meta">
                {t('syn.spanComments.on')}
              </p>
              <blockquote class="syn-span-quote" id="span-comment-quote">
                <p class="prose">
                  <Show when={!props.folded} fallback={t('syn.spanComments.quoteHidden')}>
                    <bdi>{quoteOf(r())}</bdi>
                  </Show>
                </p>
              </blockquote>
              <CommentForm id={SPAN_COMMENT_BOX} label={t('syn.spanComments.yours')} describedBy="span-comment-quote" send={t('syn.comments.post')} onSend={post} onCancel={props.onClose} />
            </div>
          )}
        </Show>
      </Show>
      <Show when={keys().length} fallback={<p class="meta">{t('syn.spanComments.none')}</p>}>
        <ol class="syn-span-threads" data-testid="span-threads">
          <For each={keys()}>
            {(key) => (
              <Show when={byKey().get(key)}>
                {(th) => {
                  const quote = () => (th().quote === null ? null : snippet(th().quote!, 300));
                  return (
                    <li class="syn-span-thread">
                      <blockquote class="syn-span-quote">
                        <p class="prose">
                          <Show when={quote() !== null} fallback={<span class="meta">{t('syn.spanComments.badSpan')}</span>}>
                            <Show when={!props.folded} fallback={<span class="meta">{t('syn.spanComments.quoteHidden')}</span>}>
                              <bdi data-testid="span-quote">{quote()}</bdi>
                            </Show>
                          </Show>
                        </p>
                      </blockquote>
                      <Show when={quote() !== null && !props.folded}>
                        <button type="button" class="btn small" onClick={() => props.onJump({ start: th().start, end: th().end })}>
                          {t('syn.spanComments.jump')}
                          <span class="visually-hidden"> {t('syn.spanComments.jumpTo', { quote: snippet(th().quote!, 40) })}</span>
                        </button>
                      </Show>
                      <CommentThread
                        conversations={th().conversations}
                        me={props.me}
                        say={props.say}
                        base="sc"
                        label={quote() !== null && !props.folded ? t('syn.spanComments.listOn', { quote: snippet(th().quote!, 40) }) : t('syn.comments.list')}
                        focusAway={focusHeading}
                      />
                    </li>
                  );
                }}
              </Show>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
