/** Cross-cutting HTTP middleware: session loading, Origin checks, JSON body parsing. */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { AppEnv, Deps } from '../context';
import { AppError, badRequest, forbidden, unauthorized } from '../errors';
import { SESSION_COOKIE, SESSION_DAYS, validateSessionToken } from '../auth/sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when the request came over https (directly or via a proxy that says so). */
export function isSecure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

/** Writes the session cookie: httpOnly, SameSite=Lax, Secure over https. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
    maxAge: SESSION_DAYS * 24 * 60 * 60,
  });
}

/** Clears the session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isSecure(c) });
}

/** Loads the user from the session cookie (if any) and slides the cookie when the session was extended. */
export function sessionLoader(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    c.set('session', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const found = validateSessionToken(deps.db, token);
      if (found) {
        c.set('user', found.user);
        c.set('session', found.session);
        if (found.extended) setSessionCookie(c, token);
      } else {
        clearSessionCookie(c);
      }
    }
    await next();
  };
}

/** The origin a request must come from: the server's own, plus configured extras. */
export function isAllowedOrigin(deps: Deps, requestUrl: string, host: string | undefined, origin: string): boolean {
  const own = new URL(requestUrl);
  const candidates = new Set([own.origin, ...deps.config.allowedOrigins]);
  if (host) {
    candidates.add(`http://${host}`);
    candidates.add(`https://${host}`);
  }
  return candidates.has(origin);
}

/** Refuses state-changing requests without a matching Origin header (CSRF defence). */
export function originCheck(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (!origin || !isAllowedOrigin(deps, c.req.url, c.req.header('host'), origin)) {
        throw forbidden('This request must come from the Coreview app (Origin check failed).', 'bad_origin');
      }
    }
    await next();
  };
}

/** The signed-in user, or a 401. */
export function requireUser(c: Context<AppEnv>) {
  const user = c.get('user');
  if (!user) throw unauthorized();
  return user;
}

/** Parses the JSON body with a zod schema; a 400 with per-field messages when it does not fit. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw badRequest('The request body must be valid JSON.', undefined, 'invalid_json');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join('.') || '_';
      fields[key] ??= issue.message;
    }
    const first = Object.entries(fields)[0];
    throw badRequest(first ? `${first[0]}: ${first[1]}` : 'Invalid input.', fields);
  }
  return result.data;
}

const DRAIN_CAP = 32 * 1024 * 1024;

/**
 * Refuses bodies over `maxBytes` with 413. The unread body is drained first (up to a cap): closing a
 * socket with unread data makes TCP reset it, and the client would never see the 413.
 */
export function limitBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) {
      if (length <= DRAIN_CAP && c.req.raw.body) {
        const reader = c.req.raw.body.getReader();
        while (!(await reader.read()).done);
      }
      c.header('Connection', 'close');
      throw new AppError(413, 'too_large', `The request body is larger than the ${Math.round(maxBytes / 1024)} KiB limit.`);
    }
    await next();
  };
}
