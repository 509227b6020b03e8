/**
 * Client-side validation with the same zod schemas the server uses (shared/api.ts), so both sides
 * agree on the rules; the messages come from our translation table rather than the schema's English.
 */
import type { z } from 'zod';
import { t } from '../i18n';

/** Field name (dotted path without array indexes) → translated message, first problem per field. */
export type FieldErrors = Record<string, string>;

/**
 * Validates `value` against `schema`; returns the parsed value or the translated field errors.
 * Fields named in `required` that are blank get "please fill this in" rather than the schema's
 * more specific complaint (an empty email is missing, not malformed).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: Record<string, unknown>,
  required: string[] = [],
): { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  for (const field of required) {
    const v = value[field];
    if (typeof v !== 'string' || v.trim() === '') errors[field] = t('validation.required');
  }
  const result = schema.safeParse(value);
  if (result.success && Object.keys(errors).length === 0) return { ok: true, data: result.data };
  if (result.success) return { ok: false, errors };
  for (const issue of result.error.issues) {
    const field = issue.path.filter((p) => typeof p === 'string').join('.');
    if (!errors[field]) errors[field] = issueMessage(issue);
  }
  return { ok: false, errors };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.tooShort', { min, count: min });
      if (issue.origin === 'number') return t('validation.numberMin', { min });
      return t('validation.required');
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return t('validation.tooLong', { max, count: max });
      if (issue.origin === 'number') return t('validation.numberMax', { max });
      return t('validation.tooMany', { max });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      return issue.expected === 'int' || issue.expected === 'number' ? t('validation.wholeNumber') : t('validation.required');
    default:
      return t('validation.invalid');
  }
}

/** Like validate, but only the field errors (empty when the value is fine). */
export function problems(schema: z.ZodType, value: Record<string, unknown>, required: string[] = []): FieldErrors {
  const v = validate(schema, value, required);
  return v.ok ? {} : v.errors;
}
