/**
 * Sign-up and log-in forms, used on their own pages and inline on the invitation page.
 * Checks run first in the browser (same rules as the server), then the server's answer is shown
 * next to the fields it concerns.
 */
import { createSignal } from 'solid-js';
import { PASSWORD_MIN, signupBody, type User } from '../../../shared/api';
import { ApiError } from '../api/client';
import { errorMessage, splitServerError } from '../api/errors';
import { t } from '../i18n';
import { FormAlert, focusFirstInvalid } from '../ui/alerts';
import { Checkbox, TextField } from '../ui/fields';
import { problems, validate, type FieldErrors } from '../ui/validate';
import { login, signup } from './session';
import { passwordRefusal } from './passwordRefusal';

interface FormProps {
  /** Prefix for element ids, so two forms could share a page. */
  idPrefix?: string;
  /** Called with the signed-in user once the server accepted the form. */
  onDone: (user: User) => void | Promise<void>;
}

/** Shared state and submit logic for the two forms. */
function useAuthForm() {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;

  const run = async (check: () => FieldErrors, send: () => Promise<void>, known: string[], fieldForCode: Record<string, string> = {}) => {
    if (busy()) return;
    setFormError(undefined);
    const problems = check();
    setErrors(problems);
    if (Object.keys(problems).length) {
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      await send();
    } catch (err) {
      const field = err instanceof ApiError ? fieldForCode[err.code] : undefined;
      const refusal = passwordRefusal(err, 'login');
      if (refusal) {
        // A wrong password (or a pause): with the tries left, or until when, at the top of the form.
        setErrors({});
        setFormError(refusal);
      } else if (field) {
        // e.g. "email already taken" belongs next to the email field.
        setErrors({ [field]: errorMessage(err) });
      } else {
        const split = splitServerError(err, known);
        setErrors(split.fields);
        setFormError(split.message);
      }
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  };
  return { errors, formError, busy, run, setForm: (el: HTMLFormElement) => (form = el) };
}

/** Create-account form: name, email, password. */
export function SignupForm(props: FormProps) {
  const id = (s: string) => `${props.idPrefix ?? 'signup'}-${s}`;
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [show, setShow] = createSignal(false);
  const f = useAuthForm();
  let data = { name: '', email: '', password: '' };

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    void f.run(
      () => {
        const v = validate(signupBody, { name: name(), email: email(), password: password() }, ['name', 'email', 'password']);
        if (v.ok) data = v.data;
        return v.ok ? {} : v.errors;
      },
      async () => props.onDone(await signup(data)),
      ['name', 'email', 'password'],
      { email_taken: 'email' },
    );
  };

  return (
    <form ref={f.setForm} onSubmit={onSubmit} noValidate class="stack">
      <FormAlert message={f.formError()} count={Object.keys(f.errors()).length} />
      <TextField id={id('name')} name="name" label={t('auth.name')} hint={t('auth.nameHint')} autocomplete="name"
        value={name()} onValue={setName} error={f.errors().name} />
      <TextField id={id('email')} name="email" type="email" label={t('auth.email')} autocomplete="email"
        value={email()} onValue={setEmail} error={f.errors().email} />
      <TextField id={id('password')} name="password" type={show() ? 'text' : 'password'} label={t('auth.password')}
        hint={t('auth.passwordHint', { min: PASSWORD_MIN })} autocomplete="new-password"
        value={password()} onValue={setPassword} error={f.errors().password} />
      <Checkbox id={id('show')} label={t('form.showPassword')} checked={show()} onChecked={setShow} />
      <button type="submit" class="btn primary" aria-disabled={f.busy() ? 'true' : undefined}>
        {f.busy() ? t('form.saving') : t('auth.signup.submit')}
      </button>
    </form>
  );
}

/** Log-in form: email and password. */
export function LoginForm(props: FormProps) {
  const id = (s: string) => `${props.idPrefix ?? 'login'}-${s}`;
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [show, setShow] = createSignal(false);
  const f = useAuthForm();

  const onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    void f.run(
      () => problems(signupBody.pick({ email: true }), { email: email(), password: password() }, ['email', 'password']),
      async () => props.onDone(await login({ email: email().trim(), password: password() })),
      ['email', 'password'],
    );
  };

  return (
    <form ref={f.setForm} onSubmit={onSubmit} noValidate class="stack">
      <FormAlert message={f.formError()} count={Object.keys(f.errors()).length} />
      <TextField id={id('email')} name="email" type="email" label={t('auth.email')} autocomplete="username"
        value={email()} onValue={setEmail} error={f.errors().email} />
      <TextField id={id('password')} name="password" type={show() ? 'text' : 'password'} label={t('auth.password')}
        autocomplete="current-password" value={password()} onValue={setPassword} error={f.errors().password} />
      <Checkbox id={id('show')} label={t('form.showPassword')} checked={show()} onChecked={setShow} />
      <button type="submit" class="btn primary" aria-disabled={f.busy() ? 'true' : undefined}>
        {f.busy() ? t('form.saving') : t('auth.login.submit')}
      </button>
    </form>
  );
}
