/**
 * /invite/:token — what the invitation is for, then joining. Someone without a session can
 * create an account or log in right here; joining then happens straight away.
 */
import { useNavigate, useParams } from '@solidjs/router';
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { ApiError } from '../api/client';
import { errorMessage } from '../api/errors';
import { LoginForm, SignupForm } from '../auth/forms';
import { currentUser } from '../auth/session';
import { formatDateTime, t } from '../i18n';
import { FormAlert } from '../ui/alerts';
import { RadioGroup } from '../ui/fields';
import { Loading, Page } from '../ui/Page';
import { acceptInvitation, previewInvitation } from './api';
import { roleName } from './roleText';

/** Our own wording for the ways an invitation link can fail; anything else as usual. */
function invitationProblem(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invitation_used') return t('accept.used');
    if (err.code === 'invitation_expired') return t('accept.expired');
    if (err.status === 404) return t('accept.invalid');
  }
  return errorMessage(err);
}

/** The invitation page. */
export function AcceptInvitePage() {
  const params = useParams<{ token: string }>();
  const navigate = useNavigate();
  const [preview] = createResource(() => params.token, previewInvitation);
  const [mode, setMode] = createSignal<'new' | 'existing'>('new');
  const [problem, setProblem] = createSignal<string>();
  const [joining, setJoining] = createSignal(false);

  const join = async () => {
    if (joining()) return;
    setProblem(undefined);
    setJoining(true);
    try {
      const { projectId } = await acceptInvitation(params.token);
      navigate(`/projects/${encodeURIComponent(projectId)}`, { replace: true });
    } catch (err) {
      setProblem(invitationProblem(err));
    } finally {
      setJoining(false);
    }
  };

  return (
    <Switch>
      <Match when={preview.error}>
        <Page title={t('accept.title')} class="page narrow">
          <p role="alert">{invitationProblem(preview.error)}</p>
        </Page>
      </Match>
      <Match when={preview.loading}>
        <Loading />
      </Match>
      <Match when={preview()}>
        {(inv) => (
          <Page title={t('accept.title')} heading={t('accept.heading', { project: inv().projectTitle })} class="page narrow">
            <p>{t('accept.details', { inviter: inv().invitedBy, role: roleName(inv().role) })}</p>
            <p class="meta">{t('accept.expires', { date: formatDateTime(inv().expiresAt) })}</p>
            <FormAlert message={problem()} />
            <Switch>
              <Match when={currentUser() === undefined}>
                <Loading />
              </Match>
              <Match when={currentUser()}>
                {(me) => (
                  <div class="stack">
                    <p>{t('accept.signedInAs', { name: me().name })}</p>
                    <button type="button" class="btn primary" onClick={join} aria-disabled={joining() ? 'true' : undefined}>
                      {joining() ? t('accept.joining') : t('accept.join')}
                    </button>
                  </div>
                )}
              </Match>
              <Match when={currentUser() === null}>
                <section aria-labelledby="account-heading" class="panel">
                  <h2 id="account-heading">{t('accept.needAccount')}</h2>
                  <RadioGroup id="accept-mode" legend={t('accept.choice')} value={mode()} onValue={(v) => setMode(v as 'new' | 'existing')}
                    choices={[
                      { value: 'new', label: t('accept.choice.new') },
                      { value: 'existing', label: t('accept.choice.existing') },
                    ]} />
                  <Show when={mode() === 'new'} fallback={<LoginForm idPrefix="accept-login" onDone={join} />}>
                    <SignupForm idPrefix="accept-signup" onDone={join} />
                  </Show>
                </section>
              </Match>
            </Switch>
          </Page>
        )}
      </Match>
    </Switch>
  );
}
