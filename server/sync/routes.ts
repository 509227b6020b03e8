/** The WebSocket upgrade at /sync/<docName> (authorized before the handshake) and sync tickets. */
import { Hono, type MiddlewareHandler } from 'hono';
import { upgradeWebSocket } from '@hono/node-server';
import type { WebSocket } from 'ws';
import type { AppEnv, Deps } from '../context';
import { docAccess, parseDocName, type DocName } from '../../shared/docnames';
import { findRole } from '../projects/repo';
import { findUserById, userDisplayName } from '../auth/users';
import { isAllowedOrigin, requireUser } from '../http/middleware';
import type { Connection } from './connection';
import { colorFor, type SyncHub } from './hub';
import { createTicket, ticketHolder } from './tickets';
import { audienceKey, boardViewName } from '../screening/board';

type SyncEnv = AppEnv & { Variables: { syncTarget: { name: string; doc: DocName; userId: string; userName: string; sessionId: string | null } } };

/** POST /api/sync/tickets. */
export function ticketRoutes(deps: Deps) {
  return new Hono<AppEnv>().post('/sync/tickets', (c) => c.json(createTicket(deps.db, requireUser(c).id, c.get('session')!.id), 201));
}

const refuse = (status: 401 | 403 | 404, message: string) =>
  new Response(JSON.stringify({ error: { code: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'not_found', message } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });

/** Refuses the upgrade with 401/403/404 unless this user may open this document. */
function authorizeUpgrade(deps: Deps): MiddlewareHandler<SyncEnv> {
  return async (c, next) => {
    const raw = c.req.path.slice('/sync/'.length);
    let name: string;
    try {
      name = decodeURIComponent(raw);
    } catch {
      return refuse(404, 'Unknown document.');
    }
    const doc = parseDocName(name);
    if (!doc) return refuse(404, 'Unknown document.');
    const ticket = c.req.query('ticket');
    let userId: string | null = null;
    let sessionId: string | null = null;
    if (ticket) {
      // the socket then follows the issuing session: it closes on that session's logout or expiry
      const holder = ticketHolder(deps.db, ticket);
      userId = holder?.userId ?? null;
      sessionId = holder?.sessionId ?? null;
    } else if (c.get('user')) {
      // Cookie auth is what a hostile page could ride on: the browser's Origin must be ours.
      const origin = c.req.header('origin');
      if (origin && !isAllowedOrigin(deps, c.req.url, c.req.header('host'), origin)) return refuse(403, 'Origin not allowed.');
      userId = c.get('user')!.id;
      sessionId = c.get('session')?.id ?? null;
    }
    if (!userId) return refuse(401, 'Log in (or present a sync ticket) to connect.');
    const role = findRole(deps.db, doc.projectId, userId);
    if (docAccess(userId, role, doc) === 'none') return refuse(403, 'You may not open this document.');
    const user = findUserById(deps.db, userId);
    if (!user) return refuse(401, 'Unknown user.');
    // Everyone opens p/<pid>/board; each is served the view their blinding audience may see.
    if (doc.kind === 'board') name = boardViewName(doc.projectId, audienceKey(deps, doc.projectId, userId, role));
    c.set('syncTarget', { name, doc, userId, userName: user.name, sessionId });
    return next();
  };
}

/** GET /sync/* upgrade route. */
export function syncUpgradeRoutes(deps: Deps, hub: SyncHub) {
  return new Hono<SyncEnv>().get(
    '/sync/*',
    authorizeUpgrade(deps),
    upgradeWebSocket((c) => {
      const t = c.get('syncTarget');
      let conn: Connection | null = null;
      return {
        onOpen(_evt, ws) {
          conn = hub.connect(ws.raw as WebSocket, t.name, t.doc, {
            userId: t.userId,
            sessionId: t.sessionId,
            // Read at each awareness message (a primary-key lookup), so a rename (PATCH /api/me)
            // reaches presence on sockets already open, without closing them.
            get name() {
              return userDisplayName(deps.db, t.userId);
            },
            color: colorFor(t.userId),
            projectId: t.doc.projectId,
          });
        },
        onMessage(evt) {
          conn?.receive(evt.data as ArrayBuffer | string);
        },
      };
    }),
  );
}
