import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportParseError, parseFile } from '../../server/records/formats';
import { DATA_DIR as DATA } from '../helpers/data';


function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The text of a file as a reader would see it, decoded independently of the parsers. */
function rawText(path: string): string {
  const bytes = readFileSync(path);
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return utf8.includes('\uFFFD') ? new TextDecoder('windows-1252').decode(bytes) : utf8.replace(/^\uFEFF/, '');
}

/** Data rows of a CSV counted with a tiny quote-aware scanner (not papaparse, which the importer uses). */
function csvDataRows(text: string): number {
  let rows = 0;
  let quoted = false;
  let rowHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (rowHasContent) rows++;
      rowHasContent = false;
    } else rowHasContent = true;
  }
  if (rowHasContent) rows++;
  return rows - 1; // header
}

type Family = 'ris' | 'nbib' | 'wos' | 'refer' | 'bibtex' | 'endnote-xml' | 'csv';

/** What each file is, judged by a simple look at its text, and how many records it holds by counting markers. */
function expectation(path: string, text: string): { format: Family; count: number } | null {
  if (/\.(csv|tsv)$/i.test(path)) return { format: 'csv', count: csvDataRows(text) };
  if (/\.xml$/i.test(path)) return { format: 'endnote-xml', count: (text.match(/<record>/g) ?? []).length };
  if (/\.bib$/i.test(path)) {
    return { format: 'bibtex', count: (text.match(/^\s*@(?!comment|string|preamble)[A-Za-z]+\s*[{(]/gim) ?? []).length };
  }
  if (/^TY {2}-/m.test(text)) return { format: 'ris', count: (text.match(/^ER {2}-/gm) ?? []).length };
  if (/^PMID- /m.test(text)) return { format: 'nbib', count: (text.match(/^PMID- /gm) ?? []).length };
  if (/^(FN |PT J$)/m.test(text)) return { format: 'wos', count: (text.match(/^ER\s*$/gm) ?? []).length };
  if (/^%T /m.test(text)) return { format: 'refer', count: text.split(/\r?\n\s*\r?\n/).filter((b) => /^%\S/m.test(b)).length };
  return null;
}

/** CSV files in the data folder that are result tables, not records: they must be refused. */
const NOT_RECORDS = /radjenovic_2013\/(data_descriptives|metrics_.*)\.csv$/;

const files = walk(DATA)
  .filter((p) => /\.(ris|txt|nbib|bib|xml|csv|tsv|ciw)$/i.test(p) && !/README|LICENSE|results_README/i.test(p))
  .sort();

describe('every export in ../shared/data', () => {
  it('finds the data folder', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  for (const path of files) {
    const name = relative(DATA, path);
    const text = rawText(path);
    const expected = expectation(path, text);
    if (NOT_RECORDS.test(name)) {
      it(`${name} is refused as not a list of records`, async () => {
        await expect(parseFile(path)).rejects.toBeInstanceOf(ImportParseError);
      });
      continue;
    }
    if (!expected) continue;
    it(`${name}: ${expected.count} ${expected.format} records`, async () => {
      const result = await parseFile(path);
      expect(result.format).toBe(expected.format);
      expect(result.records).toHaveLength(expected.count);
      for (const rec of result.records) expect(rec.line).toBeGreaterThan(0);
    });
  }
});

describe('non-ASCII titles survive exactly', () => {
  const cases: [string, string][] = [
    [
      'synthesisr_revtools/ASP_ris_example.ris',
      '“Living on the edge”: The role of field margins for common vole (Microtus arvalis) populations in recently colonised Mediterranean farmland.',
    ],
    ['synthesisr_revtools/ASP_ris_example.ris', '2ZGK-6 型可调宽窄行高速水稻插秧机设计与试验.'],
    ['synthesisr_revtools/ASP_ris_example.ris', '£330,000 Welsh farmer scheme helps reduce flooding.'],
    ['asysd/endnote_export_first5records.xml', '[Aplasia of the Müllerian duct and endometritis in a cocker spaniel]'],
    ['asysd/mendeley_export.xml', 'Prevalence and characterization of middle ear effusion in 55\u2005brachycephalic dogs.'],
    ['dimitrov_snhl/search_returns/scopus.csv', 'Lifestyle and dietary interventions for Ménière’s disease'],
  ];
  for (const [file, title] of cases) {
    it(`${file}: ${title.slice(0, 40)}`, async () => {
      const { records } = await parseFile(join(DATA, file));
      expect(records.map((r) => r.title)).toContain(title);
    });
  }

  it('keeps non-ASCII author names (U+2010 hyphen, accents)', async () => {
    const { records } = await parseFile(join(DATA, 'citesource_wildfire/envindex_100.ris'));
    expect(records[0].authors[0]).toBe('Grau\u2010Andrés, Roger');
  });

  it('decodes the cp1252 ASySD set (© in abstracts)', async () => {
    const { encoding, records } = await parseFile(join(DATA, 'asysd/labelled_test_set.csv'));
    expect(encoding).toBe('windows-1252');
    const rec = records.find((r) => r.sourceId === '699');
    expect(rec?.abstract).toContain('© 2008 Lipp');
  });
});

describe('fields of real records', () => {
  it('reads EndNote RIS continuation lines as keywords (ASReview issue 992)', async () => {
    const { records } = await parseFile(join(DATA, 'asreview_testdata/demo_data/ris_issue_992.txt'));
    expect(records[0].keywords.slice(0, 3)).toEqual(['Health Facility Administration', 'Joint Commission', 'Standards']);
  });

  it('joins multi-line RIS values and keeps Ovid record numbers out', async () => {
    const { records } = await parseFile(join(DATA, 'rispy/example_multiline.ris'));
    expect(records[1].abstract).toBe('first line,\nER then second line and at the end\nthe last line');
    expect(records[1].notes).toBe('first line\n* second line\n* last line');
  });

  it('reads MEDLINE wrapped lines, full author names, DOI and PMID', async () => {
    const { records } = await parseFile(join(DATA, 'pubmed_medline/p1m-ortho_citations.nbib'));
    const rec = records[0];
    expect(rec.pmid).toBe('30514039');
    expect(rec.doi).toBe('10.3969/j.issn.1003-0034.2018.11.004');
    expect(rec.authors[0]).toBe('Lai, Zhen');
    expect(rec.abstract).not.toMatch(/\s{2}/);
  });

  it('splits BibTeX authors and strips LaTeX case braces', async () => {
    const { records } = await parseFile(join(DATA, 'asysd/zotero_export.bib'));
    expect(records[0].title).toBe('Microangiography of the humeral condyle in Cocker Spaniel and non-Cocker Spaniel dogs');
    expect(records[0].authors).toEqual(['Larsen, LJ', 'Roush, JK', 'McLaughlin, RM', 'Cash, WC']);
  });

  it('maps Scopus, PubMed, IEEE and Embase CSV headers', async () => {
    const scopus = (await parseFile(join(DATA, 'dimitrov_snhl/search_returns/scopus.csv'))).records[0];
    expect([scopus.journal, scopus.doi, scopus.authors]).toEqual(['Brain Sciences', '10.3390/brainsci13111606', ['Abbott N.', 'Love T.']]);
    const pubmed = (await parseFile(join(DATA, 'dimitrov_snhl/search_returns/medline.csv'))).records[0];
    expect([pubmed.pmid, pubmed.journal, pubmed.authors.length]).toEqual(['28685503', 'Cochrane Database Syst Rev', 6]);
    const ieee = (await parseFile(join(DATA, 'dimitrov_snhl/search_returns/ieee.csv'))).records[0];
    expect([ieee.pages, ieee.year]).toEqual(['725-729', 2018]);
    const embase = (await parseFile(join(DATA, 'asreview_testdata/demo_data/embase.csv'))).records[0];
    expect([embase.journal, embase.year, embase.volume, embase.issue, embase.pages]).toEqual(['Endoscopic Ultrasound', 2014, '3', '3', '152-160']);
  });

  it('reads semicolon- and tab-separated files alike', async () => {
    const semi = await parseFile(join(DATA, 'asreview_testdata/demo_data/generic_semicolon.csv'));
    const tab = await parseFile(join(DATA, 'asreview_testdata/demo_data/generic_tab.tsv'));
    expect(semi.records.map((r) => r.title)).toEqual(tab.records.map((r) => r.title));
    expect(semi.records[0].title).not.toBe('');
  });

  it('gives the line each CSV record starts on, across multi-line cells', async () => {
    const path = join(DATA, 'asreview_datasets/Kitchenham_2010.csv');
    const lines = rawText(path).split(/\r\n|\n/);
    const { records } = await parseFile(path);
    for (const rec of [records[1], records[500], records[1703]]) {
      expect(lines[rec.line - 1].startsWith(`${rec.sourceId},`)).toBe(true);
    }
  });
});
