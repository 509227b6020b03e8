/**
 * Plain text from a Word .docx (the findings section of a study, to code line by line), via
 * mammoth. The zip's central directory is checked first: a small upload must not inflate into
 * gigabytes (a "zip bomb"), and a file that is not a zip at all gets a clear answer.
 */
import mammoth from 'mammoth';
import { LIMITS, normaliseSourceText } from '../../shared/workspace';
import { AppError, badRequest } from '../errors';

/** Largest .docx accepted (the API's general body limit may be lower and then applies first). */
export const MAX_DOCX_BYTES = 8 * 1024 * 1024;
/** Most the archive may declare when inflated, and most entries. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 5000;

/** Totals declared by a zip's central directory, or null when the bytes are not a readable zip. */
export function zipDirectory(buf: Buffer): { entries: number; inflated: number; names: string[] } | null {
  // The end-of-central-directory record is within the last 22 + 65535 bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let inflated = 0;
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const size = buf.readUInt32LE(at + 24);
    if (size === 0xffffffff) return null; // zip64: no Word document needs it
    inflated += size;
    const nameLen = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return { entries: count, inflated, names };
}

/** The document's text (paragraphs separated by blank lines), with mammoth's warnings. */
export async function extractDocxText(buf: Buffer): Promise<{ text: string; warnings: string[] }> {
  if (buf.length === 0) throw badRequest('The file is empty.', undefined, 'empty_file');
  if (buf.length > MAX_DOCX_BYTES) throw new AppError(413, 'too_large', `A .docx may be at most ${MAX_DOCX_BYTES / 1024 / 1024} MiB.`);
  const dir = buf.length >= 22 ? zipDirectory(buf) : null;
  if (!dir || !dir.names.includes('word/document.xml')) {
    throw badRequest('This is not a Word .docx document (an older .doc or a PDF? Save it as .docx, or paste the text).', undefined, 'bad_docx');
  }
  if (dir.entries > MAX_ENTRIES || dir.inflated > MAX_INFLATED_BYTES) {
    throw new AppError(413, 'too_large', 'This .docx unpacks to more than 64 MiB; remove images or paste the text instead.');
  }
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.extractRawText({ buffer: buf });
  } catch {
    throw badRequest('This .docx could not be read; it may be damaged.', undefined, 'bad_docx');
  }
  const text = normaliseSourceText(result.value).replace(/\n{3,}/g, '\n\n').trim();
  if (!text) throw badRequest('This .docx has no text in it.', undefined, 'empty_file');
  if (text.length > LIMITS.sourceChars) {
    throw new AppError(413, 'too_large', `The text is longer than ${LIMITS.sourceChars.toLocaleString('en')} characters; split it into parts.`);
  }
  return { text, warnings: result.messages.map((m) => m.message) };
}
