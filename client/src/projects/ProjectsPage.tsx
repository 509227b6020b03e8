/** /projects: the user's projects, and a short form to start a new one. */
import { A, useNavigate } from '@solidjs/router';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { createProjectBody } from '../../../shared/api';
import { errorMessage } from '../api/errors';
import { formatDate, t } from '../i18n';
import { roleName } from '../members/roleText';
import { FormAlert, focusFirstInvalid, showServerError } from '../ui/alerts';
import { TextArea, TextField } from '../ui/fields';
import { Loading, Page } from '../ui/Page';
import { validate, type FieldErrors } from '../ui/validate';
import { createProject, listProjects } from './api';

/** The projects list page. */
export function ProjectsPage() {
  const [projects] = createResource(listProjects);
  return (
    <Page title={t('projects.title')}>
      <Switch>
        <Match when={projects.error}>
          <p class="error-text" role="alert">
            {errorMessage(projects.error)}
          </p>
        </Match>
        <Match when={projects.loading}>
          <Loading />
        </Match>
        <Match when={projects()?.length === 0}>
          <p>{t('projects.empty')}</p>
        </Match>
        <Match when={projects()}>
          {(list) => (
            <ul class="card-list">
              <For each={list()}>
                {(p) => (
                  <li class="card">
                    <h2 class="card-title">
                      <A href={`/projects/${encodeURIComponent(p.id)}`}>
                        <bdi>{p.title}</bdi>
                      </A>
                    </h2>
                    <Show when={p.question}>
                      <p class="card-text">
                        <bdi>{p.question}</bdi>
                      </p>
                    </Show>
                    <p class="meta">
                      {t('projects.meta', { role: roleName(p.role), date: formatDate(p.createdAt) })}
                    </p>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
      <CreateProject />
    </Page>
  );
}

/** The "start a new project" form; on success it opens the new project. */
function CreateProject() {
  const navigate = useNavigate();
  const [title, setTitle] = createSignal('');
  const [question, setQuestion] = createSignal('');
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form!: HTMLFormElement;

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setFormError(undefined);
    const v = validate(createProjectBody, { title: title(), question: question() }, ['title']);
    if (!v.ok) {
      setErrors(v.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    setBusy(true);
    try {
      const { project } = await createProject({ title: v.data.title, question: v.data.question || undefined });
      navigate(`/projects/${encodeURIComponent(project.id)}`);
    } catch (err) {
      showServerError(err, ['title', 'question'], form, { setErrors, setFormError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="create-heading" class="panel">
      <h2 id="create-heading">{t('projects.create.title')}</h2>
      <form ref={form} onSubmit={onSubmit} noValidate class="stack">
        <FormAlert message={formError()} count={Object.keys(errors()).length} />
        <TextField id="project-title" label={t('projects.field.title')} value={title()} onValue={setTitle}
          error={errors().title} autocomplete="off" />
        <TextArea id="project-question" label={t('projects.field.question')} hint={t('projects.field.questionHint')}
          optional value={question()} onValue={setQuestion} error={errors().question} />
        <button type="submit" class="btn primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? t('form.saving') : t('projects.create.submit')}
        </button>
      </form>
    </section>
  );
}
