/**
 * The account page's display-name form. The name (a pseudonym is fine) is what project teams see
 * on decisions, comments and votes; saving it updates the signed-in user everywhere at once.
 */
import { createSignal } from 'solid-js';
import { updateMeBody } from '../../../shared/api';
import { t } from '../i18n';
import { FormAlert, focusFirstInvalid, StatusMessage, showServerError } from '../ui/alerts';
import { TextField } from '../ui/fields';
import { validate, type FieldErrors } from '../ui/validate';
import { changeName, currentUser } from './session';

/** Label, current value, who sees it, save; the result in a polite live region or next to the field. */
export function NameForm() {
  const [name, setName] = createSignal(currentUser()?.name ?? '');
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [done, setDone] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form!: HTMLFormElement;

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setDone(undefined);
    setFormError(undefined);
    const v = validate(updateMeBody, { name: name() }, ['name']);
    setErrors(v.ok ? {} : v.errors);
    if (!v.ok) return focusFirstInvalid(form);
    if (v.data.name === currentUser()?.name) {
      setName(v.data.name);
      return void setDone(t('auth.displayName.same'));
    }
    setBusy(true);
    try {
      const user = await changeName(v.data.name);
      setName(user.name);
      setDone(t('auth.displayName.done', { name: user.name }));
    } catch (err) {
      showServerError(err, ['name'], form, { setErrors, setFormError });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="name-heading" class="account-section">
      <h2 id="name-heading">{t('auth.displayName.title')}</h2>
      <p>{t('auth.displayName.history')}</p>
      <form ref={form} onSubmit={onSubmit} noValidate class="stack">
        <FormAlert message={formError()} count={Object.keys(errors()).length} />
        <StatusMessage message={done()} id="name-status" />
        <TextField id="display-name" name="name" label={t('auth.displayName.label')} hint={t('auth.displayName.hint')}
          autocomplete="nickname" value={name()} onValue={(v) => (setName(v), setDone(undefined))} error={errors().name} />
        <button type="submit" class="btn primary" aria-disabled={busy() ? 'true' : undefined}>
          {busy() ? t('form.saving') : t('auth.displayName.submit')}
        </button>
      </form>
    </section>
  );
}
