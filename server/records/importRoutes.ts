/**
 * POST /api/projects/:pid/imports and the imports list. The body is the raw file (or multipart field
 * `file`), spooled to disk; with `Accept: application/x-ndjson` the answer streams parse progress
 * lines before the final result, so the client can show a progress bar for large files (and a
 * `{queued: true}` line first when it waits for another import into the project, and
 * `{reread: 'windows-1252'}` when the file is read again from the start in that encoding).
 */
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { join } from 'node:path';
import type { AppEnv, Deps } from '../context';
import { AppError } from '../errors';
import { requireUser } from '../http/middleware';
import { spoolUpload } from '../http/upload';
import { requireLead, requireMember } from '../projects/policy';
import { importFile, importUnderWay, parseFormat } from './import';

/** Routes for importing search exports. */
export function importRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/projects/:pid/imports', async (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireLead(deps.db, pid, user.id);
      const format = parseFormat(c.req.query('format'));
      const source = c.req.query('source') ?? '';
      const upload = await spoolUpload(c, join(deps.config.dataDir, 'tmp'), deps.config.maxUploadBytes);
      const input = { path: upload.path, filename: upload.filename, source, format };
      if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        try {
          return c.json(await importFile(deps, user.id, pid, input), 201);
        } finally {
          await upload.discard();
        }
      }
      c.header('Content-Type', 'application/x-ndjson');
      return stream(c, async (out) => {
        let last = 0;
        try {
          // another import into this project (another lead, another tab) finishes first
          if (importUnderWay(pid)) await out.writeln(JSON.stringify({ queued: true }));
          const result = await importFile(deps, user.id, pid, input, {
            onProgress(read, total) {
              // About a hundred progress lines at most, however large the file.
              if (read - last < total / 100 && read < total) return;
              last = read;
              void out.writeln(JSON.stringify({ progress: { read, total } }));
            },
            onReread(encoding) {
              last = 0;
              void out.writeln(JSON.stringify({ reread: encoding }));
            },
          });
          await out.writeln(JSON.stringify({ result }));
        } catch (e) {
          const err = e instanceof AppError ? { code: e.code, message: e.message, status: e.status } : { code: 'internal', message: 'The import failed on the server.', status: 500 };
          await out.writeln(JSON.stringify({ error: err }));
        } finally {
          await upload.discard();
        }
      });
    })
    .get('/projects/:pid/imports', (c) => {
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, requireUser(c).id);
      const rows = deps.db
        .prepare(
          `SELECT i.id, i.source, i.format, i.filename, i.encoding, i.parsed, i.added, i.duplicates, i.problems, i.created_at, u.name AS by
           FROM imports i JOIN users u ON u.id = i.created_by WHERE i.project_id = ? ORDER BY i.created_at`,
        )
        .all(pid) as Record<string, unknown>[];
      return c.json({ imports: rows.map((r) => ({ ...r, problems: JSON.parse(r.problems as string), createdAt: r.created_at, created_at: undefined })) });
    });
}
