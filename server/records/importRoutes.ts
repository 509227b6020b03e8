/**
 * POST /api/projects/:pid/imports and the imports list. The body is the raw file (or multipart field
 * `file`), spooled to disk; with `Accept: application/x-ndjson` the answer streams parse progress
 * lines before the final result, so the client can show a progress bar for large files (and a
 * `{queued: true}` line first when it waits for another import into the project, and
 * `{reread: 'windows-1252'}` when the file is read again from the start in that encoding, and
 * `{phase: 'saving', records}` once every record is read and the final save begins). A lead may
 * rename an import's source, and remove an import nothing was built on yet (importAdmin.ts).
 *
 * A client that goes away (Cancel, a closed tab) aborts the request's signal: the import stops,
 * its staged records are dropped, the temp file is deleted and the project's next import runs.
 */
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { join } from 'node:path';
import type { AppEnv, Deps } from '../context';
import { AppError } from '../errors';
import { parseBody, requireUser } from '../http/middleware';
import { spoolUpload } from '../http/upload';
import { requireLead, requireMember } from '../projects/policy';
import { importFile, importUnderWay, parseFormat } from './import';
import { ImportCancelled } from './importErrors';
import { findImport, findRepeat, isSha256, listImports, problemsCsv, problemsFilename } from './importHistory';
import { removalPreview, removeImport, renameImport } from './importAdmin';
import { renameImportBody } from '../../shared/api';

const tooLarge = (max: number) =>
  new AppError(413, 'too_large', `The file is larger than the import limit of ${(Math.floor(max / 1e5) / 10).toLocaleString('en-US')} MB. Split the export into smaller files, or ask whoever runs this server to raise the limit (MAX_UPLOAD_MB).`);

/** Routes for importing search exports. */
export function importRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .post('/projects/:pid/imports', async (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireLead(deps.db, pid, user.id);
      const format = parseFormat(c.req.query('format'));
      const source = c.req.query('source') ?? '';
      const { signal } = c.req.raw;
      const upload = await spoolUpload(c, join(deps.config.dataDir, 'tmp'), deps.config.maxUploadBytes).catch((e: unknown) => {
        // the client went away mid-upload (spoolUpload deleted the partial file): not a server fault
        if (signal.aborted) throw new ImportCancelled();
        // the limit is set in MiB; people compare it with sizes in decimal MB, as their file manager shows them
        if (e instanceof AppError && e.code === 'too_large') throw tooLarge(deps.config.maxUploadBytes);
        throw e;
      });
      // a body cut short by a client that went away may still end cleanly: never import half a file
      if (signal.aborted) {
        await upload.discard();
        throw new ImportCancelled();
      }
      const input = { path: upload.path, filename: upload.filename, source, format };
      if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        try {
          return c.json(await importFile(deps, user.id, pid, input, { signal }), 201);
        } finally {
          await upload.discard();
        }
      }
      c.header('Content-Type', 'application/x-ndjson');
      return stream(c, async (out) => {
        let last = 0;
        // a write waits for the client to read it: never wait on a client that went away
        const gone = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
        const send = (line: unknown) => Promise.race([out.writeln(JSON.stringify(line)), gone]);
        try {
          // another import into this project (another lead, another tab) finishes first
          if (importUnderWay(pid)) await send({ queued: true });
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
            async onSaving(records) {
              await send({ phase: 'saving', records });
              // the save blocks the event loop: let the line leave first
              await new Promise((resolve) => setImmediate(resolve));
            },
            signal,
          });
          await send({ result });
        } catch (e) {
          const err = e instanceof AppError
            ? { code: e.code, message: e.message, status: e.status, ...(e.fields ? { fields: e.fields } : {}) }
            : { code: 'internal', message: 'The import failed on the server.', status: 500 };
          await send({ error: err });
        } finally {
          await upload.discard();
        }
      });
    })
    .get('/projects/:pid/imports', (c) => {
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, requireUser(c).id);
      return c.json({ imports: listImports(deps.db, pid) });
    })
    .patch('/projects/:pid/imports/:iid', async (c) => {
      const user = requireUser(c);
      const pid = c.req.param('pid');
      requireLead(deps.db, pid, user.id);
      const { source } = await parseBody(c, renameImportBody);
      return c.json({ import: renameImport(deps, user.id, pid, c.req.param('iid'), source) });
    })
    .delete('/projects/:pid/imports/:iid', async (c) => {
      const user = requireUser(c);
      return c.json({ removed: await removeImport(deps, user.id, c.req.param('pid'), c.req.param('iid')) });
    })
    .get('/projects/:pid/imports/:iid/removal-preview', (c) => {
      const user = requireUser(c);
      return c.json(removalPreview(deps, user.id, c.req.param('pid'), c.req.param('iid')));
    })
    // Before sending a file, the page asks whether the very same file was imported already.
    .get('/projects/:pid/imports/by-hash/:sha256', (c) => {
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, requireUser(c).id);
      const sha256 = c.req.param('sha256').toLowerCase();
      if (!isSha256(sha256)) throw new AppError(400, 'invalid', 'Give the file\'s SHA-256 as 64 hexadecimal digits.');
      return c.json({ repeatOf: findRepeat(deps.db, pid, sha256) });
    })
    .get('/projects/:pid/imports/:iid/problems.csv', (c) => {
      const pid = c.req.param('pid');
      requireMember(deps.db, pid, requireUser(c).id);
      const { filename, problems } = findImport(deps.db, pid, c.req.param('iid'));
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${problemsFilename(filename)}"`);
      return c.body(`\ufeff${problemsCsv(problems)}`);
    });
}
