/**
 * One record's live discussion thread in the workspace document: comments appear for everyone as
 * they are posted (announced politely by the page), with who is typing and who is reading now.
 * Authors show under the name they have now (from the page's members list), not the stored one.
 */
import { createEffect, createMemo, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { addComment, editOwnComment, type DiscussionComment } from '../../../shared/discussions';
import { canEditWorkspace } from '../../../shared/roles';
import { formatDateTime, formatList, t } from '../i18n';
import { FormAlert } from '../ui/alerts';
import { authorNameResolver } from '../members/names';
import { idPart, namesWhere, useConflicts, type ConflictsContextValue } from './live';
import { MentionInput } from './MentionInput';

const TYPING_IDLE_MS = 4000;

/** Keeps the previous object for a comment that did not change, so its row is not rebuilt. */
function stable(prev: DiscussionComment[] | undefined, next: DiscussionComment[]): DiscussionComment[] {
  const old = new Map((prev ?? []).map((c) => [c.id, c]));
  return next.map((c) => {
    const o = old.get(c.id);
    return o && JSON.stringify(o) === JSON.stringify(c) ? o : c;
  });
}

/** A comment author's current name: from the page's members list, else the name stored with the comment. */
function authorNames(ctx: ConflictsContextValue): (authorId: unknown, stored: unknown) => string {
  const names = createMemo(() => new Map(ctx.members().map((m) => [m.userId, m.name])));
  return authorNameResolver(names);
}

/** The thread for `threadKey`; `title` names the record in announcements. */
export function Discussion(props: { threadKey: string; title: string }) {
  const ctx = useConflicts();
  const doc = () => ctx.workspace()?.doc;
  const comments = createMemo<DiscussionComment[]>((prev) => stable(prev, doc() ? (ctx.threads().get(props.threadKey) ?? []) : []));
  const base = `thread-${idPart(props.threadKey)}`;
  const nameOf = authorNames(ctx);

  // Announce comments by others that arrive while the page is open (not the ones already there).
  let seen: Set<string> | null = null;
  createEffect(
    on(comments, (list) => {
      if (!doc()) return;
      if (seen === null) {
        seen = new Set(list.map((c) => c.id));
        return;
      }
      for (const c of list) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        if (c.authorId !== ctx.me.id) ctx.announce(t('conflicts.comment.new', { name: nameOf(c.authorId, c.authorName), title: props.title, text: c.text }));
      }
    }),
  );

  const typing = () => namesWhere(ctx.peers(), ctx.me.id, (s) => s.typing === props.threadKey);
  const reading = () =>
    namesWhere(ctx.peers(), ctx.me.id, (s) => s.location?.page === 'conflicts' && s.location.detail === props.threadKey);
  const recordId = props.threadKey.slice(ctx.stage.length + 1);

  return (
    <section aria-labelledby={`${base}-h`} class="discussion">
      <h3 id={`${base}-h`}>{t('conflicts.discussion')}</h3>
      <Show when={comments().length} fallback={<p class="meta">{t('conflicts.discussion.empty')}</p>}>
        <ol class="comments" data-testid="comments">
          <For each={comments()}>{(c) => <CommentItem comment={c} threadKey={props.threadKey} />}</For>
        </ol>
      </Show>
      <p class="meta presence-line" data-testid="reading">
        <Show when={reading().length}>{t('conflicts.reading', { names: formatList(reading()) })}</Show>
      </p>
      <p class="meta presence-line" data-testid="typing">
        <Show when={typing().length}>{t('conflicts.typing', { names: formatList(typing()), count: typing().length })}</Show>
      </p>
      <Switch>
        <Match when={!ctx.openToAll(recordId)}>
          <p class="meta">{t('conflicts.discussion.notYet')}</p>
        </Match>
        <Match when={!canEditWorkspace(ctx.role())}>
          <p class="meta">{t('conflicts.discussion.readOnly')}</p>
        </Match>
        <Match when={true}>
          <Composer threadKey={props.threadKey} id={`${base}-new`} />
        </Match>
      </Switch>
    </section>
  );
}

