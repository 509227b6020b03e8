/** What sits beside the record: eligibility criteria, the highlight legend and the keyboard keys. */
import { For, Show } from 'solid-js';
import type { Project, Stage } from '../../../shared/api';
import { formatList, t } from '../i18n';
import { KEY_LIST } from './keys';

/** The project's eligibility criteria (and, at full text, the reasons an exclusion needs). */
export function CriteriaPanel(props: { project: Project; stage: Stage }) {
  return (
    <section class="panel criteria" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">{t('screen.criteria')}</h2>
      <Show when={props.project.criteria} fallback={<p class="meta">{t('screen.noCriteria')}</p>}>
        <p class="prose" dir="auto">
          {props.project.criteria}
        </p>
      </Show>
      <Show when={props.stage === 'ft'}>
        <h3>{t('screen.ftReasonsHeading')}</h3>
        <p>{t('screen.ftReasonsRule')}</p>
        <ol class="plain-list">
          <For each={props.project.exclusionReasons}>{(r) => <li><bdi>{r}</bdi></li>}</For>
        </ol>
      </Show>
    </section>
  );
}

/** Explains the two highlight styles, with the words behind each. */
export function HighlightLegend(props: { include: string[]; exclude: string[] }) {
  return (
    <Show when={props.include.length || props.exclude.length}>
      <section class="panel legend" aria-labelledby="legend-heading">
        <h2 id="legend-heading">{t('screen.legend')}</h2>
        <ul class="legend-list">
          <Show when={props.include.length}>
            <li>
              <mark class="hl hl-include">{t('screen.legendIncludeSample')}</mark> {t('screen.legendInclude', { terms: formatList(props.include) })}
            </li>
          </Show>
          <Show when={props.exclude.length}>
            <li>
              <mark class="hl hl-exclude">{t('screen.legendExcludeSample')}</mark> {t('screen.legendExclude', { terms: formatList(props.exclude) })}
            </li>
          </Show>
        </ul>
      </section>
    </Show>
  );
}

/** The keyboard keys as a definition list (also used inside the help dialog). */
export function KeyTable(props: { id: string }) {
  return (
    <dl class="key-list" id={props.id}>
      <For each={KEY_LIST}>
        {(k) => (
          <div class="key-row">
            <dt>
              <For each={k.keys}>{(key) => (key === '…' ? <span aria-hidden="true"> … </span> : <kbd>{key}</kbd>)}</For>
            </dt>
            <dd>{t(k.label)}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** The keys panel with a button that opens the fuller help. */
export function KeysPanel(props: { onHelp: () => void }) {
  return (
    <section class="panel keys" aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('screen.keys')}</h2>
      <KeyTable id="keys-list" />
      <button type="button" class="btn small" onClick={() => props.onHelp()} aria-keyshortcuts="?">
        {t('screen.helpOpen')}
      </button>
    </section>
  );
}

/** The `?` dialog: the keys and how screening works, in plain words. */
export function HelpDialog(props: { ref: (el: HTMLDialogElement) => void; onClose: () => void }) {
  return (
    <dialog ref={props.ref} class="help-dialog" aria-labelledby="help-heading" onClose={() => props.onClose()}>
      <h2 id="help-heading">{t('screen.helpTitle')}</h2>
      <p>{t('screen.helpIntro')}</p>
      <KeyTable id="help-keys" />
      <p>{t('screen.helpBlind')}</p>
      <p>{t('screen.helpOffline')}</p>
      <form method="dialog">
        <button type="submit" class="btn primary">
          {t('screen.helpClose')}
        </button>
      </form>
    </dialog>
  );
}
