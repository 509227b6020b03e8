/** The reviewer's own decisions to revisit, the server's refusals, and progress with sync state. */
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js';
import { t } from '../i18n';
import type { SyncStatus } from '../sync/docs';
import type { DecisionStore } from './decisions';
import { DECISION_LABEL } from './session';

/** "You have screened n of m" with a progress bar, and whether decisions reach the server. */
export function ScreenStatus(props: { done: number; total: number; sync: SyncStatus }) {
  const percent = () => (props.total ? Math.round((props.done / props.total) * 100) : 0);
  return (
    <div class="screen-status">
      <div class="screen-progress">
        <p id="progress-label" class="progress-label">
          {t('screen.progress', { done: props.done, total: props.total, percent: percent() })}
        </p>
        <progress aria-labelledby="progress-label" max={Math.max(1, props.total)} value={props.done} />
      </div>
      <div role="status" class="decisions-sync" data-status={props.sync} data-testid="decisions-sync">
        <span class="sync-dot" aria-hidden="true" />
        <Switch>
          <Match when={props.sync === 'connected'}>{t('screen.sync.connected')}</Match>
          <Match when={props.sync === 'offline'}>{t('screen.sync.offline')}</Match>
          <Match when={props.sync === 'connecting'}>{t('screen.sync.connecting')}</Match>
          <Match when={props.sync === 'revoked' || props.sync === 'refused'}>{t('screen.sync.stopped')}</Match>
        </Switch>
      </div>
    </div>
  );
}

/** Decisions the server refused, each with a way back to its record. */
export function Rejections(props: { store: DecisionStore; ids: readonly string[]; titleOf: (id: string) => string; go: (i: number) => void }) {
  const items = createMemo(() => [...props.store.rejected()].map(([id, r]) => ({ id, index: props.ids.indexOf(id), message: r.message })));
  return (
    <div role="alert" class="alert-region">
      <Show when={items().length}>
        <div class="form-alert rejections">
          <p>{t('screen.rejectedIntro', { count: items().length })}</p>
          <ul>
            <For each={items()}>
              {(item) => (
                <li>
                  <Show when={item.index >= 0} fallback={<bdi>{props.titleOf(item.id) || item.id}</bdi>}>
                    <button type="button" class="link-button" onClick={() => props.go(item.index)}>
                      <bdi>{props.titleOf(item.id) || t('screen.recordOf', { n: item.index + 1, total: props.ids.length })}</bdi>
                    </button>
                  </Show>
                  {': '}
                  {item.message}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </div>
  );
}

/** The list of records this reviewer decided, to go back to any of them. Rendered only when opened. */
export function MyDecisions(props: { store: DecisionStore; ids: readonly string[]; titleOf: (id: string) => string; go: (i: number) => void; count: number }) {
  const [open, setOpen] = createSignal(false);
  const decided = createMemo(() => {
    if (!open()) return [];
    props.store.version();
    return props.ids.flatMap((id, index) => {
      const d = props.store.get(id);
      return d ? [{ id, index, d }] : [];
    });
  });
  return (
    <section class="my-decisions" aria-labelledby="my-decisions-heading">
      <h2 id="my-decisions-heading">{t('screen.myDecisions')}</h2>
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('screen.myDecisionsShow', { count: props.count })}</summary>
        <Show when={decided().length} fallback={<p class="meta">{t('screen.myDecisionsEmpty')}</p>}>
          <ol class="decided-list">
            <For each={decided()}>
              {(item) => (
                <li value={item.index + 1}>
                  <button type="button" class="link-button" onClick={() => props.go(item.index)}>
                    <bdi>{props.titleOf(item.id) || t('screen.recordOf', { n: item.index + 1, total: props.ids.length })}</bdi>
                  </button>{' '}
                  <span class={`decision-tag tag-${item.d.decision}`}>{t(DECISION_LABEL[item.d.decision])}</span>
                  <Show when={item.d.reasons.length}>
                    <span class="meta"> — {item.d.reasons.join(', ')}</span>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </details>
    </section>
  );
}
