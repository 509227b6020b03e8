import { open } from 'node:fs/promises';
import { setImmediate } from 'node:timers/promises';
import { isUtf8 } from 'node:buffer';
import type { TextEncoding } from './types';
import { Utf8LineDecoder } from './utf8Lines';

/** What the first bytes of a file say about its encoding. */
export interface EncodingGuess {
  encoding: TextEncoding;
  /** bytes of byte-order mark to skip */
  bomLength: number;
  /** true when a BOM or the NUL pattern decided it, so no further check is needed */
  certain: boolean;
}

// Each chunk is parsed (and, in an import, de-duplicated) in one go while the server waits. Reads
// are 1 MiB while that takes under TURN_MS; files of short records (a megabyte can hold 12,000 of
// them) take longer per megabyte, so their reads shrink until a chunk fits in about one turn.
const CHUNK_BYTES = 1 << 20;
const MIN_CHUNK_BYTES = 32 << 10;
const TURN_MS = 20;

/**
 * Guesses the encoding from the first bytes: BOMs, then the NUL pattern of BOM-less UTF-16,
 * then UTF-8 validity of the sample (a cut multi-byte sequence at the end is forgiven).
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, certain: true };
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, certain: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, certain: true };
  const utf16 = sniffUtf16(head);
  if (utf16) return { encoding: utf16, bomLength: 0, certain: true };
  const valid = isUtf8(head.subarray(0, completeUtf8Length(head)));
  return { encoding: valid ? 'utf-8' : 'windows-1252', bomLength: 0, certain: !valid };
}

/**
 * Mostly-ASCII text in UTF-16 has a NUL in every other byte; binary files have NULs too,
 * but not in one parity only, so demand a clear majority on one side.
 */
function sniffUtf16(head: Uint8Array): TextEncoding | null {
  const n = Math.min(head.length & ~1, 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Length of the prefix of `bytes` that does not end inside a multi-byte UTF-8 sequence. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? end - back : end;
  }
  return end;
}

/** A streaming decoder that hands out pieces of text. */
interface PieceDecoder {
  decode(bytes: Buffer, out: string[]): void;
  end(out: string[]): void;
}

function pieceDecoder(encoding: TextEncoding, strict: boolean): PieceDecoder {
  if (encoding === 'utf-8') return new Utf8LineDecoder(strict);
  const decoder = new TextDecoder(encoding);
  const add = (out: string[], text: string) => void (text && out.push(text));
  return {
    decode: (bytes, out) => add(out, decoder.decode(bytes, { stream: true })),
    end: (out) => add(out, decoder.decode()),
  };
}

/** How decodeFile reads a file. */
export interface DecodeOptions {
  encoding: TextEncoding;
  /** bytes to skip at the start (a byte-order mark) */
  fromByte: number;
  /** UTF-8 only: throw NotUtf8Error at a byte that is not UTF-8 rather than decode it to U+FFFD */
  strict?: boolean;
  onBytes?: (bytesRead: number) => void;
  /** every byte read, in order, before it is decoded (to fingerprint the file without reading it twice) */
  onRaw?: (bytes: Uint8Array) => void;
}

/**
 * Streams a file as decoded text, one batch of pieces per read, reporting bytes read after
 * each. The next read is already under way while the caller parses a batch.
 */
export async function* decodeFile(path: string, { encoding, fromByte, strict = false, onBytes, onRaw }: DecodeOptions): AsyncGenerator<string[]> {
  const decoder = pieceDecoder(encoding, strict);
  const handle = await open(path, 'r');
  let reading: Promise<{ bytesRead: number }> | null = null;
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let spare = Buffer.allocUnsafe(CHUNK_BYTES);
    let position = fromByte;
    let size = CHUNK_BYTES;
    const readNext = () => handle.read(buf, 0, size, position);
    reading = readNext();
    for (;;) {
      const { bytesRead } = await reading;
      reading = null;
      if (bytesRead === 0) break;
      position += bytesRead;
      const filled = buf.subarray(0, bytesRead);
      [buf, spare] = [spare, buf];
      reading = readNext();
      const started = performance.now();
      onRaw?.(filled);
      const pieces: string[] = [];
      decoder.decode(filled, pieces);
      onBytes?.(position);
      if (pieces.length) yield pieces;
      const spent = performance.now() - started;
      size = spent > TURN_MS ? Math.max(MIN_CHUNK_BYTES, size >> 1) : spent < TURN_MS / 4 ? Math.min(CHUNK_BYTES, size << 1) : size;
      // A read that finished while the chunk was parsed resumes us without a turn of the event
      // loop: give other requests (and this import's progress line) their turn between chunks.
      await setImmediate();
    }
    const rest: string[] = [];
    decoder.end(rest);
    if (rest.length) yield rest;
  } finally {
    // a read still under way must end before its file handle closes
    await reading?.catch(() => undefined);
    await handle.close();
  }
}
