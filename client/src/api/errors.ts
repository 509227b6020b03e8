/** Turns any thrown value into a sentence to show, preferring our own translated wording for known codes. */
import { t, type MessageKey } from '../i18n';
import { ApiError } from './client';

// Codes the client has its own (translatable) wording for; other codes show the server's message.
const KNOWN: Record<string, MessageKey> = {
  network: 'error.network',
  email_taken: 'error.email_taken',
  invalid_credentials: 'error.invalid_credentials',
  rate_limited: 'error.rate_limited',
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

/** The server's per-field messages, if the error carried any. */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ApiError ? err.fields : {};
}
