/**
 * The decision form beside the record: include / exclude / maybe, exclusion reasons and a note.
 * Every control also has a key (shown as a hint; the keys work wherever focus is, except in the note).
 */
import { For, Show } from 'solid-js';
import type { Stage } from '../../../shared/api';
import type { Decision, DecisionValue } from '../../../shared/screening';
import { t } from '../i18n';
import { DECISION_LABEL, type ScreeningSession } from './session';

const BUTTONS: { decision: Decision; key: string }[] = [
  { decision: 'include', key: 'i' },
  { decision: 'exclude', key: 'e' },
  { decision: 'maybe', key: 'm' },
];

/** Buttons, reasons and note for the current record. */
export function DecisionPanel(props: {
  stage: Stage;
  session: ScreeningSession;
  current: DecisionValue | undefined;
  reasons: string[];
  rejection: string | undefined;
  noteRef: (el: HTMLTextAreaElement) => void;
  onNoteEscape: () => void;
}) {
  const s = props.session;
  return (
    <section class="decision-panel" aria-labelledby="decision-heading">
      <h2 id="decision-heading">{t('screen.yourDecisionHeading')}</h2>
      <p class="current-decision" data-testid="current-decision">
        <Show when={props.current} fallback={t('screen.notDecided')}>
          {/* Show calls its children untracked: only inside JSX does d() follow the record shown (k, j). */}
          {(d) => <>{t('screen.yourDecision', { decision: t(DECISION_LABEL[d().decision]) })}</>}
        </Show>
      </p>
      <Show when={props.rejection}>
        <p class="form-alert">{t('screen.notAccepted', { message: props.rejection! })}</p>
      </Show>
      <div class="decision-buttons">
        <For each={BUTTONS}>
          {(b) => (
            <button
              type="button"
              class={`btn decision decision-${b.decision}`}
              aria-pressed={props.current?.decision === b.decision}
              aria-keyshortcuts={b.key}
              onClick={() => s.decide(b.decision)}
            >
              {t(DECISION_LABEL[b.decision])}
              <kbd aria-hidden="true">{b.key}</kbd>
            </button>
          )}
        </For>
      </div>
      <fieldset class="reasons">
        <legend>{t('screen.reasons')}</legend>
        <p class="hint">{props.stage === 'ft' ? t('screen.reasonsHintFt') : t('screen.reasonsHintTa')}</p>
        <Show when={props.reasons.length} fallback={<p class="meta">{t('screen.noReasons')}</p>}>
          <ul class="reason-list">
            <For each={props.reasons}>
              {(reason, i) => (
                <li class="checkbox">
                  <input
                    type="checkbox"
                    id={`reason-${i()}`}
                    checked={s.selectedReasons().includes(reason)}
                    aria-keyshortcuts={i() < 9 ? String(i() + 1) : undefined}
                    onChange={(e) => {
                      // The session decides what the box shows (it may refuse to untick the last full-text reason).
                      e.currentTarget.checked = s.selectedReasons().includes(reason);
                      s.toggleReason(i());
                    }}
                  />
                  <label for={`reason-${i()}`}>
                    <Show when={i() < 9}>
                      <kbd aria-hidden="true">{i() + 1}</kbd>{' '}
                    </Show>
                    <bdi>{reason}</bdi>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </fieldset>
      <div class="field">
        <label for="decision-note">
          {t('screen.note')} <span class="optional">{t('form.optional')}</span>
        </label>
        <p id="decision-note-hint" class="hint">
          {t('screen.noteHint')}
        </p>
        <textarea
          ref={props.noteRef}
          id="decision-note"
          rows={3}
          dir="auto"
          aria-describedby="decision-note-hint"
          aria-keyshortcuts="n"
          value={s.note()}
          onInput={(e) => s.setNote(e.currentTarget.value)}
          onChange={() => s.saveNote()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              props.onNoteEscape();
            }
          }}
        />
      </div>
    </section>
  );
}
