/** The ASCII fast path of the UTF-8 decoder gives exactly the text a plain decoder gives. */
import { describe, expect, it } from 'vitest';
import { Utf8LineDecoder } from '../../server/records/formats/utf8Lines';
import { prng } from '../helpers/random';

const WORDS = ['TY  - JOUR', 'AB  - ', 'Müller', 'Ωmega', '中文', '😀', 'plain ascii text', '\r\n', '\n', '\n\n', '\r', ' ', 'x'.repeat(1500), 'é'];

function decodeInChunks(bytes: Buffer, cuts: number[]): string[] {
  const decoder = new Utf8LineDecoder();
  const pieces: string[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    // the caller reuses its read buffer: hand over a copy and scribble on it afterwards
    const chunk = Buffer.from(bytes.subarray(at, cut));
    decoder.decode(chunk, pieces);
    chunk.fill(0x41);
    at = cut;
  }
  decoder.end(pieces);
  return pieces;
}

describe('Utf8LineDecoder', () => {
  it('joins to the plain decoding for mixed text cut anywhere, even inside a multi-byte character', () => {
    const random = prng(7);
    for (let trial = 0; trial < 300; trial++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 400) }, () => WORDS[Math.floor(random() * WORDS.length)]).join('');
      const bytes = Buffer.from(text, 'utf8');
      const cuts = Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * bytes.length)).sort((a, b) => a - b);
      const pieces = decodeInChunks(bytes, cuts);
      expect(pieces.join('')).toBe(text);
      // every piece but the last ends a line, so a line splitter never has to glue pieces together
      for (const piece of pieces.slice(0, -1)) expect(piece.endsWith('\n')).toBe(true);
    }
  });

  it('decodes invalid bytes to U+FFFD where a plain decoder does', () => {
    const bytes = Buffer.concat([Buffer.from('TI  - ok\nTI  - bad '), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(' end\n'), Buffer.from('x'.repeat(3000)), Buffer.from([0xe2, 0x82])]);
    expect(decodeInChunks(bytes, [10, 2000]).join('')).toBe(new TextDecoder().decode(bytes));
  });

  it('reads ASCII lines as one-byte text and only the lines around other characters as UTF-8', () => {
    const ascii = 'TI  - plain\n'.repeat(500);
    const pieces = decodeInChunks(Buffer.from(`${ascii}AU  - Müller\n${ascii}`, 'utf8'), []);
    expect(pieces.join('')).toBe(`${ascii}AU  - Müller\n${ascii}`);
    expect(pieces.length).toBe(3);
    expect(pieces[1]).toMatch(/^(TI {2}- plain\n)*AU {2}- Müller\n(TI {2}- plain\n)*$/);
    expect(pieces[1].length).toBeLessThan(2 * 1024 + 100);
  });
});
