/** /projects/:pid — the project's workspace: the review question and who is here right now. */
import { Show } from 'solid-js';
import { currentUser } from '../auth/session';
import { t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { Page } from '../ui/Page';
import { Presence } from './Presence';

/** The workspace page. */
export function WorkspacePage() {
  const { project, workspace } = useProject();
  useLocationInProject('workspace');
  return (
    <Page title={`${project().title} — ${t('workspace.title')}`} heading={<bdi>{project().title}</bdi>}>
      <section aria-labelledby="question-heading" class="panel">
        <h2 id="question-heading">{t('workspace.question')}</h2>
        <Show when={project().question} fallback={<p class="meta">{t('workspace.noQuestion')}</p>}>
          <p class="prose">
            <bdi>{project().question}</bdi>
          </p>
        </Show>
      </section>
      {/* keyed: a different project means a different document, so rebuild the panel */}
      <Show when={currentUser() && workspace()} keyed>
        {(handle) => <Presence handle={handle} me={currentUser()!} />}
      </Show>
    </Page>
  );
}
