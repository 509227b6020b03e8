/**
 * A small typed wrapper around fetch for the JSON HTTP API. Every failure becomes an ApiError
 * carrying the server's code, message and per-field messages, so forms can show them in place, and
 * whatever else the error body says (`details`).
 */
import type { ApiError as ApiErrorBody } from '../../../shared/api';

/** An API failure: HTTP status (0 when the network failed), machine code, message, field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** the rest of the server's error body (e.g. `triesLeft` and `until` of a refused password) */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let onUnauthorized: (() => void) | null = null;

/** Registers what to do when a signed-in request answers 401 (the session has ended). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Sends a JSON request and returns the parsed JSON body, or throws ApiError. */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const error = (data as ApiErrorBody | null)?.error;
    // Auth endpoints answer 401 for a wrong password; only other endpoints mean "session over".
    if (res.status === 401 && !path.startsWith('/api/auth/') && path !== '/api/me') onUnauthorized?.();
    const { code, message, fields, ...details } = error ?? ({} as Partial<ApiErrorBody['error']>);
    throw new ApiError(res.status, code ?? statusCode(res.status), message ?? res.statusText, fields ?? {}, details);
  }
  return data as T;
}

function statusCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  return 'http_' + status;
}

/** Shorthands for the four methods the API uses. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Encodes one path segment (ids and tokens come from URLs and must not break the path). */
export const seg = (value: string) => encodeURIComponent(value);
