/**
 * Conversations on one target (a span, a theme or a code), live: each comment with its author and
 * time; replies under it; its author can edit or delete it; anyone who edits the workspace can
 * reply and resolve or reopen. A resolved conversation folds to one line, so open ones stand out.
 * Rows are keyed by comment id, so a change elsewhere never rebuilds the row someone is typing in.
 * Authors show under the name they have now (useLiveAuthorNames), not the one stored with the comment.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { formatDateTime, t } from '../i18n';
import { useProject } from '../projects/context';
import { CommentForm } from './CommentForm';
import { snippet, useLiveAuthorNames, type AuthorName, type Conversation } from './comments';
import { workspaceErrorText } from './errors';
import { idPart, type Me } from './live';
import './comments.css';

interface ThreadProps {
  conversations: Conversation[];
  me: Me;
  say: (text: string) => void;
  /** prefix for element ids, unique on the page */
  base: string;
  label: string;
  /** where focus goes when the comment it was on disappears */
  focusAway: () => void;
}

/** What the rows below the thread get: its props and the one name resolver they share. */
type RowProps = ThreadProps & { nameOf: AuthorName };

/** The list of conversations (renders nothing when there are none). */
export function CommentThread(props: ThreadProps) {
  // One resolver (and one awareness listener) per thread, not one per comment.
  const nameOf = useLiveAuthorNames();
  const byId = createMemo(() => new Map(props.conversations.map((c) => [c.root.id, c])));
  const ids = createMemo(() => props.conversations.map((c) => c.root.id), [], { equals: (a, b) => a.join() === b.join() });
  return (
    <Show when={ids().length}>
      <ol class="syn-convs" aria-label={props.label}>
        <For each={ids()}>{(id) => <Show when={byId().get(id)}>{(c) => <ConversationItem conv={c()} nameOf={nameOf} {...props} />}</Show>}</For>
      </ol>
    </Show>
  );
}

function ConversationItem(props: RowProps & { conv: Conversation }) {
  const { workspace } = useProject();
  const [replying, setReplying] = createSignal(false);
  const root = () => props.conv.root;
  const rootName = () => props.nameOf(root().author, root().authorName);
  const cid = `${props.base}-${idPart(root().id)}`;
  const replyIds = createMemo(() => props.conv.replies.map((r) => r.id), [], { equals: (a, b) => a.join() === b.join() });
  const reply = (id: string) => props.conv.replies.find((r) => r.id === id);
  const focus = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());
  const setResolved = (resolved: boolean) => {
    const doc = workspace()?.doc;
    if (!doc) return;
    W.setCommentResolved(doc, root().id, resolved, props.me.id);
    props.say(resolved ? t('syn.comments.resolved') : t('syn.comments.reopened'));
    focus(`${cid}-state`); // the Resolve button and the folded summary share this id
  };
  const sendReply = (text: string) => {
    const doc = workspace()?.doc;
    if (!doc) return undefined;
    try {
      W.addComment(doc, root().target, text, { id: props.me.id, name: props.me.name }, { replyTo: root().id });
    } catch (err) {
      return workspaceErrorText(err);
    }
    setReplying(false);
    props.say(t('syn.comments.replied'));
    focus(`${cid}-reply`);
    return undefined;
  };
  const body = () => (
    <>
      <CommentBody comment={root()} rootId={root().id} {...props} />
      <Show when={replyIds().length}>
        <ol class="syn-replies" aria-label={t('syn.comments.repliesTo', { name: rootName() })}>
          <For each={replyIds()}>{(id) => <Show when={reply(id)}>{(r) => <li><CommentBody comment={r()} rootId={root().id} {...props} /></li>}</Show>}</For>
        </ol>
      </Show>
    </>
  );
  return (
    <li class="syn-conv" classList={{ resolved: root().resolved }} data-testid="conversation">
      <Show
        when={!root().resolved}
        fallback={
          <details class="syn-conv-folded">
            <summary id={`${cid}-state`}>
              <span class="syn-resolved">{t('syn.comments.resolvedBadge')}</span>{' '}
              {t('syn.comments.resolvedSummary', { name: rootName(), text: snippet(root().deleted ? t('syn.comments.deletedPlaceholder') : root().text) })}
            </summary>
            {body()}
            <Show when={props.me.canEdit}>
              <button type="button" class="btn small" onClick={() => setResolved(false)}>
                {t('syn.comments.reopen')}
                <span class="visually-hidden"> {t('syn.comments.byName', { name: rootName() })}</span>
              </button>
            </Show>
          </details>
        }
      >
        {body()}
        <Show when={props.me.canEdit}>
          <Show
            when={replying()}
            fallback={
              <div class="syn-conv-actions">
                <button type="button" class="btn small" id={`${cid}-reply`} onClick={() => (setReplying(true), focus(`${cid}-reply-text`))}>
                  {t('syn.comments.reply')}
                  <span class="visually-hidden"> {t('syn.comments.toName', { name: rootName() })}</span>
                </button>
                <button type="button" class="btn small" id={`${cid}-state`} onClick={() => setResolved(true)}>
                  {t('syn.comments.resolve')}
                  <span class="visually-hidden"> {t('syn.comments.byName', { name: rootName() })}</span>
                </button>
              </div>
            }
          >
            <CommentForm
              id={`${cid}-reply-text`}
              label={t('syn.comments.replyLabel', { name: rootName() })}
              send={t('syn.comments.postReply')}
              onSend={sendReply}
              onCancel={() => (setReplying(false), focus(`${cid}-reply`))}
            />
          </Show>
        </Show>
      </Show>
    </li>
  );
}

