import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportParseError, parseFile, type SourceFormat } from '../../server/records/formats';
import { DATA_DIR as DATA } from '../helpers/data';

const dir = mkdtempSync(join(tmpdir(), 'coreview-broken-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function temp(content: string | Uint8Array, ext: string): string {
  const path = join(dir, `f${++n}.${ext}`);
  writeFileSync(path, content);
  return path;
}

async function parseError(path: string, format?: SourceFormat): Promise<ImportParseError> {
  try {
    await parseFile(path, { format });
  } catch (err) {
    if (err instanceof ImportParseError) return err;
    throw err;
  }
  throw new Error(`${path} was accepted`);
}

/** 1-based line of the first line matching `re` at or before `upTo` characters, counted on the text itself. */
function lineOfLast(text: string, re: RegExp, upTo: number): number {
  const head = text.slice(0, upTo);
  let last = -1;
  for (const m of head.matchAll(new RegExp(re.source, 'gm'))) last = m.index ?? -1;
  return head.slice(0, last).split(/\r\n|\r|\n/).length;
}

describe('truncated files are refused with the line of the cut record', () => {
  it('RIS cut in the middle of a record', async () => {
    const text = readFileSync(join(DATA, 'citesource_wildfire/wos_278.ris'), 'utf8').replace(/^\uFEFF/, '');
    const cut = Math.floor(text.length * 0.6);
    const err = await parseError(temp(text.slice(0, cut), 'ris'));
    expect(err.line).toBe(lineOfLast(text, /^TY {2}-/, cut));
    expect(err.message).toMatch(/truncated/);
  });

  it('EndNote XML cut inside a <record>', async () => {
    const text = readFileSync(join(DATA, 'asysd/endnote_export_first5records.xml'), 'utf8');
    const cut = text.lastIndexOf('<record>') + 200;
    const err = await parseError(temp(text.slice(0, cut), 'xml'));
    expect(err.line).toBe(lineOfLast(text, /^\s*<record>/, cut));
  });

  it('EndNote XML cut between records (no closing </records>)', async () => {
    const text = readFileSync(join(DATA, 'asysd/endnote_export_first5records.xml'), 'utf8');
    const cut = text.indexOf('</record>') + '</record>'.length;
    const err = await parseError(temp(text.slice(0, cut), 'xml'));
    expect(err.message).toMatch(/truncated/);
  });

  it('BibTeX cut inside an entry', async () => {
    const text = readFileSync(join(DATA, 'asysd/zotero_export.bib'), 'utf8');
    const cut = Math.floor(text.length / 2);
    const err = await parseError(temp(text.slice(0, cut), 'bib'));
    expect(err.line).toBe(lineOfLast(text, /^@/, cut));
  });

  it('CSV cut inside a quoted multi-line cell', async () => {
    const text = readFileSync(join(DATA, 'asreview_datasets/Kitchenham_2010.csv'), 'utf8');
    const quoted = text.indexOf(',"', 5000);
    const cut = quoted + 40;
    const err = await parseError(temp(text.slice(0, cut), 'csv'));
    expect(err.line).toBe(text.slice(0, quoted).split(/\r\n|\n/).length);
    expect(err.message).toMatch(/never closed/);
  });
});

describe('files that are not records', () => {
  it('0-byte file', async () => {
    const err = await parseError(temp('', 'ris'));
    // line 0: the whole file, so the page shows no "Line 1:" in front
    expect([err.line, err.message]).toEqual([0, 'The file is empty (0 bytes).']);
  });

  it('binary garbage', async () => {
    let seed = 42;
    const bytes = Uint8Array.from({ length: 50_000 }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24) & 255);
    const err = await parseError(temp(bytes, 'ris'));
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.message).toMatch(/binary/);
  });

  it('a ZIP archive such as an ASReview project', async () => {
    const err = await parseError(join(DATA, 'asreview_testdata/project_exports/asreview-demo-project.asreview'));
    expect(err.message).toMatch(/ZIP/);
  });

  it('plain prose with no records', async () => {
    const err = await parseError(temp('Dear reviewer,\nplease find the search results attached.\n', 'ris'));
    expect(err.line).toBe(0);
    expect(err.message).toMatch(/No RIS records/);
  });

  it('a CSV of numbers without bibliographic columns', async () => {
    const err = await parseError(join(DATA, 'radjenovic_2013/metrics_multiple_models_asreview1.2.csv'));
    expect(err.message).toMatch(/no title, abstract, DOI or PMID column/);
  });
});

