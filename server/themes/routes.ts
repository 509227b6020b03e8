/** Thematic synthesis routes: .docx text extraction for sources, and the themes export. */
import { Hono, type Context } from 'hono';
import type { AppEnv, Deps } from '../context';
import { bodyLimit } from 'hono/body-limit';
import { limitBody, requireUser } from '../http/middleware';
import { requireEditor } from '../projects/policy';
import { AppError, badRequest, conflict } from '../errors';
import { extractDocxText, MAX_DOCX_BYTES } from './docx';
import { buildExport, toCsv } from './export';
import { hasCodebookContent, toQdc } from './qdc';

/** The uploaded bytes: the raw body, or the `file` field of a multipart form. */
async function uploadedBytes(c: Context<AppEnv>): Promise<Buffer> {
  if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw badRequest('Send the .docx as the form field "file".', { file: 'missing' }, 'no_file');
    return Buffer.from(await file.arrayBuffer());
  }
  return Buffer.from(await c.req.arrayBuffer());
}

const FORMATS = ['json', 'csv', 'qdc'] as const;

/** Routes under /api/projects/:pid for themes. */
export function themeRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    // Exempt from the API's 1 MiB JSON limit (app.ts), so it carries its own, declared and streamed.
    .post('/projects/:pid/sources/extract', limitBody(MAX_DOCX_BYTES), bodyLimit({ maxSize: MAX_DOCX_BYTES, onError: () => { throw new AppError(413, 'too_large', `A .docx may be at most ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`); } }), async (c) => {
      // Members who code (not observers) turn a study's .docx into text; the client adds it to the workspace.
      requireEditor(deps.db, c.req.param('pid'), requireUser(c).id);
      const { text, warnings } = await extractDocxText(await uploadedBytes(c));
      return c.json({ text, characters: text.length, warnings });
    })
    .get('/projects/:pid/themes/export', (c) => {
      const user = requireUser(c);
      const format = (c.req.query('format') ?? 'json') as (typeof FORMATS)[number];
      if (!FORMATS.includes(format)) throw badRequest("format is 'json', 'csv' or 'qdc'.", { format: 'unknown format' }, 'bad_format');
      const pid = c.req.param('pid');
      const x = buildExport(deps, user.id, pid);
      const file = `themes-${pid}`;
      if (format === 'json') return c.json(x);
      if (format === 'csv') {
        c.header('Content-Disposition', `attachment; filename="${file}.csv"`);
        return c.body(toCsv(x), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      }
      if (!hasCodebookContent(x)) throw conflict('There are no codes or themes to put in a codebook yet.', 'nothing_to_export');
      c.header('Content-Disposition', `attachment; filename="${file}.qdc"`);
      return c.body(toQdc(x), 200, { 'Content-Type': 'application/xml; charset=utf-8' });
    });
}
