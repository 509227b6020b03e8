/**
 * Log-in and password change answer a wrong password with more than the usual error body: how many
 * wrong tries are left before the account's password checks pause, and until when (ApiError's
 * `details`). The words are ours (translated), with the time in the reader's own clock.
 */
import { ApiError } from '../api/client';
import { t, locale } from '../i18n';

// Fewer wrong tries left than this, and the person is told before the pause begins.
const WARN_AT = 2;

function clock(iso: string): string {
  return new Intl.DateTimeFormat(locale().code, { timeStyle: 'short' }).format(new Date(iso));
}

/**
 * Our words for a refused password (log-in when `where` is 'login', else the current password on
 * the account page), or undefined for other errors. Unknown emails get exactly the same answers.
 */
export function passwordRefusal(err: unknown, where: 'login' | 'change'): string | undefined {
  if (!(err instanceof ApiError) || typeof err.details.until !== 'string') return undefined;
  const time = clock(err.details.until);
  const triesLeft = typeof err.details.triesLeft === 'number' ? err.details.triesLeft : undefined;
  if (err.code === 'rate_limited') return t(where === 'login' ? 'auth.login.locked' : 'auth.password.locked', { time });
  const base = err.code === 'invalid_credentials' ? t('error.invalid_credentials') : err.code === 'wrong_password' ? t('auth.password.wrong') : undefined;
  if (!base || triesLeft === undefined || triesLeft > WARN_AT) return base;
  const more =
    triesLeft === 0
      ? t(where === 'login' ? 'auth.login.nowPaused' : 'auth.password.nowPaused', { time })
      : t(where === 'login' ? 'auth.login.triesLeft' : 'auth.password.triesLeft', { count: triesLeft, time });
  return `${base} ${more}`;
}