function CommentItem(props: { comment: DiscussionComment; threadKey: string }) {
  const ctx = useConflicts();
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const mine = () => props.comment.authorId === ctx.me.id;
  const nameOf = authorNames(ctx);
  const id = `comment-${idPart(props.comment.id)}`;
  let editButton: HTMLButtonElement | undefined;
  const save = (e?: Event) => {
    e?.preventDefault();
    const d = ctx.workspace()?.doc;
    if (d && draft().trim()) editOwnComment(d, props.threadKey, props.comment.id, ctx.me.id, draft(), ctx.members());
    setEditing(false);
    editButton?.focus();
  };
  return (
    <li class="comment" classList={{ mentioned: props.comment.mentions.includes(ctx.me.id) }}>
      <p class="comment-meta">
        <strong><bdi>{nameOf(props.comment.authorId, props.comment.authorName)}</bdi></strong>{' '}
        <time datetime={props.comment.at}>{formatDateTime(props.comment.at)}</time>
        <Show when={props.comment.editedAt}> {t('conflicts.comment.edited')}</Show>
        <Show when={props.comment.mentions.includes(ctx.me.id)}>
          {' '}<span class="badge">{t('conflicts.comment.mentionsYou')}</span>
        </Show>
      </p>
      <Show
        when={editing()}
        fallback={<p class="prose comment-text"><bdi>{props.comment.text}</bdi></p>}
      >
        <form onSubmit={save} class="stack">
          <MentionInput id={`${id}-edit`} label={t('conflicts.comment.editLabel')} value={draft()} onValue={setDraft}
            members={ctx.members()} selfId={ctx.me.id} onSubmit={save} />
          <div class="inline-form">
            <button type="submit" class="btn small primary">{t('conflicts.comment.save')}</button>
            <button type="button" class="btn small" onClick={() => { setEditing(false); editButton?.focus(); }}>{t('conflicts.comment.cancel')}</button>
          </div>
        </form>
      </Show>
      <Show when={mine() && !editing() && canEditWorkspace(ctx.role())}>
        <button type="button" class="link-button" ref={editButton} onClick={() => { setDraft(props.comment.text); setEditing(true); document.getElementById(`${id}-edit`)?.focus(); }}>
          {t('conflicts.comment.edit')}<span class="visually-hidden">: {props.comment.text.slice(0, 40)}</span>
        </button>
      </Show>
    </li>
  );
}

function Composer(props: { threadKey: string; id: string }) {
  const ctx = useConflicts();
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string>();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const stopTyping = () => {
    clearTimeout(idle);
    ctx.setTyping(null);
  };
  onCleanup(stopTyping);
  const onValue = (v: string) => {
    setText(v);
    setError(undefined);
    clearTimeout(idle);
    if (v.trim()) {
      ctx.setTyping(props.threadKey);
      idle = setTimeout(stopTyping, TYPING_IDLE_MS);
    } else stopTyping();
  };
  const post = (e?: Event) => {
    e?.preventDefault();
    const d = ctx.workspace()?.doc;
    if (!text().trim()) { setError(t('conflicts.comment.empty')); return; }
    if (!d) return;
    addComment(d, props.threadKey, ctx.me, text(), ctx.members());
    setText('');
    stopTyping();
    document.getElementById(props.id)?.focus();
  };
  return (
    <form onSubmit={post} class="stack composer" noValidate>
      <FormAlert message={error()} />
      <MentionInput id={props.id} label={t('conflicts.comment.label')} hint={t('conflicts.comment.hint')} value={text()} onValue={onValue}
        error={error()} members={ctx.members()} selfId={ctx.me.id} onSubmit={post} />
      <button type="submit" class="btn primary">{t('conflicts.comment.post')}</button>
    </form>
  );
}