describe('a file that is not the declared format', () => {
  // the line is the error's own (the page puts "Line N:" in front); null: some line from 1 on
  const cases: [string, SourceFormat, RegExp, number | null][] = [
    ['asysd/zotero_export.ris', 'bibtex', /^The file was declared as BibTeX, but this line looks like RIS\.$/, 1],
    ['asysd/zotero_export.bib', 'ris', /^The file was declared as RIS, but this line looks like BibTeX\.$/, null],
    ['pubmed_medline/p1m-ortho_citations.nbib', 'csv', /^The file was declared as CSV, but this line looks like PubMed MEDLINE\.$/, 2],
    ['rayyan/accident_prone_locations/articles.csv', 'endnote-xml', /^The file was declared as EndNote XML, but this line looks like CSV\.$/, 1],
  ];
  for (const [file, declared, message, line] of cases) {
    it(`${file} declared as ${declared}`, async () => {
      const err = await parseError(join(DATA, file), declared);
      expect(err.message).toMatch(message);
      if (line === null) expect(err.line).toBeGreaterThanOrEqual(1);
      else expect(err.line).toBe(line);
    });
  }

  it('accepts the declared format when it is right', async () => {
    const result = await parseFile(join(DATA, 'asysd/zotero_export.ris'), { format: 'ris' });
    expect(result.records).toHaveLength(1000);
  });
});

describe('recoverable oddities become problems, not failures', () => {
  it('unknown RIS tags are reported once each, with their line', async () => {
    const { problems, records } = await parseFile(join(DATA, 'rispy/example_multi_unknown_tags.ris'));
    expect(records).toHaveLength(1);
    expect(problems).toEqual([
      { line: 8, message: 'Unknown RIS tag JP: its lines were left out of the records (reported once).' },
      { line: 9, message: 'Unknown RIS tag DC: its lines were left out of the records (reported once).' },
    ]);
  });

  it('a record without a title is kept and reported', async () => {
    const { problems, records } = await parseFile(join(DATA, 'rispy/example_bom.ris'));
    expect(records[0].doi).toBe('10.1186/s40981-020-0316-0');
    expect(problems).toEqual([{ line: 1, message: 'This record has no title.' }]);
  });

  it('Ovid lines after ER are reported and ignored', async () => {
    const { problems, records } = await parseFile(join(DATA, 'asreview_testdata/demo_data/ovid_psycinfo.ris'));
    expect(records).toHaveLength(6);
    expect(problems.some((p) => /^A line outside any record \(tag NL, before a "TY {2}-" line starts a record\) was ignored\.$/.test(p.message))).toBe(true);
  });
});

