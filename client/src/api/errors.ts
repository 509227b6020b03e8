/** Turns any thrown value into a sentence to show, preferring our own translated wording for known codes. */
import { t, type MessageKey } from '../i18n';
import { ApiError } from './client';

// Codes the client has its own (translatable) wording for; other codes show the server's message.
const KNOWN: Record<string, MessageKey> = {
  network: 'error.network',
  email_taken: 'error.email_taken',
  invalid_credentials: 'error.invalid_credentials',
  rate_limited: 'error.rate_limited',
  unauthorized: 'error.unauthorized',
  // Sent by the service worker when offline and the page was never opened on this device.
  offline_not_cached: 'offline.notCached',
};

/** A user-facing message for an error thrown by the API wrapper (or anything else). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    const key = KNOWN[err.code];
    if (key) return t(key);
    if (err.message) return err.message;
    if (err.status === 403) return t('error.forbidden');
    if (err.status === 404) return t('error.not_found');
  }
  return t('error.generic');
}

/**
 * Splits a failed submission into messages for the form's own fields and a form-level message.
 * The server names fields by path ("exclusionReasons.3"); we drop array indexes to match our
 * field names. The form-level message appears only when no shown field can carry the problem.
 */
export function splitServerError(err: unknown, known: readonly string[]): { fields: Record<string, string>; message?: string } {
  const fields: Record<string, string> = {};
  let unplaced = !(err instanceof ApiError) || Object.keys(err.fields).length === 0;
  if (err instanceof ApiError) {
    for (const [path, text] of Object.entries(err.fields)) {
      const name = path.split('.').filter((p) => !/^\d+$/.test(p)).join('.');
      if (known.includes(name)) fields[name] ??= text;
      else unplaced = true;
    }
  }
  return { fields, message: unplaced ? errorMessage(err) : undefined };
}
