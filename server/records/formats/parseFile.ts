import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ParsedRecord, ParseProblem } from '../../../shared/records';
import { BibtexParser } from './bibtex';
import { detectDelimiter, parseCsvStream } from './csv';
import { detectFormatFromContent, formatFromFilename } from './detect';
import { decodeFile, detectEncoding } from './encoding';
import { EndnoteXmlParser } from './endnoteXml';
import { createMedlineParser } from './medline';
import { createReferParser } from './refer';
import { RisParser } from './ris';
import { ImportParseError, NotUtf8Error, quoteLine, type RecordSink, type SourceFormat, type TextEncoding, type TextParser } from './types';
import { createWosParser } from './wos';

const HEAD_BYTES = 64 * 1024;

/** Options for parseFile. */
export type ParseFileOptions = {
  /** The declared format; detected from content (then extension) when absent. */
  format?: SourceFormat;
  /** Name to use for extension-based detection when `path` is a temp file. */
  filename?: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** also compute the file's SHA-256 (on the parse's own read) */
  fingerprint?: boolean;
} & (
  | { onRecord?: undefined; onRestart?: undefined }
  | {
      /** Receives each record as it is parsed; `records` in the result is then empty. */
      onRecord: (r: ParsedRecord) => void;
      /**
       * Forget every record received so far: they all come again. A file whose first bytes are
       * UTF-8 is parsed as UTF-8 while the decoder checks the rest; a byte further on that is not
       * UTF-8 means the file is cp1252 (as the ASySD set is), and the parse starts over.
       */
      onRestart: () => void;
    }
);

/** What parseFile found. */
export interface ParseFileResult {
  format: SourceFormat;
  encoding: TextEncoding;
  records: ParsedRecord[];
  problems: ParseProblem[];
  /** SHA-256 of the whole file (hex) when asked for with `fingerprint`, else null */
  sha256: string | null;
}

const FORMAT_NAMES: Record<SourceFormat, string> = {
  ris: 'RIS',
  nbib: 'PubMed MEDLINE',
  bibtex: 'BibTeX',
  csv: 'CSV',
  'endnote-xml': 'EndNote XML',
  wos: 'Web of Science',
  refer: 'refer (%T)',
};

/**
 * Parses a bibliographic export from disk as a stream: decoding, format detection, parsing.
 * Throws ImportParseError when the file cannot be imported at all.
 */
export async function parseFile(path: string, opts: ParseFileOptions = {}): Promise<ParseFileResult> {
  const { size } = await stat(path);
  // line 0: the whole file is at fault, not one line of it
  if (size === 0) throw new ImportParseError(0, 'The file is empty (0 bytes).');
  const headBytes = await readHead(path);
  rejectKnownBinary(headBytes);
  const guess = detectEncoding(headBytes);
  const head = new TextDecoder(guess.encoding).decode(headBytes.subarray(guess.bomLength));
  rejectBinaryText(head);

  const filename = opts.filename ?? basename(path);
  const evidence = detectFormatFromContent(head);
  const format = opts.format ?? evidence?.format ?? formatFromFilename(filename);
  if (!format) {
    throw new ImportParseError(0, `The file format was not recognised (its first line is ${quoteLine(firstLine(head))}).`);
  }
  if (opts.format && evidence && evidence.format !== opts.format) {
    throw new ImportParseError(
      evidence.line,
      `The file was declared as ${FORMAT_NAMES[opts.format]}, but this line looks like ${FORMAT_NAMES[evidence.format]}.`,
    );
  }

  const pass = { format, head, filename, fromByte: guess.bomLength, bom: headBytes.subarray(0, guess.bomLength), size, opts };
  // UTF-8 without a BOM is only a guess from the first bytes until the last byte is read
  const strict = guess.encoding === 'utf-8' && !guess.certain;
  try {
    return await parsePass(path, { ...pass, encoding: guess.encoding, strict });
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    opts.onRestart?.();
    return parsePass(path, { ...pass, encoding: 'windows-1252', strict: false });
  }
}