function CommentBody(props: RowProps & { comment: W.CommentView; rootId: string }) {
  const { workspace } = useProject();
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [error, setError] = createSignal('');
  const c = () => props.comment;
  const id = `${props.base}-c-${idPart(c().id)}`;
  const mine = () => props.me.canEdit && c().author === props.me.id && !c().deleted;
  const focus = (el: string) => queueMicrotask(() => document.getElementById(el)?.focus());
  const save = (text: string) => {
    const doc = workspace()?.doc;
    if (!doc) return undefined;
    try {
      W.editComment(doc, c().id, text, props.me.id);
    } catch (err) {
      return workspaceErrorText(err);
    }
    setEditing(false);
    props.say(t('syn.comments.saved'));
    focus(`${id}-edit`);
    return undefined;
  };
  const remove = () => {
    const doc = workspace()?.doc;
    if (!doc) return;
    const hasReplies = !c().replyTo && !!props.conversations.find((x) => x.root.id === c().id)?.replies.length;
    try {
      W.deleteComment(doc, c().id, props.me.id);
    } catch (err) {
      setError(workspaceErrorText(err));
      return;
    }
    setConfirming(false);
    props.say(t('syn.comments.deleted'));
    // A comment with replies stays as a placeholder; a reply's row goes, so focus goes back to its
    // conversation; a lone comment's conversation goes, so focus goes to the list's heading.
    const conv = `${props.base}-${idPart(props.rootId)}`;
    if (hasReplies) focus(`${id}-text`);
    else if (c().id !== props.rootId) queueMicrotask(() => (document.getElementById(`${conv}-reply`) ?? document.getElementById(`${conv}-state`))?.focus());
    else queueMicrotask(props.focusAway);
  };
  return (
    <div class="syn-comment" data-testid="comment">
      <p class="syn-comment-meta">
        <strong>
          <bdi>{props.nameOf(c().author, c().authorName)}</bdi>
        </strong>{' '}
        <time datetime={c().at}>{formatDateTime(c().at)}</time>
        <Show when={c().editedAt && !c().deleted}> {t('syn.comments.edited')}</Show>
      </p>
      <Show
        when={editing()}
        fallback={
          <p class="prose syn-comment-text" id={`${id}-text`} tabindex="-1" classList={{ meta: c().deleted }}>
            <Show when={!c().deleted} fallback={t('syn.comments.deletedPlaceholder')}>
              <bdi>{c().text}</bdi>
            </Show>
          </p>
        }
      >
        <CommentForm id={`${id}-editing`} label={t('syn.comments.editLabel')} initial={c().text} send={t('syn.comments.save')} onSend={save} onCancel={() => (setEditing(false), focus(`${id}-edit`))} />
      </Show>
      <Show when={error()}>
        <p role="alert" class="field-error">{error()}</p>
      </Show>
      <Show when={mine() && !editing()}>
        <Show
          when={confirming()}
          fallback={
            <div class="syn-conv-actions">
              <button type="button" class="link-button" id={`${id}-edit`} onClick={() => (setEditing(true), focus(`${id}-editing`))}>
                {t('syn.comments.edit')}
                <span class="visually-hidden"> {t('syn.comments.yourComment', { text: snippet(c().text, 40) })}</span>
              </button>
              <button type="button" class="link-button syn-danger-link" id={`${id}-delete`} onClick={() => (setConfirming(true), focus(`${id}-keep`))}>
                {t('syn.comments.delete')}
                <span class="visually-hidden"> {t('syn.comments.yourComment', { text: snippet(c().text, 40) })}</span>
              </button>
            </div>
          }
        >
          <div class="confirm" role="group" aria-labelledby={`${id}-confirm`}>
            <p id={`${id}-confirm`}>{t('syn.comments.deleteConfirm')}</p>
            <button type="button" class="btn small danger" onClick={remove}>{t('syn.comments.deleteYes')}</button>
            <button type="button" class="btn small" id={`${id}-keep`} onClick={() => (setConfirming(false), focus(`${id}-delete`))}>
              {t('syn.comments.deleteNo')}
            </button>
          </div>
        </Show>
      </Show>
    </div>
  );
}