describe('encodings', () => {
  const source = readFileSync(join(DATA, 'synthesisr_revtools/ASP_ris_example.ris'), 'utf8');

  async function titlesOf(bytes: Uint8Array): Promise<string[]> {
    return (await parseFile(temp(bytes, 'ris'))).records.map((r) => r.title);
  }

  it('UTF-16 LE and BE, with and without BOM, read like UTF-8', async () => {
    const expected = (await parseFile(join(DATA, 'synthesisr_revtools/ASP_ris_example.ris'))).records.map((r) => r.title);
    const le = Buffer.from(source, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(await titlesOf(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual(expected);
    expect(await titlesOf(le)).toEqual(expected);
    expect(await titlesOf(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual(expected);
    expect(await titlesOf(be)).toEqual(expected);
  });

  it('a cp1252 byte far past the first chunk still decodes the whole file as cp1252', async () => {
    const filler = 'TY  - JOUR\nTI  - Plain ASCII record\nER  - \n\n'.repeat(8000);
    const tail = Buffer.from('TY  - JOUR\nTI  - Caf\xe9 \x93quoted\x94 title\nER  - \n', 'latin1');
    const path = temp(Buffer.concat([Buffer.from(filler, 'ascii'), tail]), 'ris');
    const result = await parseFile(path);
    expect(result.encoding).toBe('windows-1252');
    expect(result.records.at(-1)?.title).toBe('Café “quoted” title');
    expect(result.records).toHaveLength(8001);
  });

  it('a cp1252 byte megabytes in, after records were handed out, starts the stream over as cp1252', async () => {
    const filler = Array.from({ length: 50_000 }, (_, i) => `TY  - JOUR\nTI  - Plain ASCII record ${i}\nER  - \n\n`).join('');
    const tail = Buffer.from('TY  - JOUR\nTI  - Caf\xe9 \x93quoted\x94 title\nER  - \n', 'latin1');
    const bytes = Buffer.concat([Buffer.from(filler, 'ascii'), tail]);
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const got: string[] = [];
    let restarts = 0;
    let seenBeforeRestart = 0;
    const result = await parseFile(temp(bytes, 'ris'), {
      onRecord: (r) => got.push(r.title),
      onRestart: () => {
        restarts++;
        seenBeforeRestart = got.length;
        got.length = 0;
      },
    });
    expect(result.encoding).toBe('windows-1252');
    expect(restarts).toBe(1);
    expect(seenBeforeRestart).toBeGreaterThan(10_000); // records had been handed out already
    expect(got).toHaveLength(50_001);
    expect(got[0]).toBe('Plain ASCII record 0');
    expect(got.at(-1)).toBe('Café “quoted” title');
  });

  it('a CSV export that stops being UTF-8 megabytes in is read again as cp1252', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `"Plain ASCII title ${i}",2020,"10.1000/x${i}"`).join('\n');
    const bytes = Buffer.concat([Buffer.from(`Title,Year,DOI\n${rows}\n`, 'ascii'), Buffer.from('"Caf\xe9 \x93quoted\x94 title",2021,\n', 'latin1')]);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    let restarts = 0;
    const titles: string[] = [];
    const result = await parseFile(temp(bytes, 'csv'), {
      onRecord: (r) => titles.push(r.title),
      onRestart: () => {
        restarts++;
        titles.length = 0;
      },
    });
    expect(result).toMatchObject({ format: 'csv', encoding: 'windows-1252' });
    expect(restarts).toBe(1);
    expect(titles).toHaveLength(40_001);
    expect(titles.at(-1)).toBe('Café “quoted” title');
  });

  it('a valid UTF-8 file is read once, without a restart', async () => {
    let restarts = 0;
    const result = await parseFile(join(DATA, 'citesource_wildfire/wos_278.ris'), { onRecord: () => undefined, onRestart: () => restarts++ });
    expect(result.encoding).toBe('utf-8');
    expect(restarts).toBe(0);
  });

  it('reports progress in bytes up to the file size', async () => {
    const path = join(DATA, 'asysd/zotero_export.ris');
    const seen: [number, number][] = [];
    await parseFile(path, { onProgress: (read, total) => seen.push([read, total]) });
    const [read, total] = seen.at(-1) ?? [0, 0];
    expect(read).toBe(total);
    expect(total).toBe(readFileSync(path).length);
  });

  it('streams records to onRecord without collecting them', async () => {
    const got: string[] = [];
    const result = await parseFile(join(DATA, 'pubmed_medline/p1m-ortho_citations.nbib'), { onRecord: (r) => got.push(r.pmid ?? ''), onRestart: () => (got.length = 0) });
    expect(result.records).toEqual([]);
    expect(got).toHaveLength(200);
  });
});

describe('a year that is not a year is reported, in every format', () => {
  const cases: [string, string, string, number][] = [
    ['ris', 'TY  - JOUR\nTI  - Smoke\nPY  - 10 15\nER  - \n\nTY  - JOUR\nTI  - Fire\nPY  - 2019///\nER  - \n', '10 15', 1],
    ['nbib', 'PMID- 1\nTI  - Smoke\nDP  - Spring\n\nPMID- 2\nTI  - Fire\nDP  - 2013 Dec\n', 'Spring', 1],
    ['bib', '@article{a,\n  title = {Smoke},\n  year = {n.d.}\n}\n@article{b,\n  title = {Fire},\n  year = {2020}\n}\n', 'n.d.', 1],
    ['csv', 'title,year\nSmoke,forthcoming\nFire,2021\n', 'forthcoming', 2],
    ['xml', '<xml><records><record><titles><title>Smoke</title></titles><dates><year>in press</year></dates></record><record><titles><title>Fire</title></titles><dates><year>2018</year></dates></record></records></xml>', 'in press', 1],
  ];
  for (const [ext, text, raw, line] of cases) {
    it(ext, async () => {
      const r = await parseFile(temp(text, ext));
      expect(r.records.map((x) => x.year)).toEqual([null, expect.any(Number)]);
      expect(r.problems).toEqual([{ line, message: `The year "${raw}" could not be read as a year; the record was imported without one.` }]);
    });
  }
  it('the real file from ASReview’s tests', async () => {
    const r = await parseFile(join(DATA, 'asreview_testdata/demo_data/faulty_year.ris'));
    expect(r.problems).toEqual([{ line: 1, message: 'The year "10 15" could not be read as a year; the record was imported without one.' }]);
  });
});
