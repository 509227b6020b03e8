/**
 * One stage on the stage page: blinded or not, live progress per screener (only when the board
 * shows it to this person), agreement counts, who screens, the settings that shape it, unblinding,
 * and — once unblinded — its disagreements with a way to the conflicts page.
 */
import { A } from '@solidjs/router';
import { createResource, For, Show } from 'solid-js';
import type { Project, Stage } from '../../../shared/api';
import type { BoardStage } from '../../../shared/screening';
import { formatDateTime, t } from '../i18n';
import { screensStage } from '../screening/api';
import { DECISION_LABEL } from '../screening/session';
import { ScrollBox } from '../ui/ScrollBox';
import { ScreenersForm } from './Screeners';
import { Unblinding } from './Unblinding';

const NAME = { ta: 'stages.name.ta', ft: 'stages.name.ft' } as const;

/** A stage's section. `lead`: the viewer manages the project; `taUnblinded`: title/abstract is (full text waits for it). */
export function StageSection(props: { project: Project; stage: Stage; board: BoardStage | undefined; taUnblinded: boolean; lead: boolean }) {
  const b = () => props.board;
  const base = () => `/projects/${encodeURIComponent(props.project.id)}`;
  const heading = `stage-${props.stage}-heading`;
  const closed = () => props.stage === 'ft' && b()?.total === null;
  // Only people who screen this stage get the way to screening: others would find "You are not screening this stage".
  const [screens] = createResource(() => [props.project.id, props.stage] as const, ([pid, stage]) => screensStage(pid, stage));
  let headingEl: HTMLHeadingElement | undefined;

  return (
    <section class="stage" aria-labelledby={heading} data-testid={`stage-${props.stage}`}>
      <h2 id={heading} ref={headingEl} tabindex="-1">{t(NAME[props.stage])}</h2>
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
            <Show when={!closed() && screens.latest}>
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
        <Unblinding project={props.project} stage={props.stage} board={b()} taUnblinded={props.taUnblinded} focusAfter={() => headingEl?.focus()} />
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
