/**
 * /projects/:pid/screen/:stage — screening, keyboard first. Loads this person's queue, opens their
 * private document (kept on this device too, so screening goes on offline) and hands both to the
 * Screener. Nothing here reads anyone else's decisions: the queue and records are this person's own.
 */
import { A, useParams } from '@solidjs/router';
import { createMemo, createResource, Match, onCleanup, Show, Switch } from 'solid-js';
import type { Stage } from '../../../shared/api';
import { privateDocName } from '../../../shared/docnames';
import { canManageProject } from '../../../shared/roles';
import { errorMessage } from '../api/errors';
import { currentUser } from '../auth/session';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { openDoc } from '../sync/docs';
import { Loading, Page } from '../ui/Page';
import { getQueue } from './api';
import { Screener } from './Screener';
import './screening.css';

const TITLE = { ta: 'screen.title.ta', ft: 'screen.title.ft' } as const;

/** The screening page for one stage. */
export function ScreenPage() {
  const params = useParams<{ stage: string }>();
  const { project, role } = useProject();
  useLocationInProject('screen');
  const stage = createMemo<Stage | null>(() => (params.stage === 'ta' || params.stage === 'ft' ? params.stage : null));
  const base = () => `/projects/${encodeURIComponent(project().id)}`;
  const [queue] = createResource(
    () => {
      const s = stage();
      return s ? ([project().id, s] as const) : undefined;
    },
    ([pid, s]) => getQueue(pid, s),
  );
  // The private document, opened once per user and project and shared with other pages that use it.
  const handle = createMemo(() => {
    const uid = currentUser()?.id;
    if (!uid) return undefined;
    const h = openDoc(privateDocName(project().id, uid), { userId: uid, persist: true });
    onCleanup(() => h.release());
    return h;
  });

  return (
    <Page title={stage() ? t(TITLE[stage()!]) : t('screen.unknownStage')} class="page screen-page">
      <nav aria-label={t('screen.stages')}>
        <ul class="nav-list tabs">
          <li>
            <A href={`${base()}/screen/ta`}>{t('screen.tab.ta')}</A>
          </li>
          <li>
            <A href={`${base()}/screen/ft`}>{t('screen.tab.ft')}</A>
          </li>
          <li>
            <A href={`${base()}/stages`}>{t('screen.tab.stages')}</A>
          </li>
        </ul>
      </nav>
      <Switch>
        <Match when={!stage()}>
          <p role="alert">{t('screen.unknownStage')}</p>
        </Match>
        <Match when={queue.error}>
          <p role="alert" class="form-alert">
            {errorMessage(queue.error)}
          </p>
        </Match>
        <Match when={queue.loading || !handle()}>
          <Loading />
        </Match>
        <Match when={queue()?.opensAfterUnblinding}>
          <p class="panel">{t('screen.ftOpensLater')}</p>
        </Match>
        <Match when={queue() && !queue()!.screener}>
          <div class="panel">
            <p>{t('screen.notScreener')}</p>
            <Show when={canManageProject(role())}>
              <p>
                <A href={`${base()}/stages`}>{t('screen.addYourself')}</A>
              </p>
            </Show>
          </div>
        </Match>
        <Match when={queue() && queue()!.recordIds.length === 0}>
          <p class="panel">{t('screen.emptyQueue')}</p>
        </Match>
        <Match when={queue()} keyed>
          {(q) => (
            <Show when={handle()} keyed>
              {(h) => <Screener project={project()} stage={q.stage} ids={q.recordIds} handle={h} />}
            </Show>
          )}
        </Match>
      </Switch>
    </Page>
  );
}
