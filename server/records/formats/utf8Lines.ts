import { isAscii } from 'node:buffer';
import { NotUtf8Error } from './types';

const BLOCK = 1024;

/**
 * Decodes UTF-8 in pieces that end at line ends, taking a fast path for ASCII. Most of a search
 * export is ASCII, and V8 makes a one-byte string from ASCII bytes several times faster than it
 * decodes UTF-8 (parsing a one-byte string is faster too). Bytes are checked in 1 KiB blocks:
 * lines touched by a non-ASCII block go through the UTF-8 decoder, the lines between them are
 * read as latin1, which is the same text for ASCII. Cuts fall only after a line feed, never
 * inside a multi-byte sequence, so the pieces join to exactly what decoding the whole file gives.
 * A strict decoder throws NotUtf8Error at the first byte that is not UTF-8 instead of writing U+FFFD:
 * the ASCII check and the decoder see every byte, so this validates the file on the way.
 */
export class Utf8LineDecoder {
  private readonly decoder: TextDecoder;
  /** bytes after the last line feed so far: the start of a line the next bytes finish */
  private carry: Buffer | null = null;

  constructor(strict = false) {
    this.decoder = new TextDecoder('utf-8', { fatal: strict });
  }

  /** Decodes the next bytes of the stream (which the caller may then reuse) into `out`. */
  decode(bytes: Buffer, out: string[]): void {
    const last = bytes.lastIndexOf(10);
    if (last < 0) {
      this.carry = this.carry ? Buffer.concat([this.carry, bytes]) : Buffer.from(bytes);
      return;
    }
    let from = 0;
    if (this.carry) {
      from = bytes.indexOf(10) + 1;
      out.push(this.utf8(Buffer.concat([this.carry, bytes.subarray(0, from)])));
      this.carry = null;
    }
    if (last + 1 < bytes.length) this.carry = Buffer.from(bytes.subarray(last + 1));
    this.decodeLines(bytes, from, last + 1, out);
  }

  /** The last line, when the stream does not end with a line feed. */
  end(out: string[]): void {
    if (this.carry) out.push(this.utf8(this.carry));
    this.carry = null;
  }

  /** Only a strict (fatal) decoder throws. */
  private utf8(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      throw new NotUtf8Error();
    }
  }

  /** Decodes whole lines `from`..`to` (which ends just after a line feed). */
  private decodeLines(bytes: Buffer, from: number, to: number, out: string[]): void {
    let done = from;
    let at = from;
    while (at < to) {
      if (isAscii(bytes.subarray(at, Math.min(to, at + BLOCK)))) {
        at += BLOCK;
        continue;
      }
      let runEnd = Math.min(to, at + BLOCK);
      while (runEnd < to && !isAscii(bytes.subarray(runEnd, Math.min(to, runEnd + BLOCK)))) runEnd = Math.min(to, runEnd + BLOCK);
      const lineStart = at > done ? Math.max(done, bytes.lastIndexOf(10, at - 1) + 1) : done;
      const lineEnd = bytes.indexOf(10, runEnd - 1) + 1;
      if (lineStart > done) out.push(bytes.toString('latin1', done, lineStart));
      out.push(this.utf8(bytes.subarray(lineStart, lineEnd)));
      done = lineEnd;
      at = lineEnd;
    }
    if (to > done) out.push(bytes.toString('latin1', done, to));
  }
}
