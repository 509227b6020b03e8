/**
 * Log-in and password change answer a wrong password with more than the usual error body: how many
 * wrong tries are left before the account's password checks pause, and until when. The shared API
 * wrapper keeps only code, message and fields, so these two requests read the body themselves, and
 * the words are ours (translated), with the time in the reader's own clock.
 */
import { ApiError } from '../api/client';
import { t, locale } from '../i18n';

/** A refused password: `triesLeft` before the pause, `until` (ISO) when the pause or window ends. */
export class PasswordError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string>,
    readonly triesLeft?: number,
    readonly until?: string,
  ) {
    super(status, code, message, fields);
  }
}

/** POSTs JSON to a password route; failures throw PasswordError (ApiError for the network). */
export async function postPassword<T>(path: string, body: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const data = (await res.json().catch(() => null)) as { error?: Record<string, unknown> } | T | null;
  if (res.ok) return data as T;
  const e = (data as { error?: Record<string, unknown> } | null)?.error ?? {};
  throw new PasswordError(
    res.status,
    typeof e.code === 'string' ? e.code : `http_${res.status}`,
    typeof e.message === 'string' ? e.message : res.statusText,
    (e.fields as Record<string, string> | undefined) ?? {},
    typeof e.triesLeft === 'number' ? e.triesLeft : undefined,
    typeof e.until === 'string' ? e.until : undefined,
  );
}

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
  if (!(err instanceof PasswordError) || !err.until) return undefined;
  const time = clock(err.until);
  if (err.code === 'rate_limited') return t(where === 'login' ? 'auth.login.locked' : 'auth.password.locked', { time });
  const base = err.code === 'invalid_credentials' ? t('error.invalid_credentials') : err.code === 'wrong_password' ? t('auth.password.wrong') : undefined;
  if (!base || err.triesLeft === undefined || err.triesLeft > WARN_AT) return base;
  const more =
    err.triesLeft === 0
      ? t(where === 'login' ? 'auth.login.nowPaused' : 'auth.password.nowPaused', { time })
      : t(where === 'login' ? 'auth.login.triesLeft' : 'auth.password.triesLeft', { count: err.triesLeft, time });
  return `${base} ${more}`;
}