interface Pass {
  format: SourceFormat;
  encoding: TextEncoding;
  strict: boolean;
  head: string;
  filename: string;
  fromByte: number;
  /** the byte-order mark the read skips, for the fingerprint */
  bom: Uint8Array;
  size: number;
  opts: ParseFileOptions;
}

/** One reading of the whole file in one encoding. */
async function parsePass(path: string, { format, encoding, strict, head, filename, fromByte, bom, size, opts }: Pass): Promise<ParseFileResult> {
  const records: ParsedRecord[] = [];
  const problems: ParseProblem[] = [];
  let count = 0;
  const sink: RecordSink = {
    record(r) {
      count++;
      if (opts.onRecord) opts.onRecord(r);
      else records.push(r);
    },
    problem: (p) => problems.push(p),
  };
  // each pass fingerprints the file afresh: a pass that stops part way (not UTF-8) has seen only part of it
  const fingerprint = opts.fingerprint ? createHash('sha256').update(bom) : null;
  const onRaw = fingerprint ? (bytes: Uint8Array) => void fingerprint.update(bytes) : undefined;
  const chunks = decodeFile(path, { encoding, fromByte, strict, onBytes: (bytes) => opts.onProgress?.(bytes, size), onRaw });
  if (format === 'csv') {
    await parseCsvStream(joined(chunks), sink, { delimiter: detectDelimiter(firstLine(head), filename) });
  } else {
    const parser = createTextParser(format, sink);
    for await (const pieces of chunks) for (const piece of pieces) parser.push(piece);
    parser.end();
  }
  if (count === 0) {
    throw new ImportParseError(
      0,
      `No ${FORMAT_NAMES[format]} records were found (the file's first line is ${quoteLine(firstLine(head))}).`,
    );
  }
  return { format, encoding, records, problems, sha256: fingerprint?.digest('hex') ?? null };
}

/** One string per read for the CSV reader, which keeps its chunks in a list it searches. */
async function* joined(batches: AsyncIterable<string[]>): AsyncGenerator<string> {
  for await (const pieces of batches) yield pieces.length === 1 ? pieces[0] : pieces.join('');
}

function createTextParser(format: Exclude<SourceFormat, 'csv'>, sink: RecordSink): TextParser {
  switch (format) {
    case 'ris':
      return new RisParser(sink);
    case 'nbib':
      return createMedlineParser(sink);
    case 'bibtex':
      return new BibtexParser(sink);
    case 'endnote-xml':
      return new EndnoteXmlParser(sink);
    case 'wos':
      return createWosParser(sink);
    case 'refer':
      return createReferParser(sink);
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function firstLine(text: string): string {
  return text.split(/\r\n|\r|\n/).find((l) => l.trim()) ?? '';
}

const MAGIC: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (an .asreview project, .docx or .xlsx?); export the records as RIS or CSV instead'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document, not a list of records'],
  [[0x1f, 0x8b], 'a gzip-compressed file; unpack it first'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Microsoft Office file; save it as CSV first'],
];

function rejectKnownBinary(head: Uint8Array): void {
  for (const [magic, what] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) throw new ImportParseError(0, `The file is ${what}.`);
  }
}

/** Control characters (other than tab, CR, LF, form feed) do not occur in text exports. */
function rejectBinaryText(head: string): void {
  let line = 1;
  let control = 0;
  let firstBadLine = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 10) line++;
    else if ((c < 32 && c !== 9 && c !== 13 && c !== 12) || c === 0xfffd) {
      control++;
      firstBadLine ||= line;
    }
  }
  if (control > 8 && control > head.length * 0.001) {
    throw new ImportParseError(firstBadLine, 'The file looks binary, not text: it has unexpected control bytes from this line on.');
  }
}
