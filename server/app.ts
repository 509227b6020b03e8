/** The Hono application: middleware, API routes, the sync upgrade and the built client. */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AppEnv, Deps } from './context';
import { AppError, handleError, notFound } from './errors';
import { limitBody, originCheck, sessionLoader } from './http/middleware';
import { authRoutes } from './auth/routes';
import { projectRoutes } from './projects/routes';
import { auditRoutes } from './audit/routes';
import { syncUpgradeRoutes, ticketRoutes } from './sync/routes';
import { screeningRoutes } from './screening/routes';
import { recordRoutes } from './records/routes';
import { importRoutes } from './records/importRoutes';
import { exportRoutes } from './records/exportRoutes';
import { fulltextRoutes } from './fulltext/routes';
import { conflictRoutes } from './conflicts/routes';
import { agreementRoutes } from './agreement/routes';
import { prismaRoutes } from './prisma/routes';
import { themeRoutes } from './themes/routes';
import type { SyncHub } from './sync/hub';

const JSON_LIMIT = 1024 * 1024;
/** Routes that take a file and apply their own size limit. */
const UPLOAD_ROUTE = /^\/api\/projects\/[^/]+\/(imports|sources\/extract)$/;

/** Builds the app; `hub` is the live sync server the routes hand sockets to. */
export function createApp(deps: Deps, hub: SyncHub) {
  const api = new Hono<AppEnv>()
    .use(originCheck(deps))
    .get('/health', (c) => c.json({ ok: true }))
    .route('/', authRoutes(deps))
    .route('/', projectRoutes(deps))
    .route('/', auditRoutes(deps))
    .route('/', ticketRoutes(deps))
    .route('/', screeningRoutes(deps))
    .route('/', agreementRoutes(deps))
    .route('/', prismaRoutes(deps))
    .route('/', recordRoutes(deps))
    .route('/', importRoutes(deps))
    .route('/', exportRoutes(deps))
    .route('/', conflictRoutes(deps))
    .route('/', themeRoutes(deps));

  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameSrc: ["'self'"],
        objectSrc: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('*', sessionLoader(deps));
  // Before the JSON body limit: PDF uploads are larger; these routes set their own limits and Origin check.
  app.route('/api', fulltextRoutes(deps));
  // Declared lengths are checked up front; bodyLimit also stops chunked bodies that run over.
  // File uploads (imports, .docx sources) stream to disk under their own, larger limits.
  const jsonLimit = limitBody(JSON_LIMIT);
  const chunkedLimit = bodyLimit({
    maxSize: JSON_LIMIT,
    onError: () => {
      throw new AppError(413, 'too_large', `The request body is larger than ${JSON_LIMIT / 1024} KiB.`);
    },
  });
  app.use('/api/*', async (c, next) => (UPLOAD_ROUTE.test(c.req.path) ? next() : jsonLimit(c, next)));
  app.use('/api/*', async (c, next) => (UPLOAD_ROUTE.test(c.req.path) ? next() : chunkedLimit(c, next)));
  app.route('/api', api);
  app.all('/api/*', () => {
    throw notFound('No such API route.');
  });
  app.route('/', syncUpgradeRoutes(deps, hub));
  mountClient(app, deps.config.clientDir);
  return app;
}

/** Serves the built client; unknown paths get index.html so client-side routes work on reload. */
function mountClient(app: Hono<AppEnv>, clientDir: string): void {
  const index = join(clientDir, 'index.html');
  const root = relative(process.cwd(), clientDir) || '.';
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  // The service worker must be checked afresh on every load, so a fixed one reaches everyone at once.
  app.use('/sw.js', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'no-cache');
  });
  if (existsSync(clientDir)) app.use('*', serveStatic({ root }));
  app.get('*', (c) => {
    if (!existsSync(index)) {
      return c.text('The client is not built. Run `npm start` (or `npm run build`).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(index, 'utf8'));
  });
}

export type AppType = ReturnType<typeof createApp>;
