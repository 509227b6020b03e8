/**
 * /projects/:pid/invite — a lead picks a role (and optionally notes an email address) and gets a
 * link to send. Coreview sends no email itself, so the link is the invitation.
 */
import { createSignal, Show } from 'solid-js';
import { createInvitationBody } from '../../../shared/api';
import { canManageProject, type Role } from '../../../shared/roles';
import { formatDateTime, t } from '../i18n';
import { useLocationInProject, useProject } from '../projects/context';
import { FormAlert, focusFirstInvalid, StatusMessage, showServerError } from '../ui/alerts';
import { RadioGroup, TextField } from '../ui/fields';
import { Page } from '../ui/Page';
import { validate, type FieldErrors } from '../ui/validate';
import { createInvitation, type CreatedInvitation } from './api';
import { roleChoices } from './roleText';

/** The invite page (leads only; others are told they cannot invite). */
export function InvitePage() {
  const { project, role } = useProject();
  useLocationInProject('invite');
  const [chosen, setChosen] = createSignal<string>('reviewer');
  const [email, setEmail] = createSignal('');
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string>();
  const [created, setCreated] = createSignal<CreatedInvitation>();
  const [copied, setCopied] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  let linkInput: HTMLInputElement | undefined;

  const link = () => {
    const c = created();
    return c ? new URL(c.url || `/invite/${encodeURIComponent(c.token)}`, location.origin).href : '';
  };

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setFormError(undefined);
    const raw = { role: chosen(), email: email().trim() || undefined };
    const v = validate(createInvitationBody, raw);
    if (!v.ok) {
      setErrors(v.errors);
      return focusFirstInvalid(form);
    }
    setErrors({});
    setBusy(true);
    try {
      setCreated(await createInvitation(project().id, v.data as { role: Role; email?: string }));
      setCopied(undefined);
      // Put the user straight on the link, selected, ready to copy.
      linkInput?.focus();
      linkInput?.select();
    } catch (err) {
      showServerError(err, ['role', 'email'], form, { setErrors, setFormError });
    } finally {
      setBusy(false);
    }
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link());
      setCopied(t('invite.copied'));
    } catch {
      linkInput?.select();
      setCopied(t('invite.copyFailed'));
    }
  };

  const again = () => {
    setCreated(undefined);
    setEmail('');
    setCopied(undefined);
    form?.querySelector<HTMLInputElement>('input[type=radio]:checked')?.focus();
  };

  return (
    <Page title={t('invite.title')} class="page narrow">
      <Show when={canManageProject(role())} fallback={<p>{t('error.forbidden')}</p>}>
        <Show
          when={created()}
          fallback={
            <form ref={form} onSubmit={onSubmit} noValidate class="stack">
              <FormAlert message={formError()} count={Object.keys(errors()).length} />
              <RadioGroup id="invite-role" legend={t('invite.role')} choices={roleChoices()} value={chosen()} onValue={setChosen}
                error={errors().role} />
              <TextField id="invite-email" type="email" label={t('invite.email')} hint={t('invite.emailHint')} optional
                autocomplete="off" value={email()} onValue={setEmail} error={errors().email} />
              <button type="submit" class="btn primary" aria-disabled={busy() ? 'true' : undefined}>
                {busy() ? t('form.saving') : t('invite.submit')}
              </button>
            </form>
          }
        >
          {(c) => (
            <div class="stack invite-result">
              <p>{t('invite.linkReady', { date: formatDateTime(c().expiresAt) })}</p>
              <div class="field">
                <label for="invite-link">{t('invite.linkLabel')}</label>
                <div class="copy-row">
                  <input ref={linkInput} id="invite-link" type="text" readOnly value={link()} class="link-input"
                    onFocus={(e) => e.currentTarget.select()} />
                  <button type="button" class="btn primary" onClick={copy}>
                    {t('invite.copy')}
                  </button>
                </div>
              </div>
              <StatusMessage message={copied()} />
              <p>
                <button type="button" class="btn" onClick={again}>
                  {t('invite.another')}
                </button>
              </p>
            </div>
          )}
        </Show>
      </Show>
    </Page>
  );
}
