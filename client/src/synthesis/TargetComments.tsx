/**
 * The comments on a theme or a code, folded under "Comments (n)": the conversations (CommentThread)
 * and a box to start a new one. Live for everyone; observers read only.
 */
import type * as Y from 'yjs';
import * as W from '../../../shared/workspace';
import { Show } from 'solid-js';
import { t } from '../i18n';
import { useProject } from '../projects/context';
import { CommentForm } from './CommentForm';
import { commentCount, sameJson, type Conversation } from './comments';
import { CommentThread } from './CommentThread';
import { workspaceErrorText } from './errors';
import { useWs, type Me } from './live';

/** Comments on `target`; `read` gathers its conversations, `label` names the box to write in. */
export function TargetComments(props: {
  target: W.CommentTarget;
  read: (doc: Y.Doc) => Conversation[];
  label: string;
  me: Me;
  say: (text: string) => void;
  base: string;
  testid?: string;
}) {
  const { workspace } = useProject();
  const conversations = useWs(props.read, [], sameJson);
  const post = (text: string) => {
    const doc = workspace()?.doc;
    if (!doc) return undefined;
    try {
      W.addComment(doc, props.target, text, { id: props.me.id, name: props.me.name });
    } catch (err) {
      return workspaceErrorText(err);
    }
    props.say(t('syn.comments.posted'));
    return undefined;
  };
  return (
    <details class="syn-details syn-target-comments">
      <summary id={`${props.base}-sum`}>{t('syn.comments.title', { count: commentCount(conversations()) })}</summary>
      <Show when={conversations().length} fallback={<p class="meta">{t('syn.comments.none')}</p>}>
        <div data-testid={props.testid}>
          <CommentThread
            conversations={conversations()}
            me={props.me}
            say={props.say}
            base={props.base}
            label={t('syn.comments.list')}
            focusAway={() => document.getElementById(`${props.base}-sum`)?.focus()}
          />
        </div>
      </Show>
      <Show when={props.me.canEdit}>
        <CommentForm id={`${props.base}-new`} label={props.label} send={t('syn.comments.post')} onSend={post} />
      </Show>
    </details>
  );
}
