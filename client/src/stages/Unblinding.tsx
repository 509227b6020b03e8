/**
 * A lead's unblinding controls for one stage. The button is offered only when unblinding makes
 * sense (the stage has records and, for full text, title/abstract is unblinded — the server refuses
 * otherwise), and the question says how many records are not yet screened by everyone, because from
 * then on screeners see each other's decisions on those too.
 */
import { createSignal, Match, Show, Switch } from 'solid-js';
import type { Project, Stage } from '../../../shared/api';
import type { BoardStage } from '../../../shared/screening';
import { errorMessage } from '../api/errors';
import { t } from '../i18n';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { unblindStage } from './api';
import { ConfirmButton } from './Confirm';

const NAME = { ta: 'stages.name.ta', ft: 'stages.name.ft' } as const;
/** The stage's name inside a sentence (lower case in English). */
const INLINE = { ta: 'stages.inline.ta', ft: 'stages.inline.ft' } as const;

/** Why a stage cannot be unblinded yet, or null when it can. */
export function unblindBlocker(stage: Stage, board: BoardStage, taUnblinded: boolean): string | null {
  // total null: full text while title/abstract is blinded for this viewer, so not unblinded either
  if (stage === 'ft' && (board.total === null || !taUnblinded)) return t('stages.unblindTaFirst');
  if (board.total === 0) return stage === 'ft' ? t('stages.nothingToUnblind.ft') : t('stages.nothingToUnblind.ta');
  return null;
}

/** What unblinding will open up, with the numbers when this viewer may see them. */
export function unblindWarning(board: BoardStage): string {
  const unscreened = board.counts?.unscreened;
  if (unscreened === undefined || board.total === null) return t('stages.unblindCountsHidden');
  if (unscreened === 0) return t('stages.unblindAllScreened', { count: board.total });
  return t('stages.unblindUnscreened', { count: unscreened, total: board.total });
}

/**
 * The unblinding part of a stage's section. `focusAfter`: where focus goes once unblinded (the
 * confirmation that held it disappears).
 */
export function Unblinding(props: { project: Project; stage: Stage; board: BoardStage | undefined; taUnblinded: boolean; focusAfter: () => void }) {
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const pilotOpen = () => props.stage === 'ta' && props.project.pilotSize > 0 && !props.board?.pilot;

  const unblind = async (scope: 'stage' | 'pilot') => {
    setError(undefined);
    setBusy(true);
    try {
      await unblindStage(props.project.id, props.stage, scope);
      setDone(scope === 'pilot' ? t('stages.pilotUnblinded') : t('stages.unblindedNow', { stage: t(NAME[props.stage]) }));
      props.focusAfter();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3>{t('stages.unblinding')}</h3>
      <FormAlert message={error()} />
      <StatusMessage message={done()} />
      <Show when={props.board}>
        {(b) => (
          <Switch>
            <Match when={b().unblinded}>
              <p class="meta">{t('stages.alreadyUnblinded')}</p>
            </Match>
            <Match when={unblindBlocker(props.stage, b(), props.taUnblinded)}>
              {(why) => <p class="meta" data-testid="unblind-blocked">{why()}</p>}
            </Match>
            <Match when={true}>
              <div class="button-row">
                <ConfirmButton
                  id={`unblind-${props.stage}`}
                  label={t('stages.unblind', { stage: t(INLINE[props.stage]) })}
                  question={`${t('stages.unblindQuestion', { stage: t(INLINE[props.stage]) })} ${unblindWarning(b())} ${t('stages.unblindCannotUndo')}`}
                  yes={t('stages.unblindYes')}
                  busy={busy()}
                  onConfirm={() => void unblind('stage')}
                />
                <Show when={pilotOpen()}>
                  <ConfirmButton
                    id="unblind-pilot"
                    label={t('stages.unblindPilot', { count: props.project.pilotSize })}
                    question={t('stages.unblindPilotQuestion', { count: props.project.pilotSize })}
                    yes={t('stages.unblindPilotYes')}
                    busy={busy()}
                    onConfirm={() => void unblind('pilot')}
                  />
                </Show>
              </div>
            </Match>
          </Switch>
        )}
      </Show>
    </>
  );
}
