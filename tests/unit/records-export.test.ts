import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { risType, toCsv, toRis } from '../../server/records/export';
import { parseFile } from '../../server/records/formats';
import type { ParsedRecord } from '../../shared/records';
import { DATA_DIR as DATA } from '../helpers/data';

const dir = mkdtempSync(join(tmpdir(), 'coreview-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A record without its source line, which a re-export cannot keep. */
function comparable(rec: ParsedRecord): Omit<ParsedRecord, 'line'> {
  const { line: _line, ...rest } = rec;
  return rest;
}

async function reparse(text: string, ext: string): Promise<ParsedRecord[]> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.${ext}`);
  writeFileSync(path, text);
  return (await parseFile(path)).records;
}

describe('RIS round trip: parse → toRis → parse gives the same records', () => {
  const files = [
    'asysd/zotero_export.ris',
    'citesource_wildfire/lens_343.ris',
    'citesource_wildfire/wos_278.ris',
    'asreview_testdata/demo_data/_baseline.ris',
    'asreview_testdata/demo_data/baseline_tag-notes_labels.ris',
    'asreview_testdata/demo_data/ovid_psycinfo.ris',
    'asreview_datasets/van_de_Schoot_2017_PTSD/schoot-lgmm-ptsd-included-1.ris',
    'rayyan/rayyanR/tinea_update.ris',
    'synthesisr_revtools/ASP_ris_example.ris',
    'asreview_testdata/demo_data/ris_many_authors.ris',
  ];
  for (const file of files) {
    it(file, async () => {
      const original = (await parseFile(join(DATA, file))).records;
      const again = await reparse(toRis(original), 'ris');
      // TY is written as a RIS code; the originals here already use codes
      expect(again.map(comparable)).toEqual(original.map((r) => ({ ...comparable(r), type: risType(r.type) })));
    });
  }

  it('writes every author on its own AU line and notes as N1', () => {
    const [rec] = [
      {
        title: 'T', abstract: 'A\nB', authors: ['Smith, J', 'Doe, K'], year: 2020, journal: 'J', volume: '1', issue: '2',
        pages: '3-9', doi: '10.1/x', pmid: '123', keywords: ['k1', 'k2'], url: '', type: 'article', language: '',
        sourceId: 'key1', notes: 'line one\nline two', priorLabels: [], line: 1,
      } satisfies ParsedRecord,
    ];
    const text = toRis([rec]);
    expect(text.split('\r\n')).toEqual([
      'TY  - JOUR', 'TI  - T', 'AU  - Smith, J', 'AU  - Doe, K', 'PY  - 2020', 'T2  - J', 'VL  - 1', 'IS  - 2',
      'SP  - 3', 'EP  - 9', 'AB  - A', 'AB  - B', 'KW  - k1', 'KW  - k2', 'DO  - 10.1/x', 'AN  - 123', 'ID  - key1',
      'N1  - line one', 'N1  - line two', 'ER  - ', '', '',
    ]);
  });

  it('keeps ASReview labels read from a CSV column, as ASReview notes', async () => {
    const original = (await parseFile(join(DATA, 'asreview_testdata/demo_data/generic_labels.csv'))).records;
    expect(original.filter((r) => r.priorLabels.length).length).toBeGreaterThan(0);
    const again = await reparse(toRis(original), 'ris');
    expect(again.map((r) => r.priorLabels.map((l) => [l.tool, l.label]))).toEqual(original.map((r) => r.priorLabels.map((l) => [l.tool, l.label])));
    // and a RIS that already says it is not told twice
    const twice = await reparse(toRis(again), 'ris');
    expect(twice.map((r) => r.notes)).toEqual(again.map((r) => r.notes));
  });

  it('accepts any iterable, such as a generator over a database cursor', async () => {
    const original = (await parseFile(join(DATA, 'pubmed_medline/p1m-ortho_citations.nbib'))).records;
    function* rows(): Generator<ParsedRecord> {
      yield* original;
    }
    const again = await reparse(toRis(rows()), 'ris');
    expect(again.map((r) => [r.title, r.pmid, r.doi, r.authors])).toEqual(original.map((r) => [r.title, r.pmid, r.doi, r.authors]));
  });
});

describe('CSV round trip: parse → toCsv → parse gives the same records', () => {
  const files = [
    'rayyan/accident_prone_locations/articles.csv',
    'dimitrov_snhl/search_returns/scopus.csv',
    'dimitrov_snhl/search_returns/medline.csv',
    'asreview_testdata/demo_data/generic_labels.csv',
    'asreview_datasets/Kitchenham_2010.csv',
  ];
  for (const file of files) {
    it(file, async () => {
      const original = (await parseFile(join(DATA, file))).records;
      const again = await reparse(toCsv(original), 'csv');
      expect(again.map(comparable)).toEqual(original.map(comparable));
    });
  }

  it('carries RIS records into CSV without loss', async () => {
    const original = (await parseFile(join(DATA, 'citesource_wildfire/medline_84.ris'))).records;
    const again = await reparse(toCsv(original), 'csv');
    expect(again.map(comparable)).toEqual(original.map(comparable));
  });

  it('keeps keywords that hold a ";" whole, and plain ones in the usual "a; b" form', async () => {
    const rec = (keywords: string[]): ParsedRecord => ({
      title: `Keywords ${keywords.length}`, abstract: '', authors: [], year: null, journal: '', volume: '', issue: '',
      pages: '', doi: null, pmid: null, keywords, url: '', type: '', language: '', sourceId: '', notes: '', priorLabels: [], line: 1,
    });
    const records = [rec(['Smoke; wildfire', 'Sleep quality', 'Cohort; prospective']), rec(['Sleep', 'Smoke'])];
    const csv = toCsv(records);
    expect(csv).toContain(',Sleep; Smoke,');
    const again = await reparse(csv, 'csv');
    expect(again.map((r) => r.keywords)).toEqual([['Smoke; wildfire', 'Sleep quality', 'Cohort; prospective'], ['Sleep', 'Smoke']]);
  });

  it('defuses spreadsheet formulas in cells', () => {
    const csv = toCsv([
      {
        title: '=HYPERLINK("http://evil")', abstract: '', authors: [], year: null, journal: '', volume: '', issue: '',
        pages: '', doi: null, pmid: null, keywords: [], url: '', type: '', language: '', sourceId: '', notes: '',
        priorLabels: [], line: 1,
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('gives back cells that start with = + - @ as they were, without the safety quote', async () => {
    const base: ParsedRecord = {
      title: '', abstract: '', authors: [], year: null, journal: '', volume: '', issue: '',
      pages: '', doi: null, pmid: null, keywords: [], url: '', type: '', language: '', sourceId: '', notes: '', priorLabels: [], line: 1,
    };
    const records = [
      { ...base, title: '=SUM(A1) is not a formula', abstract: '- Background: smoke\n- Methods: cohort', authors: ['@handle, A'] },
      { ...base, title: "+Plus and 'quoted' words", abstract: "'Quoted' at the start stays", notes: '-' },
    ];
    const csv = toCsv(records);
    expect(csv).toContain("'=SUM(A1)");
    expect(csv).toContain("'- Background");
    const again = await reparse(csv, 'csv');
    expect(again.map((r) => [r.title, r.abstract, r.authors, r.notes])).toEqual(records.map((r) => [r.title, r.abstract, r.authors, r.notes]));
  });
});
