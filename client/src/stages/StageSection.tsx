/**
 * One stage on the stage page: blinded or not, live progress per screener (only when the board
 * shows it to this person), agreement counts, who screens, the settings that shape it, unblinding,
 * and — once unblinded — its disagreements with a way to the conflicts page.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { Project, Stage } from '../../../shared/api';
import type { BoardStage } from '../../../shared/screening';
import { errorMessage } from '../api/errors';
import { formatDateTime, t } from '../i18n';
import { DECISION_LABEL } from '../screening/session';
import { FormAlert, StatusMessage } from '../ui/alerts';
import { ScrollBox } from '../ui/ScrollBox';
import { unblindStage } from './api';
import { ConfirmButton } from './Confirm';
import { ScreenersForm } from './Screeners';

const NAME = { ta: 'stages.name.ta', ft: 'stages.name.ft' } as const;
/** The stage's name inside a sentence (lower case in English). */
const INLINE = { ta: 'stages.inline.ta', ft: 'stages.inline.ft' } as const;

/** A stage's section. `lead`: the viewer manages the project. */
export function StageSection(props: { project: Project; stage: Stage; board: BoardStage | undefined; lead: boolean }) {
  const b = () => props.board;
  const base = () => `/projects/${encodeURIComponent(props.project.id)}`;
  const heading = `stage-${props.stage}-heading`;
  const [error, setError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const closed = () => props.stage === 'ft' && b()?.total === null;
  const pilotOpen = () => props.stage === 'ta' && props.project.pilotSize > 0 && !b()?.unblinded && !b()?.pilot;

  const unblind = async (scope: 'stage' | 'pilot') => {
    setError(undefined);
    setBusy(true);
    try {
      await unblindStage(props.project.id, props.stage, scope);
      setDone(scope === 'pilot' ? t('stages.pilotUnblinded') : t('stages.unblindedNow', { stage: t(NAME[props.stage]) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="stage" aria-labelledby={heading} data-testid={`stage-${props.stage}`}>
      <h2 id={heading}>{t(NAME[props.stage])}</h2>
      <Show when={b()} fallback={<p class="meta">{t('app.loading')}</p>}>
        {(board) => (
          <>
            <p class="stage-state">
              {board().unblinded
                ? t('stages.unblindedOn', { date: formatDateTime(board().unblindedAt ?? '') })
                : closed()
                  ? t('stages.ftClosed')
                  : t('stages.blinded')}
            </p>
            <Show when={board().total !== null}>
              <p>{t('stages.total', { count: board().total ?? 0 })}</p>
            </Show>
            <Show when={!closed()}>
              <p>
                <A href={`${base()}/screen/${props.stage}`}>{t('stages.screenLink', { stage: t(NAME[props.stage]) })}</A>
              </p>
            </Show>
            <Show when={board().visible} fallback={<Show when={!closed()}><p class="meta">{props.lead ? t('stages.hiddenForLeadScreener') : t('stages.hidden')}</p></Show>}>
              <Progress board={board()} stage={props.stage} />
            </Show>
            <Conflicts items={board().conflicts} pilot={board().pilot?.conflicts} unblinded={board().unblinded} href={`${base()}/conflicts/${props.stage}`} />
          </>
        )}
      </Show>
      <Show when={props.lead}>
        <h3>{t('stages.whoScreens')}</h3>
        <ScreenersForm pid={props.project.id} stage={props.stage} onSaved={() => {}} />
        <h3>{t('stages.unblinding')}</h3>
        <FormAlert message={error()} />
        <StatusMessage message={done()} />
        <Show when={b() && !b()!.unblinded && !closed()}>
          <div class="button-row">
            <ConfirmButton
              id={`unblind-${props.stage}`}
              label={t('stages.unblind', { stage: t(INLINE[props.stage]) })}
              question={t('stages.unblindQuestion', { stage: t(INLINE[props.stage]) })}
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
        </Show>
        <Show when={b()?.unblinded}>
          <p class="meta">{t('stages.alreadyUnblinded')}</p>
        </Show>
      </Show>
    </section>
  );
}

/** Per-screener progress and the stage's counts (only ever given when the viewer may see them). */
function Progress(props: { board: BoardStage; stage: Stage }) {
  return (
    <>
      <ScrollBox>
        <table class="progress-table">
          <caption>{t('stages.progressCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stages.col.screener')}</th>
              <th scope="col">{t('stages.col.decided')}</th>
              <th scope="col">{t('stages.col.progress')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.board.progress ?? []} fallback={<tr><td colspan="3">{t('stages.noScreeners')}</td></tr>}>
              {(p) => (
                <tr>
                  <th scope="row"><bdi>{p.name}</bdi></th>
                  <td>{t('stages.decidedOf', { decided: p.decided, assigned: p.assigned })}</td>
                  <td class="reviewer-progress">
                    <progress max={Math.max(1, p.assigned)} value={p.decided} aria-label={t('stages.progressOf', { name: p.name })} />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollBox>
      <Show when={props.board.counts}>
        {(c) => (
          <ul class="counts" aria-label={t('stages.countsLabel')}>
            <li>{t('stages.count.agreedInclude', { count: c().agreedInclude })}</li>
            <li>{t('stages.count.agreedExclude', { count: c().agreedExclude })}</li>
            <li>{t('stages.count.conflicts', { count: c().conflicts })}</li>
            <li>{t('stages.count.resolved', { count: c().resolved })}</li>
            <li>{t('stages.count.pending', { count: c().pending })}</li>
          </ul>
        )}
      </Show>
    </>
  );
}

/** Disagreements after unblinding (or of the pilot round), each with what every screener decided. */
function Conflicts(props: { items?: BoardStage['conflicts']; pilot?: BoardStage['conflicts']; unblinded: boolean; href: string }) {
  const list = () => (props.unblinded ? props.items : props.pilot) ?? [];
  return (
    <Show when={props.unblinded || props.pilot}>
      <h3>{props.unblinded ? t('stages.disagreements') : t('stages.pilotDisagreements')}</h3>
      <Show when={list().length} fallback={<p>{t('stages.noDisagreements')}</p>}>
        <p>{t('stages.disagreementCount', { count: list().length })}</p>
        <ul class="conflict-list" data-testid="disagreements">
          <For each={list()}>
            {(c) => (
              <li>
                <bdi class="conflict-title">{c.title}</bdi>
                {c.status === 'resolved' ? ` — ${t('stages.resolved')}` : ''}
                <ul>
                  <For each={c.decisions}>
                    {(d) => (
                      <li>
                        <bdi>{d.name}</bdi>: {t(DECISION_LABEL[d.decision])}
                        <Show when={d.reasons.length}> ({d.reasons.join(', ')})</Show>
                      </li>
                    )}
                  </For>
                </ul>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p>
        <A href={props.href}>{t('stages.settleLink')}</A>
      </p>
    </Show>
  );
}
