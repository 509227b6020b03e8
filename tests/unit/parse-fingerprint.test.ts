/**
 * parseFile fingerprints the file on its own read (no second read for the repeated-import check):
 * the SHA-256 of every byte, byte-order mark included, also when a file that starts as UTF-8 turns
 * out to be cp1252 and is read again, and for files larger than one read.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../server/records/formats';
import { DATA_DIR } from '../helpers/data';

const dir = mkdtempSync(join(tmpdir(), 'coreview-fingerprint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the fingerprint of an imported file', () => {
  it('is the SHA-256 of the whole file, byte-order mark included', async () => {
    for (const rel of ['rispy/example_bom.ris', 'asysd/zotero_export.bib', 'asysd/endnote_export_first5records.xml', 'pubmed_medline/p1m-ortho_citations.nbib']) {
      const path = join(DATA_DIR, rel);
      expect((await parseFile(path, { fingerprint: true })).sha256, rel).toBe(sha256(path));
    }
  });

  it('covers the whole file when a UTF-8 start turns out to be cp1252 part way (read twice)', async () => {
    // 3 MB of ASCII records (several reads), then one record with a cp1252 byte
    const record = (i: number, title: string) => `TY  - JOUR\nTI  - ${title} ${i}\nER  - \n\n`;
    const ascii = Array.from({ length: 40_000 }, (_, i) => record(i, 'An ordinary title of a record')).join('');
    const path = join(dir, 'late-cp1252.ris');
    writeFileSync(path, Buffer.concat([Buffer.from(ascii), Buffer.from(record(40_000, 'Caf\xe9'), 'latin1')]));
    let restarts = 0;
    let records = 0;
    const parsed = await parseFile(path, { fingerprint: true, onRecord: () => records++, onRestart: () => ((restarts += 1), (records = 0)) });
    expect(restarts).toBe(1);
    expect(parsed.encoding).toBe('windows-1252');
    expect(records).toBe(40_001);
    expect(parsed.sha256).toBe(sha256(path));
  });

  it('tells two files apart that differ in one byte', async () => {
    const a = join(dir, 'a.ris');
    const b = join(dir, 'b.ris');
    writeFileSync(a, 'TY  - JOUR\nTI  - Same title\nER  - \n');
    writeFileSync(b, 'TY  - JOUR\nTI  - Same titlf\nER  - \n');
    expect((await parseFile(a, { fingerprint: true })).sha256).not.toBe((await parseFile(b, { fingerprint: true })).sha256);
    // and costs nothing when not asked for
    expect((await parseFile(a)).sha256).toBeNull();
  });
});
