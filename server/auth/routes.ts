/** /api/auth/* and /api/me. */
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv, Deps } from '../context';
import { changePasswordBody, loginBody, signupBody, updateMeBody } from '../../shared/api';
import { clearSessionCookie, parseBody, requireUser, setSessionCookie } from '../http/middleware';
import { changePassword, login, logout, PasswordRefusal, signup } from './service';
import { renameUser } from './profile';

type Ctx = Parameters<typeof getConnInfo>[0];

function clientIp(c: Ctx): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs a password check; a throttled refusal is answered here, since its body carries more than
 * the shared error handler writes: `triesLeft` and `until` (ISO), plus Retry-After on 429.
 */
async function withRefusals(c: Ctx, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (e) {
    if (!(e instanceof PasswordRefusal)) throw e;
    const error = { code: e.code, message: e.message, triesLeft: e.triesLeft, until: new Date(e.until).toISOString(), ...(e.fields ? { fields: e.fields } : {}) };
    if (e.status === 429) c.header('Retry-After', String(Math.max(1, Math.ceil((e.until - Date.now()) / 1000))));
    return c.json({ error }, e.status);
  }
}

/** Routes for sign-up, log-in, log-out, password change and the current user (read and rename). */
export function authRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/auth/signup', async (c) => {
      const body = await parseBody(c, signupBody);
      const { user, token } = await signup(deps, body);
      setSessionCookie(c, token);
      return c.json({ user }, 201);
    })
    .post('/auth/login', async (c) => {
      const body = await parseBody(c, loginBody);
      return withRefusals(c, async () => {
        const { user, token } = await login(deps, body, clientIp(c));
        setSessionCookie(c, token);
        return c.json({ user });
      });
    })
    .post('/auth/logout', (c) => {
      const session = c.get('session');
      if (session) logout(deps, session.id);
      clearSessionCookie(c);
      return c.json({ ok: true });
    })
    .post('/auth/password', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, changePasswordBody);
      return withRefusals(c, async () => {
        const { token } = await changePassword(deps, user, body, clientIp(c));
        setSessionCookie(c, token);
        return c.json({ ok: true });
      });
    })
    .get('/me', (c) => c.json({ user: requireUser(c) }))
    .patch('/me', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, updateMeBody);
      return c.json({ user: renameUser(deps, user.id, body.name) });
    });
}
