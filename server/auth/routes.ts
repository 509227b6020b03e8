/** /api/auth/* and /api/me. */
import { Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv, Deps } from '../context';
import { changePasswordBody, loginBody, signupBody, updateMeBody } from '../../shared/api';
import { clearSessionCookie, parseBody, requireUser, setSessionCookie } from '../http/middleware';
import { changePassword, login, logout, signup } from './service';
import { renameUser } from './profile';

function clientIp(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
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
      const { user, token } = await login(deps, body, clientIp(c));
      setSessionCookie(c, token);
      return c.json({ user });
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
      const { token } = await changePassword(deps, user, body, clientIp(c));
      setSessionCookie(c, token);
      return c.json({ ok: true });
    })
    .get('/me', (c) => c.json({ user: requireUser(c) }))
    .patch('/me', async (c) => {
      const user = requireUser(c);
      const body = await parseBody(c, updateMeBody);
      return c.json({ user: renameUser(deps, user.id, body.name) });
    });
}
