/** AppError: the one error type handlers throw; onError turns it into `{error:{code,message}}`. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** more of the error body, for clients that can use it (e.g. a throttle's triesLeft and until) */
    readonly details?: Record<string, unknown>,
    /** response headers that go with it (e.g. Retry-After on a 429) */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** 400 with per-field messages. */
export const badRequest = (message: string, fields?: Record<string, string>, code = 'invalid') =>
  new AppError(400, code, message, fields);
/** 401: no valid session. */
export const unauthorized = (message = 'Please log in.') => new AppError(401, 'unauthorized', message);
/** 403: signed in but not allowed. */
export const forbidden = (message = 'You do not have permission to do that.', code = 'forbidden') =>
  new AppError(403, code, message);
/** 404: unknown, or hidden from this user. */
export const notFound = (message = 'Not found.') => new AppError(404, 'not_found', message);
/** 409: conflicts with the current state. */
export const conflict = (message: string, code = 'conflict') => new AppError(409, code, message);

/** The app's single error handler: AppError → its JSON; anything else → 500 without a stack trace. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { code: err.code, message: err.message, ...err.details };
    if (err.fields) body.fields = err.fields;
    for (const [name, value] of Object.entries(err.headers ?? {})) c.header(name, value);
    return c.json({ error: body }, err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'too_large' : 'http_error';
    const message = status === 413 ? 'The request body is too large.' : err.message || 'Request failed.';
    return c.json({ error: { code, message } }, status);
  }
  console.error('unhandled error', err);
  return c.json({ error: { code: 'internal', message: 'Something went wrong on the server.' } }, 500);
}
