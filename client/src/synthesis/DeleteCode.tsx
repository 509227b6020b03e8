/**
 * Deleting a code, behind a confirmation that says what it costs: how many coded passages lose the
 * code, how many of them are then not coded at all, and that its comments stop being shown. The
 * numbers are live while the question is open, since others may be coding at the same moment.
 */
import { createMemo, createSignal, Show } from 'solid-js';
import * as W from '../../../shared/workspace';
import { t } from '../i18n';
import { codeConversations, commentCount } from './comments';
import { workspaceErrorText } from './errors';
import { idPart, useWorkspaceVersion } from './live';
import './comments.css';

/** The "Delete this code" button and its confirmation; `onDeleted` moves focus somewhere that stays. */
export function DeleteCode(props: { code: W.CodeView; say: (text: string) => void; onDeleted: () => void }) {
  const { doc, version } = useWorkspaceVersion();
  const [asking, setAsking] = createSignal(false);
  const [error, setError] = createSignal('');
  const base = `del-${idPart(props.code.id)}`;
  const cost = createMemo(() => {
    if (!asking()) return null;
    version();
    const d = doc();
    if (!d) return null;
    const passages = W.excerptsForCode(d, props.code.id);
    return {
      passages: passages.length,
      uncoded: passages.filter((x) => x.codeIds.length === 1).length,
      comments: commentCount(codeConversations(d, props.code.id)),
    };
  });
  const focus = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());
  const remove = () => {
    const d = doc();
    const c = cost();
    if (!d || !c) return;
    const name = props.code.name;
    try {
      W.deleteCode(d, props.code.id);
    } catch (err) {
      setError(workspaceErrorText(err));
      return;
    }
    props.say(t('syn.codes.deleted', { code: name, count: c.passages }));
    queueMicrotask(props.onDeleted);
  };
  return (
    <div class="syn-delete-code">
      <Show
        when={asking() && cost()}
        fallback={
          <button type="button" class="btn small danger" id={`${base}-ask`} onClick={() => (setAsking(true), focus(`${base}-keep`))}>
            {t('syn.codes.delete')}
          </button>
        }
      >
        {(c) => (
          <div class="confirm syn-confirm" role="group" aria-labelledby={`${base}-q`} data-testid="delete-code-confirm">
            <div id={`${base}-q`}>
              <p>
                <strong>
                  {c().passages ? t('syn.codes.deleteConfirm', { code: props.code.name, count: c().passages }) : t('syn.codes.deleteConfirmUnused', { code: props.code.name })}
                </strong>
              </p>
              <Show when={c().uncoded}>
                <p>{t('syn.codes.deleteUncoded', { count: c().uncoded })}</p>
              </Show>
              <Show when={c().comments}>
                <p>{t('syn.codes.deleteComments', { count: c().comments })}</p>
              </Show>
              <p>{t('syn.codes.deleteFinal')}</p>
            </div>
            <Show when={error()}>
              <p role="alert" class="field-error">{error()}</p>
            </Show>
            <button type="button" class="btn small danger" onClick={remove}>
              {t('syn.codes.deleteYes')}
            </button>
            <button type="button" class="btn small" id={`${base}-keep`} onClick={() => (setAsking(false), focus(`${base}-ask`))}>
              {t('syn.codes.deleteNo')}
            </button>
          </div>
        )}
      </Show>
    </div>
  );
}
