/** Comments on a theme (workspace `comments`, target `{kind: 'theme'}`), live, with a box to add one. */
import { createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatDateTime, t } from '../i18n';
import { useProject } from '../projects/context';
import { workspaceErrorText } from './errors';
import { idPart, useWs } from './live';
import { useThemes } from './themesContext';

/** The comment thread of one theme. */
export function ThemeComments(props: { themeId: string; themeName: string }) {
  const { workspace } = useProject();
  const ctx = useThemes();
  const target: W.CommentTarget = { kind: 'theme', themeId: props.themeId };
  const comments = useWs((d) => W.thread(d, target), [], (a, b) => JSON.stringify(a) === JSON.stringify(b));
  const visible = createMemo(() => comments().filter((c) => !c.deleted));
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal('');
  const id = `comment-${idPart(props.themeId)}`;
  const post = (e: Event) => {
    e.preventDefault();
    const doc = workspace()?.doc;
    if (!doc) return;
    try {
      W.addComment(doc, target, text(), { id: ctx.me().id, name: ctx.me().name });
      setText('');
      setError('');
      ctx.say(t('syn.comments.posted'));
    } catch (err) {
      setError(workspaceErrorText(err));
    }
  };
  return (
    <details class="syn-details">
      <summary>{t('syn.comments.title', { count: visible().length })}</summary>
      <Show when={visible().length} fallback={<p class="meta">{t('syn.comments.none')}</p>}>
        <ul class="syn-comments" data-testid="theme-comments">
          <For each={visible()}>
            {(c) => (
              <li>
                <p class="meta">
                  <bdi>{c.authorName}</bdi> · {formatDateTime(c.at)}
                </p>
                <p class="prose">
                  <bdi>{c.text}</bdi>
                </p>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={ctx.me().canEdit}>
        <form class="stack" onSubmit={post}>
          <Show when={error()}>
            <p role="alert" class="field-error">{error()}</p>
          </Show>
          <div class="field">
            <label for={id}>{t('syn.comments.yours', { theme: props.themeName })}</label>
            <textarea id={id} rows={2} value={text()} onInput={(e) => setText(e.currentTarget.value)} maxLength={W.LIMITS.commentChars} />
          </div>
          <button type="submit" class="btn small" disabled={!text().trim()}>
            {t('syn.comments.post')}
          </button>
        </form>
      </Show>
    </details>
  );
}
