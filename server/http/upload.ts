/**
 * Streams an uploaded file (the raw body, or the `file` field of multipart/form-data) to a temp file,
 * never holding it in memory, and refuses it with 413 once it passes the size limit.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { Context } from 'hono';
import { AppError, badRequest } from '../errors';
import { newId } from '../ids';

export interface SpooledUpload {
  path: string;
  filename: string | null;
  bytes: number;
  /** Deletes the temp file. */
  discard(): Promise<void>;
}

const tooLarge = (max: number) =>
  new AppError(413, 'too_large', `The file is larger than the ${Math.round(max / (1024 * 1024))} MB limit. Split the export into smaller files.`);

/** Counts bytes through a stream and fails once `max` is passed. */
function limiter(max: number, onBytes: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      onBytes(seen);
      if (seen > max) done(tooLarge(max));
      else done(null, chunk);
    },
  });
}

/** Saves the request body to `dir`; the caller must `discard()` the file when done. */
export async function spoolUpload(c: Context, dir: string, maxBytes: number): Promise<SpooledUpload> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const body = c.req.raw.body;
  if (!body) throw badRequest('Send the file as the request body (or as the multipart field "file").', undefined, 'empty_upload');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${newId()}`);
  let bytes = 0;
  const discard = () => rm(path, { force: true });
  const source = Readable.fromWeb(body as unknown as WebReadableStream);
  const type = c.req.header('content-type') ?? '';
  try {
    if (type.startsWith('multipart/form-data')) {
      const filename = await spoolMultipart(source, type, path, maxBytes, (n) => (bytes = n));
      return { path, filename, bytes, discard };
    }
    await pipeline(source, limiter(maxBytes, (n) => (bytes = n)), createWriteStream(path));
    return { path, filename: c.req.query('filename') ?? null, bytes, discard };
  } catch (e) {
    await discard();
    source.destroy();
    throw e;
  }
}

function spoolMultipart(source: Readable, contentType: string, path: string, maxBytes: number, onBytes: (n: number) => void): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: maxBytes + 1 } });
    } catch {
      return reject(badRequest('The multipart body could not be read.', undefined, 'bad_multipart'));
    }
    let found = false;
    let writing: Promise<void> | null = null;
    let name: string | null = null;
    bb.on('file', (field, stream, info) => {
      if (field !== 'file' || found) return void stream.resume();
      found = true;
      name = info.filename || null;
      writing = pipeline(stream, limiter(maxBytes, onBytes), createWriteStream(path));
      writing.catch(reject);
    });
    bb.on('error', () => reject(badRequest('The multipart body could not be read.', undefined, 'bad_multipart')));
    bb.on('close', () => {
      if (!found || !writing) return reject(badRequest('The multipart body has no "file" field.', { file: 'missing' }, 'empty_upload'));
      writing.then(() => resolve(name), reject);
    });
    source.on('error', reject);
    source.pipe(bb);
  });
}
