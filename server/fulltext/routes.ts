/**
 * Full-text routes. Mounted in app.ts before the API's 1 MiB JSON body limit, because a PDF upload
 * is far larger; these routes apply their own limits (50 MB for a PDF, 16 KiB for a link) and the
 * Origin check on state-changing requests.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { AppEnv, Deps } from '../context';
import { AppError } from '../errors';
import { limitBody, originCheck, parseBody, requireUser } from '../http/middleware';
import { FULLTEXT_MAX_BYTES, fullTextOf, linkFullText, listProjectFullTexts, uploadFullText } from './service';
import { pdfPath, readPdf } from './storage';

const linkBody = z.object({
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((u) => {
      try {
        return ['http:', 'https:'].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, 'Enter a web address starting with http:// or https://.'),
});

/** Refuses a declared length over the limit before reading any of it, draining (up to a cap) so the 413 arrives. */
function declaredLimit(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > maxBytes) {
      const reader = c.req.raw.body?.getReader();
      let seen = 0;
      while (reader && seen <= maxBytes * 2) {
        const { done, value } = await reader.read();
        if (done) break;
        seen += value.byteLength;
      }
      if (seen > maxBytes * 2) c.header('Connection', 'close');
      throw new AppError(413, 'too_large', `A full text can be at most ${Math.round(maxBytes / (1024 * 1024))} MB.`);
    }
    await next();
  };
}

const LINK_LIMIT = 16 * 1024;
// Declared lengths are checked by limitBody; this also stops chunked bodies that run over.
const linkLimit = bodyLimit({
  maxSize: LINK_LIMIT,
  onError: () => {
    throw new AppError(413, 'too_large', 'The request body is too large.');
  },
});

/** Routes under /api for full texts; `maxBytes` is for tests. */
export function fulltextRoutes(deps: Deps, maxBytes = FULLTEXT_MAX_BYTES) {
  const origin = originCheck(deps);
  return new Hono<AppEnv>()
    .get('/projects/:pid/fulltexts', (c) => c.json({ fulltexts: listProjectFullTexts(deps, requireUser(c).id, c.req.param('pid')) }))
    .post('/projects/:pid/records/:rid/fulltext', origin, declaredLimit(maxBytes), async (c) => {
      const user = requireUser(c);
      const row = await uploadFullText(deps, user.id, c.req.param('pid'), c.req.param('rid'), c.req.raw.body, maxBytes);
      return c.json({ fulltext: row }, 201);
    })
    .get('/projects/:pid/records/:rid/fulltext', async (c) => {
      const pid = c.req.param('pid');
      const rid = c.req.param('rid');
      const row = fullTextOf(deps, requireUser(c).id, pid, rid);
      if (row.kind === 'link') return c.redirect(row.url!, 303);
      const etag = `"${row.sha256}"`;
      const common = { ETag: etag, 'Cache-Control': 'private, no-cache' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, common);
      const file = await readPdf(pdfPath(deps.config.dataDir, pid, rid));
      if (!file) throw new AppError(404, 'not_found', 'The full-text file is missing on the server.');
      return c.body(file.stream, 200, {
        ...common,
        'Content-Type': 'application/pdf',
        'Content-Length': String(file.size),
        'Content-Disposition': `inline; filename="${rid}.pdf"`,
      });
    })
    .put('/projects/:pid/records/:rid/fulltext-link', origin, limitBody(LINK_LIMIT), linkLimit, async (c) => {
      const user = requireUser(c);
      const { url } = await parseBody(c, linkBody);
      return c.json({ fulltext: await linkFullText(deps, user.id, c.req.param('pid'), c.req.param('rid'), url) });
    });
}
