/** decodeFile sizes its reads so that parsing one chunk holds the event loop for about one turn. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../server/records/formats/encoding';

const dir = mkdtempSync(join(tmpdir(), 'coreview-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Blocks the thread as a slow parser would. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('decodeFile read sizes', () => {
  it('shrinks reads while each chunk takes longer than a turn, and grows them again when parsing is quick', async () => {
    // short records, as in a titles-only export: a megabyte holds thousands of them
    const text = Array.from({ length: 120_000 }, (_, i) => `TY  - JOUR\nTI  - Record ${i}\nER  - \n`).join('');
    const path = join(dir, 'short.ris');
    writeFileSync(path, text);
    const reads: number[] = [];
    let last = 0;
    let chunks = 0;
    let decoded = '';
    for await (const pieces of decodeFile(path, { encoding: 'utf-8', fromByte: 0, onBytes: (at) => (reads.push(at - last), (last = at)) })) {
      decoded += pieces.join('');
      // the first five chunks are slow to parse, the rest quick
      if (++chunks <= 5) busy(30);
    }
    expect(decoded).toBe(text);
    expect(reads[0]).toBe(1 << 20);
    // one read is already under way when a slow chunk is seen: sizes halve from the third read on
    expect(reads.slice(2, 6)).toEqual([1 << 19, 1 << 18, 1 << 17, 1 << 16]);
    const smallest = Math.min(...reads.slice(0, -1));
    expect(Math.max(...reads.slice(reads.indexOf(smallest)))).toBeGreaterThan(smallest);
  });
});
