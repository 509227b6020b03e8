/**
 * Full-text PDFs on disk: DATA_DIR/fulltext/<project>/<record>.pdf. An upload is streamed to a
 * temporary file in the same folder and renamed into place only once complete and checked, so a
 * reader never sees half a file and a failed upload leaves the previous one untouched.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** The bytes every PDF starts with. */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
/** After a refusal we keep reading (and discarding) this much, so the client gets our answer rather than a reset. */
const DRAIN_CAP = 64 * 1024 * 1024;
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Why an upload was refused: not a PDF (or empty), or over the size limit. */
export class UploadRefused extends Error {
  constructor(readonly reason: 'not_pdf' | 'too_large') {
    super(reason);
  }
}

/** The path of a record's PDF; ids are checked so no value can leave the data folder. */
export function pdfPath(dataDir: string, pid: string, rid: string): string {
  if (!SAFE_ID.test(pid) || !SAFE_ID.test(rid)) throw new Error('unsafe id in a full-text path');
  return join(dataDir, 'fulltext', pid, `${rid}.pdf`);
}

/**
 * Streams `body` into `target` atomically. Refuses (UploadRefused) a body that does not start with
 * `%PDF-` or runs over `maxBytes`, draining what is left of it first. Returns size and SHA-256.
 */
export async function writePdfAtomically(body: ReadableStream<Uint8Array> | null, target: string, maxBytes: number) {
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
  const file = await open(temp, 'wx');
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let refused: UploadRefused | null = null;
  const reader = body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (refused) {
        if (size > maxBytes + DRAIN_CAP) {
          await reader.cancel();
          break;
        }
        continue;
      }
      if (size > maxBytes) {
        refused = new UploadRefused('too_large');
        continue;
      }
      if (headLength < PDF_MAGIC.length) {
        head.push(Buffer.from(value.subarray(0, PDF_MAGIC.length)));
        headLength += Math.min(value.byteLength, PDF_MAGIC.length);
        const start = Buffer.concat(head);
        if (start.length >= PDF_MAGIC.length && !start.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
          refused = new UploadRefused('not_pdf');
          continue;
        }
      }
      hash.update(value);
      await file.write(value);
    }
    if (!refused && headLength < PDF_MAGIC.length) refused = new UploadRefused('not_pdf');
    if (refused) throw refused;
    // Durable before it becomes visible: a crash after the rename must not leave an empty PDF.
    await file.sync();
    await file.close();
    await rename(temp, target);
    return { size, sha256: hash.digest('hex') };
  } catch (err) {
    await file.close().catch(() => {});
    await rm(temp, { force: true });
    throw err;
  }
}

/** Opens a stored PDF for reading: its size and a web stream, or null when the file is missing. */
export async function readPdf(path: string): Promise<{ size: number; stream: ReadableStream<Uint8Array> } | null> {
  try {
    const s = await stat(path);
    return { size: s.size, stream: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array> };
  } catch {
    return null;
  }
}

/** Removes a stored PDF (when a link replaces it); missing files are fine. */
export function removePdf(path: string): Promise<void> {
  return rm(path, { force: true });
}
