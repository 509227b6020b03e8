/** The sign-up, log-in and account pages. */
import { A, Navigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { changePasswordBody, PASSWORD_MIN } from '../../../shared/api';
import { splitServerError } from '../api/errors';
import { t } from '../i18n';
import { FormAlert, focusFirstInvalid, StatusMessage } from '../ui/alerts';
import { Checkbox, TextField } from '../ui/fields';
import { Page } from '../ui/Page';
import { problems, type FieldErrors } from '../ui/validate';
import { LoginForm, SignupForm } from './forms';
import { NameForm } from './NameForm';
import { changePassword, currentUser, safeNext, serverLogoutPending } from './session';
import { passwordRefusal } from './passwordRefusal';

function useNext() {
  const [params] = useSearchParams();
  const raw = () => (typeof params.next === 'string' ? params.next : undefined);
  return () => safeNext(raw());
}

/** /signup */
export function SignupPage() {
  const next = useNext();
  return (
    <Page title={t('auth.signup.title')} class="page narrow">
      <Show when={currentUser()}>
        <Navigate href={next()} />
      </Show>
      <SignupForm onDone={() => {}} />
      <p class="alt-action">
        {t('auth.signup.haveAccount')} <A href={`/login${location.search}`}>{t('nav.login')}</A>
      </p>
    </Page>
  );
}

/** /login */
export function LoginPage() {
  const next = useNext();
  return (
    <Page title={t('auth.login.title')} class="page narrow">
      <Show when={currentUser()}>
        <Navigate href={next()} />
      </Show>
      {/* A log-out made offline: the session lives on at the server until we are back (pendingLogout.ts). */}
      <StatusMessage message={serverLogoutPending() ? t('auth.logout.pending') : undefined} />
      {/* Signed in, the <Navigate> above takes the person on. Navigating here as well raced it: once
          that one had moved on, next() read the new address (no ?next=) and sent them to /projects. */}
      <LoginForm onDone={() => {}} />
      <p class="alt-action">
        {t('auth.login.noAccount')} <A href={`/signup${location.search}`}>{t('nav.signup')}</A>
      </p>
    </Page>
  );
}

/** /account: who you are, your display name, and changing your password. */
export function AccountPage() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [show, setShow] = createSignal(false);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  let form!: HTMLFormElement;

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    setDone(undefined);
    setFormError(undefined);
    const body = { currentPassword: current(), newPassword: next() };
    const found = problems(changePasswordBody, body, ['currentPassword', 'newPassword']);
    setErrors(found);
    if (Object.keys(found).length) return focusFirstInvalid(form);
    try {
      await changePassword(body);
      setCurrent('');
      setNext('');
      setDone(t('auth.password.done'));
    } catch (err) {
      // Wrong current password (or a pause after too many): the person is still signed in, and
      // the problem is that one field's.
      const refusal = passwordRefusal(err, 'change');
      if (refusal) {
        setErrors({ currentPassword: refusal });
      } else {
        const split = splitServerError(err, ['currentPassword', 'newPassword']);
        setErrors(split.fields);
        setFormError(split.message);
      }
      focusFirstInvalid(form);
    }
  };

  return (
    <Page title={t('auth.account.title')} class="page narrow">
      <p>{t('auth.account.signedInAs', { name: currentUser()?.name ?? '', email: currentUser()?.email ?? '' })}</p>
      <NameForm />
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t('auth.password.title')}</h2>
        <form ref={form} onSubmit={onSubmit} noValidate class="stack">
          <FormAlert message={formError()} count={Object.keys(errors()).length} />
          <StatusMessage message={done()} />
          <TextField id="current-password" type={show() ? 'text' : 'password'} label={t('auth.password.current')}
            autocomplete="current-password" value={current()} onValue={setCurrent} error={errors().currentPassword} />
          <TextField id="new-password" type={show() ? 'text' : 'password'} label={t('auth.password.new')}
            hint={t('auth.passwordHint', { min: PASSWORD_MIN })} autocomplete="new-password"
            value={next()} onValue={setNext} error={errors().newPassword} />
          <Checkbox id="account-show" label={t('form.showPassword')} checked={show()} onChecked={setShow} />
          <button type="submit" class="btn primary">
            {t('auth.password.submit')}
          </button>
        </form>
      </section>
    </Page>
  );
}
